import MelixData

/// The result of `schema(ds)`: each column's kind, range or levels and whether it may be
/// missing, plus the row count; `validate(other, s)` checks a dataset against it.
public final class SchemaValue: NativeValue {
  /// The library's schema.
  public let schema: Schema

  /// Wraps `schema`.
  ///
  /// - Parameter schema: The schema.
  public init(_ schema: Schema) { self.schema = schema }

  /// `Schema`.
  public var typeName: String { "Schema" }

  /// `Schema: N columns (inferred from R rows)`, then one aligned line per column: name,
  /// kind, `min..max` or the levels, `missing allowed`, `target`.
  public func display() -> String {
    var lines = ["Schema: \(schema.columns.count) columns (inferred from \(schema.rowCount) rows)"]
    let nameWidth = schema.columns.map(\.name.count).max() ?? 0
    for column in schema.columns {
      var parts = [column.name + String(repeating: " ", count: nameWidth - column.name.count)]
      parts.append(column.kind.rawValue.padding(8))
      switch column.kind {
      case .number:
        let low = column.minimum.map(CSVWriter.format) ?? "-inf"
        let high = column.maximum.map(CSVWriter.format) ?? "inf"
        parts.append("\(low)...\(high)")
      case .category:
        parts.append("levels " + (column.levels ?? []).joined(separator: ", "))
      }
      if column.allowsMissing { parts.append("missing allowed") }
      if column.isTarget { parts.append("target") }
      var line = "  " + parts.joined(separator: "  ")
      while line.last == " " { line.removeLast() }
      lines.append(line)
    }
    return lines.joined(separator: "\n")
  }

  /// `Schema of N columns`.
  public func summary() -> String { "Schema of \(schema.columns.count) columns" }

  /// `columns`, `rows`.
  public var memberNames: [String] { ["columns", "rows"] }

  /// `columns` (names) or `rows` (the row count it was inferred from).
  ///
  /// - Throws: `MelixError` for another name.
  public func member(_ name: String) throws -> Value {
    switch name {
    case "columns": return DataBridge.list(schema.columns.map(\.name))
    case "rows": return .int(schema.rowCount)
    default: throw MelixError(DataMessages.noField("Schema", name))
    }
  }
}

extension String {
  /// The string padded with spaces on the right to `width` characters.
  fileprivate func padding(_ width: Int) -> String {
    count >= width ? self : self + String(repeating: " ", count: width - count)
  }
}
