import MelixNumerics

/// A feed-forward neural network: an architecture (`mlp` or `sequential`), plus, once
/// built, its layers with parameters and what it learned about the data (task, classes,
/// feature count and names).
///
/// Sizes are inferred at the first `train`: the input width from the data, and for an
/// `mlp` an output layer is appended with one unit per class (classification, the
/// outputs are logits) or one unit (regression). A `sequential` network is taken as
/// written; its last `dense` must match the data.
///
/// Melix:
/// ```
/// let model = mlp(hidden: [16], activation: "relu")
/// let history = train(model, train_set, epochs: 100, optimizer: adam(lr: 0.01), seed: 42)
/// ```
public struct NeuralNetwork: Sendable {
  /// The Melix constructor that made the network: `"mlp"` or `"sequential"`.
  public let kind: String
  /// The layers as written (for `mlp`, the hidden part).
  public let architecture: [LayerSpec]
  /// Whether an output `dense` sized from the data is appended at build time (`mlp`).
  public let appendsOutputLayer: Bool
  /// The built layers, empty until the first `train` (or a checkpoint load).
  public internal(set) var layers: [Layer] = []
  /// The task learned, nil until built.
  public internal(set) var task: Task?
  /// Class labels, in output-unit order (classification).
  public internal(set) var classes: [Int] = []
  /// The number of input features, 0 until built.
  public internal(set) var featureCount: Int = 0
  /// The input feature names, if the data had them (kept in checkpoints).
  public var featureNames: [String] = []
  /// Display names of `classes`, if the data had them.
  public var classNames: [String] = []
  /// Free-form training metadata (loss, optimizer, epochs, seed…), kept in checkpoints.
  public var metadata: [String: String] = [:]

  /// Whether the network has parameters (trained or loaded).
  public var isBuilt: Bool { !layers.isEmpty }

  /// Creates a network from layers as written (`sequential(dense(64), relu(), dense(10))`).
  ///
  /// - Parameter layers: The layers; at least one must be `dense`.
  /// - Throws: `NNError.invalidOption` for an invalid layer option or no `dense` layer.
  public init(sequential layers: [LayerSpec]) throws {
    for layer in layers { try layer.validate() }
    guard layers.contains(where: { if case .dense = $0 { return true } else { return false } })
    else {
      throw NNError.invalidOption(
        name: "sequential", value: "no 'dense' layer", expected: "at least one 'dense' layer")
    }
    kind = "sequential"
    architecture = layers
    appendsOutputLayer = false
  }

  /// Creates a multi-layer perceptron: per hidden size, `dense`, the activation and (when
  /// `dropout > 0`) a dropout; the output layer is added at the first `train`.
  ///
  /// - Parameters:
  ///   - hidden: Hidden layer widths, each at least 1 (may be empty: a linear model).
  ///   - activation: The hidden activation (not `softmax`).
  ///   - dropout: Dropout rate after each hidden activation, in `0..<1`.
  /// - Throws: `NNError.invalidOption` for a bad width, rate or activation.
  public init(mlp hidden: [Int], activation: Activation = .relu, dropout: Double = 0) throws {
    guard activation != .softmax else {
      throw NNError.invalidOption(
        name: "activation", value: "'softmax'", expected: "'relu', 'tanh', 'sigmoid' or 'gelu'")
    }
    var specs: [LayerSpec] = []
    for width in hidden {
      specs.append(.dense(units: width))
      specs.append(.activation(activation))
      if dropout > 0 { specs.append(.dropout(rate: dropout)) }
    }
    for layer in specs { try layer.validate() }
    try LayerSpec.dropout(rate: dropout).validate()
    kind = "mlp"
    architecture = specs
    appendsOutputLayer = true
  }

  /// Restores a built network (used by checkpoint loading).
  init(
    kind: String, architecture: [LayerSpec], appendsOutputLayer: Bool, layers: [Layer],
    task: Task, classes: [Int], featureCount: Int
  ) {
    self.kind = kind
    self.architecture = architecture
    self.appendsOutputLayer = appendsOutputLayer
    self.layers = layers
    self.task = task
    self.classes = classes
    self.featureCount = featureCount
  }

  /// The total number of trainable parameters.
  public var parameterCount: Int { layers.reduce(0) { $0 + $1.parameterCount } }

  /// The number of output units of the built network.
  var outputCount: Int {
    for layer in layers.reversed() { if case .dense(let d) = layer { return d.unitCount } }
    return featureCount
  }

  /// The most weights one `dense` layer may hold (2^30, 8 GiB of `Float64`), the same
  /// bound the interpreter puts on a tensor's element count.
  static let maxLayerWeights = 1 << 30

  /// Builds the layers with fresh parameters for data of the given shape.
  ///
  /// - Parameters:
  ///   - featureCount: Input features.
  ///   - outputCount: Units the data needs (classes, 1 for binary cross-entropy or
  ///     regression).
  ///   - task: The data's task.
  ///   - classes: Class labels in output order (classification).
  ///   - generator: The seeded generator for the initial weights.
  /// - Throws: `NNError.outputMismatch` when a `sequential` network's last `dense` does
  ///   not have `outputCount` units; `NNError.invalidOption` for a `dense` layer of more
  ///   than ``maxLayerWeights`` weights.
  mutating func build(
    featureCount: Int, outputCount: Int, task: Task, classes: [Int], using generator: inout PCG64
  ) throws {
    var specs = architecture
    if appendsOutputLayer { specs.append(.dense(units: outputCount)) }
    let lastUnits = specs.reduce(0) { units, spec in
      if case .dense(let u) = spec { return u }
      return units
    }
    guard lastUnits == outputCount else {
      throw NNError.outputMismatch(
        units: lastUnits, expected: outputCount, task: task.rawValue)
    }
    var built: [Layer] = []
    var width = featureCount
    for (index, spec) in specs.enumerated() {
      switch spec {
      case .dense(let units):
        // He for a layer feeding a ReLU (the next activation), Glorot otherwise.
        let next = specs[(index + 1)...].first {
          if case .activation = $0 { return true }
          if case .dense = $0 { return true }
          return false
        }
        let he = next == .activation(.relu)
        // `units` comes from the user's script: bound the weight count before allocating,
        // so `dense(10 ** 12)` is an error instead of an overflow trap or an allocation crash.
        let (weights, overflow) = width.multipliedReportingOverflow(by: units)
        guard !overflow, weights <= Self.maxLayerWeights else {
          throw NNError.invalidOption(
            name: "units", value: "\(units)",
            expected:
              "at most \(Self.maxLayerWeights) weights in a layer, got \(width) inputs × \(units) units"
          )
        }
        built.append(.dense(Dense(inputCount: width, unitCount: units, he: he, using: &generator)))
        width = units
      case .activation(let a): built.append(.activation(a))
      case .dropout(let rate): built.append(.dropout(rate: rate))
      case .batchNorm(let momentum, let epsilon):
        built.append(
          .batchNorm(BatchNorm(featureCount: width, momentum: momentum, epsilon: epsilon)))
      }
    }
    layers = built
    self.task = task
    self.classes = classes
    self.featureCount = featureCount
  }
}
