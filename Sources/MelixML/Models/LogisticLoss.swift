import Foundation
import MelixNumerics

/// The regularised negative log-likelihood and its gradient; parameters are packed as
/// the weights `[rows, nFeatures]` row-major, then the intercepts `[rows]`, where
/// `rows` is 1 for two classes and `nClasses` otherwise.
struct LogisticLoss {
  let x: DenseMatrix
  /// `x` as a tensor, converted once for the two BLAS products of every evaluation.
  let xTensor: Tensor
  let classIndex: [Int]
  let classCount: Int
  /// `1 / (C·n)`: the weight of `‖W‖² / 2`.
  let penalty: Double
  let fitIntercept: Bool

  init(x: DenseMatrix, classIndex: [Int], classCount: Int, penalty: Double, fitIntercept: Bool) {
    self.x = x
    xTensor = x.tensor
    self.classIndex = classIndex
    self.classCount = classCount
    self.penalty = penalty
    self.fitIntercept = fitIntercept
  }

  var rows: Int { classCount == 2 ? 1 : classCount }
  var parameterCount: Int { rows * x.cols + (fitIntercept ? rows : 0) }

  func unpack(_ theta: [Double]) -> ([[Double]], [Double]) {
    let p = x.cols
    let weights = (0..<rows).map { Array(theta[($0 * p)..<(($0 + 1) * p)]) }
    let intercepts = fitIntercept ? Array(theta[(rows * p)...]) : Array(repeating: 0, count: rows)
    return (weights, intercepts)
  }

  static func sigmoid(_ z: Double) -> Double {
    z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z))
  }

  /// `log(1 + e^z)` without overflow.
  static func softplus(_ z: Double) -> Double { max(z, 0) + log1p(exp(-abs(z))) }

  static func softmax(_ z: [Double]) -> [Double] {
    let top = z.max() ?? 0
    let e = z.map { exp($0 - top) }
    let total = e.reduce(0, +)
    return e.map { $0 / total }
  }

  func valueAndGradient(_ theta: [Double]) -> (Double, [Double]) {
    let n = x.rows
    let p = x.cols
    let weights = DenseMatrix(rows: rows, cols: p, values: Array(theta[0..<(rows * p)]))
    var scores = DenseMatrix.product(xTensor, weights.tensor.transposed)  // [n, rows]
    if fitIntercept {
      for i in 0..<n {
        for k in 0..<rows { scores[i, k] += theta[rows * p + k] }
      }
    }
    var total = 0.0
    var residual = DenseMatrix(zeros: n, rows)  // ∂loss_i / ∂z_i
    for i in 0..<n {
      if rows == 1 {
        let z = scores[i, 0]
        let y = classIndex[i] == 1 ? 1.0 : 0.0
        total += LogisticLoss.softplus(z) - y * z
        residual[i, 0] = LogisticLoss.sigmoid(z) - y
      } else {
        var top = -Double.infinity
        for k in 0..<rows { top = max(top, scores[i, k]) }
        var sum = 0.0
        for k in 0..<rows {
          let e = exp(scores[i, k] - top)
          residual[i, k] = e
          sum += e
        }
        total += top + log(sum) - scores[i, classIndex[i]]
        for k in 0..<rows { residual[i, k] /= sum }
        residual[i, classIndex[i]] -= 1
      }
    }
    let scale = 1 / Double(n)
    // [rows, p]
    var gradient = DenseMatrix.product(residual.tensor.transposed, xTensor).values.map {
      $0 * scale
    }
    var squaredNorm = 0.0
    for j in 0..<(rows * p) {
      squaredNorm += theta[j] * theta[j]
      gradient[j] += penalty * theta[j]
    }
    if fitIntercept {
      for k in 0..<rows {
        var sum = 0.0
        for i in 0..<n { sum += residual[i, k] }
        gradient.append(sum * scale)
      }
    }
    return (total * scale + 0.5 * penalty * squaredNorm, gradient)
  }
}
