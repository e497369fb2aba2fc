import MelixML

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
