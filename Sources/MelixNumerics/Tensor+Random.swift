/// Random tensors from an explicit, seeded ``PCG64`` generator (never a global one).
extension Tensor {
  /// Uniform values in `[0, 1)`.
  ///
  /// - Parameters:
  ///   - shape: Sizes ≥ 0.
  ///   - dtype: `float64` (53 random bits each) or `float32` (rounded from them).
  ///   - generator: Advanced by one draw per element.
  public static func rand(_ shape: [Int], dtype: DType = .float64, using generator: inout PCG64)
    -> Tensor
  {
    let n = ShapeMath.count(shape.map { Swift.max($0, 0) })
    let values = (0..<n).map { _ in generator.nextUniform() }
    return ((try? Tensor(shape: shape, scalars: values)) ?? Tensor.zeros(shape)).cast(to: dtype)
  }

  /// Standard normal values (mean 0, variance 1), Marsaglia's polar method.
  ///
  /// - Parameters:
  ///   - shape: Sizes ≥ 0.
  ///   - dtype: `float64` unless told.
  ///   - generator: The seeded generator.
  public static func randn(_ shape: [Int], dtype: DType = .float64, using generator: inout PCG64)
    -> Tensor
  {
    let n = ShapeMath.count(shape.map { Swift.max($0, 0) })
    let values = (0..<n).map { _ in generator.nextNormal() }
    return ((try? Tensor(shape: shape, scalars: values)) ?? Tensor.zeros(shape)).cast(to: dtype)
  }

  /// Uniform integers in `low..<high`, dtype `int64`.
  ///
  /// - Parameters:
  ///   - low: Smallest value.
  ///   - high: End, excluded; must exceed `low`.
  ///   - shape: Sizes ≥ 0.
  ///   - generator: The seeded generator.
  /// - Throws: `TensorError.invalidArgument` if `high <= low`.
  public static func randint(_ low: Int, _ high: Int, shape: [Int], using generator: inout PCG64)
    throws -> Tensor
  {
    guard high > low else {
      throw TensorError.invalidArgument(
        op: "randint", message: "high (\(high)) must be greater than low (\(low))")
    }
    let span = UInt64(bitPattern: Int64(high) &- Int64(low))
    let n = ShapeMath.count(shape.map { Swift.max($0, 0) })
    let values = (0..<n).map { _ in Int64(low) &+ Int64(bitPattern: generator.nextBounded(span)) }
    return try Tensor(shape: shape, scalars: values)
  }

  /// A random permutation of `0..<n` (Fisher–Yates), dtype `int64`, shape `[n]`.
  ///
  /// - Parameters:
  ///   - n: Length, ≥ 0.
  ///   - generator: The seeded generator.
  public static func permutation(_ n: Int, using generator: inout PCG64) -> Tensor {
    var values = (0..<Swift.max(n, 0)).map { Int64($0) }
    if values.count > 1 {
      for i in stride(from: values.count - 1, to: 0, by: -1) {
        let j = Int(generator.nextBounded(UInt64(i + 1)))
        values.swapAt(i, j)
      }
    }
    return Tensor(values)
  }

  /// Draws `count` positions from `0..<n`, with or without replacement, dtype `int64`.
  ///
  /// - Parameters:
  ///   - n: Population size.
  ///   - count: Number of draws.
  ///   - replace: Whether a position may repeat.
  ///   - generator: The seeded generator.
  /// - Returns: Shape `[count]`.
  /// - Throws: `TensorError.invalidArgument` when drawing more than `n` without replacement
  ///   or from an empty population.
  public static func choice(
    _ n: Int, count: Int, replace: Bool = true, using generator: inout PCG64
  ) throws -> Tensor {
    guard count >= 0, n > 0 || count == 0 else {
      throw TensorError.invalidArgument(
        op: "choice", message: "cannot draw \(count) from \(n) items")
    }
    if replace {
      return Tensor((0..<count).map { _ in Int64(generator.nextBounded(UInt64(n))) })
    }
    guard count <= n else {
      throw TensorError.invalidArgument(
        op: "choice", message: "cannot draw \(count) from \(n) items without replacement")
    }
    // A partial Fisher–Yates shuffle: the first `count` positions of a permutation.
    var values = (0..<n).map { Int64($0) }
    for i in 0..<count {
      let j = i + Int(generator.nextBounded(UInt64(n - i)))
      values.swapAt(i, j)
    }
    return Tensor(Array(values[0..<count]))
  }

  /// Picks `count` elements of this tensor along axis 0.
  ///
  /// - Parameters:
  ///   - count: How many rows to pick.
  ///   - replace: Whether a row may be picked more than once.
  ///   - generator: The seeded generator, advanced in place.
  /// - Returns: Shape `[count, ...]`: `count` rows of this tensor's `[n, ...]`.
  /// - Throws: `TensorError.invalidShape` for a scalar; otherwise as
  ///   ``choice(_:count:replace:using:)``.
  public func choice(count: Int, replace: Bool = true, using generator: inout PCG64) throws
    -> Tensor
  {
    guard rank > 0 else {
      throw TensorError.invalidShape(op: "choice", expected: "at least one axis", got: shape)
    }
    return try take(
      Tensor.choice(shape[0], count: count, replace: replace, using: &generator), axis: 0)
  }
}
