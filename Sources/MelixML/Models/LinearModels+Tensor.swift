import Foundation
import MelixNumerics

// Tensor fast paths of the linear models: one BLAS product of the feature tensor with the
// weights (`Tensor.matmul`, `cblas_dgemm`/`dgemv`), then the intercept and the link on a flat
// buffer. They replace the generic `FittedModel` tensor methods, which copy the features into
// `[[Double]]` rows and the result back, and give the same numbers bit for bit: the same BLAS
// call on the same float64 values, the same per-element arithmetic in the same order.

extension Inputs {
  /// A feature tensor checked as the array path checks it, as a contiguous float64 tensor.
  ///
  /// - Parameters:
  ///   - x: Features, `[nSamples, nFeatures]`, any numeric dtype.
  ///   - op: The operation named in a rank error (`predict`, `predict_proba`).
  ///   - model: The model named in the other errors.
  ///   - expectedColumns: The fitted feature count.
  /// - Throws: `ModelError.invalidShape` for a rank other than 2, `.emptyInput`,
  ///   `.featureCountMismatch` naming both counts.
  static func features(_ x: Tensor, op: String, model: String, expectedColumns: Int) throws
    -> Tensor
  {
    guard x.rank == 2 else {
      throw ModelError.invalidShape(
        model: op, input: "X", expected: "[nSamples, nFeatures]", got: x.shape)
    }
    guard x.shape[0] > 0, x.shape[1] > 0 else { throw ModelError.emptyInput(model: model) }
    guard x.shape[1] == expectedColumns else {
      throw ModelError.featureCountMismatch(
        model: model, expected: expectedColumns, got: x.shape[1])
    }
    return x.cast(to: .float64).contiguous()
  }

  /// Throws for the first non-finite feature when a product of the features has a
  /// non-finite value: a NaN or an infinity in `x` always makes its row's products
  /// non-finite (IEEE 754: `±inf · w` is infinite or NaN, `NaN · w` is NaN), so finite
  /// products prove finite features without a pass over `x`.
  ///
  /// - Parameters:
  ///   - products: `x · W`, flat.
  ///   - x: The float64 features, `[nSamples, nFeatures]`.
  ///   - model: The model named in the error.
  /// - Throws: `ModelError.nonFiniteValue` with the row and column of the first bad value.
  static func checkFinite(_ products: [Double], features x: Tensor, model: String) throws {
    guard products.contains(where: { !$0.isFinite }) else { return }
    let values = x.scalars
    let cols = x.shape[1]
    if let i = values.firstIndex(where: { !$0.isFinite }) {
      throw ModelError.nonFiniteValue(model: model, input: "X", row: i / cols, column: i % cols)
    }
  }
}

extension FittedLogisticRegression {
  /// The linear scores `X·Wᵀ + b` on tensors, without copying `X` into rows.
  ///
  /// - Parameters:
  ///   - x: Features, `[nSamples, nFeatures]`, any numeric dtype.
  ///   - op: The operation named in a rank error.
  /// - Returns: The scores flat, row-major, and their column count (1 for two classes: the
  ///   log-odds of `classes[1]`; else `nClasses`).
  /// - Throws: as `decisionFunction(_:)` on arrays; `.invalidShape` for a rank other than 2.
  func scores(_ x: Tensor, op: String) throws -> (values: [Double], columns: Int) {
    let model = LogisticRegression.modelName
    let features = try Inputs.features(
      x, op: op, model: model, expectedColumns: featureCount)
    let columns = coefficients.count
    let weights = try Tensor(shape: [columns, featureCount], scalars: coefficients.flatMap { $0 })
    var values = try features.matmul(weights.transposed).toArray(Double.self)
    try Inputs.checkFinite(values, features: features, model: model)
    for i in 0..<(values.count / columns) {
      for k in 0..<columns { values[i * columns + k] += intercepts[k] }
    }
    return (values, columns)
  }

  /// Class probabilities for a feature tensor: `[1 - σ(z), σ(z)]` for two classes,
  /// `softmax(z)` (shifted by the row's largest score) for more, as
  /// `predictProbabilities(_:)` on arrays, bit for bit, without the row copies.
  ///
  /// - Parameter x: Features, `[nSamples, nFeatures]`, any numeric dtype.
  /// - Returns: A float64 tensor `[nSamples, nClasses]`, columns in `classes` order.
  /// - Throws: `ModelError.invalidShape`, `.emptyInput`, `.featureCountMismatch` naming both
  ///   counts, `.nonFiniteValue` naming the row and column.
  public func predictProbabilities(_ x: Tensor) throws -> Tensor {
    let (z, columns) = try scores(x, op: "predict_proba")
    let rows = z.count / columns
    var p = [Double](repeating: 0, count: rows * max(columns, 2))
    if columns == 1 {
      for i in 0..<rows {
        let s = LogisticLoss.sigmoid(z[i])
        p[2 * i] = 1 - s
        p[2 * i + 1] = s
      }
    } else {
      for i in 0..<rows {
        let base = i * columns
        var top = z[base]
        for k in 1..<columns where z[base + k] > top { top = z[base + k] }
        var total = 0.0
        for k in 0..<columns {
          let e = exp(z[base + k] - top)
          p[base + k] = e
          total += e
        }
        for k in 0..<columns { p[base + k] /= total }
      }
    }
    return try Tensor(shape: [rows, max(columns, 2)], scalars: p)
  }

  /// The most probable class per row of a feature tensor (`classes[1]` when the log-odds are
  /// > 0; the first largest score for more classes), as `predict(_:)` on arrays.
  ///
  /// - Parameter x: Features, `[nSamples, nFeatures]`, any numeric dtype.
  /// - Returns: An int64 tensor of class labels, `[nSamples]`.
  /// - Throws: as `predictProbabilities(_:)` on a tensor.
  public func predict(_ x: Tensor) throws -> Tensor {
    let (z, columns) = try scores(x, op: "predict")
    let rows = z.count / columns
    var labels = [Int](repeating: 0, count: rows)
    for i in 0..<rows {
      if columns == 1 {
        labels[i] = classes[z[i] > 0 ? 1 : 0]
        continue
      }
      var best = 0
      for k in 1..<columns where z[i * columns + k] > z[i * columns + best] { best = k }
      labels[i] = classes[best]
    }
    return Tensor(labels)
  }
}

extension FittedLinearRegression {
  /// Predicts `X·w + b` for a feature tensor with one BLAS product, as `predict(_:)` on
  /// arrays, bit for bit, without the row copies.
  ///
  /// - Parameter x: Features, `[nSamples, nFeatures]`, any numeric dtype.
  /// - Returns: A float64 tensor of predictions, `[nSamples]`, in target units.
  /// - Throws: `ModelError.invalidShape`, `.emptyInput`, `.featureCountMismatch` naming both
  ///   counts, `.nonFiniteValue` naming the row and column.
  public func predict(_ x: Tensor) throws -> Tensor {
    let model = LinearRegression.modelName
    let features = try Inputs.features(
      x, op: "predict", model: model, expectedColumns: featureCount)
    let w = try Tensor(shape: [featureCount, 1], scalars: coefficients)
    var values = try features.matmul(w).toArray(Double.self)
    try Inputs.checkFinite(values, features: features, model: model)
    for i in values.indices { values[i] += intercept }
    return Tensor(values)
  }
}
