import MelixSyntax

/// Did-you-mean suggestions for misspelt names (keywords, columns, fields).
public enum Suggestions {
  /// The candidate closest to `name` within an edit distance of about a third of its length
  /// (names of one or two letters get no guess); ties go to the alphabetically first.
  ///
  /// - Parameters:
  ///   - name: What the user wrote.
  ///   - candidates: The valid names.
  /// - Returns: The nearest candidate, or nil when none is close.
  static func nearest(_ name: String, among candidates: [String]) -> String? {
    let limit = name.count <= 2 ? 0 : max(1, name.count / 3)
    var best: (String, Int)? = nil
    for candidate in Set(candidates) where candidate != name {
      let distance = distance(name, candidate)
      guard distance <= limit else { continue }
      if let current = best, current.1 < distance || (current.1 == distance && current.0 < candidate) {
        continue
      }
      best = (candidate, distance)
    }
    return best?.0
  }

  /// Optimal-string-alignment distance between two names, ignoring case: the fewest
  /// insertions, deletions, substitutions and transpositions of two adjacent characters
  /// (each cost 1) that turn `a` into `b`, no substring edited twice — so `modle` and `mdoel`
  /// are one edit from `model`.
  ///
  /// Source: the restricted Damerau–Levenshtein recurrence (F. J. Damerau, "A technique for
  /// computer detection and correction of spelling errors", CACM 7(3), 1964; the OSA variant
  /// as in Boytsov, "Indexing methods for approximate dictionary searching", JEA 16, 2011).
  ///
  /// - Parameters:
  ///   - a: One name.
  ///   - b: The other name.
  /// - Returns: The distance, `0` for names equal up to case.
  public static func distance(_ a: String, _ b: String) -> Int {
    let x = Array(a.lowercased())
    let y = Array(b.lowercased())
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    // Three rows: i-2, i-1, i.
    var older = Array(repeating: 0, count: y.count + 1)
    var previous = Array(0...y.count)
    var current = Array(repeating: 0, count: y.count + 1)
    for i in 1...x.count {
      current[0] = i
      for j in 1...y.count {
        let cost = x[i - 1] == y[j - 1] ? 0 : 1
        var best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
          best = min(best, older[j - 2] + 1)
        }
        current[j] = best
      }
      (older, previous, current) = (previous, current, older)
    }
    return previous[y.count]
  }

  /// The `help:` text for an unknown keyword argument: `did you mean 'seed'?`, else the
  /// parameters (`'randn' has parameters 'shape', 'seed'`).
  ///
  /// - Parameters:
  ///   - keyword: The keyword the call used.
  ///   - function: The called function's name.
  ///   - parameters: Its parameter names (a variadic one excluded).
  /// - Returns: The help text.
  static func keyword(_ keyword: String, of function: String, parameters: [String]) -> String {
    if let near = nearest(keyword, among: parameters) { return "did you mean '\(near)'?" }
    if parameters.isEmpty { return "'\(function)' takes no keyword arguments" }
    return "'\(function)' has parameters " + parameters.map { "'\($0)'" }.joined(separator: ", ")
  }

  /// The `help:` text for an unknown field: `did you mean 'X'?`, else the fields
  /// (`fields: 'X', 'y', 'shape'`); nil when the type lists none.
  ///
  /// - Parameters:
  ///   - name: The field the code asked for.
  ///   - fields: The type's field names.
  /// - Returns: The help text, or nil.
  static func field(_ name: String, among fields: [String]) -> String? {
    if let near = nearest(name, among: fields) { return "did you mean '\(near)'?" }
    if fields.isEmpty { return nil }
    return "fields: " + fields.map { "'\($0)'" }.joined(separator: ", ")
  }

  // MARK: - Members

  /// What works after a dot on `value`: its fields (`t.shape`) and the names callable as
  /// methods (`t.sum()`: the native value's own methods, and built-ins whose first parameter
  /// takes `value` by its type, over every overload). Built-ins that take any iterable or
  /// anything (`len`, `list`, `join`) are left out: they read as functions (`len(xs)`), and
  /// `t.join` alone is not a member.
  ///
  /// - Parameters:
  ///   - value: The receiver.
  ///   - builtins: The session's built-in table.
  /// - Returns: Field names and method names, each sorted, without duplicates.
  static func members(of value: Value, builtins: [Builtin]) -> (fields: [String], methods: [String]) {
    let builtinNames = Set(builtins.map(\.name))
    var fields: Set<String> = []
    var methods: Set<String> = []
    if case .native(let native) = value {
      for name in native.memberNames {
        // A native value's method names are built-in names (`sum`) or keywords (`var`).
        if builtinNames.contains(name) || TokenKind.keywords[name] != nil {
          methods.insert(name)
        } else {
          fields.insert(name)
        }
      }
    }
    for builtin in builtins where builtin.constant == nil {
      let entries = builtin.overloads.isEmpty ? [builtin] : builtin.overloads
      let takesValue = entries.contains { entry in
        entry.parameters.first.map { specificallyAccepts($0.type, value) } ?? false
      }
      if takesValue {
        methods.insert(builtin.name)
      }
    }
    return (fields.sorted(), methods.subtracting(fields).sorted())
  }

  /// Whether `type` accepts `value` by naming its type, not as "anything", "any iterable"
  /// or "anything with a length".
  private static func specificallyAccepts(_ type: ParameterType, _ value: Value) -> Bool {
    switch type {
    case .any, .iterable, .sized: return false
    case .oneOf(let types): return types.contains { specificallyAccepts($0, value) }
    case .optional(let wrapped): return specificallyAccepts(wrapped, value)
    default: return type.accepts(value)
    }
  }

  /// The `help:` for a member `name` that `value` does not have: the nearest field or
  /// method, or how to call a method named without its brackets (`t.exp` → `t.exp()`).
  ///
  /// - Parameters:
  ///   - name: The member as written.
  ///   - value: The receiver.
  ///   - builtins: The session's built-in table.
  /// - Returns: The help text, or nil when nothing is close.
  static func member(_ name: String, of value: Value, builtins: [Builtin]) -> String? {
    let (fields, methods) = members(of: value, builtins: builtins)
    if methods.contains(name) { return "'\(name)' is a method: call it, '.\(name)()'" }
    if let near = nearest(name, among: fields) { return "did you mean '\(near)'?" }
    if let near = nearest(name, among: methods) { return "did you mean '\(near)()'?" }
    return nil
  }

  /// The `help:` for a method call `.name(...)` that nothing answers: the nearest method
  /// (or field, when the user called one).
  ///
  /// - Parameters:
  ///   - name: The method as written.
  ///   - value: The receiver.
  ///   - builtins: The session's built-in table.
  /// - Returns: The help text, or nil when nothing is close.
  static func method(_ name: String, of value: Value, builtins: [Builtin]) -> String? {
    let (fields, methods) = members(of: value, builtins: builtins)
    if fields.contains(name) { return "'\(name)' is a field, not a method: write '.\(name)' without brackets" }
    if let near = nearest(name, among: methods) { return "did you mean '\(near)'?" }
    if let near = nearest(name, among: fields) { return "did you mean the field '\(near)'?" }
    return nil
  }
}
