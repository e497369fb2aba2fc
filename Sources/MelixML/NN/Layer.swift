/// One layer of a network's architecture, before its sizes are known: what `dense(64)`,
/// `relu()`, `dropout(0.2)` and `batch_norm()` describe.
public enum LayerSpec: Sendable, Equatable {
  /// A fully connected layer with this many output units.
  case dense(units: Int)
  /// An activation function.
  case activation(Activation)
  /// Inverted dropout: in training each value is zeroed with probability `rate` and the
  /// rest scaled by `1/(1 − rate)`; identity in evaluation (as `torch.nn.Dropout`).
  case dropout(rate: Double)
  /// Batch normalisation (see `BatchNorm`).
  case batchNorm(momentum: Double, epsilon: Double)

  /// The Melix name of the layer (`"dense"`, `"relu"`, `"dropout"`, `"batch_norm"`).
  public var name: String {
    switch self {
    case .dense: return "dense"
    case .activation(let a): return a.rawValue
    case .dropout: return "dropout"
    case .batchNorm: return "batch_norm"
    }
  }

  /// Checks the layer's options.
  ///
  /// - Throws: `NNError.invalidOption` for units below 1, a dropout rate outside `0..<1`,
  ///   a momentum outside `0...1` or a non-positive epsilon.
  public func validate() throws {
    switch self {
    case .dense(let units) where units < 1:
      throw NNError.invalidOption(name: "units", value: "\(units)", expected: "at least 1")
    case .dropout(let rate) where !(rate >= 0 && rate < 1):
      throw NNError.invalidOption(name: "rate", value: "\(rate)", expected: "in [0, 1)")
    case .batchNorm(let momentum, let epsilon)
    where !(momentum >= 0 && momentum <= 1)
      || !(epsilon > 0):
      throw NNError.invalidOption(
        name: "batch_norm", value: "momentum \(momentum), epsilon \(epsilon)",
        expected: "momentum in [0, 1] and epsilon > 0")
    default: return
    }
  }
}

/// A layer with its parameters and state, once the network is built.
public enum Layer: Sendable, Equatable {
  /// A fully connected layer.
  case dense(Dense)
  /// An activation function (no parameters).
  case activation(Activation)
  /// Dropout with this rate (no parameters).
  case dropout(rate: Double)
  /// Batch normalisation with its parameters and running statistics.
  case batchNorm(BatchNorm)

  /// The Melix name of the layer.
  public var name: String {
    switch self {
    case .dense: return "dense"
    case .activation(let a): return a.rawValue
    case .dropout: return "dropout"
    case .batchNorm: return "batch_norm"
    }
  }

  /// The number of trainable parameters.
  public var parameterCount: Int {
    switch self {
    case .dense(let d): return d.weight.count + d.bias.count
    case .batchNorm(let b): return 2 * b.featureCount
    case .activation, .dropout: return 0
    }
  }
}
