import MelixNumerics

extension TensorValue {
  /// `"{t:.3f}"`: every element formatted by the spec, in nested brackets on one line
  /// (`[[1.000, 2.000], [3.000, 4.000]]`); tensors of more than 1000 elements show three
  /// items at each edge of each long axis with `...` between, as the display does.
  ///
  /// - Parameter spec: A format spec such as `.3f`, `>8.2e` or `d`.
  /// - Returns: The text.
  /// - Throws: `MelixError` for a malformed spec or one that does not fit the dtype (`d` on
  ///   a float tensor).
  public func formatted(spec: String) throws -> String? {
    let format = try FormatSpec(spec)
    let t = tensor.detached().contiguous()
    let values = TensorConversion.leaves(t)
    let summarise = t.count > 1000
    func render(_ axis: Int, _ start: Int, _ stride: Int) throws -> String {
      if t.rank == 0 { return try format.apply(to: values[0]) }
      let n = t.shape[axis]
      let inner = n == 0 ? 0 : stride / n
      var positions = Array(0..<n)
      var gap: Int? = nil
      if summarise && n > 6 {
        positions = [0, 1, 2, n - 3, n - 2, n - 1]
        gap = 3
      }
      var parts: [String] = []
      for (k, i) in positions.enumerated() {
        if k == gap { parts.append("...") }
        parts.append(axis == t.rank - 1 ? try format.apply(to: values[start + i]) : try render(axis + 1, start + i * inner, inner))
      }
      return "[" + parts.joined(separator: ", ") + "]"
    }
    return try render(0, 0, t.count)
  }
}

extension TensorConversion {
  /// The elements in row-major order as Melix values (Float, Int or Bool by dtype).
  static func leaves(_ t: Tensor) -> [Value] {
    switch t.dtype {
    case .float32, .float64: return t.scalars.map { .float($0) }
    case .int64: return t.toArray(Int64.self).map { .int(Int($0)) }
    case .bool: return t.toArray(Bool.self).map { .bool($0) }
    }
  }
}
