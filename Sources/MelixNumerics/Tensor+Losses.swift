/// Loss functions built from differentiable primitives (their gradients come from the parts).
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
      throw TensorError.invalidShape(
        op: "cross_entropy", expected: "logits [nSamples, nClasses]", got: logits.shape)
    }
    guard targets.rank == 1, targets.shape[0] == logits.shape[0] else {
      throw TensorError.invalidShape(
        op: "cross_entropy", expected: "targets [\(logits.shape[0])]", got: targets.shape)
    }
    guard targets.dtype == .int64 else {
      throw TensorError.unsupportedDType(op: "cross_entropy", dtype: targets.dtype)
    }
    let classes = logits.shape[1]
    for t in targets.toArray(Int64.self) where t < 0 || t >= Int64(classes) {
      throw TensorError.invalidArgument(
        op: "cross_entropy", message: "class index \(t) is out of range for \(classes) classes")
    }
    let onehot = try targets.detached().reshaped([-1, 1]).isEqual(
      to: Tensor.arange(classes).reshaped([1, classes]))
    let logp = try logits.logSoftmax(axis: -1)
    let picked = try (logp * onehot.cast(to: logp.dtype)).sum()
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
}
