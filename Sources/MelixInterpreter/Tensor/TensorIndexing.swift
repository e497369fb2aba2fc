import MelixNumerics

/// NumPy-style reading and writing of tensor elements from Melix subscripts.
///
/// Supported: Ints, slices (`1:3`, `::2`, negative steps), `nil` (a new axis of size 1), at
/// most one integer list or int64 tensor (gathers along its axis, NumPy's `take`), and a bool
/// tensor or list as the only subscript (a mask over the leading axes).
enum TensorIndexing {
  /// One classified subscript.
  private enum Part {
    case basic(TensorIndex)
    case gather(Tensor)
    case mask(Tensor)
  }

  private static func classify(_ subscripts: [SubscriptValue]) throws -> [Part] {
    try subscripts.map { item -> Part in
      switch item {
      case .slice(let lower, let upper, let step):
        return .basic(.slice(start: lower, stop: upper, step: step))
      case .index(let value):
        switch value {
        case .int(let i): return .basic(.at(i))
        case .null: return .basic(.newAxis)
        case .bool:
          throw MelixError("tensor index: a single Bool is not an index; use a mask tensor")
        case .list, .tuple, .native:
          guard let t = try? asTensor(value, role: "tensor index") else { break }
          switch t.dtype {
          case .bool: return .mask(t)
          case .int64: return .gather(t)
          case .float32, .float64:
            if t.count == 0 { return .gather(t.cast(to: .int64)) }
            throw MelixError("tensor index: expected Int, slice, list of Ints or a Bool mask, got \(t.dtype) values")
          }
        default: break
        }
        throw MelixError("tensor index: expected Int, slice, list of Ints or a Bool mask, got \(value.typeName)")
      }
    }
  }

  /// `t[subscripts]`.
  ///
  /// - Returns: A tensor, or a number when integer indices select a single element.
  /// - Throws: `MelixError` for an out-of-range index, too many indices, a mask of the wrong
  ///   shape or an unsupported combination.
  ///
  /// - Parameters:
  ///   - owner: The tensor value indexed; a result of basic indexing (Ints, slices, `nil`)
  ///     writes back into it when assigned to, as a NumPy view does (`t[0][1] = 5`).
  ///   - subscripts: The subscripts.
  static func read(_ owner: TensorValue, _ subscripts: [SubscriptValue]) throws -> Value {
    let t = owner.tensor
    let parts = try classify(subscripts)
    return try tensorCall {
      if parts.count == 1, case .mask(let mask) = parts[0] {
        return .tensor(try t.masked(by: mask))
      }
      let (basic, gather) = try split(parts)
      let view = try t.slice(basic)
      if let (indices, axis, front) = gather {
        let taken = try view.take(indices, axis: axis)
        return .tensor(front ? try taken.permuted(frontOrder(rank: taken.rank, axis: axis, count: indices.rank)) : taken)
      }
      let allIntegers = basic.allSatisfy { if case .at = $0 { return true } else { return false } }
      if allIntegers && view.rank == 0 && !view.requiresGrad { return TensorConversion.scalar(view) }
      return .native(TensorValue(view, base: owner, at: basic))
    }
  }

  /// A gather: the indices, the axis of the sliced view it applies to, and whether NumPy puts
  /// its axes first (see ``split(_:)``).
  private typealias Gather = (indices: Tensor, axis: Int, front: Bool)

  /// The basic indices (a gather replaced by a full slice) and the gather.
  ///
  /// With a list, NumPy counts Ints as advanced indices too; when the advanced indices are
  /// not adjacent (`t[0, :, [1, 2]]`), the gathered axes go first in the result, else they
  /// stay where the list is (`t[:, 0, [1, 2]]`).
  private static func split(_ parts: [Part]) throws -> ([TensorIndex], Gather?) {
    var basic: [TensorIndex] = []
    var gather: Gather? = nil
    let advanced = parts.indices.filter { i in
      switch parts[i] {
      case .gather: return true
      case .basic(.at): return true
      default: return false
      }
    }
    let adjacent = advanced.count <= 1 || (advanced.last ?? 0) - (advanced.first ?? 0) + 1 == advanced.count
    var outputAxis = 0
    for part in parts {
      switch part {
      case .basic(let index):
        basic.append(index)
        if case .at = index { continue }
        outputAxis += 1
      case .gather(let indices):
        guard gather == nil else {
          throw MelixError("tensor index: only one list of indices is supported per subscript")
        }
        gather = (indices, outputAxis, !adjacent)
        basic.append(.all)
        outputAxis += 1
      case .mask:
        throw MelixError("tensor index: a mask must be the only subscript")
      }
    }
    return (basic, gather)
  }

  /// The axis order that moves `count` axes starting at `axis` to the front.
  private static func frontOrder(rank: Int, axis: Int, count: Int) -> [Int] {
    let moved = Array(axis..<(axis + count))
    return moved + (0..<rank).filter { !moved.contains($0) }
  }

  /// `t[subscripts] = value`, returning the updated tensor.
  ///
  /// - Throws: `MelixError` for bad indices, or a value that does not broadcast to the
  ///   selection (naming both shapes).
  static func write(_ t: Tensor, _ subscripts: [SubscriptValue], _ value: Value) throws -> Tensor {
    let parts = try classify(subscripts)
    let source = try asTensor(value, role: "assigned value")
    var out = t
    try tensorCall {
      if parts.count == 1, case .mask(let mask) = parts[0] {
        if mask.shape == t.shape {
          try out.assignMasked(mask, values: source)
          return
        }
        // A mask over the leading axes selects whole rows.
        try out.assign(source, rowsWhere: mask)
        return
      }
      let (basic, gather) = try split(parts)
      guard let (indices, axis, front) = gather else {
        try out.assign(source, at: basic)
        return
      }
      let selection = try t.slice(basic).take(indices, axis: axis)
      var spread: Tensor
      if front {
        // The value broadcasts against NumPy's layout (gathered axes first); move them back.
        let order = frontOrder(rank: selection.rank, axis: axis, count: indices.rank)
        let inverse = order.indices.map { order.firstIndex(of: $0) ?? $0 }
        spread = try source.broadcastForAssign(to: order.map { selection.shape[$0] }).permuted(inverse)
      } else {
        spread = try source.broadcastForAssign(to: selection.shape)
      }
      let positions = indices.flattened().toArray(Int64.self)
      let flatSpread = try spread.reshaped(
        Array(selection.shape[..<axis]) + [positions.count] + Array(selection.shape[(axis + indices.rank)...]))
      for (k, position) in positions.enumerated() {
        var target = basic
        // Replace the gather's full slice by this position.
        var seen = 0
        for (i, index) in basic.enumerated() {
          if case .at = index { continue }
          if seen == axis { target[i] = .at(Int(position)); break }
          seen += 1
        }
        var part: [TensorIndex] = Array(repeating: .all, count: axis)
        part.append(.at(k))
        try out.assign(try flatSpread.slice(part), at: target)
      }
    }
    return out
  }
}
