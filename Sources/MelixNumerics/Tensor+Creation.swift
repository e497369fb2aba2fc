/// Creating tensors: zeros, ones, full, eye, arange, linspace.
extension Tensor {
  /// A tensor of `shape` with every element `value` (converted to `dtype`).
  ///
  /// - Parameters:
  ///   - shape: Sizes ≥ 0.
  ///   - value: The fill value.
  ///   - dtype: Element type, `float64` unless told.
  public static func full(_ shape: [Int], value: Double, dtype: DType = .float64) -> Tensor {
    let s = shape.map { Swift.max($0, 0) }
    let out = Tensor(uninitializedShape: s, dtype: dtype)
    let n = out.count
    switch dtype {
    case .float32: out.storage.pointer(Float.self).initialize(repeating: Float(value), count: n)
    case .float64: out.storage.pointer(Double.self).initialize(repeating: value, count: n)
    case .int64:
      out.storage.pointer(Int64.self).initialize(repeating: Int64(fromDouble: value), count: n)
    case .bool: out.storage.pointer(Bool.self).initialize(repeating: value != 0, count: n)
    }
    return out
  }

  /// A tensor of zeros.
  ///
  /// - Parameters:
  ///   - shape: Sizes ≥ 0.
  ///   - dtype: Element type, `float64` unless told.
  public static func zeros(_ shape: [Int], dtype: DType = .float64) -> Tensor {
    full(shape, value: 0, dtype: dtype)
  }

  /// A tensor of ones.
  ///
  /// - Parameters:
  ///   - shape: Sizes ≥ 0.
  ///   - dtype: Element type, `float64` unless told.
  public static func ones(_ shape: [Int], dtype: DType = .float64) -> Tensor {
    full(shape, value: 1, dtype: dtype)
  }

  /// Zeros of this tensor's shape and dtype.
  public func zerosLike() -> Tensor { Tensor.zeros(shape, dtype: dtype) }
  /// Ones of this tensor's shape and dtype.
  public func onesLike() -> Tensor { Tensor.ones(shape, dtype: dtype) }

  /// The identity matrix, shape `[n, n]` (or `[n, m]`).
  ///
  /// - Parameters:
  ///   - n: Rows.
  ///   - m: Columns; `n` unless given.
  ///   - dtype: Element type, `float64` unless told.
  public static func eye(_ n: Int, _ m: Int? = nil, dtype: DType = .float64) -> Tensor {
    let cols = Swift.max(m ?? n, 0)
    let rows = Swift.max(n, 0)
    var out = zeros([rows, cols], dtype: dtype)
    for i in 0..<Swift.min(rows, cols) {
      // Indices are in range by construction.
      try? out.setValue(1, at: [i, i])
    }
    return out
  }

  /// Evenly spaced values in `[start, stop)` with `step` (NumPy's `arange`).
  ///
  /// - Parameters:
  ///   - start: First value.
  ///   - stop: End, excluded.
  ///   - step: Spacing, not 0 (may be negative).
  ///   - dtype: Element type; `float64` unless told (use `.int64` for integers).
  /// - Returns: Shape `[ceil((stop - start) / step)]`, or `[0]`.
  /// - Throws: `TensorError.invalidArgument` for a zero or non-finite step.
  public static func arange(
    _ start: Double, _ stop: Double, step: Double = 1, dtype: DType = .float64
  ) throws -> Tensor {
    guard step != 0, step.isFinite, start.isFinite, stop.isFinite else {
      throw TensorError.invalidArgument(op: "arange", message: "step must be finite and nonzero")
    }
    let length = ((stop - start) / step).rounded(.up)
    // 2^40 elements is far beyond memory; the bound keeps the Int conversion from trapping.
    guard length <= 0x1p40 else {
      throw TensorError.invalidArgument(op: "arange", message: "\(length) elements are too many")
    }
    let n = Swift.max(0, Int(length))
    let values = (0..<n).map { start + Double($0) * step }
    return try Tensor(shape: [n], scalars: values).cast(to: dtype)
  }

  /// Integers `0..<stop`, shape `[stop]`, dtype `int64`.
  public static func arange(_ stop: Int) -> Tensor {
    Tensor((0..<Swift.max(stop, 0)).map { Int64($0) })
  }

  /// `count` evenly spaced values from `start` to `stop` inclusive (NumPy's `linspace`).
  ///
  /// - Parameters:
  ///   - start: First value.
  ///   - stop: Last value.
  ///   - count: Number of values, ≥ 0.
  ///   - dtype: Element type, `float64` unless told.
  /// - Returns: Shape `[count]`. The last element is exactly `stop`, as in NumPy.
  /// - Throws: `TensorError.invalidArgument` for a negative count.
  public static func linspace(_ start: Double, _ stop: Double, count: Int, dtype: DType = .float64)
    throws -> Tensor
  {
    guard count >= 0 else {
      throw TensorError.invalidArgument(
        op: "linspace", message: "count must be ≥ 0, got \(count)")
    }
    let div = Double(count - 1)
    let step = (stop - start) / div
    var values = (0..<count).map { start + Double($0) * step }
    if count == 1 { values = [start] }
    if count > 1 { values[count - 1] = stop }
    return try Tensor(shape: [count], scalars: values).cast(to: dtype)
  }
}
