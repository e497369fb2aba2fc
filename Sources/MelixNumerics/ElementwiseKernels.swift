/// The loops behind element-wise operations: strided, broadcasting, multi-threaded.

/// An element-wise binary function as a type, so generic loops specialise and inline it
/// (a closure called per element would cost a call each).
protocol BinaryKernel {
  associatedtype A: TensorScalar
  associatedtype B: TensorScalar
  associatedtype R: TensorScalar
  func apply(_ a: A, _ b: B) -> R
}

/// Wraps a closure as a kernel (for the less common operations).
struct ClosureKernel<A: TensorScalar, B: TensorScalar, R: TensorScalar>: BinaryKernel {
  let f: (A, B) -> R
  @inline(__always) func apply(_ a: A, _ b: B) -> R { f(a, b) }
}

struct AddKernel<T: TensorScalar & FloatingPoint>: BinaryKernel {
  @inline(__always) func apply(_ a: T, _ b: T) -> T { a + b }
}
struct SubtractKernel<T: TensorScalar & FloatingPoint>: BinaryKernel {
  @inline(__always) func apply(_ a: T, _ b: T) -> T { a - b }
}
struct MultiplyKernel<T: TensorScalar & FloatingPoint>: BinaryKernel {
  @inline(__always) func apply(_ a: T, _ b: T) -> T { a * b }
}
struct DivideKernel<T: TensorScalar & FloatingPoint>: BinaryKernel {
  @inline(__always) func apply(_ a: T, _ b: T) -> T { a / b }
}

/// Applies `f` to broadcast pairs of `a` and `b` (already of dtypes `A` and `B`) into a new
/// contiguous tensor of `shape`, one row at a time, on several threads for large inputs.
/// Throws `TensorError.outOfMemory` naming `op` when the result cannot be allocated.
@inline(__always)
func mapBinary<A: TensorScalar, B: TensorScalar, R: TensorScalar>(
  _ a: Tensor, _ b: Tensor, _ shape: [Int], op: String, _ f: @escaping (A, B) -> R
) throws -> Tensor {
  // Small same-shape (or scalar) operands run right here, where `f` is a literal the
  // compiler inlines; large ones go through the threaded loop, paying a call per element.
  let count = ShapeMath.count(shape)
  let aFlat = a.shape == shape && a.isContiguous
  let bFlat = b.shape == shape && b.isContiguous
  if count < Parallel.elementThreshold && (aFlat || a.count == 1) && (bFlat || b.count == 1) {
    let out = try Tensor(allocatingShape: shape, dtype: R.dtype, op: op)
    let pa = a.base(A.self)
    let pb = b.base(B.self)
    let po = out.base(R.self)
    if aFlat && bFlat {
      for i in 0..<count { po[i] = f(pa[i], pb[i]) }
    } else if aFlat {
      let y = pb[0]
      for i in 0..<count { po[i] = f(pa[i], y) }
    } else if bFlat {
      let x = pa[0]
      for i in 0..<count { po[i] = f(x, pb[i]) }
    } else if count > 0 {
      po[0] = f(pa[0], pb[0])
    }
    return out
  }
  return try mapBinary(a, b, shape, op: op, kernel: ClosureKernel(f: f))
}

/// Applies a kernel to broadcast pairs of `a` and `b` into a new contiguous tensor; throws
/// `TensorError.outOfMemory` naming `op` when the result cannot be allocated.
func mapBinary<K: BinaryKernel>(
  _ a: Tensor, _ b: Tensor, _ shape: [Int], op: String, kernel: K
) throws -> Tensor {
  let out = try Tensor(allocatingShape: shape, dtype: K.R.dtype, op: op)
  let total = out.count
  guard total > 0 else { return out }
  // Fast path for the common cases (same-shape contiguous operands, or a scalar on either
  // side): one flat row, no stride bookkeeping.
  let aFlat = a.shape == shape && a.isContiguous
  let bFlat = b.shape == shape && b.isContiguous
  if (aFlat || a.count == 1) && (bFlat || b.count == 1) {
    let flat = BinaryRows(
      kernel: kernel, pa: a.base(K.A.self), pb: b.base(K.B.self), po: out.base(K.R.self),
      sa: aFlat ? 1 : 0, sb: bFlat ? 1 : 0, so: 1)
    Parallel.forChunks(count: total) { r in flat.run(0, 0, 0, r.lowerBound, r.count) }
    return out
  }
  let rows = StridedRows(
    shape: shape,
    strides: [a.broadcastStrides(to: shape), b.broadcastStrides(to: shape), out.strides])
  let job = BinaryRows(
    kernel: kernel, pa: a.base(K.A.self), pb: b.base(K.B.self), po: out.base(K.R.self),
    sa: rows.rowStride(0), sb: rows.rowStride(1), so: rows.rowStride(2))
  let n = rows.rowLength
  if rows.rowCount == 1 {
    Parallel.forChunks(count: n) { r in job.run(0, 0, 0, r.lowerBound, r.count) }
  } else {
    Parallel.forChunks(count: rows.rowCount, threshold: max(1, Parallel.elementThreshold / n)) {
      r in
      rows.forEachRow(in: r) { _, o in job.run(o[0], o[1], o[2], 0, n) }
    }
  }
  return out
}

/// The inner loop of ``mapBinary(_:_:_:kernel:)`` over one row segment.
struct BinaryRows<K: BinaryKernel> {
  let kernel: K
  let pa: UnsafeMutablePointer<K.A>
  let pb: UnsafeMutablePointer<K.B>
  let po: UnsafeMutablePointer<K.R>
  let sa: Int
  let sb: Int
  let so: Int

  @inline(__always)
  func run(_ oa: Int, _ ob: Int, _ oo: Int, _ start: Int, _ len: Int) {
    let xa = pa + oa + start * sa
    let xb = pb + ob + start * sb
    let xo = po + oo + start * so
    if sa == 1 && sb == 1 && so == 1 {
      for i in 0..<len { xo[i] = kernel.apply(xa[i], xb[i]) }
    } else if sa == 1 && sb == 0 && so == 1 {
      let y = xb[0]
      for i in 0..<len { xo[i] = kernel.apply(xa[i], y) }
    } else if sa == 0 && sb == 1 && so == 1 {
      let x = xa[0]
      for i in 0..<len { xo[i] = kernel.apply(x, xb[i]) }
    } else {
      for i in 0..<len { xo[i * so] = kernel.apply(xa[i * sa], xb[i * sb]) }
    }
  }
}

/// Applies `f` to every element of `x` (of dtype `A`) into a new contiguous tensor.
@inline(__always)
func mapUnary<A: TensorScalar, R: TensorScalar>(_ x: Tensor, _ f: (A) -> R) -> Tensor {
  let out = Tensor(uninitializedShape: x.shape, dtype: R.dtype)
  guard out.count > 0 else { return out }
  if out.count < Parallel.elementThreshold && x.isContiguous {
    // Inline loop: `f` is a literal here and inlines (see `mapBinary`).
    let px = x.base(A.self)
    let po = out.base(R.self)
    for i in 0..<out.count { po[i] = f(px[i]) }
    return out
  }
  let rows = StridedRows(shape: x.shape, strides: [x.strides, out.strides])
  let px = x.base(A.self)
  let po = out.base(R.self)
  let n = rows.rowLength
  let sx = rows.rowStride(0)
  let so = rows.rowStride(1)
  withoutActuallyEscaping(f) { f in
    let runRow = { (o: [Int], start: Int, len: Int) in
      let xa = px + o[0] + start * sx
      let xo = po + o[1] + start * so
      if sx == 1 && so == 1 {
        for i in 0..<len { xo[i] = f(xa[i]) }
      } else {
        for i in 0..<len { xo[i * so] = f(xa[i * sx]) }
      }
    }
    if rows.rowCount == 1 {
      Parallel.forChunks(count: n) { r in runRow([0, 0], r.lowerBound, r.count) }
    } else {
      Parallel.forChunks(count: rows.rowCount, threshold: max(1, Parallel.elementThreshold / n)) {
        r in
        rows.forEachRow(in: r) { _, o in runRow(o, 0, n) }
      }
    }
  }
  return out
}
