import MelixML

/// An optimizer made by `sgd`, `adam`, `adamw` or `rmsprop`, passed to `train`.
public final class OptimizerValue: NativeValue {
  let optimizer: Optimizer

  init(_ optimizer: Optimizer) { self.optimizer = optimizer }

  /// `Optimizer`.
  public var typeName: String { "Optimizer" }

  /// `adam(lr: 0.01)` plus any schedule, warm-up and clipping.
  public func display() -> String {
    var text = "\(optimizer.rule.name)(lr: \(optimizer.learningRate)"
    switch optimizer.schedule {
    case .constant: break
    case .step(let size, let gamma): text += ", schedule: step(\(size), \(gamma))"
    case .cosine(let epochs, let minimum): text += ", schedule: cosine(\(epochs), \(minimum))"
    }
    if optimizer.warmupEpochs > 0 { text += ", warmup: \(optimizer.warmupEpochs)" }
    if let clip = optimizer.clipNorm { text += ", clip_norm: \(clip)" }
    return text + ")"
  }

  /// Fields: `lr`, `name`.
  public var memberNames: [String] { ["lr", "name"] }

  /// Reads a field.
  ///
  /// - Throws: `MelixError` for an unknown field.
  public func member(_ name: String) throws -> Value {
    switch name {
    case "lr": return .float(optimizer.learningRate)
    case "name": return .string(optimizer.rule.name)
    default: throw MelixError("Optimizer has no field '\(name)'")
    }
  }
}
