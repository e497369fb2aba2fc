import MelixNumerics

/// The `k` nearest training rows of each query row by Euclidean distance.
///
/// All pairwise squared distances are first computed as `‖a‖² + ‖b‖² - 2·a·b` (one matrix
/// product). That formula rounds, which turns exact ties (common in data recorded to one
/// decimal, like iris) into arbitrary orderings; so the rows within a rounding margin of
/// the `k`-th distance are re-measured exactly as `Σ (a - b)²`, then ordered by exact
/// distance and, on a tie, by the lower training index. This reproduces scikit-learn's
/// `KNeighborsClassifier` (its tree searches measure exactly and keep the earlier row).
struct NeighborSearch: Sendable, Equatable {
  let train: DenseMatrix
  /// `train` as a tensor, converted once for the BLAS product of every query batch.
  let trainTensor: Tensor
  let trainNorms: [Double]
  let largestNorm: Double

  init(_ train: DenseMatrix) {
    self.train = train
    trainTensor = train.tensor
    trainNorms = (0..<train.rows).map { i in train.row(i).reduce(0) { $0 + $1 * $1 } }
    largestNorm = trainNorms.max() ?? 0
  }

  /// Indices of the `k` nearest training rows per query row, nearest first.
  func nearest(_ queries: DenseMatrix, k: Int) -> [[Int]] {
    var result: [[Int]] = []
    result.reserveCapacity(queries.rows)
    var approximate = Array(repeating: 0.0, count: train.rows)
    // Queries go in blocks so the [block, nTrain] product stays small and cache-warm.
    let block = 256
    for first in stride(from: 0, to: queries.rows, by: block) {
      let last = min(first + block, queries.rows)
      let chunk = DenseMatrix(
        rows: last - first, cols: queries.cols,
        values: Array(queries.values[(first * queries.cols)..<(last * queries.cols)]))
      let products = DenseMatrix.product(chunk.tensor, trainTensor.transposed)  // [block, nTrain]
      for i in 0..<chunk.rows {
        let query = chunk.row(i)
        let queryNorm = query.reduce(0) { $0 + $1 * $1 }
        let base = i * train.rows
        for j in 0..<train.rows {
          approximate[j] = max(0, queryNorm + trainNorms[j] - 2 * products.values[base + j])
        }
        let kth = NeighborSearch.kthSmallest(approximate, k)
        // A generous bound on the rounding of the formula above (a few ulps per term).
        let margin = 8 * Double(train.cols + 2) * Double.ulpOfOne * (queryNorm + largestNorm)
        var candidates: [(distance: Double, index: Int)] = []
        for j in 0..<train.rows where approximate[j] <= kth + margin {
          var exact = 0.0
          for (a, b) in zip(query, train.row(j)) { exact += (a - b) * (a - b) }
          candidates.append((exact, j))
        }
        candidates.sort {
          $0.distance != $1.distance ? $0.distance < $1.distance : $0.index < $1.index
        }
        result.append(candidates.prefix(k).map(\.index))
      }
    }
    return result
  }

  /// The `k`-th smallest value (1-based), keeping the `k` smallest in a sorted buffer:
  /// O(n·k), faster than sorting for the small `k` of nearest neighbours.
  static func kthSmallest(_ values: [Double], _ k: Int) -> Double {
    var smallest: [Double] = []
    smallest.reserveCapacity(k + 1)
    for value in values {
      if smallest.count == k, let last = smallest.last, value >= last { continue }
      var position = smallest.count
      while position > 0 && smallest[position - 1] > value { position -= 1 }
      smallest.insert(value, at: position)
      if smallest.count > k { smallest.removeLast() }
    }
    return smallest[k - 1]
  }

  static func == (lhs: NeighborSearch, rhs: NeighborSearch) -> Bool { lhs.train == rhs.train }
}
