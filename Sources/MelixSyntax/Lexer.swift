/// Turns source text into tokens.
///
/// Newlines are tokens (they end statements) except inside `(...)` and `[...]`, where they
/// are skipped so calls and lists can span lines. Inside `{...}` they stay tokens, because
/// braces also delimit blocks; the parser skips them where a dict literal allows.
public struct Lexer {
  private let bytes: [UInt8]
  private let baseOffset: Int
  private var index = 0
  private var line: Int
  private var column: Int
  private var groupStack: [UInt8] = []
  private var tokens: [Token] = []
  private var diagnostics: [Diagnostic] = []

  /// Creates a lexer for `text`.
  ///
  /// - Parameters:
  ///   - text: The text to read.
  ///   - start: Where `text` starts in its file (used for interpolated expressions);
  ///     nil for a whole file.
  public init(_ text: String, start: Span? = nil) {
    bytes = Array(text.utf8)
    baseOffset = start?.start ?? 0
    // A UTF-8 byte-order mark at the start of a file is not part of the program.
    if start == nil && bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
    line = start?.line ?? 1
    column = start?.column ?? 1
  }

  /// Lexes the whole text.
  ///
  /// - Returns: The tokens, ending with `eof`, and the lexical errors found.
  public mutating func tokenize() -> (tokens: [Token], diagnostics: [Diagnostic]) {
    while true {
      skipSpaceAndComments()
      if index >= bytes.count {
        let here = Span(start: baseOffset + index, end: baseOffset + index, line: line, column: column)
        if tokens.last.map({ $0.kind != .newline }) ?? false {
          tokens.append(Token(kind: .newline, span: here, lexeme: ""))
        }
        tokens.append(Token(kind: .eof, span: here, lexeme: ""))
        return (tokens, diagnostics)
      }
      scanToken()
    }
  }

  // MARK: - Scanning

  private var peekByte: UInt8 { index < bytes.count ? bytes[index] : 0 }
  private func byteAt(_ offset: Int) -> UInt8 {
    index + offset < bytes.count ? bytes[index + offset] : 0
  }

  private mutating func advance() {
    let byte = bytes[index]
    index += 1
    if byte == 0x0A {
      line += 1
      column = 1
    } else if byte & 0xC0 != 0x80 {
      column += 1
    }
  }

  private mutating func skipSpaceAndComments() {
    while index < bytes.count {
      let byte = bytes[index]
      if byte == 0x20 || byte == 0x09 || byte == 0x0D {
        advance()
      } else if byte == UInt8(ascii: "#") {
        while index < bytes.count && bytes[index] != 0x0A { advance() }
      } else if byte == UInt8(ascii: "\\") && byteAt(1) == 0x0A {
        advance()
        advance()
      } else if byte == UInt8(ascii: "\\") && byteAt(1) == 0x0D && byteAt(2) == 0x0A {
        // The same continuation in a file with Windows (CRLF) line endings.
        advance()
        advance()
        advance()
      } else if byte == 0x0A && insideGroup {
        advance()
      } else {
        return
      }
    }
  }

  private var insideGroup: Bool {
    guard let top = groupStack.last else { return false }
    return top != UInt8(ascii: "{")
  }

  private mutating func scanToken() {
    let startIndex = index
    let startLine = line
    let startColumn = column
    let byte = bytes[index]
    func make(_ kind: TokenKind, _ value: TokenValue = .none) {
      let span = Span(
        start: baseOffset + startIndex, end: baseOffset + index, line: startLine, column: startColumn)
      let lexeme = String(decoding: bytes[startIndex..<index], as: UTF8.self)
      tokens.append(Token(kind: kind, span: span, lexeme: lexeme, value: value))
    }
    if byte == 0x0A {
      advance()
      if tokens.last.map({ $0.kind != .newline }) ?? false { make(.newline) }
      return
    }
    if isIdentifierStart(byte) {
      while index < bytes.count && isIdentifierPart(bytes[index]) { advance() }
      let text = String(decoding: bytes[startIndex..<index], as: UTF8.self)
      make(TokenKind.keywords[text] ?? .identifier)
      return
    }
    if isDigit(byte) {
      let (kind, value) = scanNumber(startIndex: startIndex)
      make(kind, value)
      return
    }
    if byte == UInt8(ascii: "\"") {
      advance()
      if let parts = scanString(openLine: startLine, openColumn: startColumn, openIndex: startIndex) {
        make(.string, .string(parts))
      } else {
        make(.invalid)
      }
      return
    }
    advance()
    let next = peekByte
    switch byte {
    case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
      groupStack.append(byte)
      make(byte == UInt8(ascii: "(") ? .leftParen : byte == UInt8(ascii: "[") ? .leftBracket : .leftBrace)
    case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
      if !groupStack.isEmpty { groupStack.removeLast() }
      make(byte == UInt8(ascii: ")") ? .rightParen : byte == UInt8(ascii: "]") ? .rightBracket : .rightBrace)
    case UInt8(ascii: ","): make(.comma)
    case UInt8(ascii: ":"): make(.colon)
    case UInt8(ascii: ";"): make(.semicolon)
    case UInt8(ascii: "@"): make(.at)
    case UInt8(ascii: "%"): make(.percent)
    case UInt8(ascii: "."):
      if next == UInt8(ascii: ".") && byteAt(1) == UInt8(ascii: "<") {
        advance(); advance(); make(.rangeHalfOpen)
      } else if next == UInt8(ascii: ".") && byteAt(1) == UInt8(ascii: ".") {
        advance(); advance(); make(.rangeClosed)
      } else {
        make(.dot)
      }
    case UInt8(ascii: "="):
      if next == UInt8(ascii: "=") { advance(); make(.equalEqual) }
      else if next == UInt8(ascii: ">") { advance(); make(.arrow) }
      else { make(.equal) }
    case UInt8(ascii: "!"):
      if next == UInt8(ascii: "=") { advance(); make(.bangEqual) }
      else {
        make(.invalid)
        report(Diagnostic.unexpectedCharacter(
          "!", at: tokens[tokens.count - 1].span,
          help: "use 'not' for logical negation ('~' on a bool tensor, element-wise)"))
      }
    case UInt8(ascii: "&"), UInt8(ascii: "|"), UInt8(ascii: "^"):
      let (kind, problem) = scanBitwise(byte, next: next)
      make(kind)
      if let problem { report(problem(tokens[tokens.count - 1].span)) }
    case UInt8(ascii: "~"): make(.tilde)
    case UInt8(ascii: "<"):
      if next == UInt8(ascii: "=") { advance(); make(.lessEqual) } else { make(.less) }
    case UInt8(ascii: ">"):
      if next == UInt8(ascii: "=") { advance(); make(.greaterEqual) } else { make(.greater) }
    case UInt8(ascii: "+"):
      if next == UInt8(ascii: "=") { advance(); make(.plusEqual) } else { make(.plus) }
    case UInt8(ascii: "-"):
      if next == UInt8(ascii: "=") { advance(); make(.minusEqual) } else { make(.minus) }
    case UInt8(ascii: "*"):
      if next == UInt8(ascii: "*") { advance(); make(.starStar) }
      else if next == UInt8(ascii: "=") { advance(); make(.starEqual) }
      else { make(.star) }
    case UInt8(ascii: "/"):
      if next == UInt8(ascii: "/") { advance(); make(.slashSlash) }
      else if next == UInt8(ascii: "=") { advance(); make(.slashEqual) }
      else { make(.slash) }
    default:
      // Consume the rest of a multi-byte character so the caret covers it, then the rest of
      // a run of unexpected characters (a stray ``` is one error, not three).
      var count = 1
      while index < bytes.count && bytes[index] & 0xC0 == 0x80 { advance() }
      while index < bytes.count && !canStartToken(bytes[index], next: byteAt(1)) {
        advance()
        while index < bytes.count && bytes[index] & 0xC0 == 0x80 { advance() }
        count += 1
      }
      make(.invalid)
      let text = tokens[tokens.count - 1].lexeme
      let span = tokens[tokens.count - 1].span
      report(
        count == 1
          ? Diagnostic.unexpectedCharacter(text, at: span)
          : Diagnostic.unexpectedCharacters(text, at: span))
    }
  }

  /// `&`, `|`, `^` (element-wise logical on bool tensors, bitwise on Ints, as in Python and
  /// NumPy), after the first byte was consumed. C's `&&` and `||` are one invalid token whose
  /// help names `and`/`or`; `&=`, `|=`, `^=` (not in Melix) one naming the long form.
  ///
  /// - Returns: The token kind and, for an invalid token, its diagnostic given its span.
  private mutating func scanBitwise(_ byte: UInt8, next: UInt8) -> (TokenKind, ((Span) -> Diagnostic)?) {
    let symbol = String(UnicodeScalar(byte))
    if byte != UInt8(ascii: "^") && next == byte {
      advance()
      let word = byte == UInt8(ascii: "&") ? "and" : "or"
      return (.invalid, { span in
        Diagnostic.unexpectedCharacters(
          symbol + symbol, at: span,
          help: "use '\(word)' for logical \(word) ('\(symbol)' on bool tensors, element-wise)")
      })
    }
    if next == UInt8(ascii: "=") {
      advance()
      return (.invalid, { Diagnostic.unsupportedCompoundAssignment(symbol, at: $0) })
    }
    switch byte {
    case UInt8(ascii: "&"): return (.ampersand, nil)
    case UInt8(ascii: "|"): return (.pipe, nil)
    default: return (.caret, nil)
    }
  }

  /// Whether `byte` (followed by `next`) starts a token, white space, a comment or a line
  /// continuation, i.e. ends a run of unexpected characters.
  private func canStartToken(_ byte: UInt8, next: UInt8) -> Bool {
    if byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A { return true }
    if byte == UInt8(ascii: "\\") { return next == 0x0A || next == 0x0D }
    if isIdentifierStart(byte) || isDigit(byte) { return true }
    return Lexer.punctuation.contains(byte)
  }

  /// Bytes that start a punctuation token (or a string, or a comment).
  private static let punctuation: Set<UInt8> = Set("\"#()[]{},:;@%.=!<>+-*/&|^~".utf8)

  private mutating func report(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

  private mutating func scanNumber(startIndex: Int) -> (TokenKind, TokenValue) {
    var isFloat = false
    while isDigit(peekByte) || peekByte == UInt8(ascii: "_") { advance() }
    if peekByte == UInt8(ascii: ".") && isDigit(byteAt(1)) {
      isFloat = true
      advance()
      while isDigit(peekByte) || peekByte == UInt8(ascii: "_") { advance() }
    }
    if peekByte == UInt8(ascii: "e") || peekByte == UInt8(ascii: "E") {
      let sign = byteAt(1) == UInt8(ascii: "+") || byteAt(1) == UInt8(ascii: "-")
      if isDigit(byteAt(sign ? 2 : 1)) {
        isFloat = true
        advance()
        if sign { advance() }
        while isDigit(peekByte) { advance() }
      }
    }
    let text = String(decoding: bytes[startIndex..<index], as: UTF8.self)
    let digits = text.replacingUnderscores()
    let span = Span(start: baseOffset + startIndex, end: baseOffset + index, line: line, column: column - text.unicodeScalars.count)
    if isFloat { return (.float, .float(Double(digits) ?? .nan)) }
    if let value = Int(digits) { return (.int, .int(value)) }
    report(Diagnostic.integerLiteralTooLarge(text, at: span))
    return (.invalid, .none)
  }

  /// Scans a string body after its opening quote; nil when it is unterminated.
  private mutating func scanString(openLine: Int, openColumn: Int, openIndex: Int) -> [StringPart]? {
    var parts: [StringPart] = []
    var text: [UInt8] = []
    func flush() {
      if !text.isEmpty {
        parts.append(.text(String(decoding: text, as: UTF8.self)))
        text = []
      }
    }
    while true {
      guard index < bytes.count, bytes[index] != 0x0A else {
        let span = Span(start: baseOffset + openIndex, end: baseOffset + openIndex + 1, line: openLine, column: openColumn)
        report(Diagnostic.unterminatedString(at: span))
        return nil
      }
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") {
        advance()
        flush()
        return parts
      }
      if byte == UInt8(ascii: "\\") {
        let escapeLine = line
        let escapeColumn = column
        let escapeIndex = index
        advance()
        let code = peekByte
        if index < bytes.count { advance() }
        switch code {
        case UInt8(ascii: "n"): text.append(0x0A)
        case UInt8(ascii: "t"): text.append(0x09)
        case UInt8(ascii: "r"): text.append(0x0D)
        case UInt8(ascii: "0"): text.append(0x00)
        case UInt8(ascii: "\\"): text.append(UInt8(ascii: "\\"))
        case UInt8(ascii: "\""): text.append(UInt8(ascii: "\""))
        case UInt8(ascii: "{"): text.append(UInt8(ascii: "{"))
        case UInt8(ascii: "}"): text.append(UInt8(ascii: "}"))
        case UInt8(ascii: "u") where peekByte == UInt8(ascii: "{"):
          advance()
          var hex: [UInt8] = []
          while index < bytes.count && bytes[index] != UInt8(ascii: "}") && bytes[index] != 0x0A {
            hex.append(bytes[index]); advance()
          }
          if peekByte == UInt8(ascii: "}") { advance() }
          if let value = UInt32(String(decoding: hex, as: UTF8.self), radix: 16),
             let scalar = Unicode.Scalar(value) {
            text.append(contentsOf: Array(String(Character(scalar)).utf8))
          } else {
            report(Diagnostic.invalidEscape("\\u{\(String(decoding: hex, as: UTF8.self))}", at: Span(start: baseOffset + escapeIndex, end: baseOffset + index, line: escapeLine, column: escapeColumn)))
          }
        default:
          let shown = String(decoding: bytes[escapeIndex..<index], as: UTF8.self)
          report(Diagnostic.invalidEscape(shown, at: Span(start: baseOffset + escapeIndex, end: baseOffset + index, line: escapeLine, column: escapeColumn)))
        }
        continue
      }
      if byte == UInt8(ascii: "{") {
        if byteAt(1) == UInt8(ascii: "{") {
          advance(); advance()
          text.append(byte)
          continue
        }
        flush()
        let braceSpan = Span(start: baseOffset + index, end: baseOffset + index + 1, line: line, column: column)
        advance()
        let codeStart = Span(start: baseOffset + index, end: baseOffset + index, line: line, column: column)
        var depth = 0
        var codeBytes: [UInt8] = []
        var spec: [UInt8]? = nil
        var inQuote = false
        while index < bytes.count && bytes[index] != 0x0A {
          let c = bytes[index]
          if inQuote {
            if c == UInt8(ascii: "\\") { codeBytes.append(c); advance(); if index < bytes.count { codeBytes.append(bytes[index]); advance() }; continue }
            if c == UInt8(ascii: "\"") { inQuote = false }
          } else if c == UInt8(ascii: "\"") && spec == nil {
            inQuote = true
          } else if c == UInt8(ascii: "(") || c == UInt8(ascii: "[") || c == UInt8(ascii: "{") {
            depth += 1
          } else if c == UInt8(ascii: ")") || c == UInt8(ascii: "]") {
            depth -= 1
          } else if c == UInt8(ascii: "}") {
            if depth == 0 { break }
            depth -= 1
          } else if c == UInt8(ascii: ":") && depth == 0 && spec == nil {
            spec = []
            advance()
            continue
          }
          if spec != nil { spec?.append(c) } else { codeBytes.append(c) }
          advance()
        }
        guard peekByte == UInt8(ascii: "}") else {
          report(Diagnostic.unterminatedInterpolation(at: braceSpan))
          while index < bytes.count && bytes[index] != 0x0A { advance() }
          return nil
        }
        advance()
        parts.append(.interpolation(
          code: String(decoding: codeBytes, as: UTF8.self), start: codeStart,
          spec: spec.map { String(decoding: $0, as: UTF8.self) }))
        continue
      }
      if byte == UInt8(ascii: "}") && byteAt(1) == UInt8(ascii: "}") {
        advance(); advance()
        text.append(byte)
        continue
      }
      text.append(byte)
      advance()
    }
  }

  private func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
  private func isIdentifierStart(_ byte: UInt8) -> Bool {
    (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || byte == 0x5F || byte >= 0x80
  }
  private func isIdentifierPart(_ byte: UInt8) -> Bool { isIdentifierStart(byte) || isDigit(byte) }
}

extension String {
  fileprivate func replacingUnderscores() -> String { String(filter { $0 != "_" }) }
}
