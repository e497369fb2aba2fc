/// How a CSV column is read.
public enum ColumnType: String, Equatable, Sendable {
  /// Float64 values; a non-number that is not a missing token is an error.
  case number
  /// Text values kept as categorical levels (numbers too, as written).
  case category
  /// true/false (also 1/0, yes/no, t/f; any case), stored as a 0/1 number feature.
  case bool
}

/// Options for `readCSV`.
///
/// Type inference (when a column has no override): a column whose non-missing values are
/// all numbers is `.number`; a column whose first non-missing value is not a number is
/// text, and becomes `.bool` if every value is true/false (any case), `.category`
/// otherwise. A column that starts with numbers and later holds a non-number is an error
/// naming the line, row, column and value (`DataError.notANumber`): pass
/// `types: [name: .category]` to read such a column as text. Missing values never decide.
public struct CSVOptions: Equatable, Sendable {
  /// The field separator (a single ASCII byte); default `,`.
  public var delimiter: UInt8
  /// Unquoted field texts that mean "missing"; default `""`, `NA`, `NaN`, `null`, `?`.
  /// A quoted field is always literal text (a quoted `""` in a text column is the empty
  /// string), except that a quoted empty field in a number column is missing.
  public var missingValues: Set<String>
  /// Per-column type overrides by column name.
  public var types: [String: ColumnType]
  /// Per-column level orders for category columns (otherwise levels are sorted); a value
  /// not listed becomes an extra level after the listed ones.
  public var levels: [String: [String]]

  /// The default missing-value tokens.
  public static let defaultMissingValues: Set<String> = ["", "NA", "NaN", "null", "?"]

  /// Creates options.
  ///
  /// - Parameters:
  ///   - delimiter: Field separator byte (default `,`).
  ///   - missingValues: Tokens read as missing (default `defaultMissingValues`).
  ///   - types: Column type overrides.
  ///   - levels: Level orders for category columns.
  public init(
    delimiter: UInt8 = UInt8(ascii: ","),
    missingValues: Set<String> = CSVOptions.defaultMissingValues,
    types: [String: ColumnType] = [:],
    levels: [String: [String]] = [:]
  ) {
    self.delimiter = delimiter
    self.missingValues = missingValues
    self.types = types
    self.levels = levels
  }
}
