/// Summary statistics of one column, as in `describe(ds)`.
public struct ColumnSummary: Equatable, Sendable {
  /// Column name.
  public var name: String
  /// `number`, `category` or `target`.
  public var kind: String
  /// Non-missing values.
  public var count: Int
  /// Missing values.
  public var missing: Int
  /// Mean (numeric only).
  public var mean: Double?
  /// Sample standard deviation with n − 1 in the denominator, as pandas' `describe`.
  public var std: Double?
  /// Minimum.
  public var min: Double?
  /// 25th percentile (linear interpolation, NumPy's default).
  public var q25: Double?
  /// Median.
  public var median: Double?
  /// 75th percentile.
  public var q75: Double?
  /// Maximum.
  public var max: Double?
  /// For categorical columns and class targets: each level and its count, in level order.
  public var levelCounts: [(String, Int)]

  /// Compares every field (tuples are not `Equatable`).
  public static func == (lhs: ColumnSummary, rhs: ColumnSummary) -> Bool {
    lhs.name == rhs.name && lhs.kind == rhs.kind && lhs.count == rhs.count
      && lhs.missing == rhs.missing
      && lhs.mean == rhs.mean && lhs.std == rhs.std && lhs.min == rhs.min && lhs.q25 == rhs.q25
      && lhs.median == rhs.median && lhs.q75 == rhs.q75 && lhs.max == rhs.max
      && lhs.levelCounts.map(\.0) == rhs.levelCounts.map(\.0)
      && lhs.levelCounts.map(\.1) == rhs.levelCounts.map(\.1)
  }
}

/// The result of `describe(ds)`: one summary per column, rendered as a text table.
public struct DatasetDescription: Equatable, Sendable, CustomStringConvertible {
  /// Number of rows.
  public var rows: Int
  /// One summary per column, in column order.
  public var columns: [ColumnSummary]

  /// The summary of column `name`, or nil.
  public func summary(_ name: String) -> ColumnSummary? { columns.first { $0.name == name } }

  /// A text table: one line per column with count, missing, mean, std, min, quartiles, max;
  /// categorical columns list their levels with counts.
  public var description: String {
    let header = [
      "column", "kind", "count", "missing", "mean", "std", "min", "25%", "50%", "75%", "max",
    ]
    var table: [[String]] = [header]
    func number(_ value: Double?) -> String {
      guard let value else { return "" }
      if value.isNaN { return "nan" }
      return formatSignificant(value, digits: 6)
    }
    for column in columns {
      table.append([
        column.name, column.kind, String(column.count), String(column.missing), number(column.mean),
        number(column.std), number(column.min), number(column.q25), number(column.median),
        number(column.q75), number(column.max),
      ])
    }
    var widths = [Int](repeating: 0, count: header.count)
    for line in table {
      for (k, cell) in line.enumerated() { widths[k] = Swift.max(widths[k], cell.count) }
    }
    var out = "\(rows) rows × \(columns.count) columns\n"
    for line in table {
      let cells = line.enumerated().map { k, cell in
        k < 2
          ? cell.padding(toLength: widths[k])
          : String(repeating: " ", count: widths[k] - cell.count) + cell
      }
      out += cells.joined(separator: "  ").trimmingTrailingSpaces() + "\n"
    }
    let levelLines = columns.filter { !$0.levelCounts.isEmpty }.map { column in
      "\(column.name): " + column.levelCounts.map { "\($0.0) \($0.1)" }.joined(separator: ", ")
    }
    if !levelLines.isEmpty {
      out += "levels:\n" + levelLines.map { "  " + $0 }.joined(separator: "\n") + "\n"
    }
    return out
  }
}

extension String {
  fileprivate func padding(toLength length: Int) -> String {
    count >= length ? self : self + String(repeating: " ", count: length - count)
  }

  fileprivate func trimmingTrailingSpaces() -> String {
    var copy = self
    while copy.last == " " { copy.removeLast() }
    return copy
  }
}

/// Formats `value` with up to `digits` significant digits, without trailing zeros.
func formatSignificant(_ value: Double, digits: Int) -> String {
  if value == 0 { return "0" }
  if !value.isFinite { return "\(value)" }
  let magnitude = Int((abs(value)).log10Floor)
  if magnitude >= 15 || magnitude < -5 { return "\(value)" }
  let decimals = Swift.max(0, digits - 1 - magnitude)
  var scale = 1.0
  for _ in 0..<decimals { scale *= 10 }
  let rounded = (value * scale).rounded() / scale
  var text = "\(rounded)"
  if text.hasSuffix(".0") { text.removeLast(2) }
  return text
}

extension Double {
  fileprivate var log10Floor: Double {
    var exponent = 0.0
    var x = self
    while x >= 10 {
      x /= 10
      exponent += 1
    }
    while x < 1 {
      x *= 10
      exponent -= 1
    }
    return exponent
  }
}

/// Linear-interpolation quantile of sorted values (NumPy's default `linear` method).
func quantile(sorted values: [Double], _ q: Double) -> Double {
  guard !values.isEmpty else { return .nan }
  let position = q * Double(values.count - 1)
  let lower = Int(position.rounded(.down))
  let upper = Swift.min(lower + 1, values.count - 1)
  let fraction = position - Double(lower)
  return values[lower] + (values[upper] - values[lower]) * fraction
}

extension Dataset {
  /// Summarises every column (Melix's `describe(ds)`).
  ///
  /// Numeric columns: count, missing, mean, sample std (n − 1), min, 25/50/75% (linear
  /// interpolation, as pandas and NumPy), max. Categorical columns and class targets: count,
  /// missing and each level's count.
  /// - Returns: The description; `description` renders it as a text table.
  public func describe() -> DatasetDescription {
    var summaries: [ColumnSummary] = []
    for name in columnOrder {
      if let index = featureNames.firstIndex(of: name) {
        summaries.append(numericSummary(name: name, kind: "number", values: features.column(index)))
      } else if let column = categorical.first(where: { $0.name == name }) {
        summaries.append(
          levelSummary(name: name, kind: "category", codes: column.codes, levels: column.levels))
      } else if name == targetName, let target {
        switch target {
        case .classes(let indices, let names):
          summaries.append(levelSummary(name: name, kind: "target", codes: indices, levels: names))
        case .values(let values):
          summaries.append(numericSummary(name: name, kind: "target", values: values))
        }
      }
    }
    return DatasetDescription(rows: count, columns: summaries)
  }

  private func numericSummary(name: String, kind: String, values: [Double]) -> ColumnSummary {
    let observed = values.filter { !$0.isNaN }.sorted()
    let n = observed.count
    let mean = n > 0 ? observed.reduce(0, +) / Double(n) : Double.nan
    let variance =
      n > 1 ? observed.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n - 1) : Double.nan
    return ColumnSummary(
      name: name, kind: kind, count: n, missing: values.count - n, mean: mean,
      std: variance.squareRoot(),
      min: observed.first ?? .nan, q25: quantile(sorted: observed, 0.25),
      median: quantile(sorted: observed, 0.5),
      q75: quantile(sorted: observed, 0.75), max: observed.last ?? .nan, levelCounts: [])
  }

  private func levelSummary(name: String, kind: String, codes: [Int], levels: [String])
    -> ColumnSummary
  {
    var counts = [Int](repeating: 0, count: levels.count)
    var missing = 0
    for code in codes {
      if code >= 0 && code < levels.count { counts[code] += 1 } else { missing += 1 }
    }
    return ColumnSummary(
      name: name, kind: kind, count: codes.count - missing, missing: missing, mean: nil, std: nil,
      min: nil,
      q25: nil, median: nil, q75: nil, max: nil, levelCounts: Array(zip(levels, counts)))
  }
}
