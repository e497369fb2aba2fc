/// The built-in table: every area's entries in one list.
///
/// A new area (tensors, datasets, models) adds a `Builtins/<Area>.swift` file with an
/// `extension BuiltinTable { static func <area>() -> [Builtin] { ... } }` and appends it to
/// `standard` below; `Session(output:searchPaths:extraBuiltins:)` also takes entries from
/// outside this module.
public enum BuiltinTable {
  /// The language's own built-ins, in documentation order, each tagged with its area.
  /// `tensorPreferred` comes first: its entries must be tried before the core entry of the
  /// same name, whose first parameter also accepts a tensor (`sum` takes any iterable).
  public static func standard() -> [Builtin] {
    merged(
      tensorPreferred.inArea(.tensors) + core() + math().inArea(.math)
        + collections().inArea(.collections) + strings().inArea(.strings) + data.inArea(.data)
        + tensor.inArea(.tensors) + ml.inArea(.ml) + mlExplain.inArea(.ml))
  }

  /// Combines entries that share a name into one overloaded entry (see
  /// `Builtin.init(overloading:)`), at the position of the first; earlier entries come first.
  ///
  /// - Parameter entries: The entries of every area.
  /// - Returns: One entry per name.
  public static func merged(_ entries: [Builtin]) -> [Builtin] {
    var groups: [String: [Builtin]] = [:]
    var order: [String] = []
    for entry in entries {
      if groups[entry.name] == nil { order.append(entry.name) }
      groups[entry.name, default: []].append(entry)
    }
    return order.compactMap { name in
      guard let group = groups[name] else { return nil }
      return group.count == 1 ? group[0] : Builtin(overloading: group)
    }
  }
}
