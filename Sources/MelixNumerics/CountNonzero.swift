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

extension Double: NonzeroCounting {
  static func countNonzero(_ p: UnsafePointer<Double>, _ lo: Int, _ hi: Int) -> Int {
    var lanes = SIMD8<Int64>()
    var i = lo
    while i + 8 <= hi {
      let v = UnsafeRawPointer(p + i).loadUnaligned(as: SIMD8<Double>.self)
      lanes.replace(with: lanes &+ 1, where: v .!= 0)
      i += 8
    }
    var count = Int(lanes.wrappedSum())
    while i < hi {
      if p[i] != 0 { count += 1 }
      i += 1
    }
    return count
  }
}

extension Float: NonzeroCounting {
  static func countNonzero(_ p: UnsafePointer<Float>, _ lo: Int, _ hi: Int) -> Int {
    var lanes = SIMD8<Int32>()
    var i = lo
    while i + 8 <= hi {
      let v = UnsafeRawPointer(p + i).loadUnaligned(as: SIMD8<Float>.self)
      lanes.replace(with: lanes &+ 1, where: v .!= 0)
      i += 8
    }
    var count = Int(lanes.wrappedSum())
    while i < hi {
      if p[i] != 0 { count += 1 }
      i += 1
    }
    return count
  }
}

extension Int64: NonzeroCounting {
  static func countNonzero(_ p: UnsafePointer<Int64>, _ lo: Int, _ hi: Int) -> Int {
    var lanes = SIMD8<Int64>()
    var i = lo
    while i + 8 <= hi {
      let v = UnsafeRawPointer(p + i).loadUnaligned(as: SIMD8<Int64>.self)
      lanes.replace(with: lanes &+ 1, where: v .!= 0)
      i += 8
    }
    var count = Int(lanes.wrappedSum())
    while i < hi {
      if p[i] != 0 { count += 1 }
      i += 1
    }
    return count
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
