import MelixNumerics

/// A fitted classical model (linear, logistic, k-NN) with its configuration: what a
/// checkpoint restores. It predicts and evaluates exactly as `ClassicalModel` does with
/// the same fitted state.
public struct ClassicalState: Sendable {
  /// The hyper-parameters.
  public let configuration: ClassicalModel.Configuration
  /// The learned state.
  public let fitted: ClassicalModel.Fitted

  /// Pairs a configuration with a fitted state.
  ///
  /// - Parameters:
  ///   - configuration: The hyper-parameters.
  ///   - fitted: The learned state.
  public init(configuration: ClassicalModel.Configuration, fitted: ClassicalModel.Fitted) {
    self.configuration = configuration
    self.fitted = fitted
  }

  /// The fitted state of a fitted `ClassicalModel`, nil if it is not fitted.
  ///
  /// - Parameter model: A classical model.
  public init?(_ model: ClassicalModel) {
    guard let fitted = model.fitted else { return nil }
    self.init(configuration: model.configuration, fitted: fitted)
  }

  /// The Melix name of the model (`"logistic_regression"`).
  public var name: String { ClassicalModel(configuration).name }

  /// The task the fitted model does.
  public var task: Task {
    switch fitted {
    case .linearRegression, .knnRegressor: return .regression
    case .logisticRegression, .knnClassifier: return .classification
    }
  }

  /// The number of features seen in `fit`.
  public var featureCount: Int {
    switch fitted {
    case .linearRegression(let m): return m.featureCount
    case .logisticRegression(let m): return m.featureCount
    case .knnClassifier(let m): return m.featureCount
    case .knnRegressor(let m): return m.featureCount
    }
  }

  /// Predictions.
  ///
  /// - Parameter x: Features `[nSamples, nFeatures]`.
  /// - Returns: `[nSamples]`: int64 labels or float64 values.
  /// - Throws: `ModelError.featureCountMismatch` naming both counts; shape errors.
  public func predict(_ x: Tensor) throws -> Tensor {
    try fitted.predict(x)
  }

  /// Class probabilities.
  ///
  /// - Parameter x: Features `[nSamples, nFeatures]`.
  /// - Returns: `[nSamples, nClasses]`, columns in class order.
  /// - Throws: `ModelError.notAClassifier` for a regressor; the errors of `predict`.
  public func predictProbabilities(_ x: Tensor) throws -> Tensor {
    try fitted.predictProbabilities(x, name: name)
  }

  /// Scores the fitted model on labelled data (see `ClassicalModel.evaluate`).
  ///
  /// - Parameters:
  ///   - x: Features `[nSamples, nFeatures]`.
  ///   - y: True targets `[nSamples]`.
  ///   - targetNames: Display names of the classes (classification only).
  /// - Returns: A classification or regression report.
  /// - Throws: prediction and metric errors.
  public func evaluate(_ x: Tensor, _ y: Tensor, targetNames: [String]? = nil) throws
    -> Evaluation
  {
    try fitted.evaluate(x, y, targetNames: targetNames)
  }
}
