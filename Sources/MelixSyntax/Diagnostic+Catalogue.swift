/// The catalogue of compile-time messages: code and golden tests share this wording.
extension Diagnostic {
  // MARK: - Lexer

  /// `unexpected character '$'`.
  public static func unexpectedCharacter(_ text: String, at span: Span, help: String? = nil) -> Diagnostic {
    Diagnostic(error: "unexpected character '\(text)'", at: span, help: help)
  }

  /// `unexpected characters '```'`: a run of unexpected characters, reported once.
  public static func unexpectedCharacters(_ text: String, at span: Span, help: String? = nil) -> Diagnostic {
    Diagnostic(error: "unexpected characters '\(text)'", at: span, help: help)
  }

  /// `unterminated string`.
  public static func unterminatedString(at span: Span) -> Diagnostic {
    Diagnostic(error: "unterminated string", at: span, help: "add '\"' before the end of the line")
  }

  /// `unterminated '{' in string`.
  public static func unterminatedInterpolation(at span: Span) -> Diagnostic {
    Diagnostic(error: "unterminated '{' in string", at: span, help: "close it with '}' or write '{{' for a literal brace")
  }

  /// `invalid escape '\q'`.
  public static func invalidEscape(_ text: String, at span: Span) -> Diagnostic {
    Diagnostic(error: "invalid escape '\(text)'", at: span, help: "valid escapes are \\n \\t \\r \\0 \\\\ \\\" \\{ \\} \\u{...}")
  }

  /// `integer literal '99999999999999999999' is too large`.
  public static func integerLiteralTooLarge(_ text: String, at span: Span) -> Diagnostic {
    Diagnostic(error: "integer literal '\(text)' is too large", at: span, help: "integers are 64-bit; write a float such as '1e20' instead")
  }

  // MARK: - Parser

  /// `expected expression, got ')'`.
  public static func expectedExpression(got: String, at span: Span) -> Diagnostic {
    Diagnostic(error: "expected expression, got \(got)", at: span)
  }

  /// `expected ')' to close '(' at 12:14`.
  public static func expectedClosing(_ closing: String, opening: String, openedAt: Span, got: Span) -> Diagnostic {
    Diagnostic(error: "expected '\(closing)' to close '\(opening)' at \(openedAt.position)", at: got)
  }

  /// `expected '{' after 'if' condition, got end of line`.
  public static func expected(_ what: String, after context: String, got: String, at span: Span, help: String? = nil) -> Diagnostic {
    Diagnostic(error: "expected \(what) \(context), got \(got)", at: span, help: help)
  }

  /// `expected end of statement, got 'x'`.
  public static func expectedEndOfStatement(got: String, at span: Span) -> Diagnostic {
    Diagnostic(error: "expected end of statement, got \(got)", at: span, help: "put each statement on its own line or separate them with ';'")
  }

  /// `cannot assign to this expression`.
  public static func invalidAssignmentTarget(at span: Span) -> Diagnostic {
    Diagnostic(error: "cannot assign to this expression", at: span, help: "assign to a name, an index 'xs[i]' or a field 'x.f'")
  }

  /// `expression nested too deeply`.
  public static func nestedTooDeeply(at span: Span) -> Diagnostic {
    Diagnostic(error: "expression nested too deeply", at: span, help: "split it into smaller parts with 'let'")
  }

  /// `comparisons cannot be chained`.
  public static func chainedComparison(at span: Span) -> Diagnostic {
    Diagnostic(error: "comparisons cannot be chained", at: span, help: "write 'a < b and b < c'")
  }

  /// `comparisons cannot be chained` where a bitwise operator sits between two comparisons
  /// (`a > 1 & a < 5` reads as `a > (1 & a) < 5`, as in Python and NumPy).
  ///
  /// - Parameters:
  ///   - op: The operator between the comparisons (`&`, `|`, `^`).
  ///   - fixed: The condition with brackets (`(a > 1) & (a < 5)`).
  ///   - span: The second comparison operator.
  /// - Returns: The diagnostic.
  public static func chainedComparison(
    around op: String, suggesting fixed: String, at span: Span
  ) -> Diagnostic {
    Diagnostic(
      error: "comparisons cannot be chained", at: span,
      help: "'\(op)' binds tighter than comparisons (as in Python and NumPy): write '\(fixed)'")
  }

  /// `'&=' is not supported`: Melix has no bitwise compound assignment.
  ///
  /// - Parameters:
  ///   - op: The operator before `=` (`&`, `|`, `^`).
  ///   - span: The two characters.
  /// - Returns: The diagnostic.
  public static func unsupportedCompoundAssignment(_ op: String, at span: Span) -> Diagnostic {
    Diagnostic(error: "'\(op)=' is not supported", at: span, help: "write 'mask = mask \(op) other'")
  }

  /// `positional argument after keyword argument`.
  public static func positionalAfterKeyword(at span: Span) -> Diagnostic {
    Diagnostic(error: "positional argument after keyword argument", at: span)
  }

  /// `duplicate argument 'x'` / `duplicate parameter 'x'`.
  public static func duplicate(_ role: String, _ name: String, at span: Span) -> Diagnostic {
    Diagnostic(error: "duplicate \(role) '\(name)'", at: span)
  }

  /// `parameter 'b' without a default follows a parameter with one`.
  public static func requiredAfterDefault(_ name: String, at span: Span) -> Diagnostic {
    Diagnostic(error: "parameter '\(name)' without a default follows a parameter with one", at: span)
  }

  /// `'else' without 'if'` and similar misplaced keywords.
  public static func misplacedKeyword(_ keyword: String, at span: Span, help: String? = nil) -> Diagnostic {
    Diagnostic(error: "unexpected '\(keyword)'", at: span, help: help)
  }

  /// `mean(axis=0)`: keyword arguments are written `name: value`.
  public static func pythonKeywordArgument(_ name: String, value: String, at span: Span) -> Diagnostic {
    Diagnostic(error: "keyword arguments use ':' in Melix, not '='", at: span, help: "write '\(name): \(value)'")
  }

  /// `def f(x): ...`: Melix declares functions with `fn`.
  public static func pythonDef(at span: Span) -> Diagnostic {
    foreignFunctionKeyword("def", at: span)
  }

  // MARK: - Resolver

  /// `undefined variable 'lr'`, with a did-you-mean help.
  public static func undefinedVariable(_ name: String, at span: Span, suggestion: String?) -> Diagnostic {
    Diagnostic(error: "undefined variable '\(name)'", at: span, help: suggestion.map { "did you mean '\($0)'?" })
  }

  /// `cannot assign to 'x': it is declared with 'let'`.
  public static func assignToConstant(_ name: String, at span: Span) -> Diagnostic {
    Diagnostic(error: "cannot assign to '\(name)': it is declared with 'let'", at: span, help: "declare it with 'var' to allow reassignment")
  }

  /// `cannot assign to 'f': it is a function`.
  public static func assignToFunction(_ name: String, at span: Span) -> Diagnostic {
    Diagnostic(error: "cannot assign to '\(name)': it is a function", at: span, help: "bind the new function with 'var f = fn(...) => ...' instead")
  }

  /// `cannot assign to 'i': it is a loop variable`.
  public static func assignToLoopVariable(_ name: String, at span: Span) -> Diagnostic {
    Diagnostic(error: "cannot assign to '\(name)': it is a loop variable", at: span, help: "copy it first: 'var j = \(name)'")
  }

  /// `cannot assign to built-in 'print'`.
  public static func assignToBuiltin(_ name: String, at span: Span) -> Diagnostic {
    Diagnostic(error: "cannot assign to built-in '\(name)'", at: span, help: "declare a new name with 'let' or 'var'")
  }

  /// `'x' is already defined in this scope`, with a note on the first definition.
  public static func redefinition(_ name: String, at span: Span, firstDefinedAt first: Span? = nil) -> Diagnostic {
    Diagnostic(
      error: "'\(name)' is already defined in this scope", at: span,
      help: "use another name, or assign with '=' to a 'var'",
      notes: first.map { ["'\(name)' was first defined at \($0.position)"] } ?? [])
  }

  /// `'x' is used before its definition`.
  public static func usedBeforeDefinition(_ name: String, at span: Span) -> Diagnostic {
    Diagnostic(error: "'\(name)' is used before its definition", at: span)
  }

  /// `'return' outside a function`.
  public static func returnOutsideFunction(at span: Span) -> Diagnostic {
    Diagnostic(error: "'return' outside a function", at: span)
  }

  /// `'break' outside a loop` / `'continue' outside a loop`.
  public static func outsideLoop(_ keyword: String, at span: Span) -> Diagnostic {
    Diagnostic(error: "'\(keyword)' outside a loop", at: span)
  }

  /// `'import' is only allowed at the top level`.
  public static func importNotTopLevel(at span: Span) -> Diagnostic {
    Diagnostic(error: "'import' is only allowed at the top level", at: span)
  }

  /// `cannot find 'x.mlx' to import`.
  public static func importNotFound(_ path: String, at span: Span, searched: [String]) -> Diagnostic {
    Diagnostic(error: "cannot find '\(path)' to import", at: span, notes: searched.isEmpty ? [] : ["searched: " + searched.joined(separator: ", ")])
  }

  /// `cannot import 'x.mlx': it is a directory` (or `not valid UTF-8 text`, `cannot be read`),
  /// at the `import` statement.
  public static func importUnreadable(_ path: String, reason: String, at span: Span) -> Diagnostic {
    Diagnostic(error: "cannot import '\(path)': \(reason)", at: span)
  }
}
