/// Recognising habits from other languages where the parser would otherwise give a generic
/// error (`expected end of statement`, `expected ')' to close '('`): the diagnostic names the
/// Melix spelling instead (see `Diagnostic+Habits.swift`).
extension Parser {
  /// Whether `token` starts an operand that cannot follow a name in a valid expression
  /// (so `elif x` is a habit, while `elif(x)` and `elif - x` may be valid code).
  static func startsOperand(_ token: Token) -> Bool {
    switch token.kind {
    case .identifier, .int, .float, .string, .kwTrue, .kwFalse, .kwNil, .kwNot: true
    default: false
    }
  }

  /// A habit at the start of a statement: `def f`, `func f`, `function f`, `elif c`.
  func statementHabit() -> Diagnostic? {
    guard peek.kind == .identifier else { return nil }
    let word = peek.lexeme
    if ["def", "func", "function"].contains(word) && peek(1).kind == .identifier {
      return .foreignFunctionKeyword(word, at: peek.span)
    }
    if word == "elif" && Self.startsOperand(peek(1)) { return .pythonElif(at: peek.span) }
    return nil
  }

  /// A habit where a statement should end: `x if c else y`, `} elif c {`.
  func terminatorHabit() -> Diagnostic? {
    switch peek.kind {
    case .kwIf: return .pythonConditionalExpression(at: peek.span)
    case .identifier where peek.lexeme == "elif": return .pythonElif(at: peek.span)
    default: return nil
    }
  }

  /// A habit where a closing bracket should come: `[x for x in xs]`, `f(a if c else b)`.
  func closingHabit() -> Diagnostic? {
    switch peek.kind {
    case .kwFor: return .pythonComprehension(at: peek.span)
    case .kwIf: return .pythonConditionalExpression(at: peek.span)
    default: return nil
    }
  }

  /// A habit where an operand starts: `lambda x: ...`, `f"..."` (the prefix touching the quote).
  func operandHabit() -> Diagnostic? {
    guard peek.kind == .identifier else { return nil }
    let next = peek(1)
    let word = peek.lexeme
    // Not `lambda:`: `{lambda: 1}` is a dict keyed by a variable named `lambda`.
    if word == "lambda" && next.kind == .identifier {
      return .pythonLambda(at: peek.span)
    }
    if ["f", "rf", "fr"].contains(word) && next.kind == .string && next.span.start == peek.span.end {
      return .pythonStringPrefix(word, at: peek.span)
    }
    return nil
  }
}
