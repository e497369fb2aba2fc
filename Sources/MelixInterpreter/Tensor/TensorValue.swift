import MelixNumerics

/// A Melix tensor: a `MelixNumerics.Tensor` held as a native value.
///
/// Assignment binds the same object (like NumPy arrays and Melix lists), so `t[0] = 1` is
/// seen through every name bound to `t`. Indexing returns a new value: writing into the
/// result of `t[0]` does not write back into `t` (unlike a NumPy view).
public final class TensorValue: NativeValue {
  /// The wrapped tensor; replaced in place by item assignment.
  public var tensor: Tensor

  /// Wraps `tensor`.
  ///
  /// - Parameter tensor: The tensor.
  public init(_ tensor: Tensor) { self.tensor = tensor }

  /// `Tensor`.
  public var typeName: String { "Tensor" }

  /// NumPy's layout with `tensor(` in place of `array(`, then shape and dtype.
  public func display() -> String { tensor.description }

  /// `Tensor[2, 3] float64`, for the REPL's list of globals.
  public func summary() -> String { "Tensor\(formatShape(tensor.shape)) \(tensor.dtype)" }

  /// The size of the first axis; nil for a zero-dimensional tensor.
  public var length: Int? { tensor.rank == 0 ? nil : tensor.shape[0] }
}

extension Value {
  /// A tensor as a Melix value.
  ///
  /// - Parameter t: The tensor.
  /// - Returns: `.native(TensorValue(t))`.
  public static func tensor(_ t: Tensor) -> Value { .native(TensorValue(t)) }

  /// The tensor this value holds, or nil when it is not a tensor.
  public var tensorValue: Tensor? {
    if case .native(let n) = self, let t = n as? TensorValue { return t.tensor }
    return nil
  }
}

/// Reads a tensor argument: a tensor, a (nested) list or tuple of numbers or Bools, or a
/// single number or Bool (a zero-dimensional tensor).
///
/// - Parameters:
///   - v: The value.
///   - role: How the value is named in errors, e.g. `argument 'x' of 'exp'`.
///   - dtype: Convert to this dtype; nil keeps the tensor's dtype or infers one from a list
///     (`bool` if every leaf is a Bool, `int64` if every leaf is an Int, else `float64`).
/// - Returns: The tensor.
/// - Throws: `MelixError` naming `role` for any other value, a ragged list or a non-number
///   leaf.
public func asTensor(_ v: Value, role: String = "value", dtype: DType? = nil) throws -> Tensor {
  switch v {
  case .native(let n):
    if let t = n as? TensorValue { return dtype.map { t.tensor.cast(to: $0) } ?? t.tensor }
  case .list, .tuple, .int, .float, .bool:
    return try TensorConversion.fromNested(v, role: role, dtype: dtype)
  default: break
  }
  throw MelixError("\(role): expected Tensor or a list of numbers, got \(v.typeName)")
}
