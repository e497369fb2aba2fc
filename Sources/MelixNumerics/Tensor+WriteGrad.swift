/// Autograd for writes into a tensor (`t[1:3] = v`, `t[mask] = v`), as PyTorch records an
/// in-place copy into a slice (`CopySlices`).
extension Tensor {
  /// Records a write of `value` into some positions of this tensor in the autograd graph.
  ///
  /// After the write, the gradient of this tensor flows to its previous graph with the
  /// written positions zeroed (their old values no longer matter), and to `value` from the
  /// written positions (summed where `value` was broadcast). A leaf (a tensor made with
  /// `requires_grad`) keeps its node: the write changes its values, as an optimizer step
  /// does, and records nothing (PyTorch forbids such writes instead). Integer and bool
  /// tensors record nothing.
  ///
  /// - Parameters:
  ///   - previous: This tensor's node before the write.
  ///   - value: The tensor written, before broadcasting.
  ///   - keep: Maps this tensor's gradient to the gradient of its previous values (the
  ///     written positions zeroed); only called on detached gradients.
  ///   - pick: Maps this tensor's gradient to the gradient of `value`, shape `value.shape`
  ///     or broadcastable to it.
  mutating func recordWrite(
    previous: GradNode?, value: Tensor, keep: @escaping (Tensor) throws -> Tensor,
    pick: @escaping (Tensor) throws -> Tensor
  ) {
    let valueNode = value.dtype.isFloatingPoint ? value.node : nil
    guard previous != nil || valueNode != nil, dtype.isFloatingPoint else { return }
    if let previous, previous.backward == nil {
      node = previous
      return
    }
    node = GradNode(
      inputs: [previous, valueNode], shape: shape, dtype: dtype,
      backward: { g in
        [previous == nil ? nil : try keep(g), valueNode == nil ? nil : try pick(g)]
      })
  }

  /// A writable copy of a gradient (gradients may be broadcast views with zero strides).
  static func writableGradient(_ g: Tensor) -> Tensor {
    let out = Tensor(uninitializedShape: g.shape, dtype: g.dtype)
    copyElements(from: g.detached(), into: out)
    return out
  }

  /// Drops leading axes of size 1 from `value` while it has more axes than `target`, as
  /// NumPy's item assignment does (`t[0] = row.reshape(1, -1)` writes a `[1, n]` into `[n]`).
  static func strippingLeadingUnitAxes(_ value: Tensor, toRank target: Int) throws -> Tensor {
    var v = value
    while v.rank > target, v.shape[0] == 1 { v = try v.reshaped(Array(v.shape.dropFirst())) }
    return v
  }
}
