/// One entry of a NumPy-style index: `t[0]`, `t[1:3]`, `t[::-1]`, `t[None]`, `t[...]`.
public enum TensorIndex: Sendable, Equatable {
  /// A single position; removes the axis. Negative counts from the end.
  case at(Int)
  /// `start:stop:step` with Python's defaults and clamping; `step` may be negative, not 0.
  case slice(start: Int? = nil, stop: Int? = nil, step: Int? = nil)
  /// `None` / `newaxis`: inserts an axis of size 1.
  case newAxis
  /// `...`: as many full slices as needed.
  case ellipsis

  /// `:`, the whole axis.
  public static var all: TensorIndex { .slice() }
}

extension Tensor {
  /// A view selected by NumPy basic indexing (integers, slices, new axes, one ellipsis); no
  /// elements are copied. Gradients flow back into the selected positions.
  ///
  /// - Parameter indices: Index entries; missing trailing axes are taken whole.
  /// - Returns: A view sharing this tensor's buffer.
  /// - Throws: `TensorError.tooManyIndices`, `.indexOutOfRange`, or `.invalidArgument` for
  ///   a zero step or two ellipses.
  public func slice(_ indices: [TensorIndex]) throws -> Tensor {
    let out = try sliceView(indices)
    let original = shape
    let dt = dtype
    return GradNode.record(out, inputs: [self]) { g in
      var z = Tensor.zeros(original, dtype: dt)
      try z.assign(g, at: indices)
      return [z]
    }
  }

  /// Basic indexing, as in `t[0, 1...]`. See ``slice(_:)``.
  ///
  /// - Throws: As ``slice(_:)``.
  public subscript(_ indices: TensorIndex...) -> Tensor {
    get throws { try slice(indices) }
  }

  func sliceView(_ indices: [TensorIndex]) throws -> Tensor {
    let ellipses = indices.filter { $0 == .ellipsis }.count
    guard ellipses <= 1 else {
      throw TensorError.invalidArgument(op: "index", message: "an index can only have one ellipsis")
    }
    let consuming = indices.filter {
      if case .newAxis = $0 { return false }
      return $0 != .ellipsis
    }.count
    guard consuming <= rank else { throw TensorError.tooManyIndices(given: consuming, rank: rank) }
    var expanded: [TensorIndex] = []
    for index in indices {
      if index == .ellipsis {
        expanded += Array(repeating: .all, count: rank - consuming)
      } else {
        expanded.append(index)
      }
    }
    if ellipses == 0 { expanded += Array(repeating: .all, count: rank - consuming) }
    var newShape: [Int] = []
    var newStrides: [Int] = []
    var newOffset = offset
    var axis = 0
    for index in expanded {
      switch index {
      case .at(let i):
        let n = shape[axis]
        let j = i < 0 ? i + n : i
        guard j >= 0, j < n else {
          throw TensorError.indexOutOfRange(index: i, axis: axis, size: n)
        }
        newOffset += j * strides[axis]
        axis += 1
      case .slice(let start, let stop, let step):
        let (first, length, s) = try Tensor.resolveSlice(
          start: start, stop: stop, step: step, size: shape[axis])
        if length > 0 { newOffset += first * strides[axis] }
        newShape.append(length)
        // With at most one element the step is never taken; a huge step would overflow.
        newStrides.append(length > 1 ? strides[axis] * s : strides[axis])
        axis += 1
      case .newAxis:
        newShape.append(1)
        newStrides.append(0)
      case .ellipsis:
        break
      }
    }
    return Tensor(storage: storage, shape: newShape, strides: newStrides, offset: newOffset)
  }

  /// Python's `slice.indices`: the first position, the length and the step.
  static func resolveSlice(start: Int?, stop: Int?, step: Int?, size n: Int) throws -> (Int, Int, Int) {
    // Int.min has no negation: clamp it to -Int.max, as CPython's PySlice_Unpack does.
    let s = Swift.max(step ?? 1, -Int.max)
    guard s != 0 else { throw TensorError.invalidArgument(op: "index", message: "slice step cannot be zero") }
    let lower = s < 0 ? -1 : 0
    let upper = s < 0 ? n - 1 : n
    func clamp(_ v: Int?, _ fallback: Int) -> Int {
      guard var v else { return fallback }
      if v < 0 { v += n }
      return Swift.min(Swift.max(v, lower), upper)
    }
    let first = clamp(start, s < 0 ? upper : lower)
    let last = clamp(stop, s < 0 ? lower : upper)
    // PySlice_AdjustIndices' form, which cannot overflow for any step (first and last are
    // clamped to [-1, n]).
    let length: Int
    if s > 0 {
      length = last > first ? (last - first - 1) / s + 1 : 0
    } else {
      length = first > last ? (first - last - 1) / -s + 1 : 0
    }
    return (first, length, s)
  }

  /// Writes `value` (broadcast, converted to this dtype) into the positions selected by basic
  /// indexing, like NumPy's `t[1:3, 0] = value`; leading axes of size 1 of `value` beyond the
  /// selection's rank are dropped, as NumPy does. Recorded by autograd when this tensor or
  /// `value` is part of a graph (see ``recordWrite(previous:value:keep:pick:)``).
  ///
  /// - Parameters:
  ///   - value: A tensor broadcastable to the selected view's shape.
  ///   - indices: As for ``slice(_:)``.
  /// - Throws: Index errors as ``slice(_:)``; `TensorError.broadcastMismatch`;
  ///   `.invalidArgument` for a float with no int64 value written into an int64 tensor.
  public mutating func assign(_ value: Tensor, at indices: [TensorIndex]) throws {
    makeUnique()
    let view = try sliceView(indices)
    let value = try Tensor.strippingLeadingUnitAxes(value, toRank: view.rank)
    let shape = try ShapeMath.broadcast(value.shape, view.shape, op: "assign")
    guard shape == view.shape else {
      throw TensorError.broadcastMismatch(op: "assign", lhs: value.shape, rhs: view.shape)
    }
    // NaN, an infinity or a huge float written into an int64 tensor is an error, as NumPy's
    // "cannot convert float NaN to integer", not a silent 0 or a saturated value.
    if dtype == .int64 && value.dtype.isFloatingPoint { _ = try value.checkedCast(to: .int64, op: "assign") }
    let src = value.detached().broadcastView(to: view.shape)
    // A value that aliases this buffer (t[1:] = t[:-1]) is read from a copy first.
    let safe = src.storage === storage ? src.contiguousLayout() : src
    convertElements(from: safe, into: view)
    if node != nil || value.node != nil {
      recordWrite(
        previous: node, value: value,
        keep: { g in
          var z = Tensor.writableGradient(g)
          try z.assign(Tensor.zeros([], dtype: g.dtype), at: indices)
          return z
        },
        pick: { g in try g.detached().slice(indices) })
    }
  }

  /// Writes `value` (broadcast to this tensor's shape) wherever `mask` is true, like NumPy's
  /// `copyto(t, value, where: mask)`. Recorded by autograd as
  /// ``assign(_:at:)``.
  ///
  /// - Parameters:
  ///   - value: Broadcastable to `shape`.
  ///   - mask: Broadcastable to `shape`; read as "nonzero".
  /// - Throws: `TensorError.broadcastMismatch`; `.invalidArgument` for a float with no int64
  ///   value written into an int64 tensor.
  public mutating func assign(_ value: Tensor, where mask: Tensor) throws {
    for other in [value.shape, mask.shape] {
      let s = try ShapeMath.broadcast(other, shape, op: "assign")
      guard s == shape else {
        throw TensorError.broadcastMismatch(op: "assign", lhs: other, rhs: shape)
      }
    }
    makeUnique()
    var src = try value.detached().checkedCast(to: dtype, op: "assign").broadcastView(to: shape)
    if src.storage === storage { src = src.contiguousLayout() }
    let m = mask.detached().cast(to: .bool).broadcastView(to: shape)
    switch dtype {
    case .float32: selectInto(Float.self, self, src, m)
    case .float64: selectInto(Double.self, self, src, m)
    case .int64: selectInto(Int64.self, self, src, m)
    case .bool: selectInto(Bool.self, self, src, m)
    }
    if node != nil || value.node != nil {
      let full = shape
      recordWrite(
        previous: node, value: value,
        keep: { g in
          var z = Tensor.writableGradient(g)
          try z.assign(Tensor.zeros([], dtype: g.dtype), where: m)
          return z
        },
        pick: { g in
          var p = Tensor.zeros(full, dtype: g.dtype)
          try p.assign(g.detached(), where: m)
          return p
        })
    }
  }

  /// NumPy's `t[mask] = values`: `values` holds one element (written everywhere the mask is
  /// true) or exactly as many elements as the mask has true entries (written in row-major
  /// order). Recorded by autograd as ``assign(_:at:)``.
  ///
  /// - Parameters:
  ///   - mask: A bool tensor of this tensor's shape.
  ///   - values: One value, or one per true mask entry.
  /// - Throws: `TensorError.shapeMismatch` for a mask of another shape;
  ///   `.elementCountMismatch` if the value count is wrong.
  public mutating func assignMasked(_ mask: Tensor, values: Tensor) throws {
    guard mask.shape == shape else {
      throw TensorError.shapeMismatch(op: "mask", expected: shape, got: mask.shape)
    }
    if values.count == 1 {
      try assign(values.reshaped([]), where: mask)
      return
    }
    let positions = mask.cast(to: .bool).toArray(Bool.self)
    let selected = positions.filter { $0 }.count
    guard values.count == selected else {
      throw TensorError.elementCountMismatch(
        op: "mask assign", shape: [selected], count: values.count)
    }
    let previous = node
    var flat = detached().contiguous().flattened()
    flat.makeUnique()
    let v = try values.detached().checkedCast(to: dtype, op: "assign").flattened()
    var k = 0
    for (i, on) in positions.enumerated() where on {
      let view = try flat.sliceView([.at(i)])
      copyElements(from: try v.sliceView([.at(k)]), into: view)
      k += 1
    }
    self = try flat.reshaped(shape)
    if previous != nil || values.node != nil {
      let m = mask.detached().cast(to: .bool)
      let valueShape = values.shape
      recordWrite(
        previous: previous, value: values,
        keep: { g in
          var z = Tensor.writableGradient(g)
          try z.assign(Tensor.zeros([], dtype: g.dtype), where: m)
          return z
        },
        pick: { g in try g.detached().masked(by: m).reshaped(valueShape) })
    }
  }

  /// This value broadcast to the shape of the positions an assignment selects.
  ///
  /// - Parameter target: The selection's shape.
  /// - Throws: `TensorError.broadcastMismatch` naming `'assign'` and both shapes.
  public func broadcastForAssign(to target: [Int]) throws -> Tensor {
    do {
      return try broadcast(to: target)
    } catch TensorError.broadcastMismatch {
      throw TensorError.broadcastMismatch(op: "assign", lhs: shape, rhs: target)
    }
  }

  /// NumPy's `t[mask] = value` for a mask over the leading `mask.rank` axes: the value is
  /// broadcast to `[nSelected] + shape[mask.rank...]` and written row by row. Recorded by
  /// autograd as ``assign(_:at:)``.
  ///
  /// - Parameters:
  ///   - value: Broadcastable to `[nSelected] + shape[mask.rank...]`.
  ///   - mask: A bool tensor whose shape equals the leading `mask.rank` axes of this tensor.
  /// - Throws: `TensorError.shapeMismatch` for a mask of another shape;
  ///   `.broadcastMismatch` if `value` does not broadcast to the selected rows.
  public mutating func assign(_ value: Tensor, rowsWhere mask: Tensor) throws {
    guard mask.rank <= rank, Array(shape.prefix(mask.rank)) == mask.shape else {
      throw TensorError.shapeMismatch(op: "mask", expected: Array(shape.prefix(mask.rank)), got: mask.shape)
    }
    let rowShape = Array(shape[mask.rank...])
    let picks = mask.cast(to: .bool).toArray(Bool.self).enumerated().filter { $0.element }.map(\.offset)
    let spread = try value.broadcastForAssign(to: [picks.count] + rowShape)
    let maskStrides = ShapeMath.contiguousStrides(mask.shape)
    for (k, flat) in picks.enumerated() {
      let at = zip(mask.shape, maskStrides).map { size, step in TensorIndex.at((flat / step) % size) }
      try assign(try spread.slice([.at(k)]), at: at)
    }
  }

  /// Boolean-mask selection, NumPy's `t[mask]`: the elements (or rows) where `mask` is true.
  ///
  /// - Parameter mask: A bool tensor whose shape equals the leading `mask.rank` axes of this
  ///   tensor.
  /// - Returns: Shape `[nTrue] + shape[mask.rank...]`, a copy.
  /// - Throws: `TensorError.shapeMismatch` if the mask's shape does not match.
  public func masked(by mask: Tensor) throws -> Tensor {
    guard mask.rank <= rank, Array(shape.prefix(mask.rank)) == mask.shape else {
      throw TensorError.shapeMismatch(
        op: "mask", expected: Array(shape.prefix(Swift.max(mask.rank, 0))), got: mask.shape)
    }
    let lead = ShapeMath.count(mask.shape)
    let rows = try reshaped([lead] + Array(shape[mask.rank...]))
    let picks = mask.cast(to: .bool).toArray(Bool.self).enumerated().filter { $0.element }.map {
      Int64($0.offset)
    }
    return try rows.take(Tensor(picks), axis: 0)
  }

  /// Gathers slices along `axis` at integer positions (NumPy's `take`). Repeated positions
  /// are allowed; their gradients add up.
  ///
  /// - Parameters:
  ///   - indices: An integer tensor of any shape; negative values count from the end.
  ///   - axis: The axis to index.
  /// - Returns: Shape `shape[..<axis] + indices.shape + shape[(axis+1)...]`.
  /// - Throws: `TensorError.axisOutOfRange`, `.indexOutOfRange`, `.unsupportedDType` for
  ///   float indices.
  public func take(_ indices: Tensor, axis: Int = 0) throws -> Tensor {
    guard indices.dtype == .int64 || indices.dtype == .bool && indices.count == 0 else {
      throw TensorError.unsupportedDType(op: "take", dtype: indices.dtype)
    }
    let ax = try ShapeMath.normalize(axis: axis, rank: rank)
    let n = shape[ax]
    let idx = try indices.cast(to: .int64).toArray(Int64.self).map { i -> Int in
      let j = i < 0 ? Int(i) + n : Int(i)
      guard j >= 0, j < n else {
        throw TensorError.indexOutOfRange(index: Int(i), axis: ax, size: n)
      }
      return j
    }
    let outer = shape[..<ax].reduce(1, *)
    let inner = shape[(ax + 1)...].reduce(1, *)
    let outShape = Array(shape[..<ax]) + indices.shape + Array(shape[(ax + 1)...])
    let out = Tensor(uninitializedShape: outShape, dtype: dtype)
    if isContiguous {
      // Whole slabs of `inner` elements move with one memcpy each.
      let width = dtype.byteWidth
      let s = storage.raw + offset * width
      let d = out.storage.raw
      if inner > 0 {
        for o in 0..<outer {
          for (k, j) in idx.enumerated() {
            (d + ((o * idx.count + k) * inner) * width).copyMemory(
              from: s + ((o * n + j) * inner) * width, byteCount: inner * width)
          }
        }
      }
    } else {
      // A strided view is read slice by slice, without copying the rest of it.
      let lead = [TensorIndex](repeating: .all, count: ax)
      let flatOut = try out.reshaped(Array(shape[..<ax]) + [idx.count] + Array(shape[(ax + 1)...]))
      for (k, j) in idx.enumerated() {
        copyElements(
          from: try detached().sliceView(lead + [.at(j)]),
          into: try flatOut.sliceView(lead + [.at(k)]))
      }
    }
    let original = shape
    let positions = Tensor(idx.map { Int64($0) })
    return GradNode.record(out, inputs: [self]) { g in
      [
        try Tensor.indexAdd(
          into: Tensor.zeros(original, dtype: g.dtype), axis: ax, positions: positions, values: g)
      ]
    }
  }

  /// Adds `values` into copies of slices of `base` at `positions` along `axis`
  /// (scatter-add; the adjoint of ``take(_:axis:)``).
  static func indexAdd(into base: Tensor, axis: Int, positions: Tensor, values: Tensor) throws
    -> Tensor
  {
    var out = base.contiguous().detached()
    out.makeUnique()
    let idx = positions.toArray(Int64.self)
    let outer = base.shape[..<axis].reduce(1, *)
    let inner = base.shape[(axis + 1)...].reduce(1, *)
    let n = base.shape[axis]
    let v = try values.cast(to: base.dtype).contiguous().reshaped([outer, idx.count, inner])
      .toArray(Double.self)
    var acc = out.toArray(Double.self)
    for o in 0..<outer {
      for (k, j) in idx.enumerated() {
        for i in 0..<inner {
          acc[(o * n + Int(j)) * inner + i] += v[(o * idx.count + k) * inner + i]
        }
      }
    }
    return try Tensor(shape: base.shape, scalars: acc).cast(to: base.dtype)
  }
}

private func selectInto<T: TensorScalar>(_ t: T.Type, _ dst: Tensor, _ src: Tensor, _ mask: Tensor)
{
  guard dst.count > 0 else { return }
  let rows = StridedRows(shape: dst.shape, strides: [dst.strides, src.strides, mask.strides])
  let d = dst.base(T.self)
  let s = src.base(T.self)
  let m = mask.base(Bool.self)
  let n = rows.rowLength
  let (sd, ss, sm) = (rows.rowStride(0), rows.rowStride(1), rows.rowStride(2))
  rows.forEachRow(in: 0..<rows.rowCount) { _, o in
    for i in 0..<n where m[o[2] + i * sm] { d[o[0] + i * sd] = s[o[1] + i * ss] }
  }
}
