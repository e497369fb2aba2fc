import MelixML

/// What `train` returns: per-epoch losses and metrics, the best epoch and the time.
///
/// Fields: `loss`, `val_loss`, `metric` (name), `<metric>` and `val_<metric>` (lists, e.g.
/// `accuracy`, `val_accuracy`), `best_epoch` (1-based), `epochs`, `seconds`,
/// `stopped_early`, `interrupted`, `lr`, and for an iterative classical fit (logistic
/// regression's L-BFGS) `n_iter` (iterations used, nil otherwise) and `converged` (whether it
/// met its tolerance before `max_iter`; true when there is no solver).
public final class HistoryValue: NativeValue {
  let history: History

  init(_ history: History) { self.history = history }

  /// `History`.
  public var typeName: String { "History" }

  /// `History: 42 epochs, best 30 (val_loss 0.0812, val_accuracy 0.9667), stopped early`.
  public func display() -> String {
    let h = history
    if h.epochCount == 0, let solver = h.solver {
      let plural = solver.iterations == 1 ? "" : "s"
      return "History: fitted by \(solver.solver) in \(solver.iterations) iteration\(plural)"
        + (solver.converged ? "" : ", not converged")
    }
    guard h.epochCount > 0 else { return "History: fitted in closed form" }
    var text = "History: \(h.epochCount) epochs, best \(h.bestEpoch + 1)"
    let b = h.bestEpoch
    if !h.validationLoss.isEmpty {
      text +=
        " (val_loss \(MLBridge.format(h.validationLoss[b])), "
        + "val_\(h.metricName) \(MLBridge.format(h.validationMetric[b])))"
    } else {
      text +=
        " (loss \(MLBridge.format(h.trainLoss[b])), \(h.metricName) \(MLBridge.format(h.trainMetric[b])))"
    }
    if h.stoppedEarly { text += ", stopped early" }
    if h.interrupted { text += ", interrupted" }
    return text
  }

  /// Fields for completion.
  public var memberNames: [String] {
    let m = history.metricName
    return [
      "loss", "val_loss", "metric", m, "val_" + m, "best_epoch", "epochs", "seconds",
      "stopped_early", "interrupted", "lr", "n_iter", "converged",
    ]
  }

  /// Reads a field.
  ///
  /// - Throws: `MelixError` for an unknown field.
  public func member(_ name: String) throws -> Value {
    let h = history
    switch name {
    case "loss": return DataBridge.list(h.trainLoss)
    case "val_loss": return DataBridge.list(h.validationLoss)
    case "metric": return .string(h.metricName)
    case h.metricName: return DataBridge.list(h.trainMetric)
    case "val_" + h.metricName: return DataBridge.list(h.validationMetric)
    case "best_epoch": return .int(h.bestEpoch + 1)
    case "epochs": return .int(h.epochCount)
    case "seconds": return .float(h.seconds)
    case "stopped_early": return .bool(h.stoppedEarly)
    case "interrupted": return .bool(h.interrupted)
    case "lr": return DataBridge.list(h.learningRates)
    case "n_iter": return h.solver.map { .int($0.iterations) } ?? .null
    case "converged": return .bool(h.solver?.converged ?? true)
    default: throw MelixError("History has no field '\(name)'")
    }
  }
}
