import MelixSyntax

/// The catalogue of runtime error messages: code and golden tests share this wording.
enum Messages {
  static let recursionDepthExceeded = "recursion depth exceeded"
  static let interrupted = "interrupted"

  static func tooManyArguments(_ function: String, expected: Int, got: Int) -> String {
    "'\(function)' takes \(expected) argument\(expected == 1 ? "" : "s") but \(got) \(got == 1 ? "was" : "were") given"
  }
  /// `value` is the positional argument's text, or `...` when only the source is known.
  static func keywordOnly(_ function: String, _ parameter: String, value: String = "...") -> String {
    "'\(function)' takes '\(parameter)' only as a keyword ('\(parameter): \(value)'), not as a positional argument"
  }
  static func shapeIsOneList(_ function: String) -> String {
    "a shape is one list, as in NumPy's shape tuples: \(function)([2, 3])"
  }
  static func missingArgument(_ function: String, _ parameter: String) -> String {
    "missing argument '\(parameter)' in call to '\(function)'"
  }
  static func unknownKeyword(_ function: String, _ name: String) -> String {
    "'\(function)' has no parameter named '\(name)'"
  }
  static func duplicateArgument(_ function: String, _ name: String) -> String {
    "argument '\(name)' of '\(function)' given more than once"
  }
  static func argumentType(_ function: String, _ parameter: String, expected: String, got: String) -> String {
    "argument '\(parameter)' of '\(function)': expected \(expected), got \(got)"
  }
  static func expectedBool(got: String) -> String { "expected Bool, got \(got)" }

  /// Where a single Bool was needed: the `help:` for `expectedBool`.
  enum BoolUse {
    /// An `if` or `while` condition.
    case condition
    /// An operand of `and`, `or` or `not`.
    case logical(UnaryOrLogical)
  }

  /// The word operators that need a Bool.
  enum UnaryOrLogical: String {
    case and, or, not
  }

  /// The `help:` line for `expectedBool` when the value was a tensor: the element-wise
  /// operator (NumPy's), or `all`/`any` for one Bool. Nil for other values.
  ///
  /// - Parameters:
  ///   - value: The value that was not a Bool.
  ///   - use: Where the Bool was needed.
  /// - Returns: The help text, or nil.
  static func boolHelp(for value: Value, _ use: BoolUse) -> String? {
    guard value.tensorValue != nil else { return nil }
    let oneBool = "'all(t)' or 'any(t)' gives one Bool"
    switch use {
    case .condition:
      return "a tensor holds many truth values: 'all(t)' or 'any(t)' gives one Bool"
    case .logical(.and):
      return "combine bool tensors element-wise with '&': '(a > 1) & (a < 5)'; \(oneBool)"
    case .logical(.or):
      return "combine bool tensors element-wise with '|': '(a < 1) | (a > 5)'; \(oneBool)"
    case .logical(.not):
      return "negate a bool tensor element-wise with '~': '~mask'; \(oneBool)"
    }
  }

  /// A runtime error for a non-Bool `value` where a Bool was needed, with the tensor help.
  static func expectedBoolError(
    _ value: Value, _ use: BoolUse, at span: Span, path: String
  ) -> RuntimeError {
    var error = RuntimeError(expectedBool(got: value.typeName), at: span, path: path)
    error.help = boolHelp(for: value, use)
    return error
  }
  static func integerOverflow(_ op: String) -> String { "integer overflow in '\(op)'" }
  static let integerDivisionByZero = "integer division by zero"
  static let integerModuloByZero = "integer modulo by zero"
  static let divisionByZero = "division by zero"
  static func unsupportedOperands(_ op: String, _ lhs: String, _ rhs: String) -> String {
    "unsupported operand types for '\(op)': \(lhs) and \(rhs)"
  }
  static func unsupportedOperand(_ op: String, _ operand: String) -> String {
    "unsupported operand type for '\(op)': \(operand)"
  }
  static func notCallable(_ type: String) -> String { "\(type) is not callable" }
  static func indexOutOfRange(_ index: Int, _ type: String, length: Int) -> String {
    "index \(index) out of range for \(type) of length \(length)"
  }
  static func keyNotFound(_ key: String) -> String { "key \(key) not found in dict" }
  static func unhashable(_ type: String) -> String { "\(type) cannot be a dict key" }
  static func notIndexable(_ type: String) -> String { "\(type) cannot be indexed" }
  static func indexType(_ container: String, expected: String, got: String) -> String {
    "\(container) index: expected \(expected), got \(got)"
  }
  static func notIterable(_ type: String) -> String { "\(type) is not iterable" }
  static func noMember(_ type: String, _ name: String) -> String { "\(type) has no member '\(name)'" }
  static func noMethod(_ type: String, _ name: String) -> String {
    "\(type) has no method '\(name)' and there is no built-in '\(name)'"
  }
  static func destructure(expected: Int, got: Int) -> String {
    "cannot unpack \(got) value\(got == 1 ? "" : "s") into \(expected) name\(expected == 1 ? "" : "s")"
  }
  static func destructureType(_ type: String) -> String { "cannot unpack \(type) into names" }
  static func immutable(_ type: String) -> String { "\(type) does not support item assignment" }
  static let zeroStep = "range step cannot be zero"
  static let zeroSliceStep = "slice step cannot be zero"
  static func matmulNeedsTensors(_ lhs: String, _ rhs: String) -> String { "'@' needs tensors, got \(lhs) and \(rhs)" }
  static let assertionFailed = "assertion failed"
  static func usedBeforeDefinition(_ name: String) -> String { "global '\(name)' used before its definition" }
}
