import MelixNumerics

/// Converting between Melix values and tensors.
enum TensorConversion {
  /// Builds a tensor from a number, a Bool, or nested lists/tuples of them (and tensors).
  ///
  /// The shape follows the nesting; the dtype is `bool` when every leaf is a Bool, `int64`
  /// when every leaf is an Int or Bool, else `float64` (NumPy's inference), unless `dtype`.
  ///
  /// - Throws: `MelixError` for ragged nesting or a leaf that is not a number or Bool.
  static func fromNested(_ value: Value, role: String, dtype: DType?) throws -> Tensor {
    var shape: [Int] = []
    var probe = value
    while true {
      if let items = sequenceItems(probe) {
        shape.append(items.count)
        guard let first = items.first else { break }
        probe = first
      } else if let t = probe.tensorValue {
        shape += t.shape
        break
      } else {
        break
      }
    }
    var doubles: [Double] = []
    var ints: [Int64] = []
    var sawFloat = false
    var sawInt = false
    var sawBool = false
    var leafDType: DType? = nil
    func visit(_ v: Value, depth: Int) throws {
      if depth < shape.count {
        if let items = sequenceItems(v) {
          guard items.count == shape[depth] else {
            throw MelixError("\(role): nested lists have different lengths (\(items.count) and \(shape[depth]))")
          }
          for item in items { try visit(item, depth: depth + 1) }
          return
        }
        if let t = v.tensorValue {
          guard Array(shape[depth...]) == t.shape else {
            throw MelixError("\(role): a tensor of shape \(formatShape(t.shape)) does not fit shape \(formatShape(Array(shape[depth...])))")
          }
          leafDType = leafDType.map { DType.promoted($0, t.dtype) } ?? t.dtype
          doubles += t.scalars
          ints += t.dtype == .int64 || t.dtype == .bool ? t.toArray(Int64.self) : t.scalars.map { _ in 0 }
          return
        }
        throw MelixError("\(role): nested lists have different depths")
      }
      switch v {
      case .int(let i):
        sawInt = true
        doubles.append(Double(i))
        ints.append(Int64(i))
      case .float(let f):
        sawFloat = true
        doubles.append(f)
        ints.append(0)
      case .bool(let b):
        sawBool = true
        doubles.append(b ? 1 : 0)
        ints.append(b ? 1 : 0)
      default:
        // A zero-dimensional tensor is a number here, as in NumPy (`tensor([a @ b, 1])`).
        if let t = v.tensorValue, t.rank == 0 {
          leafDType = leafDType.map { DType.promoted($0, t.dtype) } ?? t.dtype
          doubles += t.scalars
          ints += t.dtype == .int64 || t.dtype == .bool ? t.toArray(Int64.self) : [0]
          return
        }
        if sequenceItems(v) != nil || v.tensorValue != nil {
          throw MelixError("\(role): nested lists have different depths")
        }
        throw MelixError("\(role): expected numbers or Bools, got \(v.typeName)")
      }
    }
    try visit(value, depth: 0)
    var inferred: DType
    if sawFloat {
      inferred = .float64
    } else if sawInt {
      inferred = .int64
    } else if sawBool {
      inferred = .bool
    } else {
      inferred = doubles.isEmpty && leafDType == nil ? .float64 : (leafDType ?? .float64)
    }
    if let leafDType, sawFloat || sawInt || sawBool { inferred = DType.promoted(inferred, leafDType) }
    if let leafDType, !(sawFloat || sawInt || sawBool) { inferred = leafDType }
    let result: Tensor
    do {
      if inferred == .int64 || inferred == .bool {
        result = try Tensor(shape: shape, scalars: ints).cast(to: inferred)
      } else {
        result = try Tensor(shape: shape, scalars: doubles).cast(to: inferred)
      }
    } catch {
      throw MelixError("\(role): \(error)")
    }
    return try converted(result, to: dtype ?? inferred, role: role)
  }

  /// `t` converted to `dtype`; a float that has no int64 value (NaN, an infinity, out of
  /// range) is an error naming `role` instead of a silent 0 or a saturated value.
  ///
  /// - Throws: `MelixError` naming `role` and the value.
  static func converted(_ t: Tensor, to dtype: DType, role: String) throws -> Tensor {
    do {
      return try t.checkedCast(to: dtype, op: "dtype")
    } catch TensorError.invalidArgument(_, let message) {
      throw MelixError("\(role): \(message)")
    }
  }

  /// The items of a list, tuple or range (of at most `TensorBuiltins.maxElements` values),
  /// else nil.
  static func sequenceItems(_ v: Value) -> [Value]? {
    switch v {
    case .list(let l): return l.items
    case .tuple(let t): return t.items
    case .range(let r):
      guard let count = r.exactCount, count <= TensorBuiltins.maxElements else { return nil }
      return (0..<count).map { .int(r.element($0)) }
    default: return nil
    }
  }
}

extension TensorConversion {
  /// The other operand of a tensor operator as a tensor, or nil when it cannot be one.
  ///
  /// Numbers are "weak" as in NumPy 2: an Int keeps an integer tensor's dtype and takes a
  /// float tensor's; a Float takes a float32 tensor's dtype, else float64.
  ///
  /// - Throws: `MelixError` for a list that is ragged or holds non-numbers.
  static func operand(_ value: Value, like t: Tensor) throws -> Tensor? {
    switch value {
    case .native(let n):
      return (n as? TensorValue)?.tensor
    case .int(let i):
      switch t.dtype {
      case .float32: return Tensor(scalar: Float(i))
      case .float64: return Tensor(scalar: Double(i))
      case .int64, .bool: return Tensor(scalar: Int64(i))
      }
    case .float(let f):
      return t.dtype == .float32 ? Tensor(scalar: Float(f)) : Tensor(scalar: f)
    case .bool(let b):
      return Tensor(scalar: b)
    case .list, .tuple:
      return try fromNested(value, role: "operand", dtype: nil)
    default:
      return nil
    }
  }

  /// The single element of `t` as a Melix number or Bool (`float32` and `float64` give a
  /// Float, `int64` an Int, `bool` a Bool).
  ///
  /// - Precondition: `t.count == 1`.
  static func scalar(_ t: Tensor) -> Value {
    let flat = t.flattened()
    switch t.dtype {
    case .float32, .float64: return .float(flat.scalars[0])
    case .int64: return .int(Int(flat.toArray(Int64.self)[0]))
    case .bool: return .bool(flat.toArray(Bool.self)[0])
    }
  }

  /// A zero-dimensional tensor as a Melix number (unless it requires grad), any other tensor
  /// as a tensor value: what reductions over every axis return.
  static func scalarOrTensor(_ t: Tensor) -> Value {
    t.rank == 0 && !t.requiresGrad ? scalar(t) : .tensor(t)
  }

  /// The tensor as nested Melix lists of numbers (`t.tolist()`); a zero-dimensional tensor
  /// gives its number.
  static func toList(_ t: Tensor) -> Value {
    if t.rank == 0 { return scalar(t) }
    let leaves: [Value]
    switch t.dtype {
    case .float32, .float64: leaves = t.scalars.map { .float($0) }
    case .int64: leaves = t.toArray(Int64.self).map { .int(Int($0)) }
    case .bool: leaves = t.toArray(Bool.self).map { .bool($0) }
    }
    func build(_ axis: Int, _ start: Int, _ stride: Int) -> Value {
      let n = t.shape[axis]
      if axis == t.rank - 1 {
        return .list(ListRef(Array(leaves[start..<(start + n)])))
      }
      let inner = stride / Swift.max(n, 1)
      return .list(ListRef((0..<n).map { build(axis + 1, start + $0 * inner, inner) }))
    }
    return build(0, 0, t.count)
  }
}
