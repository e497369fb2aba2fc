extension Dataset: CustomStringConvertible {
  /// A text table of the first rows, as the REPL shows a dataset: a header line
  /// (`Dataset: 150 rows × 5 columns, classification on 'species'`), then the first 10 rows
  /// with every column in file order; numbers with up to 6 significant digits, missing
  /// values as `NA`.
  public var description: String { table(maxRows: 10) }

  /// Renders up to `maxRows` rows as an aligned text table (see `description`).
  ///
  /// - Parameter maxRows: Rows to show; when the dataset has more, a last line says how
  ///   many were left out.
  /// - Returns: The table, one line per row, each ending in a newline.
  public func table(maxRows: Int = 10) -> String {
    let shown = min(max(maxRows, 0), count)
    var grid: [[String]] = [columnOrder]
    var rightAligned: [Bool] = []
    var cells: [(Int) -> String] = []
    for name in columnOrder {
      if let index = featureNames.firstIndex(of: name) {
        let matrix = features
        rightAligned.append(true)
        cells.append { row in
          let value = matrix[row, index]
          return value.isNaN ? "NA" : formatSignificant(value, digits: 6)
        }
      } else if let column = categorical.first(where: { $0.name == name }) {
        rightAligned.append(false)
        cells.append { column.value(at: $0) ?? "NA" }
      } else if name == targetName, let target {
        switch target {
        case .classes(let indices, let names):
          rightAligned.append(false)
          cells.append { names[indices[$0]] }
        case .values(let values):
          rightAligned.append(true)
          cells.append { formatSignificant(values[$0], digits: 6) }
        }
      } else {
        rightAligned.append(false)
        cells.append { _ in "" }
      }
    }
    for row in 0..<shown { grid.append(cells.map { $0(row) }) }
    var widths = [Int](repeating: 0, count: columnOrder.count)
    for line in grid {
      for (k, cell) in line.enumerated() { widths[k] = max(widths[k], cell.count) }
    }
    var what = "\(count) rows × \(columnOrder.count) columns"
    if let task, let targetName { what += ", \(task.rawValue) on '\(targetName)'" }
    var out = "Dataset: \(what)\n"
    for line in grid {
      let padded = line.enumerated().map { k, cell -> String in
        let padding = String(repeating: " ", count: widths[k] - cell.count)
        return rightAligned[k] ? padding + cell : cell + padding
      }
      var text = padded.joined(separator: "  ")
      while text.last == " " { text.removeLast() }
      out += text + "\n"
    }
    if shown < count { out += "… \(count - shown) more rows\n" }
    return out
  }
}

extension Schema: CustomStringConvertible {
  /// One line per column: name, kind, range or levels, and whether missing values are
  /// allowed; then the row count it was inferred from.
  public var description: String {
    var lines = ["Schema: \(columns.count) columns, inferred from \(rowCount) rows"]
    for column in columns {
      var text = "  \(column.name): \(column.kind.rawValue)"
      if column.isTarget { text += " (target)" }
      if column.minimum != nil || column.maximum != nil {
        let low = column.minimum.map { formatSignificant($0, digits: 6) } ?? "-inf"
        let high = column.maximum.map { formatSignificant($0, digits: 6) } ?? "inf"
        text += " in [\(low), \(high)]"
      }
      if let levels = column.levels { text += " of {" + levels.joined(separator: ", ") + "}" }
      text += column.allowsMissing ? ", missing allowed" : ", no missing"
      lines.append(text)
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
