/// The built-in table: every area's entries in one list.
///
/// A new area (tensors, datasets, models) adds a `Builtins/<Area>.swift` file with an
/// `extension BuiltinTable { static func <area>() -> [Builtin] { ... } }` and appends it to
/// `standard` below; `Session(output:searchPaths:extraBuiltins:)` also takes entries from
/// outside this module.
public enum BuiltinTable {
  /// The language's own built-ins, in documentation order.
  public static func standard() -> [Builtin] {
    core() + math() + collections() + strings()
  }
}
