/// Checks of user input at the edge of every model: shapes, finiteness, sample counts.
enum Inputs {
  /// Checks `x` is non-empty, rectangular, finite and (when given) `expectedColumns` wide,
  /// and packs it row-major.
  static func matrix(_ x: [[Double]], model: String, expectedColumns: Int? = nil) throws
    -> DenseMatrix
  {
    guard let first = x.first, !first.isEmpty else { throw ModelError.emptyInput(model: model) }
    let cols = first.count
    if let expectedColumns, expectedColumns != cols {
      throw ModelError.featureCountMismatch(model: model, expected: expectedColumns, got: cols)
    }
    var values: [Double] = []
    values.reserveCapacity(x.count * cols)
    for (i, row) in x.enumerated() {
      guard row.count == cols else {
        if let expectedColumns {
          throw ModelError.featureCountMismatch(
            model: model, expected: expectedColumns, got: row.count)
        }
        throw ModelError.raggedFeatures(model: model, row: i, expected: cols, got: row.count)
      }
      for (j, v) in row.enumerated() where !v.isFinite {
        throw ModelError.nonFiniteValue(model: model, input: "X", row: i, column: j)
      }
      values.append(contentsOf: row)
    }
    return DenseMatrix(rows: x.count, cols: cols, values: values)
  }

  static func checkSampleCount(_ model: String, _ x: Int, _ y: Int) throws {
    guard x == y else {
      throw ModelError.sampleCountMismatch(model: model, features: x, targets: y)
    }
  }

  static func checkFinite(_ model: String, _ y: [Double]) throws {
    if let i = y.firstIndex(where: { !$0.isFinite }) {
      throw ModelError.nonFiniteValue(model: model, input: "y", row: i, column: 0)
    }
  }
}
