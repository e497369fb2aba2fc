/// The kind of a token.
public enum TokenKind: String, Sendable, Hashable {
  // Literals and names.
  case identifier, int, float, string
  // Keywords.
  case kwLet = "let", kwVar = "var", kwFn = "fn", kwIf = "if", kwElse = "else"
  case kwWhile = "while", kwFor = "for", kwIn = "in", kwReturn = "return"
  case kwBreak = "break", kwContinue = "continue", kwImport = "import"
  case kwTrue = "true", kwFalse = "false", kwNil = "nil"
  case kwAnd = "and", kwOr = "or", kwNot = "not"
  // Punctuation.
  case leftParen = "(", rightParen = ")", leftBracket = "[", rightBracket = "]"
  case leftBrace = "{", rightBrace = "}", comma = ",", colon = ":", semicolon = ";"
  case dot = ".", arrow = "=>", equal = "=", equalEqual = "==", bangEqual = "!="
  case less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
  case plus = "+", minus = "-", star = "*", slash = "/", slashSlash = "//"
  case percent = "%", starStar = "**", at = "@"
  case ampersand = "&", pipe = "|", caret = "^", tilde = "~"
  case plusEqual = "+=", minusEqual = "-=", starEqual = "*=", slashEqual = "/="
  case rangeHalfOpen = "..<", rangeClosed = "..."
  // Layout.
  case newline, eof
  /// A character or literal the lexer could not read (a diagnostic was reported).
  case invalid

  /// The keywords, by spelling.
  public static let keywords: [String: TokenKind] = {
    var table: [String: TokenKind] = [:]
    for kind in [
      kwLet, kwVar, kwFn, kwIf, kwElse, kwWhile, kwFor, kwIn, kwReturn, kwBreak, kwContinue,
      kwImport, kwTrue, kwFalse, kwNil, kwAnd, kwOr, kwNot,
    ] {
      table[kind.rawValue] = kind
    }
    return table
  }()

  /// How the token is named in messages: `'('`, `identifier`, `end of line`.
  public var described: String {
    switch self {
    case .identifier: return "identifier"
    case .int: return "integer"
    case .float: return "float"
    case .string: return "string"
    case .newline: return "end of line"
    case .eof: return "end of input"
    case .invalid: return "invalid token"
    default: return "'\(rawValue)'"
    }
  }
}

/// One piece of a string literal: plain text or an interpolated expression.
public enum StringPart: Sendable, Equatable {
  /// Literal text, escapes already applied.
  case text(String)
  /// `{code}` or `{code:spec}`; `start` is the UTF-8 offset, line and column of `code`.
  case interpolation(code: String, start: Span, spec: String?)
}

/// The value a literal token carries.
public enum TokenValue: Sendable, Equatable {
  /// No literal value.
  case none
  /// An integer literal's value.
  case int(Int)
  /// A float literal's value.
  case float(Double)
  /// A string literal's pieces.
  case string([StringPart])
}

/// A token: its kind, where it is, its text and literal value.
public struct Token: Sendable {
  /// The kind.
  public let kind: TokenKind
  /// Where it is in the source.
  public let span: Span
  /// The text as written.
  public let lexeme: String
  /// The literal value for `int`, `float` and `string` tokens.
  public let value: TokenValue

  /// Creates a token.
  ///
  /// - Parameters:
  ///   - kind: The kind.
  ///   - span: Where it is.
  ///   - lexeme: The text as written.
  ///   - value: The literal value, if any.
  public init(kind: TokenKind, span: Span, lexeme: String, value: TokenValue = .none) {
    self.kind = kind
    self.span = span
    self.lexeme = lexeme
    self.value = value
  }
}
