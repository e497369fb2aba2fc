import COpenBLAS
import Foundation

/// Matrix products on OpenBLAS. This file and `LAPACK.swift` are the only callers of the C
/// libraries.
enum BLAS {
  /// Multiply-adds (`m·n·k`) below which OpenBLAS runs on one thread. Measured with
  /// bench/tensor/blas_threads.c on the 2-core machines (median µs, 1 vs 2 threads):
  /// 1797×64×10 (the digits logistic regression, 1.2M) 68 vs 119, 96³ 31 vs 31,
  /// 128³ (2.1M) 87 vs 52, 512×64×64 (2.1M) 91 vs 73, 256³ 672 vs 380. Two threads pay
  /// from about 2^21; below, the hand-off costs more than it saves (DESIGN.md).
  ///
  /// Debian's OpenBLAS 0.3.21 waits for its threads with `sched_yield` (NumPy's bundled
  /// 0.3.31 spins instead, OpenBLAS PR #4549): on a quiet machine both reach about 180
  /// GFLOP/s in float32 at n = 256, but while another process runs, each yield can hand the
  /// core away for a time slice and a 256³ product drops to one core's speed. Cutting the
  /// product into row bands on `Parallel.tasks` was measured and is slower: a parked GCD
  /// worker takes 30 to 60 µs to join, against 180 µs of arithmetic.
  static let threadThreshold = 128 * 128 * 128

  /// Sets OpenBLAS's thread count for a problem of `work` multiply-adds. Calls
  /// `openblas_set_num_threads` (process-wide inside OpenBLAS; set before every call).
  static func setThreads(work: Int) {
    let wanted = Int32(work >= threadThreshold ? Parallel.cores : 1)
    if openblas_get_num_threads() != wanted { openblas_set_num_threads(wanted) }
  }

  /// How a strided 2-D view is passed to BLAS: transposed or not, and its leading dimension;
  /// `nil` when the layout needs a copy.
  static func operand(rows: Int, cols: Int, rowStride: Int, colStride: Int) -> (
    transposed: Bool, ld: Int
  )? {
    let rs = rows == 1 ? Swift.max(cols, 1) : rowStride
    let cs = cols == 1 ? 1 : colStride
    if cs == 1 && rs >= Swift.max(cols, 1) { return (false, rs) }
    let rs2 = rows == 1 ? 1 : rowStride
    let cs2 = cols == 1 ? Swift.max(rows, 1) : colStride
    if rs2 == 1 && cs2 >= Swift.max(rows, 1) { return (true, cs2) }
    return nil
  }

  /// `C[m, n] = A[m, k] · B[k, n]` for one batch entry of strided float views.
  /// Calls `cblas_dgemm`/`cblas_sgemm`, or `cblas_dgemv`/`cblas_sgemv` when `n == 1`.
  static func gemm<T: TensorScalar>(
    _ t: T.Type, m: Int, n: Int, k: Int,
    a: UnsafePointer<T>, aOp: (transposed: Bool, ld: Int),
    b: UnsafePointer<T>, bOp: (transposed: Bool, ld: Int), bColStride: Int,
    c: UnsafeMutablePointer<T>
  ) {
    let ta = aOp.transposed ? CblasTrans : CblasNoTrans
    let tb = bOp.transposed ? CblasTrans : CblasNoTrans
    let (M, N, K) = (Int32(m), Int32(n), Int32(k))
    if n == 1 {
      // y[m] = A[m, k] · x[k]; x's stride is the row stride of B.
      let incx = Int32(bColStride)
      let (rowsA, colsA) = aOp.transposed ? (K, M) : (M, K)
      if T.self == Double.self {
        cblas_dgemv(
          CblasRowMajor, ta, rowsA, colsA, 1, rebind(a, Double.self), Int32(aOp.ld),
          rebind(b, Double.self), incx, 0, rebind(c, Double.self), 1)
      } else {
        cblas_sgemv(
          CblasRowMajor, ta, rowsA, colsA, 1, rebind(a, Float.self), Int32(aOp.ld),
          rebind(b, Float.self), incx, 0, rebind(c, Float.self), 1)
      }
      return
    }
    if T.self == Double.self {
      cblas_dgemm(
        CblasRowMajor, ta, tb, M, N, K, 1, rebind(a, Double.self), Int32(aOp.ld),
        rebind(b, Double.self), Int32(bOp.ld), 0, rebind(c, Double.self), N)
    } else {
      cblas_sgemm(
        CblasRowMajor, ta, tb, M, N, K, 1, rebind(a, Float.self), Int32(aOp.ld),
        rebind(b, Float.self), Int32(bOp.ld), 0, rebind(c, Float.self), N)
    }
  }

  @inline(__always)
  static func rebind<T, U>(_ p: UnsafePointer<T>, _ u: U.Type) -> UnsafePointer<U> {
    UnsafeRawPointer(p).assumingMemoryBound(to: U.self)
  }
  @inline(__always)
  static func rebind<T, U>(_ p: UnsafeMutablePointer<T>, _ u: U.Type) -> UnsafeMutablePointer<U> {
    UnsafeMutableRawPointer(p).assumingMemoryBound(to: U.self)
  }
}

extension Tensor {
  /// Matrix product with NumPy's `matmul` rules: `[m, k] × [k, n] → [m, n]`; a vector
  /// operand `[k]` is treated as a row (left) or column (right) and its axis dropped;
  /// leading axes are batch axes and broadcast (`[b, m, k] × [k, n] → [b, m, n]`).
  ///
  /// Transposed views go to BLAS as transpose flags, not copies. Matrix-vector products use
  /// `gemv`. `float32 × float32` stays `float32` (`cblas_sgemm`); other combinations with a
  /// float compute in `float64` (`cblas_dgemm`). Integer operands are multiplied exactly in
  /// `int64`, wrapping on overflow as NumPy's (not through `float64`, which loses integers
  /// above 2^53); `bool × bool` gives `bool` (true where any product is), as NumPy.
  /// Gradients: `dA = G·Bᵀ`, `dB = Aᵀ·G`, summed over broadcast batch axes.
  ///
  /// - Parameter rhs: The right operand.
  /// - Returns: The product.
  /// - Throws: `TensorError.matmulMismatch`, e.g. `matmul needs [m, k] × [k, n], got
  ///   [2, 3] × [2, 3]`; `.broadcastMismatch` for batch axes that do not broadcast;
  ///   `.invalidArgument` for a result of more than 2^30 elements; `.outOfMemory` when the
  ///   result's memory cannot be allocated.
  /// - Complexity: O(batch·m·n·k).
  public func matmul(_ rhs: Tensor) throws -> Tensor {
    guard rank >= 1, rhs.rank >= 1 else {
      throw TensorError.matmulMismatch(lhs: shape, rhs: rhs.shape)
    }
    let a = rank == 1 ? try reshaped([1, shape[0]]) : self
    let b = rhs.rank == 1 ? try rhs.reshaped([rhs.shape[0], 1]) : rhs
    guard a.shape[a.rank - 1] == b.shape[b.rank - 2] else {
      throw TensorError.matmulMismatch(lhs: shape, rhs: rhs.shape)
    }
    var out: Tensor
    do {
      out = try Tensor.matmul2(a, b)
    } catch TensorError.broadcastMismatch {
      // Name the operands, not just their batch axes ("[2] with [3]").
      throw TensorError.broadcastMismatch(op: "matmul", lhs: shape, rhs: rhs.shape)
    }
    if rank == 1 || rhs.rank == 1 {
      var s = out.shape
      if rhs.rank == 1 { s.removeLast() }
      if rank == 1 { s.remove(at: s.count - (rhs.rank == 1 ? 1 : 2)) }
      out = try out.reshaped(s)
    }
    return out
  }

  /// `lhs @ rhs`, see ``matmul(_:)``.
  ///
  /// - Parameters:
  ///   - lhs: Shape `[..., m, k]` (or `[k]`).
  ///   - rhs: Shape `[..., k, n]` (or `[k]`).
  /// - Returns: Shape `[..., m, n]`, a `[k]` operand's axis dropped, as ``matmul(_:)``.
  /// - Throws: As ``matmul(_:)``.
  public static func matmul(_ lhs: Tensor, _ rhs: Tensor) throws -> Tensor { try lhs.matmul(rhs) }

  /// Batched product of operands of rank ≥ 2 with matching inner sizes.
  private static func matmul2(_ a: Tensor, _ b: Tensor) throws -> Tensor {
    let m = a.shape[a.rank - 2]
    let k = a.shape[a.rank - 1]
    let n = b.shape[b.rank - 1]
    let batch = try ShapeMath.broadcast(
      Array(a.shape.dropLast(2)), Array(b.shape.dropLast(2)), op: "matmul")
    try ShapeMath.checkResultSize(batch + [m, n], op: "matmul")
    if !a.dtype.isFloatingPoint && !b.dtype.isFloatingPoint {
      // Integer tensors never require grad (only floats do), so nothing is recorded.
      let out = try integerMatmul(a, b, m, n, k, batch)
      return a.dtype == .bool && b.dtype == .bool ? out.cast(to: .bool) : out
    }
    let dtype: DType = (a.dtype == .float32 && b.dtype == .float32) ? .float32 : .float64
    let x = a.cast(to: dtype).detached().broadcastView(to: batch + [m, k])
    let y = b.cast(to: dtype).detached().broadcastView(to: batch + [k, n])
    // gemm with beta = 0 overwrites C, so only an empty inner dimension needs zeros.
    var out =
      k == 0
      ? Tensor.zeros(batch + [m, n], dtype: dtype)
      : try Tensor(allocatingShape: batch + [m, n], dtype: dtype, op: "matmul")
    if m > 0 && n > 0 && k > 0 {
      if dtype == .float64 {
        gemmBatched(Double.self, x, y, &out, m, n, k, batch)
      } else {
        gemmBatched(Float.self, x, y, &out, m, n, k, batch)
      }
    }
    let ad = a.detached()
    let bd = b.detached()
    return GradNode.record(out, inputs: [a, b]) { g in
      [
        a.requiresGrad ? try g.matmul(bd.swappingAxes(-1, -2)) : nil,
        b.requiresGrad ? try ad.swappingAxes(-1, -2).matmul(g) : nil,
      ]
    }
  }

  /// Exact `int64` product `[batch..., m, k] × [batch..., k, n]` with wrap-around (`&+`,
  /// `&*`), row by row in i-k-j order so the inner loop runs along contiguous rows.
  private static func integerMatmul(
    _ a: Tensor, _ b: Tensor, _ m: Int, _ n: Int, _ k: Int, _ batch: [Int]
  ) throws -> Tensor {
    let x = a.cast(to: .int64).detached().broadcastView(to: batch + [m, k]).contiguous()
    let y = b.cast(to: .int64).detached().broadcastView(to: batch + [k, n]).contiguous()
    let out = try Tensor(allocatingShape: batch + [m, n], dtype: .int64, op: "matmul")
    let xp = x.base(Int64.self)
    let yp = y.base(Int64.self)
    let cp = out.base(Int64.self)
    let rows = ShapeMath.count(batch) * m
    for r in 0..<rows {
      let c = cp + r * n
      c.update(repeating: 0, count: n)
      let matrix = r / Swift.max(m, 1)
      for p in 0..<k {
        let s = xp[r * k + p]
        if s == 0 { continue }
        let yRow = yp + (matrix * k + p) * n
        for j in 0..<n { c[j] = c[j] &+ s &* yRow[j] }
      }
    }
    return out
  }

  private static func gemmBatched<T: TensorScalar>(
    _ t: T.Type, _ x: Tensor, _ y: Tensor, _ out: inout Tensor, _ m: Int, _ n: Int, _ k: Int,
    _ batch: [Int]
  ) {
    var xs = x
    var ys = y
    let r = x.rank
    var aOp = BLAS.operand(
      rows: m, cols: k, rowStride: x.strides[r - 2], colStride: x.strides[r - 1])
    var bOp = BLAS.operand(
      rows: k, cols: n, rowStride: y.strides[r - 2], colStride: y.strides[r - 1])
    if aOp == nil || x.strides.contains(where: { $0 < 0 }) {
      xs = x.contiguousLayout()
      aOp = (false, k)
    }
    if bOp == nil || y.strides.contains(where: { $0 < 0 }) {
      ys = y.contiguousLayout()
      bOp = (false, n)
    }
    // For gemv the vector is column 0 of B: its stride is B's row stride, which BLAS needs
    // positive.
    if n == 1 && k > 1 && ys.strides[r - 2] <= 0 {
      ys = y.contiguousLayout()
      bOp = (false, n)
    }
    let bColStride = k == 1 ? 1 : ys.strides[r - 2]
    let count = ShapeMath.count(batch)
    BLAS.setThreads(work: m * n * k)
    let ap = xs.base(T.self)
    let bp = ys.base(T.self)
    let cp = out.base(T.self)
    let batchRows = StridedRows(
      shape: batch.isEmpty ? [1] : batch,
      strides: [
        batch.isEmpty ? [0] : Array(xs.strides.dropLast(2)),
        batch.isEmpty ? [0] : Array(ys.strides.dropLast(2)),
      ])
    var index = 0
    batchRows.forEachRow(in: 0..<batchRows.rowCount) { _, o in
      for j in 0..<batchRows.rowLength {
        guard index < count, let aOp, let bOp else { return }
        BLAS.gemm(
          T.self, m: m, n: n, k: k, a: ap + o[0] + j * batchRows.rowStride(0), aOp: aOp,
          b: bp + o[1] + j * batchRows.rowStride(1), bOp: bOp, bColStride: bColStride,
          c: cp + index * m * n)
        index += 1
      }
    }
  }
}
