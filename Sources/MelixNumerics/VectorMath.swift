/// Vectorised `exp`, `expm1`, `log` and `tanh` for `Double`, eight lanes at a time.
///
/// glibc's scalar `exp` costs about 10 ns per element on our machines (it is what NumPy
/// calls); these run in SIMD registers and on both cores. Accuracy is within 2 ulp of the
/// correctly rounded result over the whole range (checked against libm in the tests), with
/// IEEE special cases: `exp(±inf) = inf/0`, overflow to `inf` above 709.78, underflow
/// through subnormals to 0 below -745.13, `log(0) = -inf`, `log(x<0) = nan`, NaN in → NaN out.
///
/// Algorithms: `exp` uses Cody–Waite reduction `x = k·ln2 + r`, `|r| ≤ ln2/2`, a degree-13
/// Taylor polynomial for `e^r` and scaling by `2^k` in two steps (so subnormal results are
/// right); `log` is fdlibm's `e_log.c` (Sun Microsystems, 1993) with its `Lg1…Lg7`
/// minimax coefficients; `tanh(x) = t / (t + 2)` with `t = expm1(2|x|)`.
public enum VectorMath {
  typealias V = SIMD8<Double>
  typealias I = SIMD8<Int64>

  static let ln2Hi = 6.93147180369123816490e-01
  static let ln2Lo = 1.90821492927058770002e-10
  static let log2e = 1.4426950408889634074
  // Adding 1.5·2^52 rounds a double of magnitude < 2^51 to an integer held in the low bits.
  static let shifter = 6755399441055744.0

  @inline(__always)
  static func reduce(_ x: V) -> (k: I, kf: V, r: V) {
    let t = x * log2e + shifter
    let kf = t - shifter
    let k = unsafeBitCast(t, to: I.self) &- I(repeating: Int64(bitPattern: shifter.bitPattern))
    let r = (x - kf * ln2Hi) - kf * ln2Lo
    return (k, kf, r)
  }

  @inline(__always)
  static func pow2(_ k: I) -> V { unsafeBitCast((k &+ 1023) &<< 52, to: V.self) }

  /// `e^r - 1` for `|r| ≤ ln2/2`, Taylor to degree 13 (truncation error below 1e-17).
  @inline(__always)
  static func expm1Kernel(_ r: V) -> V {
    var p = V(repeating: 1.0 / 6_227_020_800)
    p = p * r + 1.0 / 479_001_600
    p = p * r + 1.0 / 39_916_800
    p = p * r + 1.0 / 3_628_800
    p = p * r + 1.0 / 362_880
    p = p * r + 1.0 / 40_320
    p = p * r + 1.0 / 5_040
    p = p * r + 1.0 / 720
    p = p * r + 1.0 / 120
    p = p * r + 1.0 / 24
    p = p * r + 1.0 / 6
    p = p * r + 0.5
    p = p * r + 1
    return p * r
  }

  /// `e^x` in each lane.
  @inline(__always)
  static func exp(_ x: V) -> V {
    let isNaN = x .!= x
    let over = x .> 709.782712893384
    let under = x .< -745.1332191019412
    let xc = x.replacing(with: 0, where: isNaN .| over .| under)
    let (k, _, r) = reduce(xc)
    let p = expm1Kernel(r) + 1
    let k1 = k &>> 1
    var y = p * pow2(k1) * pow2(k &- k1)
    y.replace(with: .infinity, where: over)
    y.replace(with: 0, where: under)
    y.replace(with: x, where: isNaN)
    return y
  }

  /// `e^x - 1` in each lane, for `x` in `[-40, 44]` (callers clamp).
  @inline(__always)
  static func expm1(_ x: V) -> V {
    let (k, _, r) = reduce(x)
    let q = expm1Kernel(r)
    let s = pow2(k)
    // 2^k·(q + 1) - 1 written so the only rounding is the final addition.
    return s * q + (s - 1)
  }

  /// `tanh(x)` in each lane.
  @inline(__always)
  static func tanh(_ x: V) -> V {
    let isNaN = x .!= x
    let signBits = unsafeBitCast(x, to: I.self) & I(repeating: Int64.min)
    var a = unsafeBitCast(unsafeBitCast(x, to: I.self) & I(repeating: Int64.max), to: V.self)
    // tanh(22) rounds to 1 in double, so larger |x| (and inf, and NaN for now) use 22.
    a.replace(with: 22, where: .!(a .<= 22))
    let t = expm1(a + a)
    let y = t / (t + 2)
    var out = unsafeBitCast(unsafeBitCast(y, to: I.self) | signBits, to: V.self)
    out.replace(with: x, where: isNaN)
    return out
  }

  /// `log(x)` in each lane (natural logarithm).
  @inline(__always)
  static func log(_ x: V) -> V {
    let isNaN = .!(x .>= 0)  // NaN and negatives
    let isZero = x .== 0
    let isInf = x .== .infinity
    let sub = (x .< 2.2250738585072014e-308) .& (x .> 0)
    var xs = x
    xs.replace(with: x * 18014398509481984.0, where: sub)  // 2^54
    xs.replace(with: 1, where: isNaN .| isZero .| isInf)
    let bits = unsafeBitCast(xs, to: I.self)
    var e = (bits &>> 52) &- 1023
    e.replace(with: e &- 54, where: sub)
    var m = unsafeBitCast((bits & 0x000F_FFFF_FFFF_FFFF) | 0x3FF0_0000_0000_0000, to: V.self)
    let big = m .> 1.4142135623730951
    m.replace(with: m * 0.5, where: big)
    e.replace(with: e &+ 1, where: big)
    let f = m - 1
    let s = f / (f + 2)
    let z = s * s
    let w = z * z
    let t1 = w * (3.999999999940941908e-01 + w * (2.222219843214978396e-01 + w * 1.531383769920937332e-01))
    let t2 = z * (6.666666666666735130e-01 + w * (2.857142874366239149e-01
      + w * (1.818357216161805012e-01 + w * 1.479819860511658591e-01)))
    let rr = t1 + t2
    let hfsq = 0.5 * f * f
    let dk = unsafeBitCast(e &+ I(repeating: Int64(bitPattern: shifter.bitPattern)), to: V.self) - shifter
    var y = dk * ln2Hi - ((hfsq - (s * (hfsq + rr) + dk * ln2Lo)) - f)
    y.replace(with: .nan, where: isNaN)
    y.replace(with: x, where: isNaN .& (x .!= x))
    y.replace(with: -.infinity, where: isZero)
    y.replace(with: .infinity, where: isInf)
    return y
  }

  /// Scalar `log` by the same algorithm (bit-identical on every platform; used by the RNG).
  ///
  /// - Parameter x: Any double.
  /// - Returns: The natural logarithm.
  public static func log(_ x: Double) -> Double { log(V(repeating: x))[0] }
  /// Scalar `exp` by the vector algorithm.
  ///
  /// - Parameter x: Any double.
  /// - Returns: `e^x`.
  public static func exp(_ x: Double) -> Double { exp(V(repeating: x))[0] }
  /// Scalar `tanh` by the vector algorithm.
  ///
  /// - Parameter x: Any double.
  /// - Returns: The hyperbolic tangent.
  public static func tanh(_ x: Double) -> Double { tanh(V(repeating: x))[0] }

  /// Applies a lane function to `n` doubles from `src` into `dst`, split over the cores for
  /// large `n`.
  @inline(__always)
  static func map(
    _ src: UnsafePointer<Double>, _ dst: UnsafeMutablePointer<Double>, _ n: Int, _ f: (V) -> V
  ) {
    withoutActuallyEscaping(f) { f in
      Parallel.forChunks(count: n, threshold: 1 << 14) { range in
        var i = range.lowerBound
        while i + 8 <= range.upperBound {
          let v = UnsafeRawPointer(src + i).loadUnaligned(as: V.self)
          UnsafeMutableRawPointer(dst + i).storeBytes(of: f(v), as: V.self)
          i += 8
        }
        if i < range.upperBound {
          var v = V(repeating: 1)
          for j in 0..<(range.upperBound - i) { v[j] = src[i + j] }
          let y = f(v)
          for j in 0..<(range.upperBound - i) { dst[i + j] = y[j] }
        }
      }
    }
  }

  /// As ``map(_:_:_:_:)`` for `Float` buffers, computing in double and rounding once.
  @inline(__always)
  static func map(
    _ src: UnsafePointer<Float>, _ dst: UnsafeMutablePointer<Float>, _ n: Int, _ f: (V) -> V
  ) {
    withoutActuallyEscaping(f) { f in
      Parallel.forChunks(count: n, threshold: 1 << 14) { range in
        var i = range.lowerBound
        while i < range.upperBound {
          let len = Swift.min(8, range.upperBound - i)
          var v = V(repeating: 1)
          for j in 0..<len { v[j] = Double(src[i + j]) }
          let y = f(v)
          for j in 0..<len { dst[i + j] = Float(y[j]) }
          i += len
        }
      }
    }
  }
}
