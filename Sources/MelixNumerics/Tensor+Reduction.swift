import Foundation

/// Reductions over all or some axes: sum mean var std min max prod any all argmin argmax,
/// and the stable log-sum-exp family.
extension Tensor {
  /// Moves `axes` to the end and returns a contiguous `[outer, inner]` layout plus the
  /// output shape (with or without kept axes).
  func reductionLayout(_ axes: [Int], keepDims: Bool) -> (
    data: Tensor, outer: Int, inner: Int, outShape: [Int]
  ) {
    let kept = (0..<rank).filter { !axes.contains($0) }
    // Moving the reduced axes last is always a valid permutation.
    let moved = (try? detached().permuted(kept + axes)) ?? detached()
    let data = moved.contiguousLayout()
    let outer = kept.map { shape[$0] }.reduce(1, *)
    let inner = axes.map { shape[$0] }.reduce(1, *)
    let outShape =
      keepDims
      ? shape.enumerated().map { axes.contains($0.offset) ? 1 : $0.element }
      : kept.map { shape[$0] }
    return (data, outer, inner, outShape)
  }

  /// Reduces each contiguous run of `inner` elements of type `T` to one `R`.
  func reduceRuns<T: TensorScalar, R: TensorScalar>(
    _ axes: [Int], keepDims: Bool, _ f: (UnsafePointer<T>, Int) -> R
  ) -> Tensor {
    let (data, outer, inner, outShape) = reductionLayout(axes, keepDims: keepDims)
    let out = Tensor(uninitializedShape: outShape, dtype: R.dtype)
    let src = UnsafePointer(data.base(T.self))
    let dst = out.base(R.self)
    withoutActuallyEscaping(f) { f in
      Parallel.forChunks(
        count: outer, threshold: Swift.max(1, Parallel.elementThreshold / Swift.max(inner, 1))
      ) { r in
        for o in r { dst[o] = f(src + o * inner, inner) }
      }
    }
    return out
  }

  /// Sum over `axes` (all when `nil`), pairwise for floats so large sums stay accurate.
  ///
  /// - Parameters:
  ///   - axes: Axes to reduce; negative values count from the end; `nil` means all.
  ///   - keepDims: Keep reduced axes with size 1 (so the result broadcasts against `self`).
  /// - Returns: Floats keep their dtype; int64 and bool give int64.
  /// - Throws: `TensorError.axisOutOfRange`.
  public func sum(axes: [Int]? = nil, keepDims: Bool = false) throws -> Tensor {
    let ax = try ShapeMath.normalize(axes: axes, rank: rank)
    var out: Tensor
    let leading = foldsLeadingRows(ax)
    switch dtype {
    case .float64 where leading:
      out = sumLeadingRows(Double.self, axes: ax, keepDims: keepDims)
    case .float32 where leading:
      out = sumLeadingRows(Float.self, axes: ax, keepDims: keepDims)
    case .float64:
      out = reduceRuns(ax, keepDims: keepDims) { (p: UnsafePointer<Double>, n: Int) in
        PairwiseSum.parallelSum(p, n)
      }
    case .float32:
      out = reduceRuns(ax, keepDims: keepDims) { (p: UnsafePointer<Float>, n: Int) in
        PairwiseSum.parallelSum(p, n)
      }
    case .int64:
      out = reduceRuns(ax, keepDims: keepDims) { (p: UnsafePointer<Int64>, n: Int) -> Int64 in
        Parallel.reduceParts(count: n) { r in
          var s: Int64 = 0
          for i in r { s = s &+ p[i] }
          return s
        } combine: { $0.reduce(0, &+) }
      }
    case .bool:
      out = reduceRuns(ax, keepDims: keepDims) { (p: UnsafePointer<Bool>, n: Int) -> Int64 in
        var s: Int64 = 0
        for i in 0..<n where p[i] { s += 1 }
        return s
      }
    }
    let keptShape = shape.enumerated().map { ax.contains($0.offset) ? 1 : $0.element }
    let inShape = shape
    return GradNode.record(out, inputs: [self]) { g in
      [try g.reshaped(keptShape).broadcast(to: inShape)]
    }
  }

  /// Whether a reduction over `axes` (normalized) can fold whole rows of contiguous data:
  /// the axes are the leading ones (not all of them), so no transposed copy is needed.
  func foldsLeadingRows(_ axes: [Int]) -> Bool {
    !axes.isEmpty && axes == Array(0..<axes.count) && axes.count < rank && isContiguous
  }

  /// For a reduction over the leading `axes` of contiguous data: the number of rows
  /// reduced, the elements per row, and the output shape (with or without kept axes).
  func leadingLayout(_ axes: [Int], keepDims: Bool) -> (rows: Int, columns: Int, outShape: [Int]) {
    let rows = axes.map { shape[$0] }.reduce(1, *)
    let outShape =
      keepDims
      ? shape.enumerated().map { axes.contains($0.offset) ? 1 : $0.element }
      : Array(shape[axes.count...])
    return (rows, count / Swift.max(rows, 1), outShape)
  }

  /// Sums over leading axes of contiguous data (`[rows, columns]` → `[columns]`, the batch
  /// axis of a gradient or the sample axis of a dataset) without transposing a copy: rows are
  /// added into a running block of 128 rows, and block sums are combined pairwise (a binary
  /// counter), which keeps the pairwise error bound O(ε·(128 + log rows)).
  func sumLeadingRows<T: TensorScalar & BinaryFloatingPoint>(
    _ t: T.Type, axes: [Int], keepDims: Bool
  ) -> Tensor {
    let (rows, columns, outShape) = leadingLayout(axes, keepDims: keepDims)
    let out = Tensor.zeros(outShape, dtype: T.dtype)
    guard rows > 0, columns > 0 else { return out }
    let src = base(T.self)
    let dst = out.base(T.self)
    Parallel.forChunks(count: columns, threshold: Swift.max(64, Parallel.elementThreshold / rows)) {
      range in
      let width = range.count
      // levels[k] holds the sum of 2^k blocks, or nothing.
      var levels: [[T]?] = []
      var block = [T](repeating: 0, count: width)
      var inBlock = 0
      func carry(_ sum: [T]) {
        var value = sum
        var k = 0
        while true {
          if k == levels.count { levels.append(nil) }
          guard let existing = levels[k] else {
            levels[k] = value
            return
          }
          for j in 0..<width { value[j] = existing[j] + value[j] }
          levels[k] = nil
          k += 1
        }
      }
      for r in 0..<rows {
        let row = src + r * columns + range.lowerBound
        for j in 0..<width { block[j] += row[j] }
        inBlock += 1
        if inBlock == PairwiseSum.block {
          carry(block)
          for j in 0..<width { block[j] = 0 }
          inBlock = 0
        }
      }
      var total = block
      for case let level? in levels {
        for j in 0..<width { total[j] += level[j] }
      }
      for j in 0..<width { dst[range.lowerBound + j] = total[j] }
    }
    return out
  }

  /// Sum of all elements as a scalar tensor (shape `[]`).
  public func sum() -> Tensor {
    // Reducing every axis cannot fail.
    (try? sum(axes: nil)) ?? self
  }

  /// Arithmetic mean over `axes`.
  ///
  /// - Parameters:
  ///   - axes: Axes to reduce; `nil` means all.
  ///   - keepDims: Keep reduced axes with size 1.
  /// - Returns: A float tensor; NaN for an empty reduction, as NumPy (without the warning).
  /// - Throws: `TensorError.axisOutOfRange`.
  public func mean(axes: [Int]? = nil, keepDims: Bool = false) throws -> Tensor {
    let ax = try ShapeMath.normalize(axes: axes, rank: rank)
    let n = ax.map { shape[$0] }.reduce(1, *)
    return try asFloat().sum(axes: ax, keepDims: keepDims) / Double(n)
  }

  /// Variance over `axes` with `ddof` delta degrees of freedom (two-pass: mean, then the
  /// pairwise sum of squared deviations), divided by `max(n - ddof, 0)` as NumPy's `_var`:
  /// `ddof >= n` gives inf (NaN where every deviation is 0), never a negative variance.
  ///
  /// - Parameters:
  ///   - axes: Axes to reduce; `nil` means all.
  ///   - ddof: 0 for the population variance (NumPy's default), 1 for the sample variance.
  ///   - keepDims: Keep reduced axes with size 1.
  /// - Throws: `TensorError.axisOutOfRange`.
  public func variance(axes: [Int]? = nil, ddof: Int = 0, keepDims: Bool = false) throws -> Tensor {
    let ax = try ShapeMath.normalize(axes: axes, rank: rank)
    let n = ax.map { shape[$0] }.reduce(1, *)
    let x = asFloat()
    let centered = try x - (try x.mean(axes: ax, keepDims: true))
    return try (try centered * centered).sum(axes: ax, keepDims: keepDims) / Double(Swift.max(n - ddof, 0))
  }

  /// Standard deviation, the square root of ``variance(axes:ddof:keepDims:)``.
  ///
  /// - Parameters:
  ///   - axes: Axes to reduce; `nil` means all.
  ///   - ddof: 0 for the population standard deviation (NumPy's default), 1 for the sample one.
  ///   - keepDims: Keep reduced axes with size 1.
  /// - Returns: A floating-point tensor of the input shape without `axes` (size 1 with
  ///   `keepDims`).
  /// - Throws: `TensorError.axisOutOfRange`.
  public func std(axes: [Int]? = nil, ddof: Int = 0, keepDims: Bool = false) throws -> Tensor {
    try variance(axes: axes, ddof: ddof, keepDims: keepDims).sqrt()
  }

  /// Product over `axes` (int64 for integer and bool input).
  ///
  /// - Parameters:
  ///   - axes: Axes to reduce; `nil` means all. An empty reduction gives 1.
  ///   - keepDims: Keep reduced axes with size 1.
  /// - Returns: The input shape without `axes` (size 1 with `keepDims`).
  /// - Throws: `TensorError.axisOutOfRange`.
  public func prod(axes: [Int]? = nil, keepDims: Bool = false) throws -> Tensor {
    let ax = try ShapeMath.normalize(axes: axes, rank: rank)
    let out: Tensor
    switch dtype {
    case .float64:
      out = reduceRuns(ax, keepDims: keepDims) { (p: UnsafePointer<Double>, n: Int) -> Double in
        var r = 1.0
        for i in 0..<n { r *= p[i] }
        return r
      }
    case .float32:
      out = reduceRuns(ax, keepDims: keepDims) { (p: UnsafePointer<Float>, n: Int) -> Float in
        var r: Float = 1
        for i in 0..<n { r *= p[i] }
        return r
      }
    case .int64, .bool:
      out = cast(to: .int64).reduceRuns(ax, keepDims: keepDims) {
        (p: UnsafePointer<Int64>, n: Int) -> Int64 in
        var r: Int64 = 1
        for i in 0..<n { r = r &* p[i] }
        return r
      }
    }
    let x = detached()
    let y = try out.detached().reshaped(
      shape.enumerated().map { ax.contains($0.offset) ? 1 : $0.element })
    let keptShape = y.shape
    return GradNode.record(out, inputs: [self]) { g in
      // d prod / d x_i = prod / x_i (inputs containing zeros give NaN here, as in autograd
      // systems without a special zero path).
      [try g.reshaped(keptShape) * y / x]
    }
  }

  /// Maximum over `axes`; NaN propagates. Gradient split evenly among tied maxima.
  ///
  /// - Parameters:
  ///   - axes: Axes to reduce; `nil` means all.
  ///   - keepDims: Keep reduced axes with size 1.
  /// - Returns: The input shape without `axes` (size 1 with `keepDims`), same dtype.
  /// - Throws: `TensorError.axisOutOfRange`; `.invalidArgument` for an empty reduction.
  public func max(axes: [Int]? = nil, keepDims: Bool = false) throws -> Tensor {
    try extremum(axes: axes, keepDims: keepDims, op: "max", larger: true)
  }

  /// Minimum over `axes`; NaN propagates. Gradient split evenly among tied minima.
  ///
  /// - Parameters:
  ///   - axes: Axes to reduce; `nil` means all.
  ///   - keepDims: Keep reduced axes with size 1.
  /// - Returns: The input shape without `axes` (size 1 with `keepDims`), same dtype.
  /// - Throws: `TensorError.axisOutOfRange`; `.invalidArgument` for an empty reduction.
  public func min(axes: [Int]? = nil, keepDims: Bool = false) throws -> Tensor {
    try extremum(axes: axes, keepDims: keepDims, op: "min", larger: false)
  }

  private func extremum(axes: [Int]?, keepDims: Bool, op: String, larger: Bool) throws -> Tensor {
    let ax = try ShapeMath.normalize(axes: axes, rank: rank)
    guard ax.allSatisfy({ shape[$0] > 0 }) else {
      throw TensorError.invalidArgument(op: op, message: "zero-size reduction has no identity")
    }
    // Leading axes of contiguous data (`max(axis: 0)` of a `[rows, columns]` table) fold
    // whole rows, without the transposed copy `reduceRuns` would make.
    let leading = foldsLeadingRows(ax)
    func pick<T: TensorScalar & ExtremumScalar>(_ t: T.Type) -> Tensor {
      if leading { return extremumLeadingRows(T.self, axes: ax, keepDims: keepDims, larger: larger) }
      return reduceRuns(ax, keepDims: keepDims) { (p: UnsafePointer<T>, n: Int) -> T in
        Extremum.value(p, n, larger: larger)
      }
    }
    let out: Tensor
    switch dtype {
    case .float64: out = pick(Double.self)
    case .float32: out = pick(Float.self)
    case .int64: out = pick(Int64.self)
    case .bool:
      out = cast(to: .int64).reduceRuns(ax, keepDims: keepDims) {
        (p: UnsafePointer<Int64>, n: Int) -> Int64 in
        var best = p[0]
        for i in 0..<n { best = larger ? Swift.max(best, p[i]) : Swift.min(best, p[i]) }
        return best
      }.cast(to: .bool)
    }
    let keptShape = shape.enumerated().map { ax.contains($0.offset) ? 1 : $0.element }
    let x = detached()
    let y = try out.detached().reshaped(keptShape)
    return GradNode.record(out, inputs: [self]) { g in
      let mask = try x.isEqual(to: y).cast(to: g.dtype)
      let ties = try mask.sum(axes: ax, keepDims: true)
      return [try g.reshaped(keptShape) * mask / ties]
    }
  }

  /// Maximum or minimum over the leading `axes` of contiguous data (at least one row): each
  /// part of the rows folds them into its own row of running extremes (SIMD across the
  /// columns, NaN kept once met), and the parts' rows are folded the same way.
  private func extremumLeadingRows<T: TensorScalar & ExtremumScalar>(
    _ t: T.Type, axes: [Int], keepDims: Bool, larger: Bool
  ) -> Tensor {
    let (rows, columns, outShape) = leadingLayout(axes, keepDims: keepDims)
    let out = Tensor(uninitializedShape: outShape, dtype: T.dtype)
    guard rows > 0, columns > 0 else { return out }
    let src = UnsafePointer(base(T.self))
    let best = Parallel.reduceParts(
      count: rows, threshold: Swift.max(1, Parallel.partThreshold / columns)
    ) { r -> [T] in
      var acc = Array(UnsafeBufferPointer(start: src + r.lowerBound * columns, count: columns))
      acc.withUnsafeMutableBufferPointer { a in
        for row in (r.lowerBound + 1)..<r.upperBound {
          Extremum.fold(a.baseAddress!, src + row * columns, columns, larger: larger)
        }
      }
      return acc
    } combine: { parts in
      var acc = parts[0]
      acc.withUnsafeMutableBufferPointer { a in
        for part in parts.dropFirst() {
          part.withUnsafeBufferPointer { Extremum.fold(a.baseAddress!, $0.baseAddress!, columns, larger: larger) }
        }
      }
      return acc
    }
    best.withUnsafeBufferPointer { b in
      out.base(T.self).update(from: b.baseAddress!, count: columns)
    }
    return out
  }

  /// Whether any element over `axes` is nonzero (bool result; false when empty).
  ///
  /// - Parameters:
  ///   - axes: Axes to reduce; `nil` means all.
  ///   - keepDims: Keep reduced axes with size 1.
  /// - Returns: A bool tensor of the input shape without `axes` (size 1 with `keepDims`).
  /// - Throws: `TensorError.axisOutOfRange`.
  public func any(axes: [Int]? = nil, keepDims: Bool = false) throws -> Tensor {
    try truth(axes: axes, keepDims: keepDims, any: true)
  }

  /// Whether every element over `axes` is nonzero (bool result; true when empty).
  ///
  /// - Parameters:
  ///   - axes: Axes to reduce; `nil` means all.
  ///   - keepDims: Keep reduced axes with size 1.
  /// - Returns: A bool tensor of the input shape without `axes` (size 1 with `keepDims`).
  /// - Throws: `TensorError.axisOutOfRange`.
  public func all(axes: [Int]? = nil, keepDims: Bool = false) throws -> Tensor {
    try truth(axes: axes, keepDims: keepDims, any: false)
  }

  /// `any` (some element nonzero) or `all` (every element nonzero) on the elements' own type
  /// (no bool copy), each part of a long run stopping at its first deciding element.
  private func truth(axes: [Int]?, keepDims: Bool, any: Bool) throws -> Tensor {
    let ax = try ShapeMath.normalize(axes: axes, rank: rank)
    func run<T: NonzeroCounting>(_ t: T.Type) -> Tensor {
      reduceRuns(ax, keepDims: keepDims) { (p: UnsafePointer<T>, n: Int) -> Bool in
        let decided = Parallel.reduceParts(count: n) { r in T.decides(p, r, any: any) } combine: {
          $0.contains(true)
        }
        return decided == any
      }
    }
    switch dtype {
    case .float64: return run(Double.self)
    case .float32: return run(Float.self)
    case .int64: return run(Int64.self)
    case .bool: return run(Bool.self)
    }
  }

  /// Position of the largest element along `axis` (of the flattened tensor when `nil`);
  /// the first one on ties, the first NaN if any (as NumPy).
  ///
  /// - Parameters:
  ///   - axis: The axis, or `nil` for the flat index.
  ///   - keepDims: Keep the reduced axis with size 1 (every axis, when `axis` is `nil`).
  /// - Returns: An int64 tensor.
  /// - Throws: `TensorError.axisOutOfRange`; `.invalidArgument` for an empty axis.
  public func argmax(axis: Int? = nil, keepDims: Bool = false) throws -> Tensor {
    try argExtremum(axis: axis, keepDims: keepDims, op: "argmax", larger: true)
  }

  /// Position of the smallest element along `axis` (of the flattened tensor when `nil`);
  /// the first one on ties, the first NaN if any (as NumPy).
  ///
  /// - Parameters:
  ///   - axis: The axis, or `nil` for the flat index.
  ///   - keepDims: Keep the reduced axis with size 1 (every axis, when `axis` is `nil`).
  /// - Returns: An int64 tensor.
  /// - Throws: `TensorError.axisOutOfRange`; `.invalidArgument` for an empty axis.
  public func argmin(axis: Int? = nil, keepDims: Bool = false) throws -> Tensor {
    try argExtremum(axis: axis, keepDims: keepDims, op: "argmin", larger: false)
  }

  private func argExtremum(axis: Int?, keepDims: Bool, op: String, larger: Bool) throws -> Tensor {
    let source = axis == nil ? flattened().detached() : detached()
    let ax = try ShapeMath.normalize(axis: axis ?? 0, rank: source.rank)
    guard source.shape[ax] > 0 else {
      throw TensorError.invalidArgument(
        op: op, message: "attempt to get \(op) of an empty sequence")
    }
    let x = source.dtype == .bool ? source.cast(to: .int64) : source
    func run<T: TensorScalar & ExtremumScalar>(_ t: T.Type) -> Tensor {
      x.reduceRuns([ax], keepDims: keepDims && axis != nil) {
        (p: UnsafePointer<T>, n: Int) -> Int64 in
        Int64(Extremum.index(p, n, larger: larger))
      }
    }
    let out: Tensor
    switch x.dtype {
    case .float64: out = run(Double.self)
    case .float32: out = run(Float.self)
    case .int64, .bool: out = run(Int64.self)
    }
    // The flat index with keepDims has every axis of size 1, as NumPy's
    // `argmax(a, keepdims=True)`.
    if axis == nil && keepDims { return try out.reshaped(Array(repeating: 1, count: rank)) }
    return out
  }

  /// `log(sum(exp(x)))` over `axes`, computed stably as `m + log(sum(exp(x - m)))` with `m`
  /// the maximum.
  ///
  /// - Parameters:
  ///   - axes: Axes to reduce; `nil` means all.
  ///   - keepDims: Keep reduced axes with size 1.
  /// - Returns: A floating-point tensor of the input shape without `axes` (size 1 with
  ///   `keepDims`).
  /// - Throws: `TensorError.axisOutOfRange`.
  public func logSumExp(axes: [Int]? = nil, keepDims: Bool = false) throws -> Tensor {
    let ax = try ShapeMath.normalize(axes: axes, rank: rank)
    let x = asFloat()
    var m = try x.detached().max(axes: ax, keepDims: true)
    // An all -inf (or inf) row would give inf - inf = NaN; shift by 0 there instead.
    m = try Tensor.where(m.isFinite(), m, m.zerosLike())
    let shifted = try (try x - m).exp().sum(axes: ax, keepDims: true).log() + m
    return keepDims ? shifted : try shifted.squeezed(axes: ax)
  }

  /// Softmax along `axis`: `exp(x - max) / sum(exp(x - max))`, each slice summing to 1.
  ///
  /// - Throws: `TensorError.axisOutOfRange`.
  public func softmax(axis: Int = -1) throws -> Tensor {
    let x = asFloat()
    let ax = try ShapeMath.normalize(axis: axis, rank: rank)
    // One exp, as NumPy/SciPy code does (exp of the log-softmax took two); each slice's sum is
    // at least 1 (its maximum gives exp(0)), so the division is safe.
    var m = try x.detached().max(axes: [ax], keepDims: true)
    m = try Tensor.where(m.isFinite(), m, m.zerosLike())
    let e = try (try x - m).exp()
    return try e / (try e.sum(axes: [ax], keepDims: true))
  }

  /// Log-softmax along `axis`: `x - logsumexp(x)`, stable for large inputs.
  ///
  /// - Throws: `TensorError.axisOutOfRange`.
  public func logSoftmax(axis: Int = -1) throws -> Tensor {
    let x = asFloat()
    let ax = try ShapeMath.normalize(axis: axis, rank: rank)
    // (x - m) - log Σ exp(x - m): subtracting the (constant) max first keeps every digit
    // that x - logsumexp(x) would lose when |m| is large; the gradient is unchanged.
    var m = try x.detached().max(axes: [ax], keepDims: true)
    m = try Tensor.where(m.isFinite(), m, m.zerosLike())
    let shifted = try x - m
    return try shifted - (try shifted.exp().sum(axes: [ax], keepDims: true).log())
  }

  /// Cumulative sum along `axis` (of the flattened tensor when `nil`); int64 for integers.
  ///
  /// - Throws: `TensorError.axisOutOfRange`.
  public func cumsum(axis: Int? = nil) throws -> Tensor {
    let source = axis == nil ? flattened() : self
    let ax = try ShapeMath.normalize(axis: axis ?? 0, rank: source.rank)
    let work = source.dtype.isFloatingPoint ? source : source.cast(to: .int64)
    let moved = try work.detached().swappingAxes(ax, -1).contiguous()
    let n = moved.shape.last ?? 1
    let rows = moved.count / Swift.max(n, 1)
    var out = Tensor(uninitializedShape: moved.shape, dtype: moved.dtype)
    func run<T: TensorScalar & AdditiveArithmetic>(_ t: T.Type) {
      let s = moved.base(T.self)
      let d = out.base(T.self)
      for r in 0..<rows {
        var acc = T.zero
        for i in 0..<n {
          acc += s[r * n + i]
          d[r * n + i] = acc
        }
      }
    }
    switch moved.dtype {
    case .float64: run(Double.self)
    case .float32: run(Float.self)
    default:
      // Int64 sums wrap, as NumPy's and this library's `sum` (a checked `+=` trapped).
      let s = moved.base(Int64.self)
      let d = out.base(Int64.self)
      for r in 0..<rows {
        var acc: Int64 = 0
        for i in 0..<n {
          acc = acc &+ s[r * n + i]
          d[r * n + i] = acc
        }
      }
    }
    out = try out.swappingAxes(ax, -1)
    let axisN = ax
    return GradNode.record(out, inputs: [source]) { g in
      // The adjoint of a cumulative sum is the reversed cumulative sum of the gradient.
      let rev = try g.slice(Array(repeating: TensorIndex.all, count: axisN) + [.slice(step: -1)])
      let c = try rev.cumsum(axis: axisN)
      return [try c.slice(Array(repeating: TensorIndex.all, count: axisN) + [.slice(step: -1)])]
    }
  }
}
