/// Sorting and uniqueness.
extension Tensor {
  /// Sorted copy along `axis` (ascending, NaN last, as NumPy).
  ///
  /// - Parameter axis: The axis to sort; `-1` is the last.
  /// - Throws: `TensorError.axisOutOfRange`.
  public func sorted(axis: Int = -1) throws -> Tensor {
    let order = try argsort(axis: axis)
    let ax = try ShapeMath.normalize(axis: axis, rank: Swift.max(rank, 1))
    return try takeAlong(order, axis: ax)
  }

  /// Indices that sort each slice along `axis` (a stable sort, NumPy's `kind="stable"`;
  /// NaN last).
  ///
  /// - Parameter axis: The axis to sort.
  /// - Returns: An int64 tensor of this tensor's shape.
  /// - Throws: `TensorError.axisOutOfRange`.
  public func argsort(axis: Int = -1) throws -> Tensor {
    guard rank > 0 else { return Tensor(scalar: Int64(0)) }
    let ax = try ShapeMath.normalize(axis: axis, rank: rank)
    let moved = try detached().swappingAxes(ax, -1).contiguous()
    let n = moved.shape[rank - 1]
    let values = moved.scalars
    var out = [Int64](repeating: 0, count: values.count)
    let rows = n == 0 ? 0 : values.count / n
    for r in 0..<rows where dtype != .int64 {
      let base = r * n
      let idx = (0..<n).sorted { i, j in
        let a = values[base + i]
        let b = values[base + j]
        if a.isNaN { return false }
        if b.isNaN { return true }
        return a < b || (a == b && i < j)
      }
      for (k, i) in idx.enumerated() { out[base + k] = Int64(i) }
    }
    if dtype == .int64 {
      // Doubles lose order beyond 2^53; sort int64 exactly.
      let ints = moved.toArray(Int64.self)
      for r in 0..<rows {
        let base = r * n
        let idx = (0..<n).sorted { i, j in
          ints[base + i] < ints[base + j] || (ints[base + i] == ints[base + j] && i < j)
        }
        for (k, i) in idx.enumerated() { out[base + k] = Int64(i) }
      }
    }
    return try Tensor(shape: moved.shape, scalars: out).swappingAxes(ax, -1).contiguous()
  }

  /// NumPy's `take_along_axis`: picks, in each slice along `axis`, the positions in
  /// `indices` (same shape as `self`). Gradients scatter back.
  func takeAlong(_ indices: Tensor, axis ax: Int) throws -> Tensor {
    let moved = try swappingAxes(ax, -1)
    let idx = try indices.swappingAxes(ax, -1).contiguous()
    let n = moved.shape.last ?? 0
    let rows = n == 0 ? 0 : moved.count / n
    let flat = try moved.contiguous().reshaped([-1])
    let i = idx.toArray(Int64.self)
    var positions = [Int64](repeating: 0, count: i.count)
    for r in 0..<rows {
      for k in 0..<n { positions[r * n + k] = Int64(r * n) + i[r * n + k] }
    }
    let picked = try flat.take(Tensor(positions), axis: 0).reshaped(moved.shape)
    return try picked.swappingAxes(ax, -1)
  }

  /// The sorted distinct elements of the flattened tensor (NaNs collapse into one, last).
  ///
  /// - Returns: Shape `[nDistinct]`, same dtype.
  public func unique() -> Tensor { uniqueWithCounts().values }

  /// The sorted distinct elements and how often each occurs.
  ///
  /// - Returns: `values` of shape `[nDistinct]` and `counts` (int64) of the same shape.
  public func uniqueWithCounts() -> (values: Tensor, counts: Tensor) {
    let flat = flattened().detached()
    // Sorting one axis of a vector cannot fail.
    let sorted = (try? flat.sorted(axis: 0)) ?? flat
    // int64 compares exactly: as Doubles, 2^53 and 2^53 + 1 would be one value.
    let same: (Int) -> Bool
    if dtype == .int64 {
      let v = sorted.toArray(Int64.self)
      same = { i in v[i] == v[i - 1] }
    } else {
      let v = sorted.scalars
      same = { i in v[i] == v[i - 1] || (v[i].isNaN && v[i - 1].isNaN) }
    }
    var keep: [Int64] = []
    var counts: [Int64] = []
    for i in 0..<sorted.count {
      if i > 0, same(i) {
        counts[counts.count - 1] += 1
      } else {
        keep.append(Int64(i))
        counts.append(1)
      }
    }
    let values = (try? sorted.take(Tensor(keep), axis: 0)) ?? sorted
    return (values, Tensor(counts))
  }
}
