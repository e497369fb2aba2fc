import COpenBLAS

/// Dense linear algebra on LAPACK (through LAPACKE, row-major); this file is the only
/// LAPACK caller. Inputs are converted to
/// `float64` and the results converted back to `float32` for `float32` input (more accurate
/// than NumPy's single-precision routines, within float32 rounding of them).
public enum Linalg {
  /// A copy of a matrix as row-major doubles, after checking it is 2-D and finite.
  static func matrix(_ a: Tensor, op: String, square: Bool) throws -> (
    values: [Double], rows: Int, cols: Int
  ) {
    guard a.rank == 2 else {
      throw TensorError.invalidShape(
        op: op, expected: square ? "a square matrix [n, n]" : "a matrix [m, n]", got: a.shape)
    }
    if square && a.shape[0] != a.shape[1] {
      throw TensorError.invalidShape(op: op, expected: "a square matrix [n, n]", got: a.shape)
    }
    let values = a.detached().scalars
    guard values.allSatisfy({ $0.isFinite }) else { throw TensorError.nonFiniteInput(op: op) }
    return (values, a.shape[0], a.shape[1])
  }

  static func result(_ values: [Double], _ shape: [Int], like a: Tensor) throws -> Tensor {
    try Tensor(shape: shape, scalars: values).cast(to: a.dtype == .float32 ? .float32 : .float64)
  }

  /// Solves `A·x = b` (LU with partial pivoting).
  ///
  /// - Parameters:
  ///   - a: Coefficients `[n, n]`.
  ///   - b: Right-hand side `[n]` or `[n, k]`.
  /// - Returns: `x`, shaped like `b`.
  /// - Throws: `TensorError.singularMatrix` (`matrix is singular in 'solve'`); shape errors;
  ///   `.nonFiniteInput`.
  /// - Complexity: O(n³). Calls `LAPACKE_dgesv`.
  public static func solve(_ a: Tensor, _ b: Tensor) throws -> Tensor {
    var (m, n, _) = try matrix(a, op: "solve", square: true)
    guard b.rank == 1 || b.rank == 2, b.shape[0] == n else {
      throw TensorError.invalidShape(
        op: "solve", expected: "a right-hand side [\(n)] or [\(n), k]", got: b.shape)
    }
    let nrhs = b.rank == 1 ? 1 : b.shape[1]
    var rhs = b.detached().scalars
    guard rhs.allSatisfy({ $0.isFinite }) else { throw TensorError.nonFiniteInput(op: "solve") }
    if n == 0 || nrhs == 0 { return try result(rhs, b.shape, like: a) }
    var pivots = [Int32](repeating: 0, count: n)
    let info = LAPACKE_dgesv(
      LAPACK_ROW_MAJOR, Int32(n), Int32(nrhs), &m, Int32(n), &pivots, &rhs, Int32(nrhs))
    if info > 0 { throw TensorError.singularMatrix(op: "solve") }
    return try result(rhs, b.shape, like: a)
  }

  /// The inverse of a square matrix.
  ///
  /// - Parameter a: `[n, n]`.
  /// - Returns: `A⁻¹`, `[n, n]`.
  /// - Throws: `TensorError.singularMatrix`; shape errors; `.nonFiniteInput`.
  /// - Complexity: O(n³). Calls `LAPACKE_dgetrf` and `LAPACKE_dgetri`.
  public static func inv(_ a: Tensor) throws -> Tensor {
    var (m, n, _) = try matrix(a, op: "inv", square: true)
    if n == 0 { return a.detached() }
    var pivots = [Int32](repeating: 0, count: n)
    var info = LAPACKE_dgetrf(LAPACK_ROW_MAJOR, Int32(n), Int32(n), &m, Int32(n), &pivots)
    if info > 0 { throw TensorError.singularMatrix(op: "inv") }
    info = LAPACKE_dgetri(LAPACK_ROW_MAJOR, Int32(n), &m, Int32(n), &pivots)
    if info > 0 { throw TensorError.singularMatrix(op: "inv") }
    return try result(m, [n, n], like: a)
  }

  /// The determinant (0 for a singular matrix, as NumPy; no error).
  ///
  /// - Parameter a: `[n, n]`.
  /// - Returns: A scalar tensor (shape `[]`).
  /// - Throws: Shape errors; `.nonFiniteInput`.
  /// - Complexity: O(n³). Calls `LAPACKE_dgetrf`; `det = ±∏ U[i, i]`.
  public static func det(_ a: Tensor) throws -> Tensor {
    var (m, n, _) = try matrix(a, op: "det", square: true)
    if n == 0 { return try result([1], [], like: a) }
    var pivots = [Int32](repeating: 0, count: n)
    let info = LAPACKE_dgetrf(LAPACK_ROW_MAJOR, Int32(n), Int32(n), &m, Int32(n), &pivots)
    if info > 0 { return try result([0], [], like: a) }
    var d = 1.0
    for i in 0..<n {
      d *= m[i * n + i]
      if pivots[i] != Int32(i + 1) { d = -d }
    }
    return try result([d], [], like: a)
  }

  /// The Cholesky factor `L` (lower triangular) with `A = L·Lᵀ`.
  ///
  /// - Parameter a: A symmetric positive-definite `[n, n]`; only the lower triangle is read.
  /// - Returns: `L`, `[n, n]`, zeros above the diagonal.
  /// - Throws: `TensorError.notPositiveDefinite` (`matrix is not positive definite in
  ///   'cholesky'`); shape errors; `.nonFiniteInput`.
  /// - Complexity: O(n³/3). Calls `LAPACKE_dpotrf`.
  public static func cholesky(_ a: Tensor) throws -> Tensor {
    var (m, n, _) = try matrix(a, op: "cholesky", square: true)
    if n == 0 { return a.detached() }
    let info = LAPACKE_dpotrf(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "L")), Int32(n), &m, Int32(n))
    if info > 0 { throw TensorError.notPositiveDefinite(op: "cholesky") }
    for i in 0..<n { for j in (i + 1)..<Swift.max(n, i + 1) { m[i * n + j] = 0 } }
    return try result(m, [n, n], like: a)
  }

  /// The reduced QR decomposition `A = Q·R` (Householder).
  ///
  /// - Parameter a: `[m, n]`.
  /// - Returns: `q` `[m, k]` with orthonormal columns and `r` `[k, n]` upper triangular,
  ///   `k = min(m, n)`. Signs follow LAPACK (as NumPy's `qr`).
  /// - Throws: Shape errors; `.nonFiniteInput`.
  /// - Complexity: O(m·n·k). Calls `LAPACKE_dgeqrf` and `LAPACKE_dorgqr`.
  public static func qr(_ a: Tensor) throws -> (q: Tensor, r: Tensor) {
    var (v, m, n) = try matrix(a, op: "qr", square: false)
    let k = Swift.min(m, n)
    if k == 0 {
      return (
        Tensor.zeros([m, 0], dtype: a.dtype.floatingResult),
        Tensor.zeros([0, n], dtype: a.dtype.floatingResult)
      )
    }
    var tau = [Double](repeating: 0, count: k)
    var info = LAPACKE_dgeqrf(LAPACK_ROW_MAJOR, Int32(m), Int32(n), &v, Int32(n), &tau)
    if info != 0 { throw TensorError.didNotConverge(op: "qr") }
    var r = [Double](repeating: 0, count: k * n)
    for i in 0..<k { for j in i..<n { r[i * n + j] = v[i * n + j] } }
    info = LAPACKE_dorgqr(LAPACK_ROW_MAJOR, Int32(m), Int32(k), Int32(k), &v, Int32(n), &tau)
    if info != 0 { throw TensorError.didNotConverge(op: "qr") }
    var q = [Double](repeating: 0, count: m * k)
    for i in 0..<m { for j in 0..<k { q[i * k + j] = v[i * n + j] } }
    return (try result(q, [m, k], like: a), try result(r, [k, n], like: a))
  }

  /// The thin singular value decomposition `A = U·diag(s)·Vᵀ`.
  ///
  /// - Parameter a: `[m, n]`.
  /// - Returns: `u` `[m, k]`, `s` `[k]` (descending, ≥ 0) and `vt` `[k, n]`, `k = min(m, n)`.
  ///   Singular vectors are unique only up to sign.
  /// - Throws: `TensorError.didNotConverge`; shape errors; `.nonFiniteInput`.
  /// - Complexity: O(m·n·k). Calls `LAPACKE_dgesdd` (divide and conquer, as NumPy).
  public static func svd(_ a: Tensor) throws -> (u: Tensor, s: Tensor, vt: Tensor) {
    var (v, m, n) = try matrix(a, op: "svd", square: false)
    let k = Swift.min(m, n)
    if k == 0 {
      let f = a.dtype.floatingResult
      return (
        Tensor.zeros([m, 0], dtype: f), Tensor.zeros([0], dtype: f), Tensor.zeros([0, n], dtype: f)
      )
    }
    var s = [Double](repeating: 0, count: k)
    var u = [Double](repeating: 0, count: m * k)
    var vt = [Double](repeating: 0, count: k * n)
    let info = LAPACKE_dgesdd(
      LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "S")), Int32(m), Int32(n), &v, Int32(n), &s, &u, Int32(k),
      &vt, Int32(n))
    if info != 0 { throw TensorError.didNotConverge(op: "svd") }
    return (
      try result(u, [m, k], like: a), try result(s, [k], like: a), try result(vt, [k, n], like: a)
    )
  }

  /// Eigenvalues and eigenvectors of a symmetric matrix (only the lower triangle is read).
  ///
  /// - Parameter a: `[n, n]`.
  /// - Returns: `values` `[n]` ascending, and `vectors` `[n, n]` whose column `i` belongs to
  ///   `values[i]` (sign is arbitrary).
  /// - Throws: `TensorError.didNotConverge`; shape errors; `.nonFiniteInput`.
  /// - Complexity: O(n³). Calls `LAPACKE_dsyevd` (as NumPy's `eigh`).
  public static func eigh(_ a: Tensor) throws -> (values: Tensor, vectors: Tensor) {
    var (m, n, _) = try matrix(a, op: "eigh", square: true)
    if n == 0 {
      return (
        Tensor.zeros([0], dtype: a.dtype.floatingResult),
        Tensor.zeros([0, 0], dtype: a.dtype.floatingResult)
      )
    }
    var w = [Double](repeating: 0, count: n)
    let info = LAPACKE_dsyevd(
      LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "V")), Int8(UInt8(ascii: "L")), Int32(n), &m, Int32(n), &w
    )
    if info != 0 { throw TensorError.didNotConverge(op: "eigh") }
    return (try result(w, [n], like: a), try result(m, [n, n], like: a))
  }

  /// The result of ``lstsq(_:_:rcond:)``.
  public struct LeastSquares: Sendable {
    /// The minimum-norm solution `x`, `[n]` or `[n, k]` like `b`.
    public var solution: Tensor
    /// Squared residual norms per column, `[k]` (or `[1]`); empty when `rank < n` or
    /// `m <= n`, as NumPy.
    public var residuals: Tensor
    /// The effective rank of `A`.
    public var rank: Int
    /// Singular values of `A`, descending, `[min(m, n)]`.
    public var singularValues: Tensor
  }

  /// Least-squares solution of `A·x ≈ b` minimising `‖b - A·x‖₂` (minimum norm when
  /// rank-deficient).
  ///
  /// - Parameters:
  ///   - a: `[m, n]`.
  ///   - b: `[m]` or `[m, k]`.
  ///   - rcond: Singular values below `rcond · s_max` count as zero; default
  ///     `ε · max(m, n)` (NumPy's default).
  /// - Throws: `TensorError.didNotConverge`; shape errors; `.nonFiniteInput`.
  /// - Complexity: O(m·n·min(m, n)). Calls `LAPACKE_dgelsd` (SVD-based, as NumPy).
  public static func lstsq(_ a: Tensor, _ b: Tensor, rcond: Double? = nil) throws -> LeastSquares {
    var (v, m, n) = try matrix(a, op: "lstsq", square: false)
    guard b.rank == 1 || b.rank == 2, b.shape[0] == m else {
      throw TensorError.invalidShape(
        op: "lstsq", expected: "a right-hand side [\(m)] or [\(m), k]", got: b.shape)
    }
    let nrhs = b.rank == 1 ? 1 : b.shape[1]
    let bv = b.detached().scalars
    guard bv.allSatisfy({ $0.isFinite }) else { throw TensorError.nonFiniteInput(op: "lstsq") }
    let rows = Swift.max(m, n)
    var work = [Double](repeating: 0, count: rows * nrhs)
    for i in 0..<m { for j in 0..<nrhs { work[i * nrhs + j] = bv[i * nrhs + j] } }
    var s = [Double](repeating: 0, count: Swift.max(Swift.min(m, n), 1))
    var rank: Int32 = 0
    let cutoff = rcond ?? Double.ulpOfOne * Double(rows)
    if m > 0 && n > 0 && nrhs > 0 {
      let info = LAPACKE_dgelsd(
        LAPACK_ROW_MAJOR, Int32(m), Int32(n), Int32(nrhs), &v, Int32(n), &work, Int32(nrhs), &s,
        cutoff, &rank)
      if info != 0 { throw TensorError.didNotConverge(op: "lstsq") }
    }
    let x = Array(work[0..<(n * nrhs)])
    var residuals: [Double] = []
    if Int(rank) == n && m > n {
      residuals = (0..<nrhs).map { j in
        (n..<m).reduce(0.0) { $0 + work[$1 * nrhs + j] * work[$1 * nrhs + j] }
      }
    }
    return LeastSquares(
      solution: try result(x, b.rank == 1 ? [n] : [n, nrhs], like: a),
      residuals: try result(residuals, [residuals.count], like: a),
      rank: Int(rank),
      singularValues: try result(Array(s.prefix(Swift.min(m, n))), [Swift.min(m, n)], like: a))
  }
}
