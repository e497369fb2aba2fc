/// An error from a tensor operation, with a message ready to show a user.
///
/// Messages are lower case, without a trailing period, and name the operation and the
/// shapes involved, e.g. `matmul needs [m, k] × [k, n], got [2, 3] × [2, 3]`.
public enum TensorError: Error, Equatable, Sendable, CustomStringConvertible {
  /// Two shapes cannot be broadcast together in `op`.
  case broadcastMismatch(op: String, lhs: [Int], rhs: [Int])
  /// The inner dimensions of a matrix product differ.
  case matmulMismatch(lhs: [Int], rhs: [Int])
  /// An axis is outside `-rank..<rank`.
  case axisOutOfRange(axis: Int, rank: Int)
  /// An index is outside the axis.
  case indexOutOfRange(index: Int, axis: Int, size: Int)
  /// Too many indices for the tensor's rank.
  case tooManyIndices(given: Int, rank: Int)
  /// A shape does not hold the given number of elements.
  case elementCountMismatch(op: String, shape: [Int], count: Int)
  /// A new shape cannot hold the elements of the old one.
  case cannotReshape(from: [Int], to: [Int])
  /// A general shape problem, e.g. `'solve' needs a square matrix, got [2, 3]`.
  case invalidShape(op: String, expected: String, got: [Int])
  /// Two shapes must be equal in `op`.
  case shapeMismatch(op: String, expected: [Int], got: [Int])
  /// An operation is not defined for a dtype.
  case unsupportedDType(op: String, dtype: DType)
  /// A dtype name is not known.
  case unknownDType(name: String)
  /// A matrix is singular in `op`.
  case singularMatrix(op: String)
  /// A matrix is not positive definite in `op`.
  case notPositiveDefinite(op: String)
  /// An iterative LAPACK routine did not converge in `op`.
  case didNotConverge(op: String)
  /// The input of `op` contains NaN or infinity.
  case nonFiniteInput(op: String)
  /// An argument has a value outside its domain.
  case invalidArgument(op: String, message: String)
  /// `backward()` was called on a tensor that does not require grad, or is not a scalar.
  case gradientError(message: String)
  /// The memory for the result of `op` could not be allocated (`bytes` bytes).
  case outOfMemory(op: String, shape: [Int], dtype: DType, bytes: Int)

  /// The message shown to the user.
  public var description: String {
    switch self {
    case .broadcastMismatch(let op, let lhs, let rhs):
      return "cannot broadcast \(formatShape(lhs)) with \(formatShape(rhs)) in '\(op)'"
    case .matmulMismatch(let lhs, let rhs):
      return "matmul needs [m, k] × [k, n], got \(formatShape(lhs)) × \(formatShape(rhs))"
    case .axisOutOfRange(let axis, let rank):
      return "axis \(axis) is out of range for a tensor of rank \(rank)"
    case .indexOutOfRange(let index, let axis, let size):
      return "index \(index) is out of range for axis \(axis) with size \(size)"
    case .tooManyIndices(let given, let rank):
      return "too many indices: \(given) given for a tensor of rank \(rank)"
    case .elementCountMismatch(let op, let shape, let count):
      return
        "shape \(formatShape(shape)) needs \(shape.reduce(1, *)) elements in '\(op)', got \(count)"
    case .cannotReshape(let from, let to):
      return "cannot reshape a tensor of shape \(formatShape(from)) into \(formatShape(to))"
    case .invalidShape(let op, let expected, let got):
      return "'\(op)' needs \(expected), got \(formatShape(got))"
    case .shapeMismatch(let op, let expected, let got):
      return "shape mismatch in '\(op)': expected \(formatShape(expected)), got \(formatShape(got))"
    case .unsupportedDType(let op, let dtype):
      return "'\(op)' is not defined for dtype \(dtype)"
    case .unknownDType(let name):
      return "unknown dtype '\(name)', expected 'float32', 'float64', 'int64' or 'bool'"
    case .singularMatrix(let op):
      return "matrix is singular in '\(op)'"
    case .notPositiveDefinite(let op):
      return "matrix is not positive definite in '\(op)'"
    case .didNotConverge(let op):
      return "'\(op)' did not converge"
    case .nonFiniteInput(let op):
      return "matrix contains nan or inf in '\(op)'"
    case .invalidArgument(let op, let message):
      return "\(message) in '\(op)'"
    case .gradientError(let message):
      return message
    case .outOfMemory(let op, let shape, let dtype, let bytes):
      return
        "out of memory: a \(dtype) result of shape \(formatShape(shape)) needs \(bytes) bytes in '\(op)'"
    }
  }
}

/// Formats a shape in bracket notation, `[2, 3]`.
///
/// - Parameter shape: Dimension sizes.
/// - Returns: The shape as the messages and displays write it.
public func formatShape(_ shape: [Int]) -> String {
  "[" + shape.map(String.init).joined(separator: ", ") + "]"
}
