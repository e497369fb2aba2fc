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
