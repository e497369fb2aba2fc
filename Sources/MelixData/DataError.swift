import MelixHDF5

/// An error from reading, shaping or transforming data. Every case names where it applies:
/// the file and line for CSV, the file and object path for HDF5, the column or class for
/// dataset operations.
///
/// Messages follow the team style: lower case, no trailing period, names in single quotes.
public enum DataError: Error, Equatable, CustomStringConvertible {
  /// The file does not exist or cannot be read; `reason` is the system's message.
  case cannotRead(file: String, reason: String)
  /// A file cannot be written or moved into place.
  case cannotWrite(file: String, reason: String)
  /// The CSV file has 0 bytes (no header).
  case emptyFile(file: String)
  /// The CSV file has a header (line 1) but no data rows.
  case noDataRows(file: String)
  /// A data row has a different number of fields from the header.
  case raggedRow(file: String, line: Int, row: Int, expected: Int, found: Int)
  /// A field in a numeric column is not a number (and not a missing-value token).
  case notANumber(file: String, line: Int, row: Int, column: String, value: String)
  /// A field in a column read as bool is not one of true/false/1/0/yes/no.
  case notABool(file: String, line: Int, row: Int, column: String, value: String)
  /// A quoted field is still open at the end of the file.
  case unterminatedQuote(file: String, line: Int)
  /// Characters follow a closing quote before the next delimiter.
  case textAfterQuote(file: String, line: Int, row: Int, column: String)
  /// Two columns of a CSV header share a name.
  case duplicateColumn(file: String, name: String)
  /// The target column has a missing value.
  case missingTarget(file: String, line: Int, row: Int, column: String)
  /// A column name is not in the dataset; `available` lists the names that are.
  case unknownColumn(name: String, available: [String])
  /// An HDF5 error, passed through with its file and path.
  case hdf5(HDF5Error)
  /// Two HDF5 objects that must have the same length do not.
  case lengthMismatch(file: String, path: String, count: Int, otherPath: String, otherCount: Int)
  /// An HDF5 file does not follow the Melix dataset layout.
  case invalidLayout(file: String, path: String, reason: String)
  /// `load`/`save` got a path whose extension is neither `.csv` nor `.h5`/`.hdf5`.
  case unsupportedExtension(path: String)
  /// A row index or range is outside `0..<count`.
  case rowsOutOfRange(lower: Int, upper: Int, count: Int)
  /// A class has too few samples for a stratified operation.
  case classTooSmall(operation: String, className: String, count: Int, needed: Int)
  /// An argument is out of its valid range; `message` says which and why.
  case invalidArgument(function: String, message: String)
  /// An operation needs a target and the dataset has none.
  case noTarget(operation: String)
  /// Feature shapes differ between fit and transform (or other paired inputs).
  case shapeMismatch(operation: String, expected: [Int], got: [Int])
  /// A categorical level was not seen when the transformer was fitted.
  case unknownLevel(operation: String, column: String, level: String)
  /// A column has no observed values, so a statistic cannot be computed.
  case noObservedValues(operation: String, column: String)
  /// A CSV header field is empty (`column` is 1-based), e.g. `a,,b`.
  case emptyColumnName(file: String, line: Int, column: Int)
  /// An unquoted CSV header field holds a carriage return: the file ends its lines with a
  /// bare CR (classic Mac OS), so the whole file reads as one header line.
  case bareCarriageReturn(file: String, line: Int)
  /// A model was asked to fit a dataset that still has categorical (string) feature columns,
  /// which no model can use as they are (scikit-learn refuses strings the same way).
  case categoricalFeatures(operation: String, columns: [String])

  /// The same error with CSV line and row numbers moved by the given offsets (used when a
  /// later part of a file was parsed on its own).
  func shifted(lines: Int, rows: Int) -> DataError {
    switch self {
    case .raggedRow(let file, let line, let row, let expected, let found):
      return .raggedRow(
        file: file, line: line + lines, row: row + rows, expected: expected, found: found)
    case .notANumber(let file, let line, let row, let column, let value):
      return .notANumber(
        file: file, line: line + lines, row: row + rows, column: column, value: value)
    case .notABool(let file, let line, let row, let column, let value):
      return .notABool(
        file: file, line: line + lines, row: row + rows, column: column, value: value)
    case .unterminatedQuote(let file, let line):
      return .unterminatedQuote(file: file, line: line + lines)
    case .textAfterQuote(let file, let line, let row, let column):
      return .textAfterQuote(file: file, line: line + lines, row: row + rows, column: column)
    case .missingTarget(let file, let line, let row, let column):
      return .missingTarget(file: file, line: line + lines, row: row + rows, column: column)
    default:
      return self
    }
  }

  /// The one-line message.
  public var description: String {
    switch self {
    case .cannotRead(let file, let reason):
      return "cannot read '\(file)': \(reason)"
    case .cannotWrite(let file, let reason):
      return "cannot write '\(file)': \(reason)"
    case .emptyFile(let file):
      return "'\(file)' is empty: expected a header line"
    case .noDataRows(let file):
      return "'\(file)': header (line 1) but no data rows"
    case .raggedRow(let file, let line, let row, let expected, let found):
      return "\(file):\(line): data row \(row): expected \(expected) fields, found \(found)"
    case .notANumber(let file, let line, let row, let column, let value):
      return "\(file):\(line): data row \(row), column '\(column)': '\(value)' is not a number"
    case .notABool(let file, let line, let row, let column, let value):
      return "\(file):\(line): data row \(row), column '\(column)': '\(value)' is not a bool"
    case .unterminatedQuote(let file, let line):
      return "\(file):\(line): quoted field is not closed before the end of the file"
    case .textAfterQuote(let file, let line, let row, let column):
      return "\(file):\(line): data row \(row), column '\(column)': text after the closing quote"
    case .duplicateColumn(let file, let name):
      return "'\(file)': column '\(name)' appears twice in the header"
    case .emptyColumnName(let file, let line, let column):
      return "\(file):\(line): column \(column) of the header has no name"
    case .bareCarriageReturn(let file, let line):
      return "\(file):\(line): the header holds a bare carriage return: lines must end in LF or CRLF"
    case .missingTarget(let file, let line, let row, let column):
      return "\(file):\(line): data row \(row): target column '\(column)' is missing"
    case .unknownColumn(let name, let available):
      let list = available.map { "'\($0)'" }.joined(separator: ", ")
      return "no column '\(name)' (columns: \(list))"
    case .hdf5(let error):
      return error.description
    case .lengthMismatch(let file, let path, let count, let otherPath, let otherCount):
      return "'\(file)': '\(path)' has \(count) rows but '\(otherPath)' has \(otherCount) elements"
    case .invalidLayout(let file, let path, let reason):
      return "'\(file)': '\(path)': \(reason)"
    case .unsupportedExtension(let path):
      return "cannot tell the format of '\(path)': expected a '.csv', '.h5' or '.hdf5' file"
    case .rowsOutOfRange(let lower, let upper, let count):
      return "rows \(lower)..<\(upper) are out of range 0..<\(count)"
    case .classTooSmall(let operation, let className, let count, let needed):
      return
        "\(operation): class '\(className)' has \(count) sample\(count == 1 ? "" : "s"), needs at least \(needed)"
    case .invalidArgument(let function, let message):
      return "'\(function)': \(message)"
    case .noTarget(let operation):
      return "\(operation) needs a dataset with a target"
    case .shapeMismatch(let operation, let expected, let got):
      return "\(operation): expected features of shape \(expected), got \(got)"
    case .unknownLevel(let operation, let column, let level):
      return "\(operation): column '\(column)' has level '\(level)' not seen when fitting"
    case .noObservedValues(let operation, let column):
      return "\(operation): column '\(column)' has no observed (non-missing) values"
    case .categoricalFeatures(let operation, let columns):
      let names = columns.map { "'\($0)'" }.joined(separator: ", ")
      let (noun, verb, pronoun) =
        columns.count == 1 ? ("column", "is", "it") : ("columns", "are", "them")
      return
        "'\(operation)': feature \(noun) \(names) \(verb) categorical; "
        + "encode \(pronoun) with 'one_hot(columns: [...])' or 'drop' \(pronoun)"
    }
  }
}
