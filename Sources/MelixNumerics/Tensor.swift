/// An n-dimensional array of `float32`, `float64`, `int64` or `bool` elements.
///
/// A `Tensor` is a value: a shape, strides and an offset into a shared, copy-on-write
/// buffer. Slicing, transposing, broadcasting and reshaping contiguous data make views
/// without copying; writing through one view never changes another (the buffer is copied
/// first when shared). A tensor can also carry an autograd node (see ``requiringGrad()``,
/// ``backward()``), which records the operations that produced it.
///
/// Tensors are `Sendable`: buffers are never written while shared (copy-on-write), so values
/// may cross threads freely. An autograd graph is not synchronised: run `backward()` on one
/// graph from one thread at a time.
public struct Tensor: @unchecked Sendable {
  /// Size of each axis, outermost first, e.g. `[nSamples, nFeatures]`.
  public internal(set) var shape: [Int]
  /// Step between neighbours along each axis, in elements (may be 0 or negative for views).
  public internal(set) var strides: [Int]
  /// Index in the buffer of the element at all-zero indices.
  var offset: Int
  var storage: TensorStorage
  /// The autograd node when this tensor requires grad or was computed from one that does.
  var node: GradNode?

  init(storage: TensorStorage, shape: [Int], strides: [Int], offset: Int, node: GradNode? = nil) {
    self.storage = storage
    self.shape = shape
    self.strides = strides
    self.offset = offset
    self.node = node
  }

  /// A new contiguous tensor with uninitialised elements (callers fill them all).
  init(uninitializedShape shape: [Int], dtype: DType) {
    self.init(
      storage: TensorStorage(dtype: dtype, count: ShapeMath.count(shape)), shape: shape,
      strides: ShapeMath.contiguousStrides(shape), offset: 0)
  }

  /// An uninitialised contiguous tensor for the result of `op`; callers fill every element.
  ///
  /// - Throws: `TensorError.outOfMemory` naming `op` and `shape` when the memory is not there.
  init(allocatingShape shape: [Int], dtype: DType, op: String) throws {
    self.init(
      storage: try TensorStorage(dtype: dtype, count: ShapeMath.count(shape), op: op, shape: shape),
      shape: shape, strides: ShapeMath.contiguousStrides(shape), offset: 0)
  }

  /// The element type.
  public var dtype: DType { storage.dtype }
  /// The number of axes.
  public var rank: Int { shape.count }
  /// The number of elements (1 for a scalar tensor of shape `[]`).
  public var count: Int { ShapeMath.count(shape) }
  /// Whether the elements lie in row-major order with no gaps, so views are cheap.
  public var isContiguous: Bool {
    var expected = 1
    for axis in stride(from: shape.count - 1, through: 0, by: -1) where shape[axis] != 1 {
      if strides[axis] != expected { return false }
      expected *= shape[axis]
    }
    return true
  }

  /// Runs `body` with a pointer to the element at all-zero indices.
  @inline(__always)
  func base<T: TensorScalar>(_ type: T.Type) -> UnsafeMutablePointer<T> {
    storage.pointer(T.self) + offset
  }

  /// Makes the buffer uniquely owned before an in-place write (copy-on-write).
  mutating func makeUnique() {
    if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
  }

  // MARK: - Creation from values

  /// Creates a tensor from a flat buffer in row-major order and a shape.
  ///
  /// - Parameters:
  ///   - shape: The shape, e.g. `[2, 3]`; `[]` makes a scalar tensor.
  ///   - scalars: `shape.reduce(1, *)` values, row-major.
  /// - Throws: `TensorError.elementCountMismatch` if the counts differ.
  public init<T: TensorScalar>(shape: [Int], scalars: [T]) throws {
    guard shape.allSatisfy({ $0 >= 0 }) else {
      throw TensorError.invalidShape(op: "tensor", expected: "sizes ≥ 0", got: shape)
    }
    guard ShapeMath.count(shape) == scalars.count else {
      throw TensorError.elementCountMismatch(op: "tensor", shape: shape, count: scalars.count)
    }
    self.init(uninitializedShape: shape, dtype: T.dtype)
    let p = storage.pointer(T.self)
    scalars.withUnsafeBufferPointer { src in
      if let a = src.baseAddress { p.update(from: a, count: src.count) }
    }
  }

  /// Creates a one-dimensional tensor, shape `[n]`, from values.
  ///
  /// - Parameter values: The elements; the dtype follows the Swift type.
  public init<T: TensorScalar>(_ values: [T]) {
    self.init(uninitializedShape: [values.count], dtype: T.dtype)
    let p = storage.pointer(T.self)
    for (i, v) in values.enumerated() { p[i] = v }
  }

  /// Creates an `int64` vector, shape `[n]`, from Swift integers: `Tensor([1, 2, 3])`.
  /// Write `Tensor([1.0, 2.0])` for `float64`.
  ///
  /// - Parameter values: The elements.
  public init(_ values: [Int]) { self.init(values.map { Int64($0) }) }

  /// Creates a two-dimensional tensor, shape `[rows, columns]`, from rows of equal length.
  ///
  /// - Parameter rows: The rows.
  /// - Throws: `TensorError.invalidShape` if the rows differ in length.
  public init<T: TensorScalar>(rows: [[T]]) throws {
    let columns = rows.first?.count ?? 0
    guard rows.allSatisfy({ $0.count == columns }) else {
      throw TensorError.invalidArgument(op: "tensor", message: "rows have different lengths")
    }
    try self.init(shape: [rows.count, columns], scalars: rows.flatMap { $0 })
  }

  /// Creates a tensor from arbitrarily nested Swift arrays of numbers or booleans, as a
  /// language's `tensor([[1, 2], [3, 4]])` gives them: the shape is read from the nesting and
  /// the dtype is `bool` if every leaf is `Bool`, `int64` if every leaf is an integer, else
  /// `float64` (or `dtype` when given).
  ///
  /// - Parameters:
  ///   - nested: A number, a `Bool`, or an array of (arrays of ...) them.
  ///   - dtype: Convert to this dtype; inferred when `nil`.
  /// - Throws: `TensorError.invalidArgument` for ragged nesting or a leaf that is not a
  ///   number or `Bool`.
  public init(nested: Any, dtype: DType? = nil) throws {
    var shape: [Int] = []
    var probe: Any = nested
    while let list = probe as? [Any] {
      shape.append(list.count)
      guard let first = list.first else { break }
      probe = first
    }
    var doubles: [Double] = []
    var ints: [Int64] = []
    var sawFloat = false
    var sawNumber = false
    func visit(_ value: Any, depth: Int) throws {
      if depth < shape.count {
        guard let list = value as? [Any], list.count == shape[depth] else {
          throw TensorError.invalidArgument(
            op: "tensor", message: "nested lists have different lengths at depth \(depth)")
        }
        for item in list { try visit(item, depth: depth + 1) }
        return
      }
      switch value {
      case let b as Bool:
        doubles.append(b ? 1 : 0)
        ints.append(b ? 1 : 0)
      case let i as Int:
        sawNumber = true
        doubles.append(Double(i))
        ints.append(Int64(i))
      case let i as Int64:
        sawNumber = true
        doubles.append(Double(i))
        ints.append(i)
      case let d as Double:
        sawNumber = true
        sawFloat = true
        doubles.append(d)
        ints.append(0)
      case let f as Float:
        sawNumber = true
        sawFloat = true
        doubles.append(Double(f))
        ints.append(0)
      default:
        throw TensorError.invalidArgument(
          op: "tensor", message: "expected numbers or booleans, got \(type(of: value))")
      }
    }
    try visit(nested, depth: 0)
    let inferred: DType =
      sawFloat ? .float64 : (sawNumber ? .int64 : (doubles.isEmpty ? .float64 : .bool))
    let base =
      inferred == .int64
      ? try Tensor(shape: shape, scalars: ints)
      : try Tensor(shape: shape, scalars: doubles).cast(to: inferred)
    self = base.cast(to: dtype ?? inferred)
  }

  /// Creates a zero-dimensional (scalar) tensor, shape `[]`.
  ///
  /// - Parameter value: The single element.
  public init<T: TensorScalar>(scalar value: T) {
    self.init(uninitializedShape: [], dtype: T.dtype)
    storage.pointer(T.self)[0] = value
  }

  // MARK: - Reading values

  /// The elements in row-major order converted to `Double` (`true` is 1).
  public var scalars: [Double] { toArray(Double.self) }

  /// The elements in row-major order converted to `T`.
  ///
  /// - Parameter type: The Swift element type wanted.
  /// - Returns: `count` values; conversion follows ``TensorScalar/init(fromDouble:)``.
  public func toArray<T: TensorScalar>(_ type: T.Type = T.self) -> [T] {
    let c = cast(to: T.dtype).contiguous()
    return Array(UnsafeBufferPointer(start: c.base(T.self), count: c.count))
  }

  /// The single element of a one-element tensor, as `Double`.
  ///
  /// - Throws: `TensorError.invalidShape` if the tensor holds more or fewer than one element.
  public func item() throws -> Double {
    guard count == 1 else {
      throw TensorError.invalidShape(op: "item", expected: "a tensor with one element", got: shape)
    }
    return scalars[0]
  }

  /// Reads one element by its full index.
  ///
  /// - Parameter indices: One index per axis; negative indices count from the end.
  /// - Returns: The element as `Double`.
  /// - Throws: `TensorError.tooManyIndices` or `.indexOutOfRange`.
  public func value(at indices: [Int]) throws -> Double {
    let o = try elementOffset(indices)
    switch dtype {
    case .float32: return Double(storage.pointer(Float.self)[o])
    case .float64: return storage.pointer(Double.self)[o]
    case .int64: return Double(storage.pointer(Int64.self)[o])
    case .bool: return storage.pointer(Bool.self)[o] ? 1 : 0
    }
  }

  /// Writes one element by its full index, converting from `Double` to the dtype.
  ///
  /// - Parameters:
  ///   - value: The new value.
  ///   - indices: One index per axis; negative indices count from the end.
  /// - Throws: `TensorError.tooManyIndices` or `.indexOutOfRange`.
  public mutating func setValue(_ value: Double, at indices: [Int]) throws {
    let o = try elementOffset(indices)
    makeUnique()
    switch dtype {
    case .float32: storage.pointer(Float.self)[o] = Float(value)
    case .float64: storage.pointer(Double.self)[o] = value
    case .int64: storage.pointer(Int64.self)[o] = Int64(fromDouble: value)
    case .bool: storage.pointer(Bool.self)[o] = value != 0
    }
  }

  func elementOffset(_ indices: [Int]) throws -> Int {
    guard indices.count == rank else {
      throw TensorError.tooManyIndices(given: indices.count, rank: rank)
    }
    var o = offset
    for (axis, i) in indices.enumerated() {
      let j = i < 0 ? i + shape[axis] : i
      guard j >= 0, j < shape[axis] else {
        throw TensorError.indexOutOfRange(index: i, axis: axis, size: shape[axis])
      }
      o += j * strides[axis]
    }
    return o
  }

  // MARK: - Layout

  /// A contiguous row-major tensor with the same values: `self` when already contiguous
  /// with offset 0, else a copy.
  public func contiguous() -> Tensor {
    if isContiguous && storage.count == count { return self }
    let out = Tensor(uninitializedShape: shape, dtype: dtype)
    copyElements(from: self, into: out)
    return GradNode.record(out, inputs: [self]) { g in [g] }
  }

  /// The tensor converted to another dtype (a copy unless the dtype already matches).
  ///
  /// - Parameter dtype: The new element type. Float to int truncates toward zero; to bool is
  ///   "nonzero".
  /// - Returns: A tensor of the same shape.
  public func cast(to dtype: DType) -> Tensor {
    if dtype == self.dtype { return self }
    let out = Tensor(uninitializedShape: shape, dtype: dtype)
    convertElements(from: self, into: out)
    // Gradients flow through casts between float types only.
    guard dtype.isFloatingPoint, self.dtype.isFloatingPoint else { return out }
    let from = self.dtype
    return GradNode.record(out, inputs: [self]) { g in [g.cast(to: from)] }
  }
}

extension Tensor {
  /// The tensor converted to `dtype` like ``cast(to:)``, but refusing a float-to-int64
  /// conversion that has no integer result: NaN, an infinity, or a value outside int64's
  /// range, where ``cast(to:)`` gives 0 or saturates (NumPy's result there is undefined).
  ///
  /// - Parameters:
  ///   - dtype: The dtype to convert to.
  ///   - op: The operation named in the error, e.g. `astype`.
  /// - Returns: The converted tensor, same shape.
  /// - Throws: `TensorError.invalidArgument` naming `op` and the first value that has no
  ///   int64 result.
  public func checkedCast(to dtype: DType, op: String) throws -> Tensor {
    if dtype == .int64 && self.dtype.isFloatingPoint {
      // 2^63 is exactly representable; every finite Double in [-2^63, 2^63) truncates to an Int64.
      let limit = 9.223372036854775808e18
      if let bad = toArray(Double.self).first(where: { !($0 >= -limit && $0 < limit) }) {
        let shown = bad.isNaN ? "nan" : bad.isInfinite ? (bad < 0 ? "-inf" : "inf") : "\(bad)"
        throw TensorError.invalidArgument(op: op, message: "cannot convert \(shown) to int64")
      }
    }
    return cast(to: dtype)
  }
}

/// Copies the elements of `source` (any layout) into the contiguous tensor `destination` of
/// the same shape and dtype.
func copyElements(from source: Tensor, into destination: Tensor) {
  switch source.dtype {
  case .float32: copyTyped(Float.self, source, destination)
  case .float64: copyTyped(Double.self, source, destination)
  case .int64: copyTyped(Int64.self, source, destination)
  case .bool: copyTyped(Bool.self, source, destination)
  }
}

private func copyTyped<T: TensorScalar>(_ t: T.Type, _ src: Tensor, _ dst: Tensor) {
  guard src.count > 0 else { return }
  let rows = StridedRows(shape: src.shape, strides: [src.strides, dst.strides])
  let s = src.base(T.self)
  let d = dst.base(T.self)
  let n = rows.rowLength
  let ss = rows.rowStride(0)
  let ds = rows.rowStride(1)
  rows.forEachRow(in: 0..<rows.rowCount) { _, o in
    let sp = s + o[0]
    let dp = d + o[1]
    if ss == 1 && ds == 1 {
      dp.update(from: sp, count: n)
    } else {
      for i in 0..<n { dp[i * ds] = sp[i * ss] }
    }
  }
}

/// Writes `source`'s elements converted to `destination`'s dtype into the strided view
/// `destination` (same shape).
func convertElements(from source: Tensor, into destination: Tensor) {
  switch (source.dtype, destination.dtype) {
  case (.float32, .float32): convertTyped(source, destination) { (x: Float) -> Float in x }
  case (.float32, .float64): convertTyped(source, destination) { (x: Float) in Double(x) }
  case (.float32, .int64):
    convertTyped(source, destination) { (x: Float) in Int64(fromDouble: Double(x)) }
  case (.float32, .bool): convertTyped(source, destination) { (x: Float) in x != 0 }
  case (.float64, .float32): convertTyped(source, destination) { (x: Double) in Float(x) }
  case (.float64, .float64): convertTyped(source, destination) { (x: Double) -> Double in x }
  case (.float64, .int64): convertTyped(source, destination) { (x: Double) in Int64(fromDouble: x) }
  case (.float64, .bool): convertTyped(source, destination) { (x: Double) in x != 0 }
  case (.int64, .float32): convertTyped(source, destination) { (x: Int64) in Float(x) }
  case (.int64, .float64): convertTyped(source, destination) { (x: Int64) in Double(x) }
  case (.int64, .int64): convertTyped(source, destination) { (x: Int64) -> Int64 in x }
  case (.int64, .bool): convertTyped(source, destination) { (x: Int64) in x != 0 }
  case (.bool, .float32): convertTyped(source, destination) { (x: Bool) -> Float in x ? 1 : 0 }
  case (.bool, .float64): convertTyped(source, destination) { (x: Bool) -> Double in x ? 1 : 0 }
  case (.bool, .int64): convertTyped(source, destination) { (x: Bool) -> Int64 in x ? 1 : 0 }
  case (.bool, .bool): convertTyped(source, destination) { (x: Bool) -> Bool in x }
  }
}

@inline(__always)
func convertTyped<S: TensorScalar, D: TensorScalar>(
  _ src: Tensor, _ dst: Tensor, _ f: (S) -> D
) {
  guard src.count > 0 else { return }
  let rows = StridedRows(shape: src.shape, strides: [src.strides, dst.strides])
  let s = src.base(S.self)
  let d = dst.base(D.self)
  let n = rows.rowLength
  let ss = rows.rowStride(0)
  let ds = rows.rowStride(1)
  rows.forEachRow(in: 0..<rows.rowCount) { _, o in
    let sp = s + o[0]
    let dp = d + o[1]
    if ss == 1 && ds == 1 {
      for i in 0..<n { dp[i] = f(sp[i]) }
    } else {
      for i in 0..<n { dp[i * ds] = f(sp[i * ss]) }
    }
  }
}
