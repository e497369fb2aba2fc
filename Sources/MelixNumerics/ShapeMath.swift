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

  /// The number of elements of a caller-supplied `shape`, or nil if the running product
  /// overflows `Int` (where `count` would trap). Sizes must already be known to be ≥ 0.
  /// A zero size does not rescue an overflowing shape: its strides would overflow too.
  static func checkedCount(_ shape: [Int]) -> Int? {
    var total = 1
    for size in shape {
      let (product, overflow) = total.multipliedReportingOverflow(by: size)
      if overflow { return nil }
      total = product
    }
    return total
  }

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
    // An output as large as an input was accepted when that input was made; a new, larger
    // shape is bounded here before anything allocates it.
    if out != lhs && out != rhs { try checkResultSize(out, op: op) }
    return out
  }

  /// The most elements an operation may create from a shape it computes (2^30, 8 GiB of
  /// float64), the interpreter's bound on the tensors a script creates. Beyond it a
  /// broadcast or matmul of two small operands (`[100000, 1] + [1, 100000]`) would overflow
  /// a byte count or fail to allocate, and either ends the process.
  static let maxResultCount = 1 << 30

  /// Throws `TensorError.invalidArgument` for `op` unless `shape` holds at most
  /// ``maxResultCount`` elements.
  static func checkResultSize(_ shape: [Int], op: String) throws {
    guard let count = checkedCount(shape), count <= maxResultCount else {
      throw TensorError.invalidArgument(
        op: op,
        message: "the result shape \(formatShape(shape)) has more than \(maxResultCount) elements")
    }
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
