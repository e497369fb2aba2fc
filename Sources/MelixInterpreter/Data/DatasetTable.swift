import MelixData

/// Renders a dataset as an aligned text table (for `print`, the REPL and `head`).
enum DatasetTable {
  /// Column count above which only the first `leadingColumns` and last `trailingColumns`
  /// are shown, with `...` between (as pandas does for wide frames).
  static let maxColumns = 8
  static let leadingColumns = 6
  static let trailingColumns = 2

  /// A header line `Dataset[rows, columns] task, target 'name'`, then the column names and
  /// the first `rows` rows, numbers right-aligned (shortest round-trip form, integral values
  /// without `.0`), text left-aligned, missing values as `nil`; a last line counts the rows
  /// not shown.
  ///
  /// - Parameters:
  ///   - dataset: The dataset.
  ///   - rows: The most rows to show.
  /// - Returns: The table, without a final newline.
  static func render(_ dataset: Dataset, rows: Int) -> String {
    var header = "Dataset[\(dataset.count), \(dataset.columns.count)]"
    if let task = dataset.task, let name = dataset.targetName {
      header += " \(task.rawValue), target '\(name)'"
    }
    var names = dataset.columns
    var elided = false
    if names.count > maxColumns {
      names = Array(names.prefix(leadingColumns)) + Array(names.suffix(trailingColumns))
      elided = true
    }
    let shown = min(rows, dataset.count)
    var columns: [(cells: [String], isText: Bool)] = []
    columns.append(((0..<shown).map(String.init), false))
    for name in names {
      let (cells, isText) = self.cells(dataset, name, rows: shown)
      columns.append(([displayed(name)] + cells.map(displayed), isText))
    }
    columns[0].cells.insert("", at: 0)
    if elided {
      let at = 1 + leadingColumns
      columns.insert(((0...shown).map { _ in "..." }, true), at: at)
    }
    let widths = columns.map { column in column.cells.map(\.count).max() ?? 0 }
    var lines = [header]
    for line in 0...shown {
      var parts: [String] = []
      for (k, column) in columns.enumerated() {
        let cell = column.cells[line]
        let pad = String(repeating: " ", count: widths[k] - cell.count)
        parts.append(column.isText ? cell + pad : pad + cell)
      }
      var text = parts.joined(separator: "  ")
      while text.last == " " { text.removeLast() }
      lines.append(text)
    }
    if dataset.count > shown {
      let more = dataset.count - shown
      lines.append("... \(more) more row\(more == 1 ? "" : "s")")
    }
    return lines.joined(separator: "\n")
  }

  /// The first `rows` cells of column `name` as text, and whether the column is text.
  private static func cells(_ dataset: Dataset, _ name: String, rows: Int) -> ([String], Bool) {
    if let c = dataset.featureNames.firstIndex(of: name) {
      return ((0..<rows).map { number(dataset.features[$0, c]) }, false)
    }
    if let column = dataset.categorical.first(where: { $0.name == name }) {
      return ((0..<rows).map { column.value(at: $0) ?? "nil" }, true)
    }
    switch dataset.target {
    case .classes(let indices, let names)?: return ((0..<rows).map { names[indices[$0]] }, true)
    case .values(let values)?: return ((0..<rows).map { number(values[$0]) }, false)
    case nil: return ((0..<rows).map { _ in "" }, true)
    }
  }

  /// Text cells wider than this are cut, ending in `...` (pandas' `max_colwidth`).
  static let maxCellWidth = 50

  /// `text` as one table cell: line breaks, tabs and other control characters escaped (a
  /// quoted CSV field may hold them; they broke the table's rows), cut to `maxCellWidth`.
  static func displayed(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if scalar.properties.generalCategory == .control {
          out += "\\u{" + String(scalar.value, radix: 16) + "}"
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    if out.count > maxCellWidth { out = String(out.prefix(maxCellWidth - 3)) + "..." }
    return out
  }

  private static func number(_ value: Double) -> String {
    value.isNaN ? "nil" : CSVWriter.format(value)
  }
}
