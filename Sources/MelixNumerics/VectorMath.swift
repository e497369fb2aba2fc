/// Vectorised `exp`, `expm1`, `log` and `tanh` for `Double`, eight lanes at a time.
///
/// glibc's scalar `exp` costs about 5–10 ns per element on our machines; these run in SIMD
/// registers (AVX2 with FMA when built for x86-64, see Package.swift) and on both cores, with
/// IEEE special cases: `exp(±inf) = inf/0`, overflow to `inf` above 709.78, underflow
/// through subnormals to 0 below -745.13, `log(0) = -inf`, `log(x<0) = nan`, NaN in → NaN
/// out.
///
/// Algorithms: `exp` uses Cody–Waite reduction `x = k·ln2 + r`, `|r| ≤ ln2/2`, a degree-13
/// Taylor polynomial for `e^r` (Estrin's scheme, fused multiply-adds) and scaling by `2^k`
/// (in two steps near overflow and for subnormal results); `log` is fdlibm's `e_log.c` (Sun
/// Microsystems, 1993) with its `Lg1…Lg7` minimax coefficients; `tanh` follows fdlibm's
/// `s_tanh.c`: `-t / (t + 2)` with `t = expm1(-2|x|)` below 1, `1 - 2 / (expm1(2|x|) + 2)`
/// above. Accuracy (tested against glibc): exp and log within 2 ulp, tanh within 3 ulp.
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

  /// `e^r - 1` for `|r| ≤ ln2/2`: the Taylor polynomial to degree 13 (truncation error
  /// below 1e-17), evaluated by Estrin's scheme with fused multiply-adds so the lanes' work
  /// runs in parallel instead of one 13-step chain.
  @inline(__always)
  static func expm1Kernel(_ r: V) -> V {
    let r2 = r * r
    let r4 = r2 * r2
    let r8 = r4 * r4
    let a0 = V(repeating: 1).addingProduct(r, V(repeating: 1.0 / 2))
    let a1 = V(repeating: 1.0 / 6).addingProduct(r, V(repeating: 1.0 / 24))
    let a2 = V(repeating: 1.0 / 120).addingProduct(r, V(repeating: 1.0 / 720))
    let a3 = V(repeating: 1.0 / 5_040).addingProduct(r, V(repeating: 1.0 / 40_320))
    let a4 = V(repeating: 1.0 / 362_880).addingProduct(r, V(repeating: 1.0 / 3_628_800))
    let a5 = V(repeating: 1.0 / 39_916_800).addingProduct(r, V(repeating: 1.0 / 479_001_600))
    let a6 = V(repeating: 1.0 / 6_227_020_800)
    let b0 = a0.addingProduct(a1, r2)
    let b1 = a2.addingProduct(a3, r2)
    let b2 = a4.addingProduct(a5, r2)
    let c0 = b0.addingProduct(b1, r4)
    let c1 = b2.addingProduct(a6, r4)
    return c0.addingProduct(c1, r8) * r
  }

  /// `e^x` in each lane.
  @inline(__always)
  static func exp(_ x: V) -> V {
    // NaN compares false both ways, so it counts as special.
    let special = .!((x .<= 709.782712893384) .& (x .>= -745.1332191019412))
    let hasSpecial = anyLane(special)
    let xc = hasSpecial ? x.replacing(with: 0, where: special) : x
    let (k, kf, r) = reduce(xc)
    let p = expm1Kernel(r) + 1
    var y: V
    if anyLane((kf .< -1022) .| (kf .> 1023)) {
      // Near overflow or in the subnormal range 2^k is not a normal double: scale in two
      // steps (kept off the common path: AVX2 has no 64-bit arithmetic shift).
      let k1 = toInt((kf * 0.5).rounded(.down))
      y = p * pow2(k1) * pow2(k &- k1)
    } else {
      y = p * pow2(k)
    }
    if hasSpecial {
      y.replace(with: .infinity, where: x .> 709.782712893384)
      y.replace(with: 0, where: x .< -745.1332191019412)
      y.replace(with: x, where: x .!= x)
    }
    return y
  }

  /// Whether any lane of a mask is set. The standard library's `any` reduces with a
  /// non-inlined generic `min()` (measured at 6% of `exp`); halving with ORs stays in
  /// registers.
  @inline(__always)
  static func anyLane(_ mask: SIMDMask<I>) -> Bool {
    let bits = unsafeBitCast(mask, to: SIMD8<UInt64>.self)
    let four = bits.lowHalf | bits.highHalf
    let two = four.lowHalf | four.highHalf
    return (two[0] | two[1]) != 0
  }

  /// Integral doubles of magnitude < 2^51 to `Int64` lanes, by the shifter trick.
  @inline(__always)
  static func toInt(_ v: V) -> I {
    unsafeBitCast(v + shifter, to: I.self) &- I(repeating: Int64(bitPattern: shifter.bitPattern))
  }

  /// `e^x - 1` in each lane, for `x` in `[-44, 44]` (callers clamp).
  @inline(__always)
  static func expm1(_ x: V) -> V {
    let (k, _, r) = reduce(x)
    let q = expm1Kernel(r)
    let s = pow2(k)
    // 2^k·(q + 1) - 1 = fma(2^k, q, 2^k - 1): 2^k - 1 is exact for these k, so the
    // only rounding is the fused one.
    return (s - 1).addingProduct(s, q)
  }

  /// `tanh(x)` in each lane.
  @inline(__always)
  static func tanh(_ x: V) -> V {
    let isNaN = x .!= x
    let signBits = unsafeBitCast(x, to: I.self) & I(repeating: Int64.min)
    var a = unsafeBitCast(unsafeBitCast(x, to: I.self) & I(repeating: Int64.max), to: V.self)
    // tanh(22) rounds to 1 in double, so larger |x| (and inf, and NaN for now) use 22.
    a.replace(with: 22, where: .!(a .<= 22))
    // fdlibm's s_tanh.c split: below 1, t = expm1(-2|x|) and tanh = -t / (t + 2) avoids
    // the cancellation in 1 - 2 / (e^2x + 1).
    let small = a .< 1
    let t = expm1((a + a).replacing(with: -(a + a), where: small))
    var y = 1 - 2 / (t + 2)
    y.replace(with: -t / (t + 2), where: small)
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
    // x ≥ 0 here, so a logical shift (AVX2 has it for 64-bit lanes) extracts the exponent.
    var e = unsafeBitCast(unsafeBitCast(bits, to: SIMD8<UInt64>.self) &>> 52, to: I.self) &- 1023
    e.replace(with: e &- 54, where: sub)
    var m = unsafeBitCast((bits & 0x000F_FFFF_FFFF_FFFF) | 0x3FF0_0000_0000_0000, to: V.self)
    let big = m .> 1.4142135623730951
    m.replace(with: m * 0.5, where: big)
    e.replace(with: e &+ 1, where: big)
    let f = m - 1
    let s = f / (f + 2)
    let z = s * s
    let w = z * z
    let t1 =
      w * (3.999999999940941908e-01 + w * (2.222219843214978396e-01 + w * 1.531383769920937332e-01))
    let t2 =
      z
      * (6.666666666666735130e-01 + w
        * (2.857142874366239149e-01
          + w * (1.818357216161805012e-01 + w * 1.479819860511658591e-01)))
    let rr = t1 + t2
    let hfsq = 0.5 * f * f
    let dk =
      unsafeBitCast(e &+ I(repeating: Int64(bitPattern: shifter.bitPattern)), to: V.self) - shifter
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
  static func map<F: LaneFunction>(
    _ src: UnsafePointer<Double>, _ dst: UnsafeMutablePointer<Double>, _ n: Int, _ f: F.Type
  ) {
    Parallel.forChunks(count: n, threshold: 1 << 14) { range in
      var i = range.lowerBound
      while i + 8 <= range.upperBound {
        let v = UnsafeRawPointer(src + i).loadUnaligned(as: V.self)
        UnsafeMutableRawPointer(dst + i).storeBytes(of: F.apply(v), as: V.self)
        i += 8
      }
      if i < range.upperBound {
        var v = V(repeating: 1)
        for j in 0..<(range.upperBound - i) { v[j] = src[i + j] }
        let y = F.apply(v)
        for j in 0..<(range.upperBound - i) { dst[i + j] = y[j] }
      }
    }
  }

  /// As ``map(_:_:_:_:)`` for `Float` buffers, computing in double and rounding once.
  static func map<F: LaneFunction>(
    _ src: UnsafePointer<Float>, _ dst: UnsafeMutablePointer<Float>, _ n: Int, _ f: F.Type
  ) {
    Parallel.forChunks(count: n, threshold: 1 << 14) { range in
      var i = range.lowerBound
      while i < range.upperBound {
        let len = Swift.min(8, range.upperBound - i)
        var v = V(repeating: 1)
        for j in 0..<len { v[j] = Double(src[i + j]) }
        let y = F.apply(v)
        for j in 0..<len { dst[i + j] = Float(y[j]) }
        i += len
      }
    }
  }
}

/// A function on eight double lanes, as a type so ``VectorMath`` loops inline it.
protocol LaneFunction {
  static func apply(_ x: SIMD8<Double>) -> SIMD8<Double>
}

enum ExpLanes: LaneFunction {
  @inline(__always) static func apply(_ x: SIMD8<Double>) -> SIMD8<Double> { VectorMath.exp(x) }
}
enum LogLanes: LaneFunction {
  @inline(__always) static func apply(_ x: SIMD8<Double>) -> SIMD8<Double> { VectorMath.log(x) }
}
enum TanhLanes: LaneFunction {
  @inline(__always) static func apply(_ x: SIMD8<Double>) -> SIMD8<Double> { VectorMath.tanh(x) }
}
enum SqrtLanes: LaneFunction {
  @inline(__always) static func apply(_ x: SIMD8<Double>) -> SIMD8<Double> { x.squareRoot() }
}
/// The logistic function `1 / (1 + e^-x)`, via `e^-|x|` so neither sign overflows.
enum SigmoidLanes: LaneFunction {
  @inline(__always) static func apply(_ x: SIMD8<Double>) -> SIMD8<Double> {
    let negative = x .< 0
    let negAbs = -(x.replacing(with: -x, where: negative))
    let e = VectorMath.exp(negAbs)
    let pos = 1 / (1 + e)
    return pos.replacing(with: e / (1 + e), where: negative)
  }
}
