import MelixNumerics

/// The models' fast paths: products on BLAS and the Cholesky factorisation on LAPACK,
/// through MelixNumerics (MelixML makes no C calls itself).
extension DenseMatrix {
  /// Packs a rank-2 tensor (any numeric dtype) as `Float64` rows.
  init(_ tensor: Tensor) {
    precondition(tensor.rank == 2, "DenseMatrix needs a rank-2 tensor")
    self.init(rows: tensor.shape[0], cols: tensor.shape[1], values: tensor.scalars)
  }

  /// The matrix as a `float64` tensor `[rows, cols]`.
  var tensor: Tensor {
    do {
      return try Tensor(shape: [rows, cols], scalars: values)
    } catch {
      // `values.count == rows * cols` is checked in `init`.
      preconditionFailure("DenseMatrix invariant broken: \(error)")
    }
  }

  /// `lhs · rhs` on BLAS (`cblas_dgemm` via `Tensor.matmul`); transposed views are
  /// passed as BLAS transpose flags, not copied.
  static func product(_ lhs: Tensor, _ rhs: Tensor) -> DenseMatrix {
    do {
      return DenseMatrix(try lhs.matmul(rhs))
    } catch {
      // Call sites pass shapes that agree by construction.
      preconditionFailure("matmul of \(lhs.shape) and \(rhs.shape): \(error)")
    }
  }

  /// `self · other`: `[m, k] × [k, n] → [m, n]`.
  func times(_ other: DenseMatrix) -> DenseMatrix { Self.product(tensor, other.tensor) }

  /// `selfᵀ · other`: `[k, m]ᵀ × [k, n] → [m, n]`.
  func transposedTimes(_ other: DenseMatrix) -> DenseMatrix {
    Self.product(tensor.transposed, other.tensor)
  }

  /// `self · otherᵀ`: `[m, k] × [n, k]ᵀ → [m, n]`.
  func timesTransposed(_ other: DenseMatrix) -> DenseMatrix {
    Self.product(tensor, other.tensor.transposed)
  }

  /// Solves `self · x = b` for a symmetric positive-definite `self`, `b` `[n, nRhs]`:
  /// `L·Lᵀ` from LAPACK (`Linalg.cholesky`, `dpotrf`), then forward and back substitution.
  /// Returns nil when the matrix is not numerically positive definite: LAPACK fails, or a
  /// squared pivot is at most `1e-12` times its diagonal entry (that column is a linear
  /// combination of the earlier ones to about 12 digits).
  func choleskySolve(_ b: DenseMatrix) -> DenseMatrix? {
    precondition(rows == cols && b.rows == rows, "cholesky needs a square [n, n] and [n, k]")
    let n = rows
    guard let factor = try? Linalg.cholesky(tensor) else { return nil }
    let l = DenseMatrix(factor)
    for j in 0..<n where !(l[j, j] * l[j, j] > 1e-12 * abs(self[j, j])) { return nil }
    var x = b
    for c in 0..<b.cols {
      for i in 0..<n {  // forward: L·z = b
        var sum = x[i, c]
        for k in 0..<i { sum -= l[i, k] * x[k, c] }
        x[i, c] = sum / l[i, i]
      }
      for i in stride(from: n - 1, through: 0, by: -1) {  // backward: Lᵀ·x = z
        var sum = x[i, c]
        for k in (i + 1)..<max(n, i + 1) { sum -= l[k, i] * x[k, c] }
        x[i, c] = sum / l[i, i]
      }
    }
    return x
  }
}
