import Foundation
import MelixNumerics

/// An element-wise (or, for softmax, row-wise) activation function.
///
/// Forward and derivative formulas are PyTorch's: `gelu` is the exact
/// `x·Φ(x)` with the normal CDF `Φ(x) = (1 + erf(x/√2))/2` (`torch.nn.GELU()` default),
/// `softmax` is taken over each row of a `[nSamples, nUnits]` batch.
public enum Activation: String, Sendable, Equatable, CaseIterable {
  /// `max(0, x)`; derivative 0 at 0, as PyTorch.
  case relu
  /// The hyperbolic tangent.
  case tanh
  /// The logistic function `1/(1 + e^(−x))`.
  case sigmoid
  /// The Gaussian error linear unit `x·Φ(x)` (exact form).
  case gelu
  /// `e^(x_j − max x)/Σ_k e^(x_k − max x)` over each row.
  case softmax

  /// Applies the activation to a row-major batch.
  ///
  /// - Parameters:
  ///   - x: Values `[rows, cols]`, row-major.
  ///   - cols: The row length (used by `softmax`).
  /// - Returns: Activated values, same shape.
  func forward(_ x: [Double], cols: Int) -> [Double] {
    switch self {
    case .relu: return x.map { $0 > 0 ? $0 : 0 }
    case .tanh: return x.map { Foundation.tanh($0) }
    case .sigmoid: return x.map(Activation.sigmoid)
    case .gelu: return x.map { 0.5 * $0 * (1 + erf($0 / 2.0.squareRoot())) }
    case .softmax: return Activation.softmaxRows(x, cols: cols)
    }
  }

  /// The gradient with respect to the input, given the upstream gradient.
  ///
  /// - Parameters:
  ///   - input: The forward input `[rows, cols]`.
  ///   - output: The forward output `[rows, cols]`.
  ///   - gradient: ∂loss/∂output, `[rows, cols]`.
  ///   - cols: The row length.
  /// - Returns: ∂loss/∂input, `[rows, cols]`.
  func backward(input: [Double], output: [Double], gradient: [Double], cols: Int) -> [Double] {
    var result = gradient
    switch self {
    case .relu:
      result.withUnsafeMutableBufferPointer { r in
        input.withUnsafeBufferPointer { x in
          for i in 0..<r.count { r[i] = x[i] > 0 ? r[i] : 0 }
        }
      }
    case .tanh:
      for i in result.indices { result[i] *= 1 - output[i] * output[i] }
    case .sigmoid:
      for i in result.indices { result[i] *= output[i] * (1 - output[i]) }
    case .gelu:
      // d/dx x·Φ(x) = Φ(x) + x·φ(x).
      let invSqrt2Pi = 1 / (2 * Double.pi).squareRoot()
      for i in result.indices {
        let x = input[i]
        let cdf = 0.5 * (1 + erf(x / 2.0.squareRoot()))
        result[i] *= cdf + x * invSqrt2Pi * exp(-0.5 * x * x)
      }
    case .softmax:
      // J·g for y = softmax(x): y ⊙ (g − Σ g⊙y), per row.
      let rows = cols == 0 ? 0 : result.count / cols
      for r in 0..<rows {
        var dot = 0.0
        for j in 0..<cols { dot += gradient[r * cols + j] * output[r * cols + j] }
        for j in 0..<cols {
          result[r * cols + j] = output[r * cols + j] * (gradient[r * cols + j] - dot)
        }
      }
    }
    return result
  }

  /// A numerically stable logistic function (no overflow for large `|x|`).
  static func sigmoid(_ x: Double) -> Double {
    if x >= 0 { return 1 / (1 + exp(-x)) }
    let e = exp(x)
    return e / (1 + e)
  }

  /// Row-wise softmax with the row maximum subtracted first (stable for large logits).
  static func softmaxRows(_ x: [Double], cols: Int) -> [Double] {
    guard cols > 0 else { return x }
    var out = x
    for r in 0..<(x.count / cols) {
      let base = r * cols
      var m = -Double.infinity
      for j in 0..<cols { m = max(m, x[base + j]) }
      var sum = 0.0
      for j in 0..<cols {
        let e = exp(x[base + j] - m)
        out[base + j] = e
        sum += e
      }
      for j in 0..<cols { out[base + j] /= sum }
    }
    return out
  }
}

extension Activation {
  /// Applies the activation to a tensor of any shape (`softmax` over the last axis).
  ///
  /// - Parameter x: Values, any numeric dtype, shape `[..., n]`.
  /// - Returns: float64 values of the same shape.
  public func apply(_ x: Tensor) -> Tensor {
    let cols = x.rank == 0 ? 1 : x.shape[x.rank - 1]
    let values = forward(x.scalars, cols: max(cols, 1))
    if x.rank == 0 { return Tensor(scalar: values.first ?? 0) }
    return (try? Tensor(shape: x.shape, scalars: values)) ?? Tensor(values)
  }
}
