/// Writes datasets as RFC 4180 CSV text.
///
/// Numbers use Swift's shortest round-trip form with integral values written without
/// `.0` (`181`, `39.1`), so reading the file back gives the same float64 bits. Missing
/// values are empty fields. A field is quoted only when it holds the delimiter, a quote,
/// CR or LF, or is an empty category value (so it does not read back as missing).
public enum CSVWriter {
  /// Formats one number the way the shared datasets are written.
  ///
  /// - Parameter value: Any float64; NaN gives the empty string.
  /// - Returns: The shortest text that reads back as `value`.
  public static func format(_ value: Double) -> String {
    if value.isNaN { return "" }
    if value == value.rounded(), abs(value) < 1e15 {
      return value == 0 && value.sign == .minus ? "-0" : String(Int64(value))
    }
    return "\(value)"
  }

  /// Quotes `text` if it needs it (see `CSVWriter`).
  ///
  /// - Parameters:
  ///   - text: The field value.
  ///   - delimiter: The separator byte.
  /// - Returns: The field as written in the file.
  public static func quote(_ text: String, delimiter: UInt8 = UInt8(ascii: ",")) -> String {
    let needsQuotes =
      text.isEmpty
      || text.utf8.contains { $0 == delimiter || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }
      || CSVOptions.defaultMissingValues.contains(text)
    guard needsQuotes else { return text }
    var out = "\""
    for character in text {
      out.append(character == "\"" ? "\"\"" : String(character))
    }
    return out + "\""
  }

  /// Renders a dataset as CSV text with a header, columns in `dataset.columnOrder`.
  ///
  /// - Parameter dataset: The dataset.
  /// - Returns: The file contents, LF line ends, a final newline.
  public static func render(_ dataset: Dataset) -> String {
    var cells: [(Int) -> String] = []
    for name in dataset.columnOrder {
      if let index = dataset.featureNames.firstIndex(of: name) {
        let matrix = dataset.features
        cells.append { format(matrix[$0, index]) }
      } else if let column = dataset.categorical.first(where: { $0.name == name }) {
        cells.append { column.value(at: $0).map { quote($0) } ?? "" }
      } else if name == dataset.targetName, let target = dataset.target {
        switch target {
        case .classes(let indices, let names): cells.append { quote(names[indices[$0]]) }
        case .values(let values): cells.append { format(values[$0]) }
        }
      }
    }
    var out = dataset.columnOrder.map { quote($0) }.joined(separator: ",") + "\n"
    for row in 0..<dataset.count {
      out += cells.map { $0(row) }.joined(separator: ",")
      out += "\n"
    }
    return out
  }
}

extension Dataset {
  /// Writes the dataset as CSV (see `CSVWriter`), atomically (temporary file, then rename).
  ///
  /// - Parameter path: The `.csv` file to create or replace.
  /// - Throws: `DataError.cannotWrite`.
  public func writeCSV(path: String) throws {
    try writeFileAtomically(Array(CSVWriter.render(self).utf8), to: path)
  }
}
