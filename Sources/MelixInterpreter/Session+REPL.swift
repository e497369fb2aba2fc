import MelixSyntax

extension Session {
  /// Names visible at the top level (globals, built-ins, keywords): for REPL completion.
  ///
  /// - Returns: Sorted, without duplicates.
  public func completionNames() -> [String] {
    let keywords = TokenKind.keywords.keys
    // A forgotten slot's name is empty (`GlobalTable.forgetUndefined`).
    let names = globals.names.filter { !$0.isEmpty }
    return Array(Set(names + builtins.map(\.name) + keywords)).sorted()
  }

  /// `(name, kind, summary)` for each user global (not the prelude's), e.g.
  /// `("xs", "List", "len 3")`, in definition order.
  public func globalsSummary() -> [(name: String, kind: String, summary: String)] {
    var out: [(name: String, kind: String, summary: String)] = []
    for slot in preludeGlobalCount..<globals.names.count where !globals.names[slot].isEmpty {
      let value = interpreter.globals[slot]
      out.append((globals.names[slot], value.typeName, Session.summary(of: value)))
    }
    return out
  }

  static func summary(of value: Value) -> String {
    switch value {
    case .list(let l): return "len \(l.items.count)"
    case .dict(let d): return "len \(d.count)"
    case .tuple(let t): return "len \(t.items.count)"
    case .string(let s): return s.count > 40 ? Value.quote(String(s.prefix(37)) + "...") : Value.quote(s)
    case .function(let f): return "fn(\(f.parameterNames.joined(separator: ", ")))"
    case .builtin(let b): return b.signature
    case .native(let n): return n.summary()
    case .null, .bool, .int, .float, .range: return value.repr
    }
  }

  /// The built-in's signature, doc text and example for `:help NAME`; for a Melix function,
  /// its signature and the comment above it; for a keyword, its syntax. Nil if unknown.
  ///
  /// - Parameter name: A built-in or global name.
  public func help(for name: String) -> String? {
    if let slot = globals.slots[name], case .function(let f) = interpreter.globals[slot] {
      var text = "\(name)(\(f.parameterNames.joined(separator: ", ")))  # Melix function, \(f.location.path):\(f.location.line)"
      // The `#` comment lines right above the declaration are its documentation.
      if let source = sources[f.location.path] {
        var doc: [String] = []
        var line = f.location.line - 1
        while line >= 1 {
          let content = source.lineText(line).trimmingPrefixSpaces()
          guard content.hasPrefix("#"), Cells.markerTitle(Substring(content)) == nil else { break }
          var text = content.dropFirst()
          if text.hasPrefix(" ") { text = text.dropFirst() }
          doc.insert(String(text), at: 0)
          line -= 1
        }
        if !doc.isEmpty { text += "\n\n" + doc.joined(separator: "\n") }
      }
      return text
    }
    if let index = builtinIndex[name] { return builtins[index].helpText }
    return KeywordHelp.entries[name]
  }

  /// Every built-in name with its one-line summary, for `:help` with no argument.
  public func builtinSummaries() -> [(name: String, summary: String)] {
    builtins.map { ($0.name, $0.summary) }
  }

  /// The built-in table entries (for generated docs).
  public var builtinEntries: [Builtin] { builtins }

  /// True when `text` ends inside an unfinished construct (open bracket or brace, a block
  /// still open, a trailing binary operator): the REPL then shows a `...` prompt and keeps
  /// reading lines before calling `run`. An unterminated string gives false: strings cannot
  /// span lines, so `run` reports it at once.
  ///
  /// - Parameter text: The lines entered so far.
  public func needsMoreInput(_ text: String) -> Bool {
    var lexer = Lexer(text)
    let (tokens, diagnostics) = lexer.tokenize()
    // Strings cannot span lines: more lines would never close one, so let `run` report it.
    if diagnostics.contains(where: { $0.message.hasPrefix("unterminated") }) { return false }
    var depth = 0
    for token in tokens {
      switch token.kind {
      case .leftParen, .leftBracket, .leftBrace: depth += 1
      case .rightParen, .rightBracket, .rightBrace: depth -= 1
      default: break
      }
    }
    if depth > 0 { return true }
    let meaningful = tokens.filter { $0.kind != .newline && $0.kind != .eof }
    guard let last = meaningful.last else { return false }
    switch last.kind {
    case .plus, .minus, .star, .slash, .slashSlash, .percent, .starStar, .at, .equal, .plusEqual,
      .minusEqual, .starEqual, .slashEqual, .equalEqual, .bangEqual, .less, .lessEqual, .greater,
      .greaterEqual, .kwAnd, .kwOr, .kwNot, .kwIn, .comma, .arrow, .dot, .rangeClosed, .rangeHalfOpen,
      .kwElse, .ampersand, .pipe, .caret, .tilde:
      return true
    default:
      return false
    }
  }

  /// Context-aware completions for the word under the cursor (`cursor` is a character
  /// offset into `line`): names in scope, built-ins and keywords; keyword arguments
  /// (`epochs:`) inside a call's parentheses; members after a dot when the receiver is a
  /// global whose value is known.
  ///
  /// - Parameters:
  ///   - line: The line being edited.
  ///   - cursor: Character offset of the cursor.
  /// - Returns: Full replacement words for the word before the cursor, sorted.
  public func completions(for line: String, cursor: Int) -> [String] {
    let chars = Array(line.prefix(max(0, cursor)))
    var start = chars.count
    func isWord(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }
    while start > 0 && isWord(chars[start - 1]) { start -= 1 }
    let prefix = String(chars[start...])
    if start > 0 && chars[start - 1] == "." {
      var receiverStart = start - 1
      while receiverStart > 0 && isWord(chars[receiverStart - 1]) { receiverStart -= 1 }
      let receiver = String(chars[receiverStart..<(start - 1)])
      var members: [String] = []
      if let slot = globals.slots[receiver] {
        // Fields, native methods and the built-ins `x.f(...)` calls with `x` first.
        let (fields, methods) = Suggestions.members(of: interpreter.globals[slot], builtins: builtins)
        members = fields + methods
      }
      return members.filter { $0.hasPrefix(prefix) }.sorted()
    }
    var results = completionNames().filter { $0.hasPrefix(prefix) }
    // Inside `name(`: offer the keyword parameters of that built-in or function.
    var depth = 0
    var index = start - 1
    while index >= 0 {
      let c = chars[index]
      if c == ")" { depth += 1 }
      if c == "(" {
        if depth == 0 { break }
        depth -= 1
      }
      index -= 1
    }
    if index > 0 {
      var nameStart = index
      while nameStart > 0 && isWord(chars[nameStart - 1]) { nameStart -= 1 }
      let callee = String(chars[nameStart..<index])
      var parameters: [String] = []
      if let slot = globals.slots[callee], case .function(let f) = interpreter.globals[slot] {
        parameters = f.parameterNames
      } else if let b = builtinIndex[callee] {
        parameters = builtins[b].parameters.filter { !$0.isVariadic }.map(\.name)
      }
      results += parameters.filter { $0.hasPrefix(prefix) }.map { $0 + ":" }
    }
    return Array(Set(results)).sorted()
  }

  /// Forgets every user global (`:reset`); built-ins and the prelude stay.
  public func reset() {
    for slot in preludeGlobalCount..<globals.names.count {
      interpreter.setGlobal(slot, .null)
      interpreter.globalDefined[slot] = false
    }
    var table = GlobalTable()
    for slot in 0..<preludeGlobalCount {
      _ = table.declare(globals.names[slot], constant: globals.isConstant[slot])
    }
    globals = table
    loadedFiles = preludeFiles
  }
}

extension String {
  fileprivate func trimmingPrefixSpaces() -> String {
    String(drop { $0 == " " || $0 == "\t" })
  }
}
