import MelixHDF5

/// A dense row-major matrix of features, shape `[rows, columns]`; NaN marks a missing value.
///
/// A stand-in for `MelixNumerics.Tensor` until the two are bridged: the storage is one
/// contiguous `[Double]` in C order, exactly the layout of an HDF5 `/X` dataset.
public struct FeatureMatrix: Equatable, Sendable {
  /// The values, row-major: element `(r, c)` is at `r * columns + c`.
  public private(set) var values: [Double]
  /// Number of rows (samples).
  public let rows: Int
  /// Number of columns (features).
  public let columns: Int

  /// Creates a matrix from row-major values.
  ///
  /// - Parameters:
  ///   - rows: Number of rows.
  ///   - columns: Number of columns.
  ///   - values: `rows × columns` values in row-major order.
  /// - Precondition: `values.count == rows * columns` (a caller bug otherwise).
  public init(rows: Int, columns: Int, values: [Double]) {
    precondition(
      rows >= 0 && columns >= 0 && values.count == rows * columns,
      "FeatureMatrix: \(values.count) values do not fill [\(rows), \(columns)]")
    self.rows = rows
    self.columns = columns
    self.values = values
  }

  /// Creates a matrix from columns of equal length.
  ///
  /// - Parameters:
  ///   - columnValues: One array per column, each of length `rows`.
  ///   - rows: Number of rows (needed when there are no columns).
  /// - Precondition: every column has `rows` elements.
  public init(columnValues: [[Double]], rows: Int) {
    let columnCount = columnValues.count
    for (c, column) in columnValues.enumerated() {
      precondition(
        column.count == rows,
        "FeatureMatrix: column \(c) has \(column.count) rows, expected \(rows)")
    }
    let values = [Double](unsafeUninitializedCapacity: rows * columnCount) { out, initialized in
      adviseHugePages(UnsafeMutableRawPointer(out.baseAddress), byteCount: rows * columnCount * 8)
      // Blocks of 256 rows keep every source column's block and the output block in cache.
      let block = 256
      for blockStart in stride(from: 0, to: rows, by: block) {
        let blockEnd = Swift.min(blockStart + block, rows)
        for (c, column) in columnValues.enumerated() {
          column.withUnsafeBufferPointer { source in
            for r in blockStart..<blockEnd { out[r * columnCount + c] = source[r] }
          }
        }
      }
      initialized = rows * columnCount
    }
    self.init(rows: rows, columns: columnCount, values: values)
  }

  /// The shape `[rows, columns]`.
  public var shape: [Int] { [rows, columns] }

  /// The element at `(row, column)`.
  ///
  /// - Parameters:
  ///   - row: A row index in `0..<rows`.
  ///   - column: A column index in `0..<columns`.
  /// - Precondition: indices in range (a caller bug otherwise; the index is not checked
  ///   per axis, so an out-of-range column may read the next row).
  public subscript(row: Int, column: Int) -> Double {
    get { values[row * columns + column] }
    set { values[row * columns + column] = newValue }
  }

  /// One row, shape `[columns]`.
  ///
  /// - Parameter index: Row index in `0..<rows`.
  public func row(_ index: Int) -> ArraySlice<Double> {
    values[(index * columns)..<((index + 1) * columns)]
  }

  /// One column, shape `[rows]`.
  ///
  /// - Parameter index: Column index in `0..<columns`.
  public func column(_ index: Int) -> [Double] {
    (0..<rows).map { values[$0 * columns + index] }
  }

  /// The rows at `indices`, in that order (repeats allowed), shape `[indices.count, columns]`.
  ///
  /// - Precondition: every index in `0..<rows`.
  public func selectingRows(_ indices: [Int]) -> FeatureMatrix {
    var out = [Double]()
    out.reserveCapacity(indices.count * columns)
    for index in indices { out.append(contentsOf: row(index)) }
    return FeatureMatrix(rows: indices.count, columns: columns, values: out)
  }

  /// The columns at `indices`, in that order, shape `[rows, indices.count]`.
  ///
  /// - Precondition: every index in `0..<columns`.
  public func selectingColumns(_ indices: [Int]) -> FeatureMatrix {
    var out = [Double]()
    out.reserveCapacity(rows * indices.count)
    for r in 0..<rows {
      for c in indices { out.append(values[r * columns + c]) }
    }
    return FeatureMatrix(rows: rows, columns: indices.count, values: out)
  }

  /// Appends columns on the right: `[rows, columns]` + `[rows, k]` → `[rows, columns + k]`.
  ///
  /// - Precondition: `other.rows == rows`.
  public func appendingColumns(_ other: FeatureMatrix) -> FeatureMatrix {
    precondition(other.rows == rows, "FeatureMatrix: cannot append \(other.shape) to \(shape)")
    var out = [Double]()
    out.reserveCapacity(rows * (columns + other.columns))
    for r in 0..<rows {
      out.append(contentsOf: row(r))
      out.append(contentsOf: other.row(r))
    }
    return FeatureMatrix(rows: rows, columns: columns + other.columns, values: out)
  }

  /// Whether each element is missing (NaN), same shape and order as `values`.
  public var missingMask: [Bool] { values.map { $0.isNaN } }

  /// Bitwise equality that treats NaN as equal to NaN (used by tests and fingerprints).
  ///
  /// - Returns: Whether the shapes match and every element is equal or both are NaN.
  public static func == (lhs: FeatureMatrix, rhs: FeatureMatrix) -> Bool {
    guard lhs.rows == rhs.rows, lhs.columns == rhs.columns else { return false }
    for (a, b) in zip(lhs.values, rhs.values) where !(a == b || (a.isNaN && b.isNaN)) {
      return false
    }
    return true
  }
}
