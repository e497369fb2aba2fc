/// Did-you-mean suggestions for misspelt names (keywords, columns, fields).
enum Suggestions {
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
      let distance = Resolver.editDistance(name, candidate)
      guard distance <= limit else { continue }
      if let current = best, current.1 < distance || (current.1 == distance && current.0 < candidate) {
        continue
      }
      best = (candidate, distance)
    }
    return best?.0
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
}
