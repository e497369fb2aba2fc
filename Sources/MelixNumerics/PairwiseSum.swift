import Foundation

/// Pairwise (cascade) summation, NumPy's `pairwise_sum` (numpy/_core/src/umath/loops_utils.h):
/// blocks of up to 128 elements summed with eight partial sums, larger runs split in halves.
/// The rounding error grows as O(ε·log n) instead of O(ε·n), so a `float32` sum of 10^7
/// elements keeps about six correct digits.
enum PairwiseSum {
  static let block = 128

  /// Sum of `n` elements `p[0], p[s], p[2s], ...`.
  static func sum<T: BinaryFloatingPoint>(_ p: UnsafePointer<T>, _ n: Int, stride s: Int = 1) -> T {
    if n < 8 {
      var r: T = 0
      for i in 0..<n { r += p[i * s] }
      return r
    }
    if n <= block {
      if s == 1 && T.self == Double.self {
        return unsafeBitCast(
          blockSumDouble(UnsafeRawPointer(p).assumingMemoryBound(to: Double.self), n), to: T.self)
      }
      var r0 = p[0]
      var r1 = p[s]
      var r2 = p[2 * s]
      var r3 = p[3 * s]
      var r4 = p[4 * s]
      var r5 = p[5 * s]
      var r6 = p[6 * s]
      var r7 = p[7 * s]
      var i = 8
      while i + 8 <= n {
        r0 += p[i * s]
        r1 += p[(i + 1) * s]
        r2 += p[(i + 2) * s]
        r3 += p[(i + 3) * s]
        r4 += p[(i + 4) * s]
        r5 += p[(i + 5) * s]
        r6 += p[(i + 6) * s]
        r7 += p[(i + 7) * s]
        i += 8
      }
      var r = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
      while i < n {
        r += p[i * s]
        i += 1
      }
      return r
    }
    var half = n / 2
    half -= half % 8
    return sum(p, half, stride: s) + sum(p + half * s, n - half, stride: s)
  }

  /// The 8-accumulator block of ``sum(_:_:stride:)`` in one SIMD register.
  @inline(__always)
  static func blockSumDouble(_ p: UnsafePointer<Double>, _ n: Int) -> Double {
    var acc = UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Double>.self)
    var i = 8
    while i + 8 <= n {
      acc += UnsafeRawPointer(p + i).loadUnaligned(as: SIMD8<Double>.self)
      i += 8
    }
    var r = ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]))
    while i < n {
      r += p[i]
      i += 1
    }
    return r
  }

  /// The longest run ``wideSum(_:_:)-4m2bw`` sums without splitting it in halves.
  static let wideBlock = 1024

  /// Sum of a contiguous run of doubles, pairwise like ``sum(_:_:stride:)`` but with wider
  /// leaves: runs are halved (at multiples of 32) down to at most ``wideBlock`` elements,
  /// each summed with four 8-lane accumulators (32 partial sums of at most 32 elements,
  /// combined pairwise). The error bound stays O(ε·(32 + log₂ n)); the leaves are long
  /// enough that the recursion costs nothing next to the loads, so the loop runs at memory
  /// speed.
  static func wideSum(_ p: UnsafePointer<Double>, _ n: Int) -> Double {
    if n > wideBlock {
      var half = n / 2
      half -= half % 32
      return wideSum(p, half) + wideSum(p + half, n - half)
    }
    let raw = UnsafeRawPointer(p)
    var a0 = SIMD8<Double>()
    var a1 = SIMD8<Double>()
    var a2 = SIMD8<Double>()
    var a3 = SIMD8<Double>()
    var i = 0
    while i + 32 <= n {
      a0 += raw.loadUnaligned(fromByteOffset: i &* 8, as: SIMD8<Double>.self)
      a1 += raw.loadUnaligned(fromByteOffset: (i &+ 8) &* 8, as: SIMD8<Double>.self)
      a2 += raw.loadUnaligned(fromByteOffset: (i &+ 16) &* 8, as: SIMD8<Double>.self)
      a3 += raw.loadUnaligned(fromByteOffset: (i &+ 24) &* 8, as: SIMD8<Double>.self)
      i &+= 32
    }
    let a = (a0 + a1) + (a2 + a3)
    var r = ((a[0] + a[1]) + (a[2] + a[3])) + ((a[4] + a[5]) + (a[6] + a[7]))
    var tail = 0.0
    while i < n {
      tail += p[i]
      i &+= 1
    }
    r += tail
    return r
  }

  /// ``wideSum(_:_:)-4m2bw`` for floats: four 16-lane accumulators (64 partial sums of at most
  /// 16 elements).
  static func wideSum(_ p: UnsafePointer<Float>, _ n: Int) -> Float {
    if n > wideBlock {
      var half = n / 2
      half -= half % 64
      return wideSum(p, half) + wideSum(p + half, n - half)
    }
    let raw = UnsafeRawPointer(p)
    var a0 = SIMD16<Float>()
    var a1 = SIMD16<Float>()
    var a2 = SIMD16<Float>()
    var a3 = SIMD16<Float>()
    var i = 0
    while i + 64 <= n {
      a0 += raw.loadUnaligned(fromByteOffset: i &* 4, as: SIMD16<Float>.self)
      a1 += raw.loadUnaligned(fromByteOffset: (i &+ 16) &* 4, as: SIMD16<Float>.self)
      a2 += raw.loadUnaligned(fromByteOffset: (i &+ 32) &* 4, as: SIMD16<Float>.self)
      a3 += raw.loadUnaligned(fromByteOffset: (i &+ 48) &* 4, as: SIMD16<Float>.self)
      i &+= 64
    }
    let a = (a0 + a1) + (a2 + a3)
    let h = a.lowHalf + a.highHalf
    let q = h.lowHalf + h.highHalf
    var r = (q[0] + q[1]) + (q[2] + q[3])
    var tail: Float = 0
    while i < n {
      tail += p[i]
      i &+= 1
    }
    r += tail
    return r
  }

  /// Sum of a contiguous run: ``wideSum(_:_:)-4m2bw`` for floats and doubles, else
  /// ``sum(_:_:stride:)``.
  static func contiguousSum<T: BinaryFloatingPoint>(_ p: UnsafePointer<T>, _ n: Int) -> T {
    if TEMPV == 0 { return sum(p, n) }
    if T.self == Double.self {
      let r = wideSum(UnsafeRawPointer(p).assumingMemoryBound(to: Double.self), n)
      return unsafeBitCast(r, to: T.self)
    }
    if T.self == Float.self {
      let r = wideSum(UnsafeRawPointer(p).assumingMemoryBound(to: Float.self), n)
      return unsafeBitCast(r, to: T.self)
    }
    return sum(p, n)
  }
  static let TEMPV = Int(ProcessInfo.processInfo.environment["MELIX_SUMV"] ?? "") ?? 1
  static let TEMPC = Int(ProcessInfo.processInfo.environment["MELIX_SUMC"] ?? "") ?? 8

  /// Sum of a contiguous run, split over the cores when long: eight chunks (several per
  /// core, so a core taken by another process does not hold up the rest), each summed
  /// pairwise, then the partial sums added pairwise, which keeps the O(ε·log n) error bound.
  /// The chunking does not depend on the core count, so results are bit-identical on
  /// every machine.
  static func parallelSum<T: BinaryFloatingPoint>(_ p: UnsafePointer<T>, _ n: Int) -> T {
    if n < 1 << 17 || TEMPC == 1 { return contiguousSum(p, n) }
    let chunks = TEMPC
    var per = (n + chunks - 1) / chunks
    per = (per + 63) & ~63
    var parts = [T](repeating: 0, count: chunks)
    parts.withUnsafeMutableBufferPointer { out in
      let o = out
      Parallel.tasks(chunks) { c in
        let lo = Swift.min(c * per, n)
        let hi = Swift.min(lo + per, n)
        o[c] = contiguousSum(p + lo, hi - lo)
      }
    }
    return parts.withUnsafeBufferPointer { sum(UnsafePointer($0.baseAddress ?? p), chunks) }
  }
}
