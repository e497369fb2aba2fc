import MelixSyntax

/// An error raised by a built-in or a native value; the interpreter adds the location of the
/// call or operator that failed.
public struct MelixError: Error, Sendable {
  /// Lower-case message, code in single quotes.
  public let message: String
  /// Whether the error belongs at the operator of a binary expression rather than the
  /// whole expression (a tensor shape mismatch in `a @ b`); see `OperatorSite`.
  public var atOperator = false
  /// A `help:` line shown under the error (`did you mean 'seed'?`), if any.
  public var help: String?
  /// The keyword argument the error is about; the caret goes under it at the call site.
  public var keyword: String?
  /// Creates an error.
  ///
  /// - Parameter message: Lower-case message.
  public init(_ message: String) { self.message = message }
}

/// A value implemented in Swift by another area (tensor, dataset, model, result objects).
///
/// Conform a `final class` (or a class wrapping a copy-on-write struct) and return it as
/// `.native(x)`. Every requirement but `typeName` has a default that reports the operation
/// as unsupported, so a new value type implements only what it supports.
public protocol NativeValue: AnyObject {
  /// The Melix type name shown by `type(x)` and in errors (`Tensor`, `Dataset`).
  var typeName: String { get }
  /// The text `print` shows.
  func display() -> String
  /// A short summary for the REPL's globals list (`[150, 4] Float64`).
  func summary() -> String
  /// Field names, for REPL completion after a dot.
  var memberNames: [String] { get }
  /// The field `name` (`report.accuracy`).
  ///
  /// - Throws: `MelixError` when there is no such field.
  func member(_ name: String) throws -> Value
  /// Sets the field `name`.
  ///
  /// - Throws: `MelixError` when the field does not exist or is read-only.
  func setMember(_ name: String, _ value: Value) throws
  /// Calls the method `name` (`t.sum(axis: 0)`), or returns nil if there is none (the
  /// interpreter then tries a built-in with the value as first argument).
  ///
  /// - Throws: `MelixError` for bad arguments.
  func callMethod(_ name: String, positional: [Value], keywords: [(String, Value)], context: CallContext) throws -> Value?
  /// `self op other` (`isLeft`) or `other op self`; nil when unsupported.
  ///
  /// - Throws: `MelixError` for bad operands (a shape mismatch names both shapes).
  func binary(_ op: BinaryOperator, _ other: Value, isLeft: Bool) throws -> Value?
  /// `-self`; nil when unsupported.
  func negated() throws -> Value?
  /// `self[subscripts]`; each subscript is an index value or a `.range`-like slice.
  ///
  /// - Throws: `MelixError` when unsupported or out of range.
  func index(_ subscripts: [SubscriptValue]) throws -> Value
  /// `self[subscripts] = value`.
  ///
  /// - Throws: `MelixError` when unsupported or out of range.
  func setIndex(_ subscripts: [SubscriptValue], _ value: Value) throws
  /// The number of elements (`len(x)`), or nil if it has none.
  var length: Int? { get }
  /// The elements a `for` loop visits, or nil if not iterable.
  func elements() throws -> [Value]?
  /// Equality with another value (`==`); identity by default.
  func isEqual(to other: Value) -> Bool
  /// The text for `"{x:spec}"` (a tensor printed with `.3f` elements), or nil when the
  /// value has no formatted form (then the spec must fit its display text as a string).
  ///
  /// - Throws: `MelixError` for a spec the value rejects.
  func formatted(spec: String) throws -> String?
}

/// One evaluated subscript: an index value, or a slice with optional bounds.
public enum SubscriptValue {
  /// `x[i]` (an Int, a String key, a mask...).
  case index(Value)
  /// `x[lo:hi:step]`; nil parts are open (step nil means 1; never 0).
  case slice(lower: Int?, upper: Int?, step: Int?)
}

/// Defaults: every operation a native type does not implement reports itself unsupported.
extension NativeValue {
  /// `<TypeName>`.
  public func display() -> String { "<\(typeName)>" }
  /// The display text.
  public func summary() -> String { display() }
  /// No fields.
  public var memberNames: [String] { [] }
  /// - Throws: `MelixError` `Type has no field 'name'`.
  public func member(_ name: String) throws -> Value {
    throw MelixError("\(typeName) has no field '\(name)'")
  }
  /// - Throws: `MelixError` `cannot set field 'name' of Type`.
  public func setMember(_ name: String, _ value: Value) throws {
    throw MelixError("cannot set field '\(name)' of \(typeName)")
  }
  /// No methods: nil, so the interpreter tries a built-in of that name.
  public func callMethod(_ name: String, positional: [Value], keywords: [(String, Value)], context: CallContext) throws -> Value? { nil }
  /// No operators: nil (`unsupported operand types`).
  public func binary(_ op: BinaryOperator, _ other: Value, isLeft: Bool) throws -> Value? { nil }
  /// No negation: nil.
  public func negated() throws -> Value? { nil }
  /// - Throws: `MelixError` `Type cannot be indexed`.
  public func index(_ subscripts: [SubscriptValue]) throws -> Value {
    throw MelixError("\(typeName) cannot be indexed")
  }
  /// - Throws: `MelixError` `Type does not support item assignment`.
  public func setIndex(_ subscripts: [SubscriptValue], _ value: Value) throws {
    throw MelixError("\(typeName) does not support item assignment")
  }
  /// No length.
  public var length: Int? { nil }
  /// Not iterable.
  public func elements() throws -> [Value]? { nil }
  /// No formatted form.
  public func formatted(spec: String) throws -> String? { nil }
  /// Identity.
  public func isEqual(to other: Value) -> Bool {
    if case .native(let o) = other { return o === self }
    return false
  }
}
