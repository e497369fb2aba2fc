/// Arithmetic, comparison and logical operators with NumPy broadcasting, recording gradients
/// for the differentiable ones.
extension Tensor {
  /// A scalar tensor holding `value` in a dtype that does not widen `self`: the tensor's
  /// dtype if it is a float, else `float64` (NumPy 2's "weak" Python-scalar promotion).
  func scalarLike(_ value: Double) -> Tensor {
    dtype == .float32 ? Tensor(scalar: Float(value)) : Tensor(scalar: value)
  }

  /// Element-wise sum. Shapes broadcast; gradients are summed over broadcast axes.
  ///
  /// - Throws: `TensorError.broadcastMismatch`, e.g. `cannot broadcast [3, 4] with [5] in '+'`.
  public static func + (lhs: Tensor, rhs: Tensor) throws -> Tensor {
    let out = try elementwise(.add, lhs, rhs)
    return GradNode.record(out, inputs: [lhs, rhs]) { g in [g, g] }
  }

  /// Element-wise difference, broadcasting.
  ///
  /// - Throws: `TensorError.broadcastMismatch`.
  public static func - (lhs: Tensor, rhs: Tensor) throws -> Tensor {
    let out = try elementwise(.subtract, lhs, rhs)
    return GradNode.record(out, inputs: [lhs, rhs]) { g in [g, g.negated()] }
  }

  /// Element-wise product, broadcasting.
  ///
  /// - Throws: `TensorError.broadcastMismatch`.
  public static func * (lhs: Tensor, rhs: Tensor) throws -> Tensor {
    let out = try elementwise(.multiply, lhs, rhs)
    let a = lhs.detached()
    let b = rhs.detached()
    return GradNode.record(out, inputs: [lhs, rhs]) { g in
      [lhs.requiresGrad ? try g * b : nil, rhs.requiresGrad ? try g * a : nil]
    }
  }

  /// Element-wise true division, broadcasting; integers give `float64`.
  ///
  /// - Throws: `TensorError.broadcastMismatch`.
  public static func / (lhs: Tensor, rhs: Tensor) throws -> Tensor {
    let out = try elementwise(.divide, lhs, rhs)
    let a = lhs.detached()
    let b = rhs.detached()
    return GradNode.record(out, inputs: [lhs, rhs]) { g in
      [
        lhs.requiresGrad ? try g / b : nil,
        rhs.requiresGrad ? try (g * a / (b * b)).negated() : nil,
      ]
    }
  }

  /// Element-wise floor division (`//`), rounding toward negative infinity like Python.
  /// Integer division by zero gives 0, as in NumPy. Not differentiable.
  ///
  /// - Throws: `TensorError.broadcastMismatch`.
  public func floorDivided(by rhs: Tensor) throws -> Tensor {
    try Tensor.elementwise(.floorDivide, self, rhs)
  }

  /// Element-wise remainder with the sign of the divisor (Python's `%`).
  ///
  /// - Throws: `TensorError.broadcastMismatch`.
  public static func % (lhs: Tensor, rhs: Tensor) throws -> Tensor {
    try elementwise(.remainder, lhs, rhs)
  }

  /// Element-wise power `lhs ** rhs`, broadcasting.
  ///
  /// Gradients: `d/da = b·a^(b-1)`, `d/db = a^b·log(a)`.
  /// - Throws: `TensorError.broadcastMismatch`; `.invalidArgument` for an integer to a
  ///   negative integer power.
  public func pow(_ exponent: Tensor) throws -> Tensor {
    let out = try Tensor.elementwise(.power, self, exponent)
    let a = detached()
    let b = exponent.detached()
    let y = out.detached()
    return GradNode.record(out, inputs: [self, exponent]) { g in
      let one = b.scalarLike(1)
      return [
        self.requiresGrad ? try g * b * (try Tensor.elementwise(.power, a, try b - one)) : nil,
        exponent.requiresGrad ? try g * y * a.log() : nil,
      ]
    }
  }

  /// `self ** exponent` for a scalar exponent (keeps `float32` as `float32`).
  ///
  /// - Parameter exponent: The power.
  /// - Returns: A tensor of the same shape.
  public func pow(_ exponent: Double) -> Tensor {
    // A scalar exponent broadcasts with any shape, so this cannot throw.
    (try? pow(scalarLike(exponent))) ?? self
  }

  /// Element-wise maximum of two tensors (NaN wins), broadcasting. The gradient goes to the
  /// larger input (to `lhs` on ties).
  ///
  /// - Throws: `TensorError.broadcastMismatch`.
  public static func maximum(_ lhs: Tensor, _ rhs: Tensor) throws -> Tensor {
    let out = try elementwise(.maximum, lhs, rhs)
    let mask = try elementwise(.greaterEqual, lhs, rhs)
    return GradNode.record(out, inputs: [lhs, rhs]) { g in
      [try Tensor.where(mask, g, g.zerosLike()), try Tensor.where(mask, g.zerosLike(), g)]
    }
  }

  /// Element-wise minimum of two tensors (NaN wins), broadcasting.
  ///
  /// - Throws: `TensorError.broadcastMismatch`.
  public static func minimum(_ lhs: Tensor, _ rhs: Tensor) throws -> Tensor {
    let out = try elementwise(.minimum, lhs, rhs)
    let mask = try elementwise(.lessEqual, lhs, rhs)
    return GradNode.record(out, inputs: [lhs, rhs]) { g in
      [try Tensor.where(mask, g, g.zerosLike()), try Tensor.where(mask, g.zerosLike(), g)]
    }
  }

  /// The negated tensor (`-x`); booleans become int64.
  public func negated() -> Tensor {
    let out: Tensor
    switch dtype {
    case .float32: out = mapUnary(self) { (x: Float) in -x }
    case .float64: out = mapUnary(self) { (x: Double) in -x }
    case .int64: out = mapUnary(self) { (x: Int64) in 0 &- x }
    case .bool: out = mapUnary(self) { (x: Bool) -> Int64 in x ? -1 : 0 }
    }
    return GradNode.record(out, inputs: [self]) { g in [g.negated()] }
  }

  /// `-x`.
  public static prefix func - (x: Tensor) -> Tensor { x.negated() }

  // MARK: - With Swift scalars

  /// Adds a scalar to every element.
  public static func + (lhs: Tensor, rhs: Double) -> Tensor { lhs.withScalar(rhs) { try $0 + $1 } }
  /// Subtracts a scalar from every element.
  public static func - (lhs: Tensor, rhs: Double) -> Tensor { lhs.withScalar(rhs) { try $0 - $1 } }
  /// Multiplies every element by a scalar.
  public static func * (lhs: Tensor, rhs: Double) -> Tensor { lhs.withScalar(rhs) { try $0 * $1 } }
  /// Divides every element by a scalar.
  public static func / (lhs: Tensor, rhs: Double) -> Tensor { lhs.withScalar(rhs) { try $0 / $1 } }
  /// Adds a tensor to a scalar.
  public static func + (lhs: Double, rhs: Tensor) -> Tensor { rhs.withScalar(lhs) { try $1 + $0 } }
  /// Subtracts every element from a scalar.
  public static func - (lhs: Double, rhs: Tensor) -> Tensor { rhs.withScalar(lhs) { try $1 - $0 } }
  /// Multiplies a scalar by every element.
  public static func * (lhs: Double, rhs: Tensor) -> Tensor { rhs.withScalar(lhs) { try $1 * $0 } }
  /// Divides a scalar by every element.
  public static func / (lhs: Double, rhs: Tensor) -> Tensor { rhs.withScalar(lhs) { try $1 / $0 } }

  private func withScalar(_ value: Double, _ op: (Tensor, Tensor) throws -> Tensor) -> Tensor {
    // A scalar tensor broadcasts against every shape, so `op` cannot fail here.
    do { return try op(self, scalarLike(value)) } catch { fatalError("unreachable: \(error)") }
  }

  // MARK: - Comparison and logic (never differentiable)

  /// Element-wise `==`, broadcasting; gives bool.
  ///
  /// - Throws: `TensorError.broadcastMismatch`.
  public func isEqual(to rhs: Tensor) throws -> Tensor { try Tensor.elementwise(.equal, self, rhs) }
  /// Element-wise `!=`; gives bool.
  ///
  /// - Throws: `TensorError.broadcastMismatch`.
  public func isNotEqual(to rhs: Tensor) throws -> Tensor {
    try Tensor.elementwise(.notEqual, self, rhs)
  }
  /// Element-wise `<`; gives bool.
  ///
  /// - Throws: `TensorError.broadcastMismatch`.
  public static func < (lhs: Tensor, rhs: Tensor) throws -> Tensor {
    try elementwise(.less, lhs, rhs)
  }
  /// Element-wise `<=`; gives bool.
  ///
  /// - Throws: `TensorError.broadcastMismatch`.
  public static func <= (lhs: Tensor, rhs: Tensor) throws -> Tensor {
    try elementwise(.lessEqual, lhs, rhs)
  }
  /// Element-wise `>`; gives bool.
  ///
  /// - Throws: `TensorError.broadcastMismatch`.
  public static func > (lhs: Tensor, rhs: Tensor) throws -> Tensor {
    try elementwise(.greater, lhs, rhs)
  }
  /// Element-wise `>=`; gives bool.
  ///
  /// - Throws: `TensorError.broadcastMismatch`.
  public static func >= (lhs: Tensor, rhs: Tensor) throws -> Tensor {
    try elementwise(.greaterEqual, lhs, rhs)
  }
  /// Element-wise `>` against a scalar.
  public static func > (lhs: Tensor, rhs: Double) -> Tensor { lhs.withScalar(rhs) { try $0 > $1 } }
  /// Element-wise `<` against a scalar.
  public static func < (lhs: Tensor, rhs: Double) -> Tensor { lhs.withScalar(rhs) { try $0 < $1 } }
  /// Element-wise `>=` against a scalar.
  public static func >= (lhs: Tensor, rhs: Double) -> Tensor {
    lhs.withScalar(rhs) { try $0 >= $1 }
  }
  /// Element-wise `<=` against a scalar.
  public static func <= (lhs: Tensor, rhs: Double) -> Tensor {
    lhs.withScalar(rhs) { try $0 <= $1 }
  }

  /// Element-wise logical and (operands are "nonzero"); gives bool.
  ///
  /// - Throws: `TensorError.broadcastMismatch`.
  public func logicalAnd(_ rhs: Tensor) throws -> Tensor {
    try Tensor.elementwise(.logicalAnd, self, rhs)
  }
  /// Element-wise logical or; gives bool.
  ///
  /// - Throws: `TensorError.broadcastMismatch`.
  public func logicalOr(_ rhs: Tensor) throws -> Tensor {
    try Tensor.elementwise(.logicalOr, self, rhs)
  }
  /// Element-wise logical exclusive or; gives bool.
  ///
  /// - Throws: `TensorError.broadcastMismatch`.
  public func logicalXor(_ rhs: Tensor) throws -> Tensor {
    try Tensor.elementwise(.logicalXor, self, rhs)
  }
  /// Element-wise logical not; gives bool.
  public func logicalNot() -> Tensor { mapUnary(cast(to: .bool)) { (x: Bool) in !x } }

  /// Picks from `a` where `condition` is true and from `b` elsewhere, broadcasting all three
  /// (NumPy's `where`). The result dtype is the promotion of `a` and `b`; gradients flow to
  /// the chosen side.
  ///
  /// - Parameters:
  ///   - condition: Any dtype, read as "nonzero".
  ///   - a: Values where true.
  ///   - b: Values where false.
  /// - Throws: `TensorError.broadcastMismatch`.
  public static func `where`(_ condition: Tensor, _ a: Tensor, _ b: Tensor) throws -> Tensor {
    let s1 = try ShapeMath.broadcast(condition.shape, a.shape, op: "where")
    let shape = try ShapeMath.broadcast(s1, b.shape, op: "where")
    let dtype = DType.promoted(a.dtype, b.dtype)
    let c = condition.cast(to: .bool).broadcastView(to: shape)
    let x = a.cast(to: dtype).detached().broadcastView(to: shape)
    let y = b.cast(to: dtype).detached().broadcastView(to: shape)
    // where(c, x, y) == x·c + y·(1-c) without the NaN leak: select through two copies.
    var out = y.contiguous()
    try out.assign(x, where: c)
    let mask = c
    return GradNode.record(out, inputs: [a, b]) { g in
      let zero = g.zerosLike()
      return [try Tensor.where(mask, g, zero), try Tensor.where(mask, zero, g)]
    }
  }

  /// Whether two tensors have the same shape and element-wise
  /// `|a - b| <= atol + rtol·|b|` (NaN equals NaN), like NumPy's `allclose(equal_nan=True)`
  /// without broadcasting.
  ///
  /// - Parameters:
  ///   - other: The reference values.
  ///   - rtol: Relative tolerance.
  ///   - atol: Absolute tolerance.
  public func isClose(to other: Tensor, rtol: Double = 1e-5, atol: Double = 1e-8) -> Bool {
    guard shape == other.shape else { return false }
    for (a, b) in zip(scalars, other.scalars) {
      if a.isNaN || b.isNaN {
        if !(a.isNaN && b.isNaN) { return false }
      } else if a.isInfinite || b.isInfinite {
        if a != b { return false }
      } else if Swift.abs(a - b) > atol + rtol * Swift.abs(b) {
        return false
      }
    }
    return true
  }
}
