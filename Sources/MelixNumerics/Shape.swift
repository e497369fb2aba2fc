/// Shape arithmetic shared by the tensor operations: strides, broadcasting, axes.
enum ShapeMath {
  /// Row-major (C order) strides in elements for `shape`.
  static func contiguousStrides(_ shape: [Int]) -> [Int] {
    var strides = [Int](repeating: 1, count: shape.count)
    var step = 1
    for axis in stride(from: shape.count - 1, through: 0, by: -1) {
      strides[axis] = step
      step *= max(shape[axis], 1)
    }
    return strides
  }

  /// The number of elements of `shape`.
  static func count(_ shape: [Int]) -> Int { shape.reduce(1, *) }

  /// The broadcast shape of two shapes under NumPy's rules (align right; sizes equal or 1).
  static func broadcast(_ lhs: [Int], _ rhs: [Int], op: String) throws -> [Int] {
    let rank = max(lhs.count, rhs.count)
    var out = [Int](repeating: 1, count: rank)
    for i in 0..<rank {
      let a = i < rank - lhs.count ? 1 : lhs[i - (rank - lhs.count)]
      let b = i < rank - rhs.count ? 1 : rhs[i - (rank - rhs.count)]
      if a == b || b == 1 {
        out[i] = a
      } else if a == 1 {
        out[i] = b
      } else {
        throw TensorError.broadcastMismatch(op: op, lhs: lhs, rhs: rhs)
      }
    }
    return out
  }

  /// Normalises a possibly negative axis into `0..<rank`.
  static func normalize(axis: Int, rank: Int) throws -> Int {
    let a = axis < 0 ? axis + rank : axis
    guard a >= 0, a < rank else { throw TensorError.axisOutOfRange(axis: axis, rank: rank) }
    return a
  }

  /// Normalises, sorts and de-duplicates a list of axes; `nil` means all axes.
  static func normalize(axes: [Int]?, rank: Int) throws -> [Int] {
    guard let axes else { return Array(0..<rank) }
    var seen = Set<Int>()
    for axis in axes {
      let a = try normalize(axis: axis, rank: rank)
      guard seen.insert(a).inserted else {
        throw TensorError.invalidArgument(op: "axis", message: "axis \(axis) is repeated")
      }
    }
    return seen.sorted()
  }
}

/// Visits every element position of an N-d strided layout for up to three operands, one
/// innermost row at a time, so callers run a tight loop over each row.
///
/// Dimensions are coalesced first: adjacent axes that are contiguous in every operand merge,
/// so a contiguous tensor is visited as one long row.
struct StridedRows {
  let shape: [Int]
  let strides: [[Int]]

  /// Coalesces axes of `shape` for the given operand strides (in elements).
  init(shape: [Int], strides: [[Int]]) {
    var outShape: [Int] = []
    var outStrides: [[Int]] = Array(repeating: [], count: strides.count)
    for axis in 0..<shape.count where shape[axis] != 1 {
      if let last = outShape.last,
        strides.indices.allSatisfy({ strides[$0][axis] * shape[axis] == outStrides[$0].last })
      {
        outShape[outShape.count - 1] = last * shape[axis]
        for k in strides.indices { outStrides[k][outStrides[k].count - 1] = strides[k][axis] }
      } else {
        outShape.append(shape[axis])
        for k in strides.indices { outStrides[k].append(strides[k][axis]) }
      }
    }
    if outShape.isEmpty {
      outShape = [1]
      for k in strides.indices { outStrides[k] = [0] }
    }
    self.shape = outShape
    self.strides = outStrides
  }

  /// Length of each row (the last coalesced axis).
  var rowLength: Int { shape[shape.count - 1] }
  /// Stride within a row, per operand.
  func rowStride(_ operand: Int) -> Int { strides[operand][shape.count - 1] }
  /// Number of rows.
  var rowCount: Int { shape.dropLast().reduce(1, *) }

  /// Calls `body(rowIndex, offsets)` for rows `range`, with each operand's element offset
  /// of the row start (relative to the operand's own base offset).
  @inline(__always)
  func forEachRow(in range: Range<Int>, _ body: (Int, [Int]) -> Void) {
    let outer = shape.count - 1
    if outer == 0 {
      if range.contains(0) { body(0, [Int](repeating: 0, count: strides.count)) }
      return
    }
    var index = [Int](repeating: 0, count: outer)
    var offsets = [Int](repeating: 0, count: strides.count)
    // Unravel the first row index.
    var rem = range.lowerBound
    for axis in stride(from: outer - 1, through: 0, by: -1) {
      index[axis] = rem % shape[axis]
      rem /= shape[axis]
    }
    for k in strides.indices {
      var o = 0
      for axis in 0..<outer { o += index[axis] * strides[k][axis] }
      offsets[k] = o
    }
    for row in range {
      body(row, offsets)
      var axis = outer - 1
      while axis >= 0 {
        index[axis] += 1
        for k in strides.indices { offsets[k] += strides[k][axis] }
        if index[axis] < shape[axis] { break }
        for k in strides.indices { offsets[k] -= strides[k][axis] * shape[axis] }
        index[axis] = 0
        axis -= 1
      }
    }
  }
}
