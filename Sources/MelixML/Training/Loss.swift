import Foundation

/// A training loss, averaged over the batch (PyTorch's `reduction="mean"`).
///
/// `predictions` are the network's outputs `[rows, k]` row-major; for the cross-entropy
/// losses they are logits (a final softmax or sigmoid layer is folded into the loss).
public enum Loss: String, Sendable, Equatable, CaseIterable {
  /// Mean squared error `mean((p − t)²)` over all `rows·k` values (`torch.nn.MSELoss`).
  case mse
  /// Mean absolute error `mean(|p − t|)` (`torch.nn.L1Loss`; gradient `sign`, 0 at 0).
  case mae
  /// Huber loss with `δ = 1`: `½d²` for `|d| < δ`, else `δ(|d| − ½δ)` (`torch.nn.HuberLoss`).
  case huber
  /// Binary cross-entropy from logits:
  /// `max(z, 0) − z·t + log(1 + e^(−|z|))` (`torch.nn.BCEWithLogitsLoss`), one output unit.
  case binaryCrossEntropy = "binary_cross_entropy"
  /// Cross-entropy from logits over classes: `logsumexp(z) − z_y` per row
  /// (`torch.nn.CrossEntropyLoss`); targets are class indices.
  case crossEntropy = "cross_entropy"

  /// Parses a Melix loss name.
  ///
  /// - Throws: `NNError.unknownName` listing the known names.
  public init(name: String) throws {
    guard let loss = Loss(rawValue: name) else {
      throw NNError.unknownName(kind: "loss", name: name, known: Loss.allCases.map(\.rawValue))
    }
    self = loss
  }

  /// Whether the loss compares logits with class targets.
  var isClassification: Bool { self == .crossEntropy || self == .binaryCrossEntropy }

  /// The loss value and its gradient with respect to `predictions`.
  ///
  /// - Parameters:
  ///   - predictions: Outputs (logits for cross-entropies) `[rows, k]`, row-major.
  ///   - targets: `[rows, k]` values for regression and binary cross-entropy (0 or 1);
  ///     `[rows]` output indices for cross-entropy.
  ///   - rows: The batch size.
  /// - Returns: The mean loss and ∂loss/∂predictions `[rows, k]`.
  func valueAndGradient(predictions p: [Double], targets t: [Double], rows: Int) -> (
    value: Double, gradient: [Double]
  ) {
    var grad = Array(repeating: 0.0, count: p.count)
    var total = 0.0
    switch self {
    case .mse:
      let n = Double(p.count)
      for i in p.indices {
        let d = p[i] - t[i]
        total += d * d
        grad[i] = 2 * d / n
      }
      return (total / n, grad)
    case .mae:
      let n = Double(p.count)
      for i in p.indices {
        let d = p[i] - t[i]
        total += abs(d)
        grad[i] = (d > 0 ? 1 : d < 0 ? -1 : 0) / n
      }
      return (total / n, grad)
    case .huber:
      let n = Double(p.count)
      let delta = 1.0
      for i in p.indices {
        let d = p[i] - t[i]
        if abs(d) < delta {
          total += 0.5 * d * d
          grad[i] = d / n
        } else {
          total += delta * (abs(d) - 0.5 * delta)
          grad[i] = delta * (d > 0 ? 1 : -1) / n
        }
      }
      return (total / n, grad)
    case .binaryCrossEntropy:
      let n = Double(p.count)
      for i in p.indices {
        let z = p[i]
        total += max(z, 0) - z * t[i] + log1p(exp(-abs(z)))
        grad[i] = (Activation.sigmoid(z) - t[i]) / n
      }
      return (total / n, grad)
    case .crossEntropy:
      let k = rows == 0 ? 0 : p.count / rows
      let n = Double(rows)
      for r in 0..<rows {
        let base = r * k
        var m = -Double.infinity
        for j in 0..<k { m = max(m, p[base + j]) }
        var sum = 0.0
        for j in 0..<k { sum += exp(p[base + j] - m) }
        let logSum = m + log(sum)
        let target = Int(t[r])
        total += logSum - p[base + target]
        for j in 0..<k { grad[base + j] = exp(p[base + j] - logSum) / n }
        grad[base + target] -= 1 / n
      }
      return (total / n, grad)
    }
  }
}
