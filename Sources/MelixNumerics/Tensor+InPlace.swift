/// In-place updates for optimizers (not recorded by autograd).
extension Tensor {
  /// In-place `self += alpha · x` (BLAS's `axpy`), for optimizer updates. Not recorded by
  /// autograd; a tensor that requires grad keeps its node.
  ///
  /// - Parameters:
  ///   - x: Broadcastable to `shape`; converted to this dtype.
  ///   - alpha: The scale.
  /// - Throws: `TensorError.broadcastMismatch`.
  public mutating func addScaled(_ x: Tensor, by alpha: Double) throws {
    let s = try ShapeMath.broadcast(shape, x.shape, op: "axpy")
    guard s == shape else {
      throw TensorError.broadcastMismatch(op: "axpy", lhs: shape, rhs: x.shape)
    }
    if x.shape == shape && x.dtype == dtype && dtype.isFloatingPoint && isContiguous
      && x.isContiguous
    {
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
}
