import MelixNumerics

/// A row-major matrix of feature values, `[rows, width]`, checked to be rectangular and finite.
struct FeatureRows: Sendable {
  var values: [Double]
  let rows: Int
  let width: Int

  subscript(row: Int, column: Int) -> Double { values[row * width + column] }

  func row(_ i: Int) -> ArraySlice<Double> { values[(i * width)..<((i + 1) * width)] }

  /// Checks `matrix` (`[rows, width]`, width from the first row or `width`).
  init(_ matrix: [[Double]], input: String, width expected: Int? = nil) throws {
    guard let first = matrix.first, !first.isEmpty else {
      throw ExplainError.emptyInput(input: input)
    }
    let width = expected ?? first.count
    var flat: [Double] = []
    flat.reserveCapacity(matrix.count * width)
    for (r, row) in matrix.enumerated() {
      guard row.count == width else {
        throw ExplainError.featureCountMismatch(
          input: input, row: r, expected: width, got: row.count)
      }
      for (c, v) in row.enumerated() where !v.isFinite {
        throw ExplainError.nonFiniteValue(input: input, row: r, column: c)
      }
      flat.append(contentsOf: row)
    }
    self.values = flat
    self.rows = matrix.count
    self.width = width
  }

  var matrix: [[Double]] { (0..<rows).map { Array(row($0)) } }
}

/// Calls a model closure on flat rows and checks its result is `[n]` or `[n, k]`.
///
/// - Returns: The outputs row-major, `[n, k]`, and `k`.
func evaluateModel(
  _ model: ModelFunction, _ values: [Double], rows: Int, width: Int
) throws -> (values: [Double], outputs: Int) {
  let input = try Tensor(shape: [rows, width], scalars: values)
  let out = try model(input)
  if out.rank == 1, out.shape[0] == rows { return (out.scalars, 1) }
  if out.rank == 2, out.shape[0] == rows, out.shape[1] >= 1 { return (out.scalars, out.shape[1]) }
  throw ExplainError.badModelOutput(expectedRows: rows, got: out.shape)
}
