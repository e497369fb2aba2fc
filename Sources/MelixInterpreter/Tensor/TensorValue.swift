import MelixSyntax
import MelixNumerics

/// A Melix tensor: a `MelixNumerics.Tensor` held as a native value.
///
/// Binding a tensor to a second name shares it (like NumPy arrays and Melix lists), so
/// `t[0] = 1` is seen through every name bound to `t`. A result of basic indexing (`t[0]`,
/// `t[:, 1:3]`) writes back into `t` when assigned to, as a NumPy view does (`t[0][1] = 5`,
/// or `let row = t[0]` then `row[1] = 5`); it holds its own copy of the values, though, so a
/// later write into `t` is not seen through `row`.
///
/// Members: `shape` (a Tuple, as NumPy's), `dtype` (a String such as `"float64"`), `T`,
/// `ndim`, `size`, `requires_grad`, `grad`. Methods (`t.sum(axis: 0)`, `t.reshape([3, -1])`)
/// are the built-ins of the same name with `t` as first argument, plus `t.var()`.
public final class TensorValue: NativeValue {
  /// The wrapped tensor; replaced in place by item assignment.
  public var tensor: Tensor

  /// The tensor value this one was indexed from by basic indexing, and the indices: item
  /// assignment writes through to it.
  private let base: (value: TensorValue, indices: [TensorIndex])?

  /// The classes this tensor's values stand for, when it holds class labels: for an int64
  /// tensor `[nSamples]` of class codes (`ds.y`, `predict`), the name of each code; for a
  /// probability matrix `[nSamples, nClasses]` (`predict_proba`), the class of each column.
  /// Nil for any other tensor. The metric built-ins match classes by these names; every
  /// operation on the tensor (arithmetic, casts) gives a tensor without them, except
  /// selecting samples (`y[0:10]`, `y[mask]`, `p[idx]`: one subscript along the first axis)
  /// and `tensor(y)`, which keep them; `==` and `!=` of two label vectors compare names.
  public internal(set) var classNames: [String]?

  /// Wraps `tensor`.
  ///
  /// - Parameters:
  ///   - tensor: The tensor.
  ///   - classNames: The classes its codes (or columns) stand for, if it holds class labels.
  public init(_ tensor: Tensor, classNames: [String]? = nil) {
    self.tensor = tensor
    self.base = nil
    self.classNames = classNames
  }

  /// Wraps `tensor`, the result of `base[indices]`, which item assignment writes back into.
  init(_ tensor: Tensor, base: TensorValue, at indices: [TensorIndex]) {
    self.tensor = tensor
    self.base = (base, indices)
    self.classNames = nil
  }

  /// `Tensor`.
  public var typeName: String { "Tensor" }

  /// NumPy's layout with `tensor(` in place of `array(`, then shape and dtype.
  public func display() -> String { tensor.description }

  /// `Tensor[2, 3] float64` (with `of classes a, b` for class labels), for the REPL's list
  /// of globals.
  public func summary() -> String {
    let classes = classNames.map { " of classes \($0.joined(separator: ", "))" } ?? ""
    return "Tensor\(formatShape(tensor.shape)) \(tensor.dtype)\(classes)"
  }

  /// The size of the first axis; nil for a zero-dimensional tensor.
  public var length: Int? { tensor.rank == 0 ? nil : tensor.shape[0] }

  /// The member names and the common method names, for completion after a dot.
  public var memberNames: [String] {
    ["shape", "dtype", "T", "ndim", "size", "requires_grad", "grad", "classes"] + TensorValue.methodNames
  }

  /// Built-ins that read naturally as methods (`t.sum(axis: 0)`), offered by completion.
  static let methodNames = [
    "sum", "mean", "var", "std", "min", "max", "prod", "any", "all", "argmin", "argmax", "cumsum",
    "reshape", "flatten", "transpose", "squeeze", "expand_dims", "astype", "tolist", "item",
    "backward", "detach", "zero_grad", "sort", "argsort",
  ]

  /// `shape dtype T ndim size requires_grad grad`.
  ///
  /// - Throws: `MelixError` for any other name.
  public func member(_ name: String) throws -> Value {
    switch name {
    case "shape": return .tuple(TupleRef(tensor.shape.map { .int($0) }))
    case "dtype": return .string(tensor.dtype.rawValue)
    case "T": return .tensor(tensor.rank < 2 ? tensor : tensor.transposed)
    case "ndim": return .int(tensor.rank)
    case "size": return .int(tensor.count)
    case "requires_grad": return .bool(tensor.requiresGrad)
    case "grad": return tensor.grad.map { .tensor($0) } ?? .null
    case "classes": return classNames.map(DataBridge.list) ?? .null
    default: throw MelixError("Tensor has no member '\(name)'")
    }
  }

  /// `t.requires_grad = true` starts recording operations on `t` (a float tensor) for
  /// `backward`, as PyTorch's `requires_grad_()`; `false` drops the graph. Other members are
  /// read-only.
  ///
  /// - Throws: `MelixError` for a non-Bool value, an integer tensor, or another member.
  public func setMember(_ name: String, _ value: Value) throws {
    guard name == "requires_grad" else {
      if memberNames.contains(name) { throw MelixError("cannot set member '\(name)' of Tensor") }
      throw MelixError("Tensor has no member '\(name)'")
    }
    guard case .bool(let on) = value else {
      throw MelixError("'requires_grad' must be a Bool, got \(value.typeName)")
    }
    if on {
      guard tensor.dtype.isFloatingPoint else {
        throw MelixError("'requires_grad' needs a float tensor, got dtype \(tensor.dtype)")
      }
      if !tensor.requiresGrad { tensor = tensor.requiringGrad() }
    } else {
      tensor = tensor.detached()
    }
  }

  /// `t.var(...)` (a keyword-named method); everything else is a built-in of the same name.
  public func callMethod(_ name: String, positional: [Value], keywords: [(String, Value)], context: CallContext) throws -> Value? {
    if name == "var" {
      return try TensorBuiltins.variance.invoke(positional: [.native(self)] + positional, keywords: keywords, context: context)
    }
    return nil
  }

  /// Element-wise arithmetic and comparison with NumPy broadcasting; `@` is the matrix
  /// product. The other operand may be a tensor, a number, a Bool or a (nested) list.
  ///
  /// - Throws: `MelixError` naming the operator and both shapes when they do not broadcast.
  public func binary(_ op: BinaryOperator, _ other: Value, isLeft: Bool) throws -> Value? {
    do {
      return try binaryOperation(op, other, isLeft: isLeft)
    } catch var error as MelixError {
      error.atOperator = true
      throw error
    }
  }

  private func binaryOperation(_ op: BinaryOperator, _ other: Value, isLeft: Bool) throws -> Value? {
    guard var otherTensor = try TensorConversion.operand(other, like: tensor) else { return nil }
    if op == .equal || op == .notEqual, case .native(let o as TensorValue) = other {
      otherTensor = recodedLabels(o) ?? otherTensor
    }
    let (lhs, rhs) = isLeft ? (tensor, otherTensor) : (otherTensor, tensor)
    try TensorValue.checkResultSize(op, lhs.shape, rhs.shape)
    return try tensorCall { () -> Value? in
      switch op {
      case .add: return .tensor(try lhs + rhs)
      case .subtract: return .tensor(try lhs - rhs)
      case .multiply: return .tensor(try lhs * rhs)
      case .divide: return .tensor(try lhs / rhs)
      case .floorDivide: return .tensor(try lhs.floorDivided(by: rhs))
      case .modulo: return .tensor(try lhs % rhs)
      case .power: return .tensor(try lhs.pow(rhs))
      case .matmul: return .tensor(try lhs.matmul(rhs))
      case .equal: return .tensor(try lhs.isEqual(to: rhs))
      case .notEqual: return .tensor(try lhs.isNotEqual(to: rhs))
      case .less: return .tensor(try lhs < rhs)
      case .lessEqual: return .tensor(try lhs <= rhs)
      case .greater: return .tensor(try lhs > rhs)
      case .greaterEqual: return .tensor(try lhs >= rhs)
      case .contains, .notContains: return nil
      }
    }
  }

  /// `other`'s class codes rewritten into this tensor's codes by class name (-1 for a class
  /// this one lacks), when both are int64 label vectors whose class lists differ: `predict(m,
  /// ds) == ds.y` then compares classes, not codes (a checkpoint may order its classes
  /// differently from the data). Nil when no recoding applies.
  private func recodedLabels(_ other: TensorValue) -> Tensor? {
    guard let mine = classNames, let theirs = other.classNames, mine != theirs,
      tensor.dtype == .int64, other.tensor.dtype == .int64, tensor.rank == 1, other.tensor.rank == 1
    else { return nil }
    let map = theirs.map { Int64(mine.firstIndex(of: $0) ?? -1) }
    let codes = other.tensor.toArray(Int64.self).map { c -> Int64 in
      c >= 0 && Int(c) < map.count ? map[Int(c)] : -1
    }
    return Tensor(codes)
  }

  /// Refuses an operation whose result would exceed `TensorBuiltins.maxElements` (checked
  /// before the library allocates it). Shapes that do not broadcast are left to the library,
  /// whose error names both.
  private static func checkResultSize(_ op: BinaryOperator, _ lhs: [Int], _ rhs: [Int]) throws {
    var result: [Int]
    if op == .matmul {
      guard lhs.count >= 1, rhs.count >= 1 else { return }
      result = Array(lhs.dropLast()) + (rhs.count >= 2 ? [rhs[rhs.count - 1]] : [])
    } else {
      let rank = max(lhs.count, rhs.count)
      let a = Array(repeating: 1, count: rank - lhs.count) + lhs
      let b = Array(repeating: 1, count: rank - rhs.count) + rhs
      result = zip(a, b).map { max($0, $1) }
    }
    do {
      try TensorBuiltins.checkSize(result, op.rawValue)
    } catch is MelixError {
      throw MelixError("result of '\(op.rawValue)' would have shape \(formatShape(result)), more than \(TensorBuiltins.maxElements) elements")
    }
  }

  /// `-t`; a bool tensor becomes int64 (as NumPy's `-` on bools is an error, we follow the
  /// library's `0 - x`).
  public func negated() throws -> Value? { .tensor(tensor.negated()) }

  /// NumPy indexing: Ints, slices, `nil` (a new axis), one integer list or tensor (gather),
  /// or a bool mask. A result with no axes left from integer indices is a number.
  ///
  /// - Throws: `MelixError` for an index out of range, too many indices or a mask of the
  ///   wrong shape.
  public func index(_ subscripts: [SubscriptValue]) throws -> Value {
    if let element = elementFastPath(subscripts) { return element }
    let result = try TensorIndexing.read(self, subscripts)
    if let classNames, subscripts.count == 1, case .native(let picked as TensorValue) = result,
      picked.tensor.rank == tensor.rank
    {
      // Selected samples still stand for the same classes (a slice, list or mask of rows).
      picked.classNames = classNames
    }
    return result
  }

  /// `t[i, j]` with one in-range Int per axis, read without making a view (loops over
  /// elements are common in teaching code); nil when the general path is needed.
  private func elementFastPath(_ subscripts: [SubscriptValue]) -> Value? {
    guard subscripts.count == tensor.rank, !tensor.requiresGrad else { return nil }
    var indices: [Int] = []
    indices.reserveCapacity(subscripts.count)
    for (axis, item) in subscripts.enumerated() {
      guard case .index(.int(let i)) = item, i >= -tensor.shape[axis], i < tensor.shape[axis] else { return nil }
      indices.append(i)
    }
    guard let x = try? tensor.value(at: indices) else { return nil }
    switch tensor.dtype {
    case .float32, .float64: return .float(x)
    case .bool: return .bool(x != 0)
    case .int64:
      // Doubles hold every integer up to 2^53 exactly; larger ones take the exact path.
      guard Swift.abs(x) < 0x1p53 else { return nil }
      return .int(Int(x))
    }
  }

  /// `t[...] = value`: writes `value` (a number, list or tensor, broadcast and converted to
  /// the tensor's dtype) into the selected positions; `t[mask] = value` writes where the mask
  /// is true.
  ///
  /// - Throws: `MelixError` for bad indices or a value that does not broadcast.
  public func setIndex(_ subscripts: [SubscriptValue], _ value: Value) throws {
    try modify { try TensorIndexing.write($0, subscripts, value) }
  }

  /// Applies `change` to this tensor and, for a view, to the same region of the tensor it was
  /// indexed from (and on up): the owner's region is read afresh, so only the positions
  /// `change` writes are replaced there. (Copying the view's whole snapshot back would undo a
  /// write made into the owner after the view was taken.)
  private func modify(_ change: (Tensor) throws -> Tensor) throws {
    tensor = try change(tensor)
    guard let (owner, indices) = base else { return }
    try owner.modify { ownerTensor in
      try tensorCall {
        let region = try change(try ownerTensor.slice(indices))
        var updated = ownerTensor
        try updated.assign(region, at: indices)
        return updated
      }
    }
  }

  /// The rows along the first axis (numbers for a one-dimensional tensor).
  ///
  /// - Throws: `MelixError` for a zero-dimensional tensor.
  public func elements() throws -> [Value]? {
    guard tensor.rank > 0 else { throw MelixError("a zero-dimensional tensor is not iterable") }
    if tensor.rank == 1 && !tensor.requiresGrad { return TensorConversion.leaves(tensor) }
    return try (0..<tensor.shape[0]).map { try TensorIndexing.read(self, [.index(.int($0))]) }
  }

  /// Whole-value equality (same shape, dtype kind and elements), used by `in` and list
  /// comparison; the `==` operator itself compares element-wise.
  public func isEqual(to other: Value) -> Bool {
    guard let t = other.tensorValue else {
      if case .native(let o) = other { return o === self }
      return false
    }
    guard t.shape == tensor.shape else { return false }
    // int64 exactly: as doubles, 2^53 + 1 equals 2^53.
    if t.dtype == .int64 && tensor.dtype == .int64 { return t.toArray(Int64.self) == tensor.toArray(Int64.self) }
    return t.scalars == tensor.scalars
  }
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

/// Reads a tensor argument: a tensor, a (nested) list or tuple of numbers or Bools, a range
/// of Ints, or a single number or Bool (a zero-dimensional tensor).
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
    if let t = n as? TensorValue {
      guard let dtype else { return t.tensor }
      return try TensorConversion.converted(t.tensor, to: dtype, role: role)
    }
  case .list, .tuple, .range, .int, .float, .bool:
    return try TensorConversion.fromNested(v, role: role, dtype: dtype)
  default: break
  }
  throw MelixError("\(role): expected Tensor or a list of numbers, got \(v.typeName)")
}

/// Runs `body`, turning a `TensorError` into a `MelixError` with the same message (the
/// interpreter adds the place).
///
/// - Throws: `MelixError` for any error `body` throws.
func tensorCall<T>(_ body: () throws -> T) throws -> T {
  do {
    return try body()
  } catch let error as TensorError {
    throw MelixError(error.description)
  }
}
