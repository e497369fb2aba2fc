import MelixML

/// A layer description made by `dense(64)`, `relu()`, `dropout(0.2)` or `batch_norm()`,
/// passed to `sequential`.
public final class LayerValue: NativeValue {
  let spec: LayerSpec

  init(_ spec: LayerSpec) { self.spec = spec }

  /// `Layer`.
  public var typeName: String { "Layer" }

  /// `dense(64)`, `relu()`, `dropout(0.2)`, `batch_norm(momentum: 0.1)`.
  public func display() -> String {
    switch spec {
    case .dense(let units): return "dense(\(units))"
    case .activation(let a): return "\(a.rawValue)()"
    case .dropout(let rate): return "dropout(\(rate))"
    case .batchNorm(let m, let e): return "batch_norm(momentum: \(m), eps: \(e))"
    }
  }
}

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

/// A learning-rate schedule made by `step_decay` or `cosine_decay`.
public final class ScheduleValue: NativeValue {
  let schedule: Schedule

  init(_ schedule: Schedule) { self.schedule = schedule }

  /// `Schedule`.
  public var typeName: String { "Schedule" }

  /// `step_decay(step_size: 10, gamma: 0.5)` or `cosine_decay(epochs: 100, min_lr: 0.0)`.
  public func display() -> String {
    switch schedule {
    case .constant: return "constant"
    case .step(let size, let gamma): return "step_decay(step_size: \(size), gamma: \(gamma))"
    case .cosine(let epochs, let minimum):
      return "cosine_decay(epochs: \(epochs), min_lr: \(minimum))"
    }
  }
}
