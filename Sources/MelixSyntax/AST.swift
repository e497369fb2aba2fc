/// A stable identifier for an AST node, unique within one parse; the resolver's side tables
/// are keyed by it.
public typealias NodeID = Int

/// A binary operator: arithmetic, comparison or membership.
public enum BinaryOperator: String, Sendable {
  // The raw value is the operator's spelling, used in messages.
  case add = "+", subtract = "-", multiply = "*", divide = "/", floorDivide = "//"
  case modulo = "%", power = "**", matmul = "@"
  case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">"
  case greaterEqual = ">=", contains = "in", notContains = "not in"
}

/// A prefix operator; `~` is element-wise not on bool tensors and bitwise not on Ints.
public enum UnaryOperator: String, Sendable {
  case negate = "-", plus = "+", not = "not", invert = "~"
}

/// `&`, `|`, `^`: element-wise logical operators on Bools and bool tensors (NumPy's way of
/// combining masks), bitwise `&` and `|` on Ints, as in Python. They do not short-circuit.
public enum BitwiseOperator: String, Sendable {
  case and = "&", or = "|", xor = "^"
}

/// A short-circuit logical operator.
public enum LogicalOperator: String, Sendable {
  case and, or
}

/// An expression node.
public struct Expr: Sendable {
  /// The node's identifier.
  public let id: NodeID
  /// The source it covers.
  public let span: Span
  /// What it is.
  public let kind: ExprKind

  /// Creates an expression node.
  ///
  /// - Parameters:
  ///   - id: The node's identifier.
  ///   - span: The source it covers.
  ///   - kind: What it is.
  public init(id: NodeID, span: Span, kind: ExprKind) {
    self.id = id
    self.span = span
    self.kind = kind
  }
}

/// One call argument, positional (`label == nil`) or keyword (`epochs: 10`).
public struct Argument: Sendable {
  /// The keyword, if any.
  public let label: String?
  /// Where the keyword is.
  public let labelSpan: Span?
  /// The argument's value.
  public let value: Expr
}

/// One subscript inside `[...]`: an index or a slice `lo:hi`.
public enum Subscript: Sendable {
  /// `xs[i]`.
  case index(Expr)
  /// `xs[lo:hi:step]`, every part optional.
  case slice(lower: Expr?, upper: Expr?, step: Expr?, span: Span)
}

/// One piece of an interpolated string.
public enum InterpolationPart: Sendable {
  /// Literal text.
  case text(String)
  /// An expression and its optional format spec (`.3f`).
  case value(Expr, spec: String?)
}

/// The kinds of expression.
public indirect enum ExprKind: Sendable {
  /// An integer literal.
  case int(Int)
  /// A float literal.
  case float(Double)
  /// A string literal without interpolation.
  case string(String)
  /// A string literal with `{expr}` parts.
  case interpolated([InterpolationPart])
  /// `true` or `false`.
  case bool(Bool)
  /// `nil`.
  case nilLiteral
  /// A name use.
  case name(String)
  /// `[a, b]`.
  case list([Expr])
  /// `{k: v}`.
  case dict([(key: Expr, value: Expr)])
  /// `(a, b)`, `(a,)`, `()`.
  case tuple([Expr])
  /// `-x`, `+x`, `not x`.
  case unary(UnaryOperator, Expr)
  /// `a op b` (arithmetic, comparison, membership).
  case binary(BinaryOperator, Expr, Expr)
  /// `a and b`, `a or b` (short-circuit).
  case logical(LogicalOperator, Expr, Expr)
  /// `a & b`, `a | b`, `a ^ b` (element-wise on tensors, both sides evaluated).
  case bitwise(BitwiseOperator, Expr, Expr)
  /// `lo..<hi` (`inclusive == false`) or `lo...hi`.
  case range(Expr, Expr, inclusive: Bool)
  /// `f(args)`.
  case call(Expr, [Argument])
  /// `x[subscripts]`.
  case index(Expr, [Subscript])
  /// `object.name`.
  case member(Expr, name: String, nameSpan: Span)
  /// `fn(x) => x * 2` or `fn(x) { ... }`.
  case function(FunctionDecl)
}

/// A binding pattern: a name, or a tuple of patterns for destructuring.
public indirect enum Pattern: Sendable {
  /// A single name; `id` identifies the declaration.
  case name(String, id: NodeID, span: Span)
  /// `(a, b)`.
  case tuple([Pattern], span: Span)

  /// The span of the whole pattern.
  public var span: Span {
    switch self {
    case .name(_, _, let span), .tuple(_, let span): return span
    }
  }
}

/// A function parameter.
public struct Parameter: Sendable {
  /// Identifies the declaration.
  public let id: NodeID
  /// The parameter's name.
  public let name: String
  /// Where the name is.
  public let span: Span
  /// The default value, evaluated at call time in the callee's scope.
  public let defaultValue: Expr?
}

/// A named or anonymous function.
public struct FunctionDecl: Sendable {
  /// Identifies the function (and the declaration of its name).
  public let id: NodeID
  /// The name, or nil for an anonymous function.
  public let name: String?
  /// Where the whole function is (for a named one, the `fn name` head).
  public let span: Span
  /// The parameters in order.
  public let parameters: [Parameter]
  /// The body. An expression body `=> e` becomes one `return e` statement.
  public let body: [Stmt]
}

/// The assignment operators.
public enum AssignOperator: String, Sendable {
  case assign = "=", add = "+=", subtract = "-=", multiply = "*=", divide = "/="

  /// The binary operator a compound assignment applies, or nil for `=`.
  public var binary: BinaryOperator? {
    switch self {
    case .assign: return nil
    case .add: return .add
    case .subtract: return .subtract
    case .multiply: return .multiply
    case .divide: return .divide
    }
  }
}

/// A statement node.
public struct Stmt: Sendable {
  /// The node's identifier.
  public let id: NodeID
  /// The source it covers.
  public let span: Span
  /// What it is.
  public let kind: StmtKind

  /// Creates a statement node.
  ///
  /// - Parameters:
  ///   - id: The node's identifier.
  ///   - span: The source it covers.
  ///   - kind: What it is.
  public init(id: NodeID, span: Span, kind: StmtKind) {
    self.id = id
    self.span = span
    self.kind = kind
  }
}

/// The kinds of statement.
public indirect enum StmtKind: Sendable {
  /// An expression evaluated for its effect.
  case expression(Expr)
  /// `let p = e` (`isConstant`) or `var p = e`.
  case binding(isConstant: Bool, Pattern, Expr)
  /// `target = e`, `target += e`, ...; the operator's span is `operatorSpan`.
  case assign(target: Expr, op: AssignOperator, value: Expr, operatorSpan: Span)
  /// `fn name(...) { ... }`.
  case function(FunctionDecl)
  /// `if c { } else ...`; an `else if` is an `else` block holding one `if` statement.
  case ifElse(condition: Expr, then: [Stmt], otherwise: [Stmt]?)
  /// `while c { }`.
  case whileLoop(condition: Expr, body: [Stmt])
  /// `for p in xs { }`.
  case forLoop(Pattern, iterable: Expr, body: [Stmt])
  /// `return` or `return e`.
  case returnValue(Expr?)
  /// `break`.
  case breakLoop
  /// `continue`.
  case continueLoop
  /// `import "path"`.
  case importFile(String)
}

/// The parse of one source file.
public struct Program: Sendable {
  /// The top-level statements.
  public let statements: [Stmt]
  /// The source they came from.
  public let source: SourceFile
  /// One more than the largest node ID used.
  public let nodeCount: Int
}
