/// Counting nonzero elements of a contiguous run with SIMD compares, for `any` and `all`
/// (a plain `p[i] != 0` loop stays scalar: LLVM keeps a branch per element).
///
/// Nonzero means what NumPy's truth test means: `x != 0`, so NaN counts and `-0.0` does not.
protocol NonzeroCounting: TensorScalar {
  /// The number of nonzero elements of `p[lo..<hi]`.
  static func countNonzero(_ p: UnsafePointer<Self>, _ lo: Int, _ hi: Int) -> Int
}

extension NonzeroCounting {
  /// Whether `p[range]` holds a nonzero element (`any`), or a zero one (`all` with
  /// `any == false`), looking at blocks of 1024 and stopping at the first deciding block.
  static func decides(_ p: UnsafePointer<Self>, _ range: Range<Int>, any: Bool) -> Bool {
    var lo = range.lowerBound
    while lo < range.upperBound {
      let hi = Swift.min(lo + 1024, range.upperBound)
      let nonzero = countNonzero(p, lo, hi)
      if any ? nonzero > 0 : nonzero < hi - lo { return true }
      lo = hi
    }
    return false
  }
}

/// Element types counted eight lanes at a time: one generic loop, with the compare on the
/// concrete SIMD type (the standard library's generic SIMD compares run lane by lane).
protocol LaneNonzeroCounting: NonzeroCounting, SIMDScalar {
  /// Adds 1 to the lanes of `counts` where `v` is nonzero.
  static func countNonzeroLanes(_ counts: inout SIMD8<SIMDMaskScalar>, _ v: SIMD8<Self>)
}

extension LaneNonzeroCounting {
  static func countNonzero(_ p: UnsafePointer<Self>, _ lo: Int, _ hi: Int) -> Int {
    var lanes = SIMD8<SIMDMaskScalar>()
    var i = lo
    while i + 8 <= hi {
      countNonzeroLanes(&lanes, UnsafeRawPointer(p + i).loadUnaligned(as: SIMD8<Self>.self))
      i += 8
    }
    var count = 0
    for lane in 0..<8 { count += Int(lanes[lane]) }
    while i < hi {
      if p[i] != zeroValue { count += 1 }
      i += 1
    }
    return count
  }
}

extension Double: LaneNonzeroCounting {
  @inline(__always) static func countNonzeroLanes(_ counts: inout SIMD8<Int64>, _ v: SIMD8<Double>) {
    counts.replace(with: counts &+ 1, where: v .!= 0)
  }
}

extension Float: LaneNonzeroCounting {
  @inline(__always) static func countNonzeroLanes(_ counts: inout SIMD8<Int32>, _ v: SIMD8<Float>) {
    counts.replace(with: counts &+ 1, where: v .!= 0)
  }
}

extension Int64: LaneNonzeroCounting {
  /// `(u | -u) >> 63` is 1 exactly when `u != 0`: `.!=` on `SIMD8<Int64>` has no concrete
  /// overload and ran lane by lane (20x slower; `.>` is fine).
  @inline(__always) static func countNonzeroLanes(_ counts: inout SIMD8<Int64>, _ v: SIMD8<Int64>) {
    let u = SIMD8<UInt64>(truncatingIfNeeded: v)
    counts &+= SIMD8<Int64>(truncatingIfNeeded: (u | (SIMD8<UInt64>() &- u)) &>> 63)
  }
}

extension Bool: NonzeroCounting {
  /// Bools are stored as bytes 0 and 1, so their sum is the count.
  static func countNonzero(_ p: UnsafePointer<Bool>, _ lo: Int, _ hi: Int) -> Int {
    let bytes = UnsafeRawPointer(p)
    var count = 0
    var i = lo
    while i + 32 <= hi {
      // Byte lanes hold at most 255 before they are widened and added to `count`.
      let end = Swift.min(i + 32 * 255, hi)
      var lanes = SIMD32<UInt8>()
      while i + 32 <= end {
        lanes &+= bytes.loadUnaligned(fromByteOffset: i, as: SIMD32<UInt8>.self)
        i += 32
      }
      count += Int(SIMD32<UInt16>(truncatingIfNeeded: lanes).wrappedSum())
    }
    while i < hi {
      if p[i] { count += 1 }
      i += 1
    }
    return count
  }
}
