import MelixML
import MelixNumerics

/// A fitted classical model (linear, logistic, k-NN) served as a `ServableModel`.
public struct ClassicalServable: ServableModel {
  /// The fitted model.
  public let state: ClassicalState
  /// The name in URLs.
  public let name: String
  /// Feature names, `[inputWidth]` or empty.
  public let featureNames: [String]
  /// Class names in class order (classifiers).
  public let classNames: [String]

  /// Wraps a fitted model.
  ///
  /// - Parameters:
  ///   - state: The fitted model.
  ///   - name: The name in URLs.
  ///   - featureNames: `[nFeatures]` or empty.
  ///   - classNames: Class names in class order, or empty (then the labels as text).
  public init(
    _ state: ClassicalState, name: String, featureNames: [String] = [], classNames: [String] = []
  ) {
    self.state = state
    self.name = name
    self.featureNames = featureNames
    let classes: [Int]
    switch state.fitted {
    case .logisticRegression(let m): classes = m.classes
    case .knnClassifier(let m): classes = m.classes
    case .linearRegression, .knnRegressor: classes = []
    }
    self.classNames = classNames.count == classes.count ? classNames : classes.map(String.init)
  }

  /// Wraps a fitted `ClassicalModel`.
  ///
  /// - Parameters:
  ///   - model: A fitted model.
  ///   - name: The name in URLs.
  ///   - featureNames: `[nFeatures]` or empty.
  ///   - classNames: Class names in class order, or empty.
  /// - Throws: `ModelError.notFitted` for an unfitted model.
  public init(
    _ model: ClassicalModel, name: String, featureNames: [String] = [], classNames: [String] = []
  ) throws {
    guard let state = ClassicalState(model) else { throw ModelError.notFitted(model: model.name) }
    self.init(state, name: name, featureNames: featureNames, classNames: classNames)
  }

  /// The number of features seen in `fit`.
  public var inputWidth: Int { state.featureCount }
  /// Whether the model is a classifier.
  public var isClassifier: Bool { state.task == .classification }

  /// Predicts rows with the fitted model (the same code path as in-process `predict`).
  ///
  /// - Parameters:
  ///   - rows: `[count, inputWidth]` row-major.
  ///   - count: Rows.
  /// - Returns: Labels and probabilities for a classifier, values for a regressor.
  /// - Throws: The model's prediction errors.
  public func predict(_ rows: [Double], count: Int) throws -> ServedPrediction {
    let x = try Tensor(shape: [count, inputWidth], scalars: rows)
    let predictions = try state.predict(x).scalars
    let probabilities = isClassifier ? try state.predictProbabilities(x).scalars : nil
    return ServedPrediction(predictions: predictions, probabilities: probabilities)
  }
}

/// A trained neural network served as a `ServableModel`.
public struct NetworkServable: ServableModel {
  /// The network.
  public let network: NeuralNetwork
  /// The name in URLs.
  public let name: String
  /// Feature names (the network's, unless given).
  public let featureNames: [String]
  /// Class names (the network's, unless given).
  public let classNames: [String]

  /// Wraps a built network.
  ///
  /// - Parameters:
  ///   - network: A trained network.
  ///   - name: The name in URLs.
  ///   - featureNames: `[nFeatures]`, or empty for the network's own.
  ///   - classNames: Class names, or empty for the network's own.
  public init(
    _ network: NeuralNetwork, name: String, featureNames: [String] = [], classNames: [String] = []
  ) {
    self.network = network
    self.name = name
    self.featureNames = featureNames.isEmpty ? network.featureNames : featureNames
    let given = classNames.isEmpty ? network.classNames : classNames
    self.classNames =
      network.task == .classification
      ? (given.count == network.classes.count ? given : network.classes.map(String.init)) : []
  }

  /// The number of input features.
  public var inputWidth: Int { network.featureCount }
  /// Whether the network is a classifier.
  public var isClassifier: Bool { network.task == .classification }

  /// Predicts rows with the network in evaluation mode.
  ///
  /// - Parameters:
  ///   - rows: `[count, inputWidth]` row-major.
  ///   - count: Rows.
  /// - Returns: Labels and probabilities, or values (`[count, nOutputs]`).
  /// - Throws: The network's prediction errors.
  public func predict(_ rows: [Double], count: Int) throws -> ServedPrediction {
    let x = try Tensor(shape: [count, inputWidth], scalars: rows)
    let out = try network.predict(x)
    let width = out.rank == 2 ? out.shape[1] : 1
    let probabilities = isClassifier ? try network.predictProbabilities(x).scalars : nil
    return ServedPrediction(
      predictions: out.scalars, predictionWidth: width, probabilities: probabilities)
  }
}

/// Makes a servable model from a checkpoint.
///
/// A checkpoint saved with preprocessing (`save(model, path, preprocessing: scaler)`) is
/// served as a pipeline: request rows are raw features, transformed by the stored steps
/// before the model (`PreprocessedServable`).
/// - Parameters:
///   - checkpoint: A loaded checkpoint (`Checkpoint.load(from:)`).
///   - name: The name in URLs.
/// - Returns: A classical or network servable with the checkpoint's feature and class names,
///   behind its preprocessing when it has some.
public func makeServable(_ checkpoint: Checkpoint, name: String) -> any ServableModel {
  let model: any ServableModel
  switch checkpoint.model {
  case .network(let net):
    model = NetworkServable(
      net, name: name, featureNames: checkpoint.featureNames, classNames: checkpoint.classNames)
  case .classical(let state):
    model = ClassicalServable(
      state, name: name, featureNames: checkpoint.featureNames, classNames: checkpoint.classNames)
  }
  guard !checkpoint.pipeline.isEmpty else { return model }
  return PreprocessedServable(model, pipeline: checkpoint.pipeline)
}
