/// A dense row-major matrix of `Float64` used inside the models: `values[i * cols + j]`
/// is row `i`, column `j`.
///
/// The models multiply through MelixNumerics (BLAS, LAPACK; see `DenseMatrix+BLAS.swift`).
/// The plain-loop products and Cholesky solve below are the obviously correct references
/// those fast paths are tested against (STYLE.md section 9); models do not call them.
struct DenseMatrix: Equatable, Sendable {
  var rows: Int
  var cols: Int
  var values: [Double]

  init(rows: Int, cols: Int, values: [Double]) {
    precondition(
      values.count == rows * cols, "DenseMatrix: \(values.count) values for [\(rows), \(cols)]")
    self.rows = rows
    self.cols = cols
    self.values = values
  }

  init(zeros rows: Int, _ cols: Int) {
    self.init(rows: rows, cols: cols, values: Array(repeating: 0, count: rows * cols))
  }

  subscript(i: Int, j: Int) -> Double {
    get { values[i * cols + j] }
    set { values[i * cols + j] = newValue }
  }

  func row(_ i: Int) -> ArraySlice<Double> { values[(i * cols)..<((i + 1) * cols)] }

  /// `self · other`: `[m, k] × [k, n] → [m, n]`.
  func referenceTimes(_ other: DenseMatrix) -> DenseMatrix {
    precondition(cols == other.rows, "matmul needs [m, k] × [k, n]")
    var out = DenseMatrix(zeros: rows, other.cols)
    for i in 0..<rows {
      for p in 0..<cols {
        let a = values[i * cols + p]
        if a == 0 { continue }
        let base = p * other.cols
        let outBase = i * other.cols
        for j in 0..<other.cols { out.values[outBase + j] += a * other.values[base + j] }
      }
    }
    return out
  }

  /// `selfᵀ · other`: `[k, m]ᵀ × [k, n] → [m, n]`.
  func referenceTransposedTimes(_ other: DenseMatrix) -> DenseMatrix {
    precondition(rows == other.rows, "matmul needs [k, m]ᵀ × [k, n]")
    var out = DenseMatrix(zeros: cols, other.cols)
    for p in 0..<rows {
      for i in 0..<cols {
        let a = values[p * cols + i]
        if a == 0 { continue }
        let base = p * other.cols
        let outBase = i * other.cols
        for j in 0..<other.cols { out.values[outBase + j] += a * other.values[base + j] }
      }
    }
    return out
  }

  /// `self · otherᵀ`: `[m, k] × [n, k]ᵀ → [m, n]`.
  func referenceTimesTransposed(_ other: DenseMatrix) -> DenseMatrix {
    precondition(cols == other.cols, "matmul needs [m, k] × [n, k]ᵀ")
    var out = DenseMatrix(zeros: rows, other.rows)
    for i in 0..<rows {
      for j in 0..<other.rows {
        var sum = 0.0
        for p in 0..<cols { sum += values[i * cols + p] * other.values[j * cols + p] }
        out.values[i * other.rows + j] = sum
      }
    }
    return out
  }

  /// Solves `self · x = b` for a symmetric positive-definite `self` by Cholesky
  /// factorisation `L·Lᵀ` (Golub & Van Loan, Algorithm 4.2.1); `b` is `[n, nRhs]`.
  /// Returns nil when the matrix is not numerically positive definite: a pivot at most
  /// `1e-12` times its diagonal entry means that column is a linear combination of the
  /// earlier ones to about 12 digits.
  func referenceCholeskySolve(_ b: DenseMatrix) -> DenseMatrix? {
    precondition(rows == cols && b.rows == rows, "cholesky needs a square [n, n] and [n, k]")
    let n = rows
    var l = DenseMatrix(zeros: n, n)
    for j in 0..<n {
      var diagonal = self[j, j]
      for k in 0..<j { diagonal -= l[j, k] * l[j, k] }
      guard diagonal > 1e-12 * abs(self[j, j]), diagonal.isFinite else { return nil }
      let pivot = diagonal.squareRoot()
      l[j, j] = pivot
      for i in (j + 1)..<max(n, j + 1) {
        var sum = self[i, j]
        for k in 0..<j { sum -= l[i, k] * l[j, k] }
        l[i, j] = sum / pivot
      }
    }
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
