import MelixData

/// The result of `describe(ds)`: prints as an aligned table; `d["age"]` gives one column's
/// statistics as a dict.
public final class DescriptionValue: NativeValue {
  /// The library's description.
  public let description: DatasetDescription

  /// Wraps `description`.
  ///
  /// - Parameter description: The summaries.
  public init(_ description: DatasetDescription) { self.description = description }

  /// `Description`.
  public var typeName: String { "Description" }

  /// The table: `N rows × M columns`, one line per column (count, missing, mean, std, min,
  /// 25%, 50%, 75%, max; numbers to 6 significant digits), then levels with counts.
  public func display() -> String {
    var text = description.description
    while text.last == "\n" { text.removeLast() }
    return text
  }

  /// `Description of 5 columns`.
  public func summary() -> String { "Description of \(description.columns.count) columns" }

  /// `rows`, `columns`.
  public var memberNames: [String] { ["rows", "columns"] }

  /// `rows` (the row count) or `columns` (the column names).
  ///
  /// - Throws: `MelixError` for another name.
  public func member(_ name: String) throws -> Value {
    switch name {
    case "rows": return .int(description.rows)
    case "columns": return DataBridge.list(description.columns.map(\.name))
    default: throw MelixError(DataMessages.noField("Description", name))
    }
  }

  /// `d["name"]`: a dict with `kind`, `count`, `missing`, then `mean`, `std`, `min`, `25%`,
  /// `50%`, `75%`, `max` for numbers or `levels` (a dict level → count) for categories.
  ///
  /// - Throws: `MelixError` for an unknown column.
  public func index(_ subscripts: [SubscriptValue]) throws -> Value {
    guard subscripts.count == 1, case .index(.string(let name)) = subscripts[0] else {
      throw MelixError(DataMessages.descriptionSubscript)
    }
    guard let column = description.summary(name) else {
      throw DataBridge.unknownColumn(name, description.columns.map(\.name))
    }
    let dict = DictRef()
    func put(_ key: String, _ value: Value) {
      dict.set(.string(key), original: .string(key), value)
    }
    put("kind", .string(column.kind))
    put("count", .int(column.count))
    put("missing", .int(column.missing))
    if column.levelCounts.isEmpty {
      let stats: [(String, Double?)] = [
        ("mean", column.mean), ("std", column.std), ("min", column.min), ("25%", column.q25),
        ("50%", column.median), ("75%", column.q75), ("max", column.max),
      ]
      for (key, value) in stats { put(key, value.map { .float($0) } ?? .null) }
    } else {
      let levels = DictRef()
      for (level, count) in column.levelCounts {
        levels.set(.string(level), original: .string(level), .int(count))
      }
      put("levels", .dict(levels))
    }
    return .dict(dict)
  }
}
