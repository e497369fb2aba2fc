/// What the Tab key does with the engine's candidates for the word under the cursor.
enum CompletionPlan: Equatable {
  /// What Tab inserts on a blank line: one level of indentation (STYLE.md: two spaces).
  static let indent = "  "

  /// Nothing matches: ring the bell.
  case nothing
  /// Insert this text at the cursor (the rest of the only match, or of the matches'
  /// longest common prefix).
  case insert(String)
  /// Several matches share nothing more than what is typed: list them.
  case list([String])

  /// Decides what Tab does.
  ///
  /// - Parameters:
  ///   - line: the whole input line.
  ///   - cursor: the cursor's offset in characters (0...line.count).
  ///   - candidates: what the engine offered, in its order (duplicates allowed).
  ///   - typed: the text being completed when it is not the identifier before the cursor
  ///     (a file path, which may hold `/`, `.` and `-`).
  /// - Returns: `.insert` when there is something to add (two spaces of indentation when
  ///   only blanks precede the cursor), `.list` of the matches (sorted) when not, `.nothing`
  ///   when no candidate extends the typed word.
  static func make(line: String, cursor: Int, candidates: [String], typed: String? = nil) -> CompletionPlan {
    // Tab at the start of a line (or after only blanks) indents, as in Python's REPL.
    if String(line.prefix(max(0, cursor))).isBlank { return .insert(indent) }
    let typed = typed ?? word(before: cursor, in: line)
    var seen = Set<String>()
    let matches = candidates.filter { $0.hasPrefix(typed) && seen.insert($0).inserted }
    guard let first = matches.first else { return .nothing }
    if matches.count == 1 {
      let rest = String(first.dropFirst(typed.count))
      return rest.isEmpty ? .nothing : .insert(rest)
    }
    let common = matches.dropFirst().reduce(first) { $0.commonPrefix(with: $1) }
    if common.count > typed.count { return .insert(String(common.dropFirst(typed.count))) }
    // Paths share the typed folder: list only the names in it, as a shell does.
    if let slash = typed.lastIndex(of: "/") {
      let folder = typed[...slash].count
      return .list(matches.map { String($0.dropFirst(folder)) }.sorted())
    }
    return .list(matches.sorted())
  }

  /// The identifier characters just before `cursor`: the word Tab completes.
  static func word(before cursor: Int, in line: String) -> String {
    let characters = Array(line)
    let end = max(0, min(cursor, characters.count))
    var start = end
    while start > 0, isIdentifier(characters[start - 1]) { start -= 1 }
    return String(characters[start..<end])
  }

  private static func isIdentifier(_ c: Character) -> Bool {
    c == "_" || c.isLetter || c.isNumber
  }
}

extension String {
  /// The longest prefix this string shares with `other`, compared by characters.
  func commonPrefix(with other: String) -> String {
    var result = ""
    for (a, b) in zip(self, other) {
      guard a == b else { break }
      result.append(a)
    }
    return result
  }
}

/// Lays out words in columns across a terminal of a given width, like `ls`.
enum Columns {
  /// The words in column-major order, padded to the widest word plus two spaces; every
  /// row ends with a newline.
  ///
  /// - Parameters:
  ///   - words: what to show.
  ///   - width: the terminal width in columns (at least one column is always used).
  static func format(_ words: [String], width: Int) -> String {
    guard !words.isEmpty else { return "" }
    let cell = (words.map(\.count).max() ?? 0) + 2
    let columns = max(1, width / cell)
    let rows = (words.count + columns - 1) / columns
    var text = ""
    for row in 0..<rows {
      var line = ""
      for column in 0..<columns {
        let index = column * rows + row
        guard index < words.count else { break }
        let word = words[index]
        line += word + String(repeating: " ", count: cell - word.count)
      }
      while line.last == " " { line.removeLast() }
      text += line + "\n"
    }
    return text
  }
}
