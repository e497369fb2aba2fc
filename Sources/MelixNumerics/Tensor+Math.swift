import Foundation

/// Element-wise functions (`exp log sqrt tanh sigmoid relu ...`) with their gradients.
/// Integer and bool inputs give `float64` for the float-valued functions, as in NumPy.
extension Tensor {
  /// The tensor as floats (`float32` stays, anything else becomes `float64`).
  func asFloat() -> Tensor { cast(to: dtype.floatingResult) }

  /// Applies a float function given as a lane function for `Double` (vectorised) or as a
  /// scalar function for both float types.
  func floatMap<F: LaneFunction>(
    vector: F.Type?, double: @escaping (Double) -> Double, float: @escaping (Float) -> Float
  ) -> Tensor {
    let x = asFloat().detached()
    if let vector, x.isContiguous {
      let out = Tensor(uninitializedShape: x.shape, dtype: x.dtype)
      if x.dtype == .float64 {
        VectorMath.map(x.base(Double.self), out.base(Double.self), x.count, vector)
      } else {
        VectorMath.map(x.base(Float.self), out.base(Float.self), x.count, vector)
      }
      return out
    }
    return x.dtype == .float64 ? mapUnary(x, double) : mapUnary(x, float)
  }

  /// `e^x` element-wise (vectorised, within 2 ulp; see ``VectorMath``).
  public func exp() -> Tensor {
    let out = floatMap(
      vector: ExpLanes.self, double: { VectorMath.exp($0) },
      float: { Float(VectorMath.exp(Double($0))) })
    let y = out.detached()
    return GradNode.record(out, inputs: [self]) { g in [try g * y] }
  }

  /// Natural logarithm element-wise; `log(0) = -inf`, negative → NaN.
  public func log() -> Tensor {
    let out = floatMap(
      vector: LogLanes.self, double: { VectorMath.log($0) },
      float: { Float(VectorMath.log(Double($0))) })
    let x = asFloat().detached()
    return GradNode.record(out, inputs: [self]) { g in [try g / x] }
  }

  /// `log(1 + x)` element-wise, accurate for small `x` (C `log1p`).
  public func log1p() -> Tensor {
    let out = floatMap(
      vector: nil as ExpLanes.Type?, double: { Foundation.log1p($0) },
      float: { Foundation.log1pf($0) })
    let x = asFloat().detached()
    return GradNode.record(out, inputs: [self]) { g in [try g / (x + 1)] }
  }

  /// Square root element-wise; negative → NaN.
  public func sqrt() -> Tensor {
    let out = floatMap(
      vector: SqrtLanes.self, double: { $0.squareRoot() }, float: { $0.squareRoot() })
    let y = out.detached()
    return GradNode.record(out, inputs: [self]) { g in [try g / (y * 2)] }
  }

  /// Hyperbolic tangent element-wise (vectorised).
  public func tanh() -> Tensor {
    let out = floatMap(
      vector: TanhLanes.self, double: { VectorMath.tanh($0) },
      float: { Float(VectorMath.tanh(Double($0))) })
    let y = out.detached()
    return GradNode.record(out, inputs: [self]) { g in [try g * (1 - (try y * y))] }
  }

  /// The logistic function `1 / (1 + e^-x)`, computed without overflow for either sign.
  public func sigmoid() -> Tensor {
    let out = floatMap(
      vector: SigmoidLanes.self, double: { SigmoidLanes.apply(SIMD8(repeating: $0))[0] },
      float: { Float(SigmoidLanes.apply(SIMD8(repeating: Double($0)))[0]) })
    let y = out.detached()
    return GradNode.record(out, inputs: [self]) { g in [try g * (try y * (1 - y))] }
  }

  /// `max(x, 0)` element-wise (keeps the dtype). Gradient 1 where `x > 0`, else 0.
  public func relu() -> Tensor {
    let out: Tensor
    switch dtype {
    case .float64: out = mapUnary(self) { (x: Double) in x > 0 ? x : (x.isNaN ? x : 0) }
    case .float32: out = mapUnary(self) { (x: Float) in x > 0 ? x : (x.isNaN ? x : 0) }
    case .int64: out = mapUnary(self) { (x: Int64) in Swift.max(x, 0) }
    case .bool: out = self
    }
    let mask = (detached() > 0)
    return GradNode.record(out, inputs: [self]) { g in [try g * mask.cast(to: g.dtype)] }
  }

  /// `log(1 + e^x)`, computed stably as `max(x, 0) + log1p(e^-|x|)`.
  public func softplus() -> Tensor {
    let out = floatMap(
      vector: nil as ExpLanes.Type?,
      double: { Swift.max($0, 0) + Foundation.log1p(VectorMath.exp(-Swift.abs($0))) },
      float: {
        Float(Swift.max(Double($0), 0) + Foundation.log1p(VectorMath.exp(-Swift.abs(Double($0)))))
      })
    let s = detached().sigmoid()
    return GradNode.record(out, inputs: [self]) { g in [try g * s] }
  }

  /// Absolute value element-wise (keeps the dtype; bool stays bool).
  public func abs() -> Tensor {
    let out: Tensor
    switch dtype {
    case .float64: out = mapUnary(self) { (x: Double) in Swift.abs(x) }
    case .float32: out = mapUnary(self) { (x: Float) in Swift.abs(x) }
    case .int64: out = mapUnary(self) { (x: Int64) in x == .min ? x : Swift.abs(x) }
    case .bool: out = self
    }
    let sg = detached().sign()
    return GradNode.record(out, inputs: [self]) { g in [try g * sg.cast(to: g.dtype)] }
  }

  /// `-1`, `0` or `1` by sign (NaN stays NaN), keeping the dtype.
  public func sign() -> Tensor {
    switch dtype {
    case .float64:
      return mapUnary(detached()) { (x: Double) -> Double in
        x > 0 ? 1 : (x < 0 ? -1 : (x.isNaN ? x : 0))
      }
    case .float32:
      return mapUnary(detached()) { (x: Float) -> Float in
        x > 0 ? 1 : (x < 0 ? -1 : (x.isNaN ? x : 0))
      }
    case .int64: return mapUnary(detached()) { (x: Int64) -> Int64 in x > 0 ? 1 : (x < 0 ? -1 : 0) }
    case .bool: return detached()
    }
  }

  /// Rounds down element-wise (integers unchanged). Not differentiable.
  public func floor() -> Tensor {
    switch dtype {
    case .float64: return mapUnary(detached()) { (x: Double) in x.rounded(.down) }
    case .float32: return mapUnary(detached()) { (x: Float) in x.rounded(.down) }
    case .int64, .bool: return detached()
    }
  }

  /// Rounds to the nearest integer, halves to even (NumPy's `round`). Not differentiable.
  public func rounded() -> Tensor {
    switch dtype {
    case .float64: return mapUnary(detached()) { (x: Double) in x.rounded(.toNearestOrEven) }
    case .float32: return mapUnary(detached()) { (x: Float) in x.rounded(.toNearestOrEven) }
    case .int64, .bool: return detached()
    }
  }

  /// Whether each element is NaN (bool tensor).
  public func isNaN() -> Tensor {
    switch dtype {
    case .float64: return mapUnary(self) { (x: Double) in x.isNaN }
    case .float32: return mapUnary(self) { (x: Float) in x.isNaN }
    case .int64, .bool: return Tensor.zeros(shape, dtype: .bool)
    }
  }

  /// Whether each element is finite (bool tensor).
  public func isFinite() -> Tensor {
    switch dtype {
    case .float64: return mapUnary(self) { (x: Double) in x.isFinite }
    case .float32: return mapUnary(self) { (x: Float) in x.isFinite }
    case .int64, .bool: return Tensor.ones(shape, dtype: .bool)
    }
  }

  /// Limits every element to `lower...upper` (either bound may be `nil`). The gradient
  /// passes where the value was inside the bounds.
  ///
  /// - Parameters:
  ///   - lower: Smallest allowed value.
  ///   - upper: Largest allowed value.
  public func clipped(lower: Double?, upper: Double?) -> Tensor {
    var out = detached()
    if let lower { out = (try? Tensor.elementwise(.maximum, out, scalarLike(lower))) ?? out }
    if let upper { out = (try? Tensor.elementwise(.minimum, out, scalarLike(upper))) ?? out }
    if dtype == .bool { out = out.cast(to: .bool) }
    var inside = Tensor.ones(shape, dtype: .bool)
    if let lower { inside = (try? inside.logicalAnd(detached() >= lower)) ?? inside }
    if let upper { inside = (try? inside.logicalAnd(detached() <= upper)) ?? inside }
    let mask = inside
    return GradNode.record(out, inputs: [self]) { g in [try g * mask.cast(to: g.dtype)] }
  }
}
