import MelixNumerics

/// Whether a target holds classes or continuous values (the dataset's `task`).
public enum Task: String, Sendable, Equatable {
  /// Class labels: integer codes into the dataset's `target_names`.
  case classification
  /// Continuous values.
  case regression
}

/// The result of evaluating a model: the report suited to its task.
public enum Evaluation: Sendable, CustomStringConvertible {
  /// Classification metrics.
  case classification(ClassificationReport<Int>)
  /// Regression metrics.
  case regression(RegressionReport)

  /// The report's text rendering.
  public var description: String {
    switch self {
    case .classification(let report): return report.description
    case .regression(let report): return report.description
    }
  }
}

/// One of the classical models as the language holds it: the configuration given by
/// `linear_regression(alpha:)`, `logistic_regression(C:, max_iter:)` or `knn(k:)`, plus
/// the current fitted state. `fit` replaces the state in place; `predict` before `fit`
/// throws `ModelError.notFitted`, whose message says to fit first.
///
/// `knn` becomes a classifier or a regressor at `fit`, from the data's task.
public struct ClassicalModel: Sendable {
  /// A model's hyper-parameters.
  public enum Configuration: Sendable, Equatable {
    /// Ordinary least squares (`alpha` 0) or ridge regression.
    case linearRegression(alpha: Double)
    /// L2-regularised logistic regression.
    case logisticRegression(C: Double, maxIter: Int)
    /// k nearest neighbours, classifier or regressor.
    case knn(k: Int)
  }

  /// The learned state of one of the models.
  public enum Fitted: Sendable {
    /// A fitted linear or ridge regression.
    case linearRegression(FittedLinearRegression)
    /// A fitted logistic regression.
    case logisticRegression(FittedLogisticRegression)
    /// A fitted k-nearest-neighbours classifier.
    case knnClassifier(FittedKNNClassifier)
    /// A fitted k-nearest-neighbours regressor.
    case knnRegressor(FittedKNNRegressor)
  }

  /// The hyper-parameters.
  public let configuration: Configuration
  /// The learned state, nil until `fit` succeeds.
  public private(set) var fitted: Fitted?

  /// Creates an unfitted model.
  ///
  /// - Parameter configuration: The hyper-parameters (checked at `fit`).
  public init(_ configuration: Configuration) {
    self.configuration = configuration
  }

  /// The Melix name of the model (`"logistic_regression"`).
  public var name: String {
    switch configuration {
    case .linearRegression: return LinearRegression.modelName
    case .logisticRegression: return LogisticRegression.modelName
    case .knn: return KNNClassifier.modelName
    }
  }

  /// Whether `fit` has succeeded at least once.
  public var isFitted: Bool { fitted != nil }

  /// Learns from data and keeps the result; on error the previous state is kept.
  ///
  /// - Parameters:
  ///   - x: Features, `[nSamples, nFeatures]`.
  ///   - y: Targets, `[nSamples]`: class codes for classification, values for regression.
  ///   - task: The data's task.
  /// - Throws: `ModelError.taskMismatch` when a regressor is given classes or a classifier
  ///   values, and the models' `fit` errors.
  public mutating func fit(_ x: Tensor, _ y: Tensor, task: Task) throws {
    switch (configuration, task) {
    case (.linearRegression(let alpha), .regression):
      fitted = .linearRegression(try LinearRegression(alpha: alpha).fit(x, y))
    case (.logisticRegression(let c, let maxIter), .classification):
      fitted = .logisticRegression(try LogisticRegression(C: c, maxIter: maxIter).fit(x, y))
    case (.knn(let k), .classification):
      fitted = .knnClassifier(try KNNClassifier(k: k).fit(x, y))
    case (.knn(let k), .regression):
      fitted = .knnRegressor(try KNNRegressor(k: k).fit(x, y))
    case (.linearRegression, .classification):
      throw ModelError.taskMismatch(
        model: name, modelTask: "regression", dataTask: "classification")
    case (.logisticRegression, .regression):
      throw ModelError.taskMismatch(
        model: name, modelTask: "classification", dataTask: "regression")
    }
  }

  func requireFitted() throws -> Fitted {
    guard let fitted else { throw ModelError.notFitted(model: name) }
    return fitted
  }

  /// Predicts with the fitted state.
  ///
  /// - Parameter x: Features, `[nSamples, nFeatures]`.
  /// - Returns: `[nSamples]`: int64 class labels for a classifier, float64 values for a
  ///   regressor.
  /// - Throws: `ModelError.notFitted` before `fit`; `.featureCountMismatch` naming both
  ///   counts; shape errors.
  public func predict(_ x: Tensor) throws -> Tensor {
    try requireFitted().predict(x)
  }

  /// Class probabilities with the fitted state.
  ///
  /// - Parameter x: Features, `[nSamples, nFeatures]`.
  /// - Returns: `[nSamples, nClasses]`, columns in class order.
  /// - Throws: `ModelError.notFitted` before `fit`; `.notAClassifier` for a regressor;
  ///   `.featureCountMismatch`; shape errors.
  public func predictProbabilities(_ x: Tensor) throws -> Tensor {
    try requireFitted().predictProbabilities(x, name: name)
  }

  /// Scores the fitted model on labelled data.
  ///
  /// - Parameters:
  ///   - x: Features, `[nSamples, nFeatures]`.
  ///   - y: True targets, `[nSamples]`.
  ///   - targetNames: Display names of the classes (classification only).
  /// - Returns: A classification report (with ROC AUC, average precision and log-loss
  ///   from the probabilities) or a regression report.
  /// - Throws: `ModelError.notFitted` before `fit`; prediction and metric errors.
  public func evaluate(_ x: Tensor, _ y: Tensor, targetNames: [String]? = nil) throws
    -> Evaluation
  {
    try requireFitted().evaluate(x, y, targetNames: targetNames)
  }
}

extension ClassicalModel: CustomStringConvertible {
  /// The call that made the model and its state, for the REPL:
  /// `logistic_regression(C: 1.0, max_iter: 1000), fitted: 30 features, 2 classes`.
  public var description: String {
    let call: String
    switch configuration {
    case .linearRegression(let alpha): call = "linear_regression(alpha: \(alpha))"
    case .logisticRegression(let c, let maxIter):
      call = "logistic_regression(C: \(c), max_iter: \(maxIter))"
    case .knn(let k): call = "knn(k: \(k))"
    }
    guard let fitted else { return call + ", not fitted" }
    switch fitted {
    case .linearRegression(let model):
      return call + ", fitted: \(model.featureCount) features"
    case .logisticRegression(let model):
      let note = model.converged ? "" : ", not converged in \(model.iterations) iterations"
      return call
        + ", fitted: \(model.featureCount) features, \(model.classes.count) classes\(note)"
    case .knnClassifier(let model):
      return call + ", fitted: \(model.featureCount) features, \(model.classes.count) classes"
    case .knnRegressor(let model):
      return call + ", fitted: \(model.featureCount) features, regression"
    }
  }
}
