/// SIMD kernels for `max`/`min` and `argmax`/`argmin` of one contiguous run, split over the
/// cores when the run is long (``Parallel/reduceParts(count:_:combine:)``).
///
/// Semantics are NumPy's (`np.maximum.reduce`, `np.argmax`): NaN propagates (the value of the
/// first NaN is returned; `argmax` gives the first NaN's position), and ties give the first
/// position. Each SIMD lane keeps its own running best and, for the arg- variants, its
/// position; strict comparisons keep the earliest position within a lane and the lanes are
/// merged by value, then by position, so the result equals a left-to-right scalar scan.
enum Extremum {
  /// Longest block whose positions fit the SIMD index lanes (`Int32` for `Float`).
  static let indexBlock = 1 << 24

  typealias Lanes<T: SIMDScalar> = SIMD8<T>

  // MARK: - Value

  /// The largest (`larger`) or smallest element of `p[0..<n]`, or the first NaN.
  ///
  /// - Parameters:
  ///   - p: The elements.
  ///   - n: Their count, at least 1.
  ///   - larger: `true` for the maximum.
  static func value<T: ExtremumScalar>(
    _ p: UnsafePointer<T>, _ n: Int, larger: Bool
  ) -> T {
    Parallel.reduceParts(count: n) { r in
      serialValue(p + r.lowerBound, r.count, larger: larger)
    } combine: { parts in
      parts.withUnsafeBufferPointer { serialValue($0.baseAddress ?? p, $0.count, larger: larger) }
    }
  }

  /// ``value(_:_:larger:)`` on the calling thread.
  static func serialValue<T: ExtremumScalar>(
    _ p: UnsafePointer<T>, _ n: Int, larger: Bool
  ) -> T {
    if n < 16 { return scalarValue(p, 0, n, larger: larger) }
    let raw = UnsafeRawPointer(p)
    var best = raw.loadUnaligned(as: Lanes<T>.self)
    var nan = T.nanLanes(best)
    var i = 8
    if larger {
      while i + 8 <= n {
        let v = raw.loadUnaligned(fromByteOffset: i * MemoryLayout<T>.stride, as: Lanes<T>.self)
        T.keepBetter(&best, &nan, v, larger: true)
        i += 8
      }
    } else {
      while i + 8 <= n {
        let v = raw.loadUnaligned(fromByteOffset: i * MemoryLayout<T>.stride, as: Lanes<T>.self)
        T.keepBetter(&best, &nan, v, larger: false)
        i += 8
      }
    }
    if T.anyLane(nan) { return scalarValue(p, 0, n, larger: larger) }
    var r = best[0]
    for lane in 1..<8 where larger ? best[lane] > r : best[lane] < r { r = best[lane] }
    let tail = i < n ? scalarValue(p, i, n, larger: larger) : r
    if tail != tail { return tail }
    return larger ? Swift.max(r, tail) : Swift.min(r, tail)
  }

  /// Left-to-right scan of `p[lo..<hi]` (not empty), returning at the first NaN.
  private static func scalarValue<T: Comparable>(
    _ p: UnsafePointer<T>, _ lo: Int, _ hi: Int, larger: Bool
  ) -> T {
    var best = p[lo]
    if best != best { return best }
    for i in (lo + 1)..<Swift.max(hi, lo + 1) {
      let v = p[i]
      if v != v { return v }
      if larger ? v > best : v < best { best = v }
    }
    return best
  }

  /// Folds `row` into `best` element-wise: `best[j]` becomes `row[j]` where that is larger
  /// (`larger`) or smaller, or NaN; a NaN in `best` stays.
  ///
  /// - Parameters:
  ///   - best: The running extremes, `[columns]`.
  ///   - row: The next row, `[columns]`.
  ///   - columns: Their length.
  ///   - larger: `true` for the maximum.
  static func fold<T: ExtremumScalar>(
    _ best: UnsafeMutablePointer<T>, _ row: UnsafePointer<T>, _ columns: Int, larger: Bool
  ) {
    let stride = MemoryLayout<T>.stride
    var j = 0
    while j + 8 <= columns {
      var b = UnsafeRawPointer(best).loadUnaligned(fromByteOffset: j * stride, as: Lanes<T>.self)
      let v = UnsafeRawPointer(row).loadUnaligned(fromByteOffset: j * stride, as: Lanes<T>.self)
      T.keepBetterOrNaN(&b, v, larger: larger)
      UnsafeMutableRawPointer(best).storeBytes(of: b, toByteOffset: j * stride, as: Lanes<T>.self)
      j += 8
    }
    while j < columns {
      let v = row[j]
      let b = best[j]
      if b == b && (v != v || (larger ? v > b : v < b)) { best[j] = v }
      j += 1
    }
  }

  // MARK: - Position

  /// Position of the first largest (`larger`) or smallest element of `p[0..<n]`, or of the
  /// first NaN.
  ///
  /// - Parameters:
  ///   - p: The elements.
  ///   - n: Their count, at least 1.
  ///   - larger: `true` for `argmax`.
  static func index<T: ExtremumScalar>(
    _ p: UnsafePointer<T>, _ n: Int, larger: Bool
  ) -> Int {
    Parallel.reduceParts(count: n) { r in
      r.lowerBound + serialIndex(p + r.lowerBound, r.count, larger: larger)
    } combine: { merge(p, $0, larger: larger) }
  }

  /// ``index(_:_:larger:)`` on the calling thread, in blocks whose positions fit the lanes.
  static func serialIndex<T: ExtremumScalar>(
    _ p: UnsafePointer<T>, _ n: Int, larger: Bool
  ) -> Int {
    if n <= indexBlock { return blockIndex(p, n, larger: larger) }
    var candidates: [Int] = []
    var lo = 0
    while lo < n {
      let len = Swift.min(indexBlock, n - lo)
      let i = lo + blockIndex(p + lo, len, larger: larger)
      if p[i] != p[i] { return i }
      candidates.append(i)
      lo += len
    }
    return merge(p, candidates, larger: larger)
  }

  /// The first best of `candidates` (positions in increasing order), or the first NaN.
  private static func merge<T: Comparable>(
    _ p: UnsafePointer<T>, _ candidates: [Int], larger: Bool
  ) -> Int {
    var best = candidates[0]
    for i in candidates {
      let v = p[i]
      if v != v { return i }
      if larger ? v > p[best] : v < p[best] { best = i }
    }
    return best
  }

  /// Position within one block of at most ``indexBlock`` elements.
  private static func blockIndex<T: ExtremumScalar>(
    _ p: UnsafePointer<T>, _ n: Int, larger: Bool
  ) -> Int {
    typealias Index = SIMD8<T.SIMDMaskScalar>
    if n < 16 { return scalarIndex(p, 0, n, larger: larger) }
    let raw = UnsafeRawPointer(p)
    var best = raw.loadUnaligned(as: Lanes<T>.self)
    var nan = T.nanLanes(best)
    var position = Index(0, 1, 2, 3, 4, 5, 6, 7)
    var bestPosition = position
    var i = 8
    if larger {
      while i + 8 <= n {
        let v = raw.loadUnaligned(fromByteOffset: i * MemoryLayout<T>.stride, as: Lanes<T>.self)
        position &+= 8
        T.keepBetter(&best, &bestPosition, &nan, v, position, larger: true)
        i += 8
      }
    } else {
      while i + 8 <= n {
        let v = raw.loadUnaligned(fromByteOffset: i * MemoryLayout<T>.stride, as: Lanes<T>.self)
        position &+= 8
        T.keepBetter(&best, &bestPosition, &nan, v, position, larger: false)
        i += 8
      }
    }
    if T.anyLane(nan) { return scalarIndex(p, 0, n, larger: larger) }
    var r = Int(bestPosition[0])
    for lane in 1..<8 {
      let v = best[lane]
      let at = Int(bestPosition[lane])
      if larger ? v > p[r] : v < p[r] {
        r = at
      } else if v == p[r] && at < r {
        r = at
      }
    }
    if i < n {
      let t = scalarIndex(p, i, n, larger: larger)
      if p[t] != p[t] || (larger ? p[t] > p[r] : p[t] < p[r]) { r = t }
    }
    return r
  }

  /// Left-to-right scan of `p[lo..<hi]` (not empty) for the first best or first NaN.
  private static func scalarIndex<T: Comparable>(
    _ p: UnsafePointer<T>, _ lo: Int, _ hi: Int, larger: Bool
  ) -> Int {
    var best = lo
    var value = p[lo]
    if value != value { return lo }
    // Selects rather than branches: on random data the "new best" branch mispredicts.
    for i in (lo + 1)..<Swift.max(hi, lo + 1) {
      let v = p[i]
      if v != v { return i }
      let better = larger ? v > value : v < value
      best = better ? i : best
      value = better ? v : value
    }
    return best
  }
}

/// The lane operations of ``Extremum``'s kernels, implemented on each concrete SIMD type: the
/// standard library's generic `SIMD` comparisons and `replace(with:where:)` run lane by lane
/// through memory even when specialized (measured 25x slower than the concrete overloads).
protocol ExtremumScalar: SIMDScalar & Comparable {
  /// The lanes of a comparison of ``Extremum/Lanes``.
  typealias Mask = SIMDMask<SIMD8<SIMDMaskScalar>>
  /// Lanes of `v` that are NaN (none for integers).
  static func nanLanes(_ v: SIMD8<Self>) -> Mask
  /// Whether any lane of `mask` is set.
  static func anyLane(_ mask: Mask) -> Bool
  /// Replaces the lanes of `best` that `v` beats (strictly larger when `larger`, else strictly
  /// smaller) and adds `v`'s NaN lanes to `nan`.
  static func keepBetter(_ best: inout SIMD8<Self>, _ nan: inout Mask, _ v: SIMD8<Self>, larger: Bool)
  /// Replaces the lanes of `best` that `v` beats or where `v` is NaN; NaN lanes of `best` stay.
  static func keepBetterOrNaN(_ best: inout SIMD8<Self>, _ v: SIMD8<Self>, larger: Bool)
  /// ``keepBetter(_:_:_:larger:)`` that also moves the beaten lanes' positions to `at`.
  static func keepBetter(
    _ best: inout SIMD8<Self>, _ position: inout SIMD8<SIMDMaskScalar>, _ nan: inout Mask,
    _ v: SIMD8<Self>, _ at: SIMD8<SIMDMaskScalar>, larger: Bool)
}

extension Double: ExtremumScalar {
  @inline(__always) static func keepBetterOrNaN(
    _ best: inout SIMD8<Double>, _ v: SIMD8<Double>, larger: Bool
  ) {
    best.replace(with: v, where: (larger ? v .> best : v .< best) .| (v .!= v))
  }
  @inline(__always) static func nanLanes(_ v: SIMD8<Double>) -> Mask { v .!= v }
  @inline(__always) static func anyLane(_ mask: Mask) -> Bool { any(mask) }
  @inline(__always) static func keepBetter(
    _ best: inout SIMD8<Double>, _ nan: inout Mask, _ v: SIMD8<Double>, larger: Bool
  ) {
    best.replace(with: v, where: larger ? v .> best : v .< best)
    nan .|= v .!= v
  }
  @inline(__always) static func keepBetter(
    _ best: inout SIMD8<Double>, _ position: inout SIMD8<Int64>, _ nan: inout Mask,
    _ v: SIMD8<Double>, _ at: SIMD8<Int64>, larger: Bool
  ) {
    let better = larger ? v .> best : v .< best
    best.replace(with: v, where: better)
    position.replace(with: at, where: better)
    nan .|= v .!= v
  }
}

extension Float: ExtremumScalar {
  @inline(__always) static func keepBetterOrNaN(
    _ best: inout SIMD8<Float>, _ v: SIMD8<Float>, larger: Bool
  ) {
    best.replace(with: v, where: (larger ? v .> best : v .< best) .| (v .!= v))
  }
  @inline(__always) static func nanLanes(_ v: SIMD8<Float>) -> Mask { v .!= v }
  @inline(__always) static func anyLane(_ mask: Mask) -> Bool { any(mask) }
  @inline(__always) static func keepBetter(
    _ best: inout SIMD8<Float>, _ nan: inout Mask, _ v: SIMD8<Float>, larger: Bool
  ) {
    best.replace(with: v, where: larger ? v .> best : v .< best)
    nan .|= v .!= v
  }
  @inline(__always) static func keepBetter(
    _ best: inout SIMD8<Float>, _ position: inout SIMD8<Int32>, _ nan: inout Mask,
    _ v: SIMD8<Float>, _ at: SIMD8<Int32>, larger: Bool
  ) {
    let better = larger ? v .> best : v .< best
    best.replace(with: v, where: better)
    position.replace(with: at, where: better)
    nan .|= v .!= v
  }
}

extension Int64: ExtremumScalar {
  @inline(__always) static func keepBetterOrNaN(
    _ best: inout SIMD8<Int64>, _ v: SIMD8<Int64>, larger: Bool
  ) {
    best.replace(with: v, where: larger ? v .> best : v .< best)
  }
  @inline(__always) static func nanLanes(_ v: SIMD8<Int64>) -> Mask { Mask(repeating: false) }
  @inline(__always) static func anyLane(_ mask: Mask) -> Bool { any(mask) }
  @inline(__always) static func keepBetter(
    _ best: inout SIMD8<Int64>, _ nan: inout Mask, _ v: SIMD8<Int64>, larger: Bool
  ) {
    best.replace(with: v, where: larger ? v .> best : v .< best)
  }
  @inline(__always) static func keepBetter(
    _ best: inout SIMD8<Int64>, _ position: inout SIMD8<Int64>, _ nan: inout Mask,
    _ v: SIMD8<Int64>, _ at: SIMD8<Int64>, larger: Bool
  ) {
    let better = larger ? v .> best : v .< best
    best.replace(with: v, where: better)
    position.replace(with: at, where: better)
  }
}
