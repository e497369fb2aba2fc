/// The values of one CSV column after type inference.
public enum CSVColumnData: Equatable, Sendable {
  /// Float64 values; NaN = missing.
  case number([Double])
  /// Categorical codes into `levels`; -1 = missing.
  case category(codes: [Int], levels: [String])
  /// Bools as 0/1; NaN = missing.
  case bool([Double])

  /// Number of rows.
  public var count: Int {
    switch self {
    case .number(let values), .bool(let values): return values.count
    case .category(let codes, _): return codes.count
    }
  }

  /// The column's type.
  public var type: ColumnType {
    switch self {
    case .number: return .number
    case .category: return .category
    case .bool: return .bool
    }
  }
}

/// A parsed CSV file: named, typed columns of equal length, before a target is chosen.
public struct CSVTable: Equatable, Sendable {
  /// The file the table was read from, for messages.
  public var file: String
  /// Column names from the header, in file order.
  public var names: [String]
  /// Column data, parallel to `names`.
  public var columns: [CSVColumnData]
  /// Number of data rows.
  public var rowCount: Int
  /// The physical line (1-based; header = 1) on which each data row starts.
  public var lines: [Int]

  /// The index of the column `name`.
  ///
  /// - Throws: `DataError.unknownColumn` naming the available columns.
  public func index(of name: String) throws -> Int {
    guard let index = names.firstIndex(of: name) else {
      throw DataError.unknownColumn(name: name, available: names)
    }
    return index
  }
}
