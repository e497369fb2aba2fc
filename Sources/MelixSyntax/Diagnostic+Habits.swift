/// Messages for habits from other languages (Python, C, Swift, JavaScript) that Melix spells
/// differently: each names the Melix way in its `help:` line.
extension Diagnostic {
  /// `functions are declared with 'fn' in Melix, not 'def'` (also `func`, `function`).
  ///
  /// - Parameters:
  ///   - keyword: What the user wrote (`def`, `func`, `function`).
  ///   - span: The keyword.
  /// - Returns: The diagnostic.
  public static func foreignFunctionKeyword(_ keyword: String, at span: Span) -> Diagnostic {
    Diagnostic(
      error: "functions are declared with 'fn' in Melix, not '\(keyword)'", at: span,
      help: "'fn name(x) { return x }' or 'fn name(x) => x'")
  }

  /// `'elif' is written 'else if' in Melix`.
  public static func pythonElif(at span: Span) -> Diagnostic {
    Diagnostic(error: "'elif' is written 'else if' in Melix", at: span, help: "'if a { ... } else if b { ... } else { ... }'")
  }

  /// `anonymous functions are written with 'fn' in Melix, not 'lambda'`.
  public static func pythonLambda(at span: Span) -> Diagnostic {
    Diagnostic(
      error: "anonymous functions are written with 'fn' in Melix, not 'lambda'", at: span,
      help: "'fn(x) => x + 1'")
  }

  /// `f"..."`: every Melix string interpolates `{expression}`; there is no prefix.
  ///
  /// - Parameters:
  ///   - prefix: The prefix written before the string (`f`).
  ///   - span: The prefix.
  /// - Returns: The diagnostic.
  public static func pythonStringPrefix(_ prefix: String, at span: Span) -> Diagnostic {
    Diagnostic(
      error: "strings have no '\(prefix)' prefix in Melix", at: span,
      help: "every string interpolates: write \"x = {x}\" without the '\(prefix)'")
  }

  /// `x if c else y`: Melix has no conditional expression.
  public static func pythonConditionalExpression(at span: Span) -> Diagnostic {
    Diagnostic(
      error: "there is no conditional expression 'a if c else b' in Melix", at: span,
      help: "use an 'if' statement: 'var y = b' then 'if c { y = a }'")
  }

  /// `[x * 2 for x in xs]`: Melix has no comprehensions.
  public static func pythonComprehension(at span: Span) -> Diagnostic {
    Diagnostic(
      error: "there are no comprehensions in Melix", at: span,
      help: "use 'map(fn(x) => x * 2, xs)', 'filter(fn(x) => x > 0, xs)' or a 'for' loop")
  }

  /// `import numpy as np`: Melix imports `.mlx` files by path.
  ///
  /// - Parameters:
  ///   - got: The described token after `import`.
  ///   - span: That token.
  /// - Returns: The diagnostic.
  public static func importNeedsPath(got: String, at span: Span) -> Diagnostic {
    Diagnostic(
      error: "expected a string path after 'import', got \(got)", at: span,
      help: "Melix imports a .mlx file by its path: 'import \"helpers.mlx\"'; tensors, datasets and models are built in")
  }

  /// `var(t)`: NumPy's `np.var`, but `var` is a keyword in Melix.
  public static func varianceCall(at span: Span) -> Diagnostic {
    Diagnostic(
      error: "expected expression, got 'var'", at: span,
      help: "'var' declares a variable in Melix; the variance is 'variance(t)' (or the method 't.var()')")
  }
}
