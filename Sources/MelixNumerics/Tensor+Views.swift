/// Views that share the buffer: broadcast, reshape, transpose, permute, squeeze.
extension Tensor {
  /// A view with stride 0 on stretched axes; the caller has checked `shape` broadcasts.
  func broadcastView(to target: [Int]) -> Tensor {
    if target == shape { return self }
    return Tensor(
      storage: storage, shape: target, strides: broadcastStrides(to: target), offset: offset)
  }

  /// This tensor broadcast to `shape` (a view without copying; NumPy's `broadcast_to`).
  ///
  /// - Parameter target: A shape this tensor broadcasts to.
  /// - Returns: A read-only-in-spirit view of shape `target`; its gradient sums back.
  /// - Throws: `TensorError.broadcastMismatch`.
  public func broadcast(to target: [Int]) throws -> Tensor {
    let s = try ShapeMath.broadcast(shape, target, op: "broadcast_to")
    guard s == target else {
      throw TensorError.broadcastMismatch(op: "broadcast_to", lhs: shape, rhs: target)
    }
    let out = detached().broadcastView(to: target)
    return GradNode.record(out, inputs: [self]) { g in [g] }
  }

  /// The same elements in a new shape, as a view when the data is contiguous (else a copy).
  ///
  /// - Parameter newShape: The new shape; one entry may be `-1` to be inferred.
  /// - Returns: A tensor of `newShape` with the same row-major element order.
  /// - Throws: `TensorError.cannotReshape` if the element counts differ or `-1` is ambiguous.
  public func reshaped(_ newShape: [Int]) throws -> Tensor {
    var target = newShape
    let unknown = target.indices.filter { target[$0] == -1 }
    guard unknown.count <= 1 else {
      throw TensorError.invalidArgument(
        op: "reshape",
        message: "can only specify one unknown dimension (-1), got \(formatShape(newShape))")
    }
    guard target.allSatisfy({ $0 >= -1 }) else {
      throw TensorError.cannotReshape(from: shape, to: newShape)
    }
    if let u = unknown.first {
      let rest = target.enumerated().filter { $0.offset != u }.map(\.element)
      guard let known = ShapeMath.checkedCount(rest), known > 0, count % known == 0 else {
        throw TensorError.cannotReshape(from: shape, to: newShape)
      }
      target[u] = count / known
    }
    guard ShapeMath.checkedCount(target) == count else {
      throw TensorError.cannotReshape(from: shape, to: newShape)
    }
    let base = detached().contiguousLayout()
    let out = Tensor(
      storage: base.storage, shape: target, strides: ShapeMath.contiguousStrides(target),
      offset: base.offset)
    let original = shape
    return GradNode.record(out, inputs: [self]) { g in [try g.reshaped(original)] }
  }

  /// A tensor whose elements are contiguous (possibly at an offset), copying only if needed.
  func contiguousLayout() -> Tensor {
    if isContiguous { return self }
    let out = Tensor(uninitializedShape: shape, dtype: dtype)
    copyElements(from: self, into: out)
    return out
  }

  /// The tensor flattened to one axis, shape `[count]`.
  public func flattened() -> Tensor {
    // Reshaping to [-1] always succeeds.
    (try? reshaped([-1])) ?? self
  }

  /// Reorders the axes (a view; NumPy's `transpose(axes)`).
  ///
  /// - Parameter order: A permutation of `0..<rank` (negative axes allowed).
  /// - Returns: A view whose axis `i` is this tensor's axis `order[i]`.
  /// - Throws: `TensorError.invalidArgument` if `order` is not a permutation;
  ///   `.axisOutOfRange`.
  public func permuted(_ order: [Int]) throws -> Tensor {
    let axes = try order.map { try ShapeMath.normalize(axis: $0, rank: rank) }
    guard axes.count == rank, Set(axes).count == rank else {
      throw TensorError.invalidArgument(
        op: "transpose", message: "axes \(formatShape(order)) are not a permutation of \(rank) axes")
    }
    let out = Tensor(
      storage: storage, shape: axes.map { shape[$0] }, strides: axes.map { strides[$0] },
      offset: offset)
    var inverse = [Int](repeating: 0, count: rank)
    for (i, a) in axes.enumerated() { inverse[a] = i }
    return GradNode.record(out, inputs: [self]) { g in [try g.permuted(inverse)] }
  }

  /// The transpose: axes reversed (for a matrix `[m, n]` → `[n, m]`), as a view.
  public var transposed: Tensor {
    // Reversed axes are always a valid permutation.
    (try? permuted(Array((0..<rank).reversed()))) ?? self
  }

  /// Swaps two axes (a view).
  ///
  /// - Parameters:
  ///   - a: One axis; negative counts from the end.
  ///   - b: The other axis.
  /// - Returns: The same elements with `shape[a]` and `shape[b]` exchanged.
  /// - Throws: `TensorError.axisOutOfRange`.
  public func swappingAxes(_ a: Int, _ b: Int) throws -> Tensor {
    var order = Array(0..<rank)
    let i = try ShapeMath.normalize(axis: a, rank: rank)
    let j = try ShapeMath.normalize(axis: b, rank: rank)
    order.swapAt(i, j)
    return try permuted(order)
  }

  /// Inserts an axis of size 1 at `axis` (a view).
  ///
  /// - Parameter axis: Position in the result, `-(rank+1)...rank`.
  /// - Throws: `TensorError.axisOutOfRange`.
  public func expandingDims(at axis: Int) throws -> Tensor {
    let a = try ShapeMath.normalize(axis: axis, rank: rank + 1)
    var s = shape
    s.insert(1, at: a)
    return try reshaped(s)
  }

  /// Removes axes of size 1 (all of them, or the given ones).
  ///
  /// - Parameter axes: Axes to remove; `nil` removes every size-1 axis.
  /// - Throws: `TensorError.axisOutOfRange`; `.invalidArgument` if a named axis is not 1.
  public func squeezed(axes: [Int]? = nil) throws -> Tensor {
    let remove =
      try axes.map { try ShapeMath.normalize(axes: $0, rank: rank) }
      ?? shape.indices.filter { shape[$0] == 1 }
    for a in remove where shape[a] != 1 {
      throw TensorError.invalidArgument(
        op: "squeeze", message: "axis \(a) has size \(shape[a]), not 1")
    }
    let s = shape.enumerated().filter { !remove.contains($0.offset) }.map(\.element)
    return try reshaped(s)
  }
}
