import Foundation

/// A learning-rate schedule, evaluated once per epoch (as PyTorch's `lr_scheduler`s
/// stepped at the end of each epoch).
public enum Schedule: Sendable, Equatable {
  /// The base learning rate throughout.
  case constant
  /// `lr·γ^⌊epoch/stepSize⌋` (`StepLR`).
  case step(stepSize: Int, gamma: Double)
  /// `η_min + (lr − η_min)(1 + cos(π·epoch/T))/2` for epochs `0...T`, then `η_min`
  /// (`CosineAnnealingLR` without restarts).
  case cosine(epochs: Int, minimum: Double)

  /// The learning rate of a 0-based epoch before warm-up.
  func rate(base: Double, epoch: Int) -> Double {
    switch self {
    case .constant: return base
    case .step(let size, let gamma):
      return base * pow(gamma, Double(epoch / max(size, 1)))
    case .cosine(let total, let minimum):
      let t = Double(min(epoch, max(total, 1)))
      return minimum + (base - minimum) * (1 + cos(Double.pi * t / Double(max(total, 1)))) / 2
    }
  }

  /// Checks the schedule's options.
  ///
  /// - Throws: `NNError.invalidOption` for a step size or epoch count below 1, a negative
  ///   or non-finite γ or minimum.
  public func validate() throws {
    switch self {
    case .constant: return
    case .step(let size, let gamma):
      guard size >= 1 else {
        throw NNError.invalidOption(name: "step_size", value: "\(size)", expected: "at least 1")
      }
      guard gamma.isFinite, gamma > 0 else {
        throw NNError.invalidOption(name: "gamma", value: "\(gamma)", expected: "positive")
      }
    case .cosine(let epochs, let minimum):
      guard epochs >= 1 else {
        throw NNError.invalidOption(name: "epochs", value: "\(epochs)", expected: "at least 1")
      }
      guard minimum.isFinite, minimum >= 0 else {
        throw NNError.invalidOption(
          name: "min_lr", value: "\(minimum)", expected: "non-negative")
      }
    }
  }
}
