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
    return result.cast(to: dtype ?? inferred)
  }

  /// The items of a list or tuple, else nil.
  static func sequenceItems(_ v: Value) -> [Value]? {
    switch v {
    case .list(let l): return l.items
    case .tuple(let t): return t.items
    default: return nil
    }
  }
}
