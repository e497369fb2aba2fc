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

  /// Sum of a contiguous run, split over the cores when long (``Parallel/reduceParts(count:_:combine:)``:
  /// eight fixed parts, each summed pairwise, then the partial sums added pairwise), which
  /// keeps the O(ε·log n) error bound. The parts do not depend on the core count, so results
  /// are bit-identical on every machine.
  static func parallelSum<T: BinaryFloatingPoint>(_ p: UnsafePointer<T>, _ n: Int) -> T {
    Parallel.reduceParts(count: n) { r in sum(p + r.lowerBound, r.count) } combine: { parts in
      parts.withUnsafeBufferPointer { sum(UnsafePointer($0.baseAddress ?? p), $0.count) }
    }
  }
}
