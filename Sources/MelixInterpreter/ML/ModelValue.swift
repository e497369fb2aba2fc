import MelixML
import MelixNumerics

/// The state a Melix model holds.
enum ModelState {
  /// A neural network (built once trained).
  case network(NeuralNetwork)
  /// A classical model (fitted in place by `train`).
  case classical(ClassicalModel)
  /// A classical model restored from a checkpoint.
  case restored(ClassicalState)
}

/// A Melix model: a handle on a configuration and its current fitted state. `train` updates
/// it in place (as Keras users expect); `predict` before training is an error that says to
/// train first.
///
/// Fields: `name`, `task`, `is_trained`, `parameters` (learned numbers: weights and biases,
/// coefficients and intercepts; 0 for k-NN), `layers` (list of layer descriptions),
/// `feature_names`, `classes`, `preprocessing`.
///
/// A model from `load_model` of a checkpoint saved with `preprocessing:` is a pipeline: its
/// `predict`, `predict_proba`, `evaluate` (and what goes through them: `shap`,
/// `permutation_importance`) take raw inputs and apply the stored steps first. A model right
/// after `train` applies nothing (the caller transforms its inputs).
public final class ModelValue: NativeValue {
  /// The fitted state; setting it (`train`) drops a loaded checkpoint's preprocessing, which
  /// described the inputs of the model that was replaced.
  var state: ModelState {
    didSet {
      pipeline = PreprocessingPipeline()
      preprocessing = [:]
    }
  }
  /// Feature names of the training data (kept in checkpoints).
  var featureNames: [String] = []
  /// Class names of the training data (kept in checkpoints).
  var classNames: [String] = []
  /// Training metadata recorded in checkpoints.
  var metadata: [String: String] = [:]
  /// Preprocessing parameters stored with the model by `save(..., preprocessing:)`, read back
  /// by `load_model` (`standard_scaler.mean` -> its vector).
  var preprocessing: [String: [Double]] = [:]
  /// The steps `load_model` built from `preprocessing`; applied to raw inputs before every
  /// prediction. Empty for a model trained in this session.
  var pipeline = PreprocessingPipeline()

  init(_ state: ModelState) { self.state = state }

  /// `Model`.
  public var typeName: String { "Model" }

  /// The Melix constructor name (`mlp`, `logistic_regression`).
  var name: String {
    switch state {
    case .network(let n): return n.kind
    case .classical(let c): return c.name
    case .restored(let r): return r.name
    }
  }

  var isTrained: Bool {
    switch state {
    case .network(let n): return n.isBuilt
    case .classical(let c): return c.isFitted
    case .restored: return true
    }
  }

  var task: MelixML.Task? {
    switch state {
    case .network(let n): return n.task
    case .classical(let c):
      guard let fitted = c.fitted else { return nil }
      return ClassicalState(configuration: c.configuration, fitted: fitted).task
    case .restored(let r): return r.task
    }
  }

  /// The fitted classical state, if any.
  var classicalState: ClassicalState? {
    switch state {
    case .network: return nil
    case .classical(let c): return ClassicalState(c)
    case .restored(let r): return r
    }
  }

  /// Layer descriptions (`dense 4→16`, `relu`).
  var layerDescriptions: [String] {
    guard case .network(let n) = state else { return [] }
    if !n.isBuilt {
      return n.architecture.map { spec in
        switch spec {
        case .dense(let u): return "dense(\(u))"
        case .dropout(let r): return "dropout(\(r))"
        case .batchNorm: return "batch_norm()"
        case .activation(let a): return "\(a.rawValue)()"
        }
      } + (n.appendsOutputLayer ? ["dense(outputs)"] : [])
    }
    return n.layers.map { layer in
      switch layer {
      case .dense(let d): return "dense(\(d.inputCount) → \(d.unitCount))"
      case .dropout(let r): return "dropout(\(r))"
      case .batchNorm(let b): return "batch_norm(\(b.featureCount))"
      case .activation(let a): return "\(a.rawValue)()"
      }
    }
  }

  /// `Model mlp [dense(4 → 16), relu(), dense(16 → 3)] classification, 131 parameters`.
  public func display() -> String {
    var text = "Model \(name)"
    switch state {
    case .network(let n):
      text += " [" + layerDescriptions.joined(separator: ", ") + "]"
      if n.isBuilt, let task = n.task {
        text += " \(task.rawValue), \(n.parameterCount) parameters"
        text += pipelineDisplay
      } else {
        text += " (not trained)"
      }
    case .classical, .restored:
      if let task, let state = classicalState {
        text += " \(task.rawValue), \(state.featureCount) features"
        text += pipelineDisplay
      } else {
        text += " (not trained)"
      }
    }
    return text
  }

  /// `, after imputer → standard_scaler` for a loaded pipeline; empty otherwise.
  private var pipelineDisplay: String {
    pipeline.isEmpty ? "" : ", after " + pipeline.stepNames.joined(separator: " → ")
  }

  /// Raw inputs through the loaded preprocessing (unchanged when there is none).
  private func prepared(_ x: Tensor) throws -> Tensor {
    try MLBridge.run { try pipeline.apply(x) }
  }

  /// Fields for completion.
  public var memberNames: [String] {
    [
      "name", "task", "is_trained", "parameters", "layers", "feature_names", "classes",
      "preprocessing",
    ]
  }

  /// Reads a field.
  ///
  /// - Throws: `MelixError` for an unknown field.
  public func member(_ field: String) throws -> Value {
    switch field {
    case "name": return .string(name)
    case "task": return task.map { .string($0.rawValue) } ?? .null
    case "is_trained": return .bool(isTrained)
    case "parameters":
      if case .network(let n) = state { return .int(n.parameterCount) }
      switch classicalState?.fitted {
      case .linearRegression(let m)?: return .int(m.coefficients.count + 1)
      case .logisticRegression(let m)?: return .int(m.coefficients.count * (m.featureCount + 1))
      case .knnClassifier?, .knnRegressor?, nil: return .int(0)
      }
    case "layers": return DataBridge.list(layerDescriptions)
    case "feature_names": return DataBridge.list(featureNames)
    case "classes": return DataBridge.list(classNames)
    case "preprocessing":
      let dict = DictRef()
      for key in preprocessing.keys.sorted() {
        dict.set(.string(key), original: .string(key), DataBridge.list(preprocessing[key] ?? []))
      }
      return .dict(dict)
    default: throw MelixError("Model has no field '\(field)'")
    }
  }

  /// The network, or an error naming the built-in.
  func requireTrained(_ function: String) throws {
    guard isTrained else {
      throw MelixError("'\(name)' is not trained yet; call 'train' before '\(function)'")
    }
  }

  /// Predictions for raw inputs `[nSamples, nFeatures]` (through the loaded preprocessing).
  func predict(_ raw: Tensor) throws -> Tensor {
    try requireTrained("predict")
    let x = try prepared(raw)
    switch state {
    case .network(let n): return try MLBridge.run { try n.predict(x) }
    case .classical(let c): return try MLBridge.run { try c.predict(x) }
    case .restored(let r): return try MLBridge.run { try r.predict(x) }
    }
  }

  /// Class probabilities `[nSamples, nClasses]` for raw inputs (through the preprocessing).
  func predictProbabilities(_ raw: Tensor) throws -> Tensor {
    try requireTrained("predict_proba")
    let x = try prepared(raw)
    switch state {
    case .network(let n): return try MLBridge.run { try n.predictProbabilities(x) }
    case .classical(let c): return try MLBridge.run { try c.predictProbabilities(x) }
    case .restored(let r): return try MLBridge.run { try r.predictProbabilities(x) }
    }
  }

  /// Metrics of raw inputs `[nSamples, nFeatures]` against `y` (through the preprocessing).
  func evaluate(_ raw: Tensor, _ y: Tensor, targetNames: [String]?) throws -> Evaluation {
    try requireTrained("evaluate")
    let x = try prepared(raw)
    let names = targetNames ?? (classNames.isEmpty ? nil : classNames)
    switch state {
    case .network(let n): return try MLBridge.run { try n.evaluate(x, y, targetNames: names) }
    case .classical(let c): return try MLBridge.run { try c.evaluate(x, y, targetNames: names) }
    case .restored(let r): return try MLBridge.run { try r.evaluate(x, y, targetNames: names) }
    }
  }
}
