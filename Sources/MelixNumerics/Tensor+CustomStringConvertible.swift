extension Tensor: CustomStringConvertible, CustomDebugStringConvertible {
  /// The tensor as Melix shows it: NumPy's layout with `tensor(` in place of `array(`,
  /// followed by the shape and dtype, e.g.
  /// `tensor([[1., 2.],\n        [3., 4.]], shape=[2, 2], dtype=float64)`. Tensors of more
  /// than 1000 elements show three items at each edge of every axis with `...` between.
  public var description: String {
    ArrayPrinter.repr(self, prefix: "tensor(", info: "shape=\(formatShape(shape)), dtype=\(dtype)")
  }

  /// Exactly NumPy's `repr` of the same array (`array([1., 2.])`,
  /// `array([1., 2.], dtype=float32)`), used to test the layout against NumPy.
  public var numpyRepr: String { ArrayPrinter.repr(self, prefix: "array(", info: nil) }

  /// Same as ``description``.
  public var debugDescription: String { description }
}
