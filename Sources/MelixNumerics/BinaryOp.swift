import Foundation

/// The element-wise binary operations, with the symbol used in error messages.
public enum BinaryOp: String, Sendable {
  /// Addition, `a + b`.
  case add = "+"
  /// Subtraction, `a - b`.
  case subtract = "-"
  /// Multiplication, `a * b`.
  case multiply = "*"
  /// True division, `a / b`.
  case divide = "/"
  /// Floor division, `a // b`: the quotient rounded toward -inf (as Python).
  case floorDivide = "//"
  /// Remainder, `a % b`, with the sign of the divisor (as Python).
  case remainder = "%"
  /// Power, `a ** b`.
  case power = "**"
  /// The element-wise maximum; NaN if either element is NaN; logical or of two bools.
  case maximum = "maximum"
  /// The element-wise minimum; NaN if either element is NaN; logical and of two bools.
  case minimum = "minimum"
  /// Comparison `==`; the result is bool.
  case equal = "=="
  /// Comparison `!=`; the result is bool.
  case notEqual = "!="
  /// Comparison `<`; the result is bool.
  case less = "<"
  /// Comparison `<=`; the result is bool.
  case lessEqual = "<="
  /// Comparison `>`; the result is bool.
  case greater = ">"
  /// Comparison `>=`; the result is bool.
  case greaterEqual = ">="
  /// Logical and of "nonzero" values; the result is bool.
  case logicalAnd = "logical_and"
  /// Logical or of "nonzero" values; the result is bool.
  case logicalOr = "logical_or"
  /// Logical exclusive or of "nonzero" values; the result is bool.
  case logicalXor = "logical_xor"

  var isComparison: Bool {
    switch self {
    case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual: return true
    default: return false
    }
  }
  var isLogical: Bool { self == .logicalAnd || self == .logicalOr || self == .logicalXor }
}

extension Tensor {
  /// Strides of this tensor when broadcast to `target` (0 on stretched or added axes).
  func broadcastStrides(to target: [Int]) -> [Int] {
    let lead = target.count - rank
    var out = [Int](repeating: 0, count: target.count)
    for axis in 0..<rank where shape[axis] != 1 { out[lead + axis] = strides[axis] }
    return out
  }

  /// Applies a binary operation element-wise with NumPy broadcasting and dtype promotion,
  /// without recording gradients (the operators add that).
  ///
  /// - Parameters:
  ///   - op: The operation.
  ///   - lhs: Left operand, any shape.
  ///   - rhs: Right operand, any shape broadcastable with `lhs`.
  /// - Returns: A tensor of the broadcast shape. Arithmetic promotes bool to int64;
  ///   `/` gives a float; comparisons and logical ops give bool.
  /// - Throws: `TensorError.broadcastMismatch` naming both shapes and the op;
  ///   `.invalidArgument` for an integer raised to a negative integer power, or for a
  ///   broadcast shape larger than both operands' with more than 2^30 elements;
  ///   `.outOfMemory` when the result cannot be allocated.
  public static func elementwise(_ op: BinaryOp, _ lhs: Tensor, _ rhs: Tensor) throws -> Tensor {
    let shape = try ShapeMath.broadcast(lhs.shape, rhs.shape, op: op.rawValue)
    var compute: DType
    if op.isLogical {
      compute = .bool
    } else if (op == .maximum || op == .minimum) && lhs.dtype == .bool && rhs.dtype == .bool {
      // NumPy keeps bool: maximum is or, minimum is and.
      compute = .bool
    } else if op.isComparison {
      compute = DType.promoted(lhs.dtype, rhs.dtype)
    } else {
      compute = DType.arithmetic(lhs.dtype, rhs.dtype)
      if op == .divide { compute = compute.floatingResult }
    }
    let a = lhs.cast(to: compute).detached()
    let b = rhs.cast(to: compute).detached()
    switch compute {
    case .float64: return try floatBinary(op, a, b, shape, Double.self)
    case .float32: return try floatBinary(op, a, b, shape, Float.self)
    case .int64: return try intBinary(op, a, b, shape)
    case .bool: return try boolBinary(op, a, b, shape)
    }
  }

  private static func floatBinary<T: TensorScalar & BinaryFloatingPoint>(
    _ op: BinaryOp, _ a: Tensor, _ b: Tensor, _ shape: [Int], _ t: T.Type
  ) throws -> Tensor where T: ElementaryMath {
    switch op {
    case .add: return try mapBinary(a, b, shape, op: op.rawValue, kernel: AddKernel<T>())
    case .subtract: return try mapBinary(a, b, shape, op: op.rawValue, kernel: SubtractKernel<T>())
    case .multiply: return try mapBinary(a, b, shape, op: op.rawValue, kernel: MultiplyKernel<T>())
    case .divide: return try mapBinary(a, b, shape, op: op.rawValue, kernel: DivideKernel<T>())
    case .floorDivide:
      // Through the exact remainder, as NumPy: floor(1.0 / 0.1) is 10, 1.0 // 0.1 is 9.
      return try mapBinary(a, b, shape, op: op.rawValue) { (x: T, y: T) in FloatDivmod.floorDivide(x, y) }
    case .remainder:
      // Python's '%': the result has the sign of the divisor (a zero too).
      return try mapBinary(a, b, shape, op: op.rawValue) { (x: T, y: T) in FloatDivmod.remainder(x, y) }
    case .power: return try mapBinary(a, b, shape, op: op.rawValue) { (x: T, y: T) in T.pow(x, y) }
    case .maximum:
      return try mapBinary(a, b, shape, op: op.rawValue) { (x: T, y: T) in
        x.isNaN || y.isNaN ? T.nan : Swift.max(x, y)
      }
    case .minimum:
      return try mapBinary(a, b, shape, op: op.rawValue) { (x: T, y: T) in
        x.isNaN || y.isNaN ? T.nan : Swift.min(x, y)
      }
    case .equal: return try mapBinary(a, b, shape, op: op.rawValue) { (x: T, y: T) in x == y }
    case .notEqual: return try mapBinary(a, b, shape, op: op.rawValue) { (x: T, y: T) in x != y }
    case .less: return try mapBinary(a, b, shape, op: op.rawValue) { (x: T, y: T) in x < y }
    case .lessEqual: return try mapBinary(a, b, shape, op: op.rawValue) { (x: T, y: T) in x <= y }
    case .greater: return try mapBinary(a, b, shape, op: op.rawValue) { (x: T, y: T) in x > y }
    case .greaterEqual:
      return try mapBinary(a, b, shape, op: op.rawValue) { (x: T, y: T) in x >= y }
    case .logicalAnd, .logicalOr, .logicalXor: unreachableOp(op)
    }
  }

  private static func intBinary(_ op: BinaryOp, _ a: Tensor, _ b: Tensor, _ shape: [Int]) throws
    -> Tensor
  {
    switch op {
    // Integer arithmetic wraps on overflow, as NumPy's int64 does.
    case .add: return try mapBinary(a, b, shape, op: op.rawValue) { (x: Int64, y: Int64) in x &+ y }
    case .subtract:
      return try mapBinary(a, b, shape, op: op.rawValue) { (x: Int64, y: Int64) in x &- y }
    case .multiply:
      return try mapBinary(a, b, shape, op: op.rawValue) { (x: Int64, y: Int64) in x &* y }
    case .floorDivide:
      // NumPy gives 0 for division by zero (with a warning); we never trap.
      return try mapBinary(a, b, shape, op: op.rawValue) { (x: Int64, y: Int64) -> Int64 in
        if y == 0 { return 0 }
        let (q, overflow) = x.dividedReportingOverflow(by: y)
        if overflow { return q }
        return (x % y != 0 && ((x < 0) != (y < 0))) ? q - 1 : q
      }
    case .remainder:
      return try mapBinary(a, b, shape, op: op.rawValue) { (x: Int64, y: Int64) -> Int64 in
        if y == 0 || y == -1 { return 0 }
        let r = x % y
        return (r != 0 && ((r < 0) != (y < 0))) ? r + y : r
      }
    case .power:
      if b.toArray(Int64.self).contains(where: { $0 < 0 }) {
        throw TensorError.invalidArgument(
          op: "**", message: "integers to negative integer powers are not allowed")
      }
      return try mapBinary(a, b, shape, op: op.rawValue) { (x: Int64, y: Int64) -> Int64 in
        var result: Int64 = 1
        var base = x
        var e = y
        while e > 0 {
          if e & 1 == 1 { result = result &* base }
          base = base &* base
          e >>= 1
        }
        return result
      }
    case .maximum:
      return try mapBinary(a, b, shape, op: op.rawValue) { (x: Int64, y: Int64) in Swift.max(x, y) }
    case .minimum:
      return try mapBinary(a, b, shape, op: op.rawValue) { (x: Int64, y: Int64) in Swift.min(x, y) }
    case .equal:
      return try mapBinary(a, b, shape, op: op.rawValue) { (x: Int64, y: Int64) in x == y }
    case .notEqual:
      return try mapBinary(a, b, shape, op: op.rawValue) { (x: Int64, y: Int64) in x != y }
    case .less: return try mapBinary(a, b, shape, op: op.rawValue) { (x: Int64, y: Int64) in x < y }
    case .lessEqual:
      return try mapBinary(a, b, shape, op: op.rawValue) { (x: Int64, y: Int64) in x <= y }
    case .greater:
      return try mapBinary(a, b, shape, op: op.rawValue) { (x: Int64, y: Int64) in x > y }
    case .greaterEqual:
      return try mapBinary(a, b, shape, op: op.rawValue) { (x: Int64, y: Int64) in x >= y }
    case .divide, .logicalAnd, .logicalOr, .logicalXor: unreachableOp(op)
    }
  }

  private static func boolBinary(_ op: BinaryOp, _ a: Tensor, _ b: Tensor, _ shape: [Int]) throws
    -> Tensor
  {
    switch op {
    case .maximum:
      return try mapBinary(a, b, shape, op: op.rawValue) { (x: Bool, y: Bool) in x || y }
    case .minimum:
      return try mapBinary(a, b, shape, op: op.rawValue) { (x: Bool, y: Bool) in x && y }
    case .logicalAnd:
      return try mapBinary(a, b, shape, op: op.rawValue) { (x: Bool, y: Bool) in x && y }
    case .logicalOr:
      return try mapBinary(a, b, shape, op: op.rawValue) { (x: Bool, y: Bool) in x || y }
    case .logicalXor, .notEqual:
      return try mapBinary(a, b, shape, op: op.rawValue) { (x: Bool, y: Bool) in x != y }
    case .equal: return try mapBinary(a, b, shape, op: op.rawValue) { (x: Bool, y: Bool) in x == y }
    case .less: return try mapBinary(a, b, shape, op: op.rawValue) { (x: Bool, y: Bool) in !x && y }
    case .lessEqual:
      return try mapBinary(a, b, shape, op: op.rawValue) { (x: Bool, y: Bool) in !x || y }
    case .greater:
      return try mapBinary(a, b, shape, op: op.rawValue) { (x: Bool, y: Bool) in x && !y }
    case .greaterEqual:
      return try mapBinary(a, b, shape, op: op.rawValue) { (x: Bool, y: Bool) in x || !y }
    default: unreachableOp(op)
    }
  }
}

/// Marks a dtype/op pair that `elementwise` never produces (a bug in Melix, not user input).
func unreachableOp(_ op: BinaryOp) -> Never {
  fatalError("unreachable: binary op '\(op.rawValue)' dispatched to the wrong dtype")
}

/// `pow` and friends for the two float types, so generic kernels can call them.
public protocol ElementaryMath {
  /// `x` raised to `y` (C `pow`).
  static func pow(_ x: Self, _ y: Self) -> Self
}

extension Double: ElementaryMath {
  /// Calls C `pow`.
  public static func pow(_ x: Double, _ y: Double) -> Double { Foundation.pow(x, y) }
}

extension Float: ElementaryMath {
  /// Calls C `powf`.
  public static func pow(_ x: Float, _ y: Float) -> Float { Foundation.powf(x, y) }
}
