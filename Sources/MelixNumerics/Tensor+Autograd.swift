/// Reverse-mode automatic differentiation on tensors: leaves, `backward`, no-grad mode.
extension Tensor {
  /// Whether operations on this tensor are recorded for ``backward()``.
  public var requiresGrad: Bool { node != nil }

  /// The gradient accumulated by ``backward()`` for a tensor made by ``requiringGrad()``;
  /// `nil` before any backward pass. Same shape as the tensor.
  public var grad: Tensor? { node?.grad }

  /// The same values as a leaf of a new autograd graph: operations on the result are
  /// recorded, and ``backward()`` on a scalar computed from it fills its ``grad``.
  ///
  /// - Returns: A view sharing this tensor's buffer, with a fresh leaf node. Integer and
  ///   bool tensors are first converted to `float64` (only floats have gradients).
  public func requiringGrad() -> Tensor {
    var out = dtype.isFloatingPoint ? self : cast(to: .float64)
    out.node = GradNode(inputs: [], shape: shape, dtype: out.dtype, backward: nil)
    return out
  }

  /// The same values outside any autograd graph (shares the buffer, records nothing).
  public func detached() -> Tensor {
    var out = self
    out.node = nil
    return out
  }

  /// Clears the gradient accumulated on this leaf (call between optimizer steps).
  public func zeroGrad() { node?.grad = nil }

  /// Evaluates `body` with detached copies of `inputs`, so nothing inside is recorded:
  /// the explicit "no grad" mode for inference.
  ///
  /// - Parameters:
  ///   - inputs: Tensors such as model parameters that may require grad.
  ///   - body: Receives the detached tensors, in the same order.
  /// - Returns: What `body` returns.
  /// - Throws: Whatever `body` throws (rethrown).
  public static func noGrad<R>(_ inputs: [Tensor], _ body: ([Tensor]) throws -> R) rethrows -> R {
    try body(inputs.map { $0.detached() })
  }

  /// Computes the gradient of this tensor with respect to every leaf it was computed from,
  /// adding into each leaf's ``grad`` (gradients accumulate across calls, as in PyTorch).
  ///
  /// - Parameter gradient: The gradient of the final objective with respect to this tensor,
  ///   same shape; `nil` means ones, which requires a one-element tensor.
  /// - Throws: `TensorError.gradientError` if the tensor does not require grad, or is not a
  ///   single element and no `gradient` is given; shape errors from a gradient of the wrong
  ///   shape.
  public func backward(gradient: Tensor? = nil) throws {
    guard let root = node else {
      throw TensorError.gradientError(message: "'backward' needs a tensor that requires grad")
    }
    let seed: Tensor
    if let gradient {
      guard gradient.shape == shape else {
        throw TensorError.shapeMismatch(op: "backward", expected: shape, got: gradient.shape)
      }
      seed = gradient.detached().cast(to: dtype)
    } else {
      guard count == 1 else {
        throw TensorError.gradientError(
          message:
            "'backward' without a gradient needs a single-element tensor, "
            + "got shape \(formatShape(shape))"
        )
      }
      seed = Tensor.full(shape, value: 1, dtype: dtype)
    }
    // Topological order by iterative depth-first search (graphs can be deep).
    var order: [GradNode] = []
    var visited = Set<ObjectIdentifier>()
    var stack: [(GradNode, Bool)] = [(root, false)]
    while let (n, expanded) = stack.popLast() {
      if expanded {
        order.append(n)
        continue
      }
      guard visited.insert(ObjectIdentifier(n)).inserted else { continue }
      stack.append((n, true))
      for case let child? in n.inputs where !visited.contains(ObjectIdentifier(child)) {
        stack.append((child, false))
      }
    }
    var pending: [ObjectIdentifier: Tensor] = [ObjectIdentifier(root): seed]
    for n in order.reversed() {
      guard let g = pending.removeValue(forKey: ObjectIdentifier(n)) else { continue }
      guard let backward = n.backward else {
        n.grad = try n.grad.map { try $0 + g } ?? g
        continue
      }
      let grads = try backward(g)
      for (input, grad) in zip(n.inputs, grads) {
        guard let input, var grad else { continue }
        grad = grad.detached()
        if grad.shape != input.shape { grad = try grad.summed(toShape: input.shape) }
        if grad.dtype != input.dtype { grad = grad.cast(to: input.dtype) }
        let key = ObjectIdentifier(input)
        pending[key] = try pending[key].map { try $0 + grad } ?? grad
      }
    }
  }

  /// Sums a broadcast gradient back to `target` shape (over the axes broadcasting added or
  /// stretched).
  ///
  /// - Parameter target: A shape that broadcasts to `shape`.
  /// - Returns: A tensor of shape `target`.
  /// - Throws: `TensorError.broadcastMismatch` if `target` does not broadcast to `shape`.
  public func summed(toShape target: [Int]) throws -> Tensor {
    if shape == target { return self }
    let lead = rank - target.count
    guard lead >= 0 else {
      throw TensorError.broadcastMismatch(op: "sum_to", lhs: shape, rhs: target)
    }
    var axes = Array(0..<lead)
    for (i, size) in target.enumerated() {
      if size == 1 && shape[lead + i] != 1 {
        axes.append(lead + i)
      } else if size != shape[lead + i] {
        throw TensorError.broadcastMismatch(op: "sum_to", lhs: shape, rhs: target)
      }
    }
    let s = try sum(axes: axes, keepDims: true)
    return try s.reshaped(target)
  }
}
