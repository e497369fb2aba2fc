/// Joining and splitting: concat, stack, split.
extension Tensor {
  /// Joins tensors along an existing axis (NumPy's `concatenate`). Dtypes are promoted;
  /// the gradient of each input is its slice of the output gradient.
  ///
  /// - Parameters:
  ///   - tensors: At least one tensor; all shapes equal except along `axis`.
  ///   - axis: The joining axis.
  /// - Returns: Shape with `axis` the sum of the inputs' sizes.
  /// - Throws: `TensorError.invalidArgument` for an empty list; `.shapeMismatch`;
  ///   `.axisOutOfRange`; `.outOfMemory` when the result cannot be allocated.
  public static func concat(_ tensors: [Tensor], axis: Int = 0) throws -> Tensor {
    guard let first = tensors.first else {
      throw TensorError.invalidArgument(op: "concat", message: "need at least one tensor")
    }
    guard first.rank > 0 else {
      throw TensorError.invalidShape(
        op: "concat", expected: "tensors with at least one axis", got: first.shape)
    }
    let ax = try ShapeMath.normalize(axis: axis, rank: first.rank)
    var dtype = first.dtype
    var total = 0
    for t in tensors {
      var a = t.shape
      var b = first.shape
      guard a.count == b.count else {
        throw TensorError.shapeMismatch(op: "concat", expected: first.shape, got: t.shape)
      }
      a[ax] = 0
      b[ax] = 0
      guard a == b else {
        throw TensorError.shapeMismatch(op: "concat", expected: first.shape, got: t.shape)
      }
      total += t.shape[ax]
      dtype = DType.promoted(dtype, t.dtype)
    }
    var shape = first.shape
    shape[ax] = total
    let out = try Tensor(allocatingShape: shape, dtype: dtype, op: "concat")
    var start = 0
    var ranges: [Range<Int>] = []
    for t in tensors {
      let n = t.shape[ax]
      let view = try out.sliceView(
        Array(repeating: .all, count: ax) + [.slice(start: start, stop: start + n)])
      convertElements(from: t.detached(), into: view)
      ranges.append(start..<(start + n))
      start += n
    }
    return GradNode.record(out, inputs: tensors) { g in
      try ranges.map { r in
        try g.slice(
          Array(repeating: .all, count: ax) + [.slice(start: r.lowerBound, stop: r.upperBound)])
      }
    }
  }

  /// Joins equally shaped tensors along a new axis (NumPy's `stack`).
  ///
  /// - Parameters:
  ///   - tensors: At least one tensor, all of the same shape.
  ///   - axis: Position of the new axis in the result.
  /// - Throws: `TensorError.shapeMismatch`; `.invalidArgument` for an empty list.
  public static func stack(_ tensors: [Tensor], axis: Int = 0) throws -> Tensor {
    guard let first = tensors.first else {
      throw TensorError.invalidArgument(op: "stack", message: "need at least one tensor")
    }
    for t in tensors where t.shape != first.shape {
      throw TensorError.shapeMismatch(op: "stack", expected: first.shape, got: t.shape)
    }
    let ax = try ShapeMath.normalize(axis: axis, rank: first.rank + 1)
    return try concat(tensors.map { try $0.expandingDims(at: ax) }, axis: ax)
  }

  /// Splits into `sections` equal parts along `axis` (NumPy's `split` with an integer).
  ///
  /// - Parameters:
  ///   - sections: The number of parts, > 0, dividing `shape[axis]`.
  ///   - axis: The axis to split; negative counts from the end.
  /// - Returns: `sections` views, each of the input shape with `shape[axis] / sections` on
  ///   `axis`.
  /// - Throws: `TensorError.axisOutOfRange`; `TensorError.invalidArgument` if `sections` is
  ///   not positive or the axis size is not divisible by it.
  public func split(sections: Int, axis: Int = 0) throws -> [Tensor] {
    let ax = try ShapeMath.normalize(axis: axis, rank: rank)
    guard sections > 0, shape[ax] % sections == 0 else {
      throw TensorError.invalidArgument(
        op: "split",
        message: "axis of size \(shape[ax]) does not split into \(sections) equal sections")
    }
    let step = shape[ax] / sections
    return try split(at: (1..<sections).map { $0 * step }, axis: ax)
  }

  /// Splits along `axis` before each of the given positions (NumPy's `split` with indices):
  /// part `i` is the slice `[indices[i - 1]:indices[i]]` with Python's slice rules, so
  /// negative positions count from the end and out-of-order ones give empty parts.
  ///
  /// - Parameters:
  ///   - indices: Split positions, e.g. `[2, 5]` gives `[:2]`, `[2:5]`, `[5:]`; `[-2]` gives
  ///     `[:-2]`, `[-2:]`.
  ///   - axis: The axis to split.
  /// - Returns: `indices.count + 1` views.
  /// - Throws: `TensorError.axisOutOfRange`.
  public func split(at indices: [Int], axis: Int = 0) throws -> [Tensor] {
    let ax = try ShapeMath.normalize(axis: axis, rank: rank)
    let bounds: [Int?] = [nil] + indices.map { Optional($0) } + [nil]
    return try (0..<(bounds.count - 1)).map { i in
      try slice(Array(repeating: .all, count: ax) + [.slice(start: bounds[i], stop: bounds[i + 1])])
    }
  }
}
