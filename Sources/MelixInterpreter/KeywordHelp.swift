/// `:help` text for the language's keywords (built-ins document themselves in their table).
enum KeywordHelp {
  static let entries: [String: String] = [
    "let": "let name = value\n\nBinds a name once; assigning to it again is an error. Destructures tuples and lists: 'let (a, b) = pair'.",
    "var": "var name = value\n\nBinds a name that may be reassigned with '=', '+=', '-=', '*=', '/='.",
    "fn": "fn name(a, b = 2) { ... }   fn name(x) => x * 2   fn(x) => x * 2\n\nDeclares a function (or makes an anonymous one). Defaults are evaluated at each call; call with positional then keyword arguments: 'name(1, b: 3)'.",
    "if": "if condition { ... } else if other { ... } else { ... }\n\nThe condition must be a Bool (Melix has no truthiness).",
    "else": "if condition { ... } else { ... }\n\nThe branch taken when the 'if' condition is false.",
    "while": "while condition { ... }\n\nRepeats while the Bool condition holds; 'break' leaves, 'continue' skips to the next test.",
    "for": "for x in values { ... }\n\nVisits lists, tuples, ranges ('0..<n', '0...n', 'range(a, b, step)'), dict keys, string characters. Each iteration gets a fresh 'x'. Destructures: 'for (i, x) in enumerate(xs)'.",
    "in": "x in container\n\nMembership in a list, tuple, dict (keys), string (substring) or range; also 'for x in xs'.",
    "return": "return value\n\nLeaves the function with the value ('return' alone gives nil).",
    "break": "break\n\nLeaves the innermost loop.",
    "continue": "continue\n\nSkips to the next iteration of the innermost loop.",
    "import": "import \"path\"\n\nRuns a Melix file once per session and makes its top-level names visible. Looked up beside the importing file, then in the stdlib folder.",
    "and": "a and b\n\nTrue when both Bools are; 'b' is evaluated only when 'a' is true. "
      + "Bool tensors (masks) combine element-wise with '&': (t > 1) & (t < 5).",
    "or": "a or b\n\nTrue when either Bool is; 'b' is evaluated only when 'a' is false. "
      + "Bool tensors (masks) combine element-wise with '|': (t < 1) | (t > 5).",
    "not": "not a   /   x not in xs\n\nNegates a Bool. "
      + "A bool tensor (mask) is negated element-wise with '~': ~(t > 1).",
    "true": "true\n\nThe Bool true.",
    "false": "false\n\nThe Bool false.",
    "nil": "nil\n\nThe absence of a value; functions without 'return' give nil.",
  ]
}
