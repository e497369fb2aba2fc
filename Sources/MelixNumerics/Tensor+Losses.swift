/// Loss functions built from differentiable primitives, and in-place helpers for optimizers.
extension Tensor {
  /// Mean cross-entropy of class scores against integer class labels, from logits (stable:
  /// through ``logSoftmax(axis:)``), `-(1/n) Σᵢ log softmax(logitsᵢ)[targetᵢ]`.
  ///
  /// - Parameters:
  ///   - logits: Unnormalised scores `[nSamples, nClasses]`.
  ///   - targets: Class indices `[nSamples]`, int64 in `0..<nClasses`.
  /// - Returns: A scalar tensor (shape `[]`); its gradient w.r.t. logits is
  ///   `(softmax - onehot) / n`.
  /// - Throws: `TensorError.invalidShape` for other shapes; `.invalidArgument` for a label
  ///   out of range or non-integer targets.
  public static func crossEntropy(logits: Tensor, targets: Tensor) throws -> Tensor {
    guard logits.rank == 2 else {
      throw TensorError.invalidShape(op: "cross_entropy", expected: "logits [nSamples, nClasses]", got: logits.shape)
    }
    guard targets.rank == 1, targets.shape[0] == logits.shape[0] else {
      throw TensorError.invalidShape(op: "cross_entropy", expected: "targets [\(logits.shape[0])]", got: targets.shape)
    }
    guard targets.dtype == .int64 else { throw TensorError.unsupportedDType(op: "cross_entropy", dtype: targets.dtype) }
    let classes = logits.shape[1]
    for t in targets.toArray(Int64.self) where t < 0 || t >= Int64(classes) {
      throw TensorError.invalidArgument(op: "cross_entropy", message: "class index \(t) is out of range for \(classes) classes")
    }
    let onehot = try targets.detached().reshaped([-1, 1]).isEqual(to: Tensor.arange(classes).reshaped([1, classes]))
    let logp = try logits.logSoftmax(axis: -1)
    let picked = try (try logp * onehot.cast(to: logp.dtype)).sum()
    return picked.negated() / Double(Swift.max(logits.shape[0], 1))
  }

  /// Mean squared error `mean((prediction - target)²)`.
  ///
  /// - Parameters:
  ///   - prediction: Any shape.
  ///   - target: The same shape.
  /// - Returns: A scalar tensor (shape `[]`).
  /// - Throws: `TensorError.shapeMismatch` if the shapes differ.
  public static func mse(_ prediction: Tensor, _ target: Tensor) throws -> Tensor {
    guard prediction.shape == target.shape else {
      throw TensorError.shapeMismatch(op: "mse", expected: prediction.shape, got: target.shape)
    }
    let d = try prediction - target
    return try (try d * d).mean()
  }

  /// In-place `self += alpha · x` (BLAS's `axpy`), for optimizer updates. Not recorded by
  /// autograd; a tensor that requires grad keeps its node.
  ///
  /// - Parameters:
  ///   - x: Broadcastable to `shape`; converted to this dtype.
  ///   - alpha: The scale.
  /// - Throws: `TensorError.broadcastMismatch`.
  public mutating func addScaled(_ x: Tensor, by alpha: Double) throws {
    let s = try ShapeMath.broadcast(shape, x.shape, op: "axpy")
    guard s == shape else { throw TensorError.broadcastMismatch(op: "axpy", lhs: shape, rhs: x.shape) }
    if x.shape == shape && x.dtype == dtype && dtype.isFloatingPoint && isContiguous && x.isContiguous {
      // The optimizer's hot path: one fused loop over the buffer, no temporaries.
      makeUnique()
      if dtype == .float64 {
        let p = base(Double.self)
        let q = x.base(Double.self)
        for i in 0..<count { p[i] += alpha * q[i] }
      } else {
        let p = base(Float.self)
        let q = x.base(Float.self)
        let a = Float(alpha)
        for i in 0..<count { p[i] += a * q[i] }
      }
      return
    }
    let updated = try detached() + x.detached() * alpha
    try assign(updated, at: [])
  }

  /// In-place `self *= alpha`. Not recorded by autograd.
  ///
  /// - Parameter alpha: The scale.
  public mutating func scale(by alpha: Double) {
    let updated = detached() * alpha
    // Same shape, so the assignment cannot fail.
    try? assign(updated, at: [])
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
