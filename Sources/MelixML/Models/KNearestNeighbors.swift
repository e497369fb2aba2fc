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

/// k-nearest-neighbours classification (`knn(k:)` in Melix on a classification dataset).
///
/// Predicts the majority class among the `k` nearest training samples (uniform weights);
/// a tie between classes goes to the smallest class label, as scikit-learn's
/// `KNeighborsClassifier` (argmax of the class frequencies).
///
/// ```
/// let model = knn(k: 5)
/// train(model, iris_train)
/// evaluate(model, iris_test).accuracy
/// ```
public struct KNNClassifier: Estimator {
  /// The model's name in messages and in Melix.
  public static let modelName = "knn"

  /// The number of neighbours, >= 1.
  public let k: Int

  /// Creates the configuration.
  ///
  /// - Parameter k: The number of neighbours, >= 1 and at most the training size.
  public init(k: Int = 5) {
    self.k = k
  }

  /// Stores the training data.
  ///
  /// - Parameters:
  ///   - x: Features, `[nSamples, nFeatures]`.
  ///   - y: Class labels, `[nSamples]`.
  /// - Returns: The fitted model.
  /// - Throws: `ModelError.invalidHyperparameter` unless `1 <= k <= nSamples`, and the
  ///   input errors of `Estimator.fit`.
  public func fit(_ x: [[Double]], _ y: [Int]) throws -> FittedKNNClassifier {
    let matrix = try Inputs.matrix(x, model: Self.modelName)
    try Inputs.checkSampleCount(Self.modelName, matrix.rows, y.count)
    try checkNeighborCount(k, samples: matrix.rows)
    return FittedKNNClassifier(
      k: k, search: NeighborSearch(matrix), labels: y, classes: Array(Set(y)).sorted())
  }
}

func checkNeighborCount(_ k: Int, samples: Int) throws {
  guard k >= 1, k <= samples else {
    throw ModelError.invalidHyperparameter(
      model: KNNClassifier.modelName, name: "k", value: "\(k)",
      expected: "an integer in 1...\(samples) (the number of training samples)")
  }
}

/// A fitted k-nearest-neighbours classifier: the training data and `k`.
public struct FittedKNNClassifier: FittedClassifier, Equatable {
  /// The number of neighbours.
  public let k: Int
  let search: NeighborSearch
  let labels: [Int]
  /// The classes seen in `fit`, sorted.
  public let classes: [Int]

  /// The number of features seen in `fit`.
  public var featureCount: Int { search.train.cols }

  /// The stored training features, `[nTrain, nFeatures]` (for saving a checkpoint).
  public var trainingFeatures: [[Double]] {
    (0..<search.train.rows).map { Array(search.train.row($0)) }
  }

  /// The stored training labels, `[nTrain]`.
  public var trainingLabels: [Int] { labels }

  /// Rebuilds a fitted model from stored training data (for example a loaded checkpoint);
  /// equivalent to `KNNClassifier(k: k).fit(trainingFeatures, trainingLabels)`.
  ///
  /// - Parameters:
  ///   - k: The number of neighbours.
  ///   - trainingFeatures: `[nTrain, nFeatures]`.
  ///   - trainingLabels: `[nTrain]`.
  /// - Throws: as `KNNClassifier.fit`.
  public init(k: Int, trainingFeatures: [[Double]], trainingLabels: [Int]) throws {
    self = try KNNClassifier(k: k).fit(trainingFeatures, trainingLabels)
  }

  init(k: Int, search: NeighborSearch, labels: [Int], classes: [Int]) {
    self.k = k
    self.search = search
    self.labels = labels
    self.classes = classes
  }

  /// The fraction of the `k` neighbours in each class.
  ///
  /// - Parameter x: Features, `[nSamples, nFeatures]`.
  /// - Returns: `[nSamples, nClasses]`, multiples of `1/k`.
  /// - Throws: `ModelError.featureCountMismatch` naming both counts, and input errors.
  /// - Complexity: O(nSamples · nTrain · (nFeatures + log nTrain)).
  public func predictProbabilities(_ x: [[Double]]) throws -> [[Double]] {
    let queries = try Inputs.matrix(
      x, model: KNNClassifier.modelName, expectedColumns: featureCount)
    var column: [Int: Int] = [:]
    for (c, label) in classes.enumerated() { column[label] = c }
    return search.nearest(queries, k: k).map { neighbours in
      var counts = Array(repeating: 0.0, count: classes.count)
      for j in neighbours { counts[column[labels[j]] ?? 0] += 1 }
      return counts.map { $0 / Double(k) }
    }
  }

  /// The majority class of the `k` neighbours (smallest label on a tie).
  ///
  /// - Parameter x: Features, `[nSamples, nFeatures]`.
  /// - Returns: Class labels, `[nSamples]`.
  /// - Throws: as `predictProbabilities`.
  public func predict(_ x: [[Double]]) throws -> [Int] {
    try predictProbabilities(x).map { p in
      var best = 0
      for c in p.indices where p[c] > p[best] { best = c }
      return classes[best]
    }
  }
}

/// k-nearest-neighbours regression (`knn(k:)` in Melix on a regression dataset):
/// the mean target of the `k` nearest training samples (scikit-learn's
/// `KNeighborsRegressor` with uniform weights).
public struct KNNRegressor: Estimator {
  /// The model's name in messages and in Melix.
  public static let modelName = "knn"

  /// The number of neighbours, >= 1.
  public let k: Int

  /// Creates the configuration.
  ///
  /// - Parameter k: The number of neighbours, >= 1 and at most the training size.
  public init(k: Int = 5) {
    self.k = k
  }

  /// Stores the training data.
  ///
  /// - Parameters:
  ///   - x: Features, `[nSamples, nFeatures]`.
  ///   - y: Targets, `[nSamples]`.
  /// - Returns: The fitted model.
  /// - Throws: `ModelError.invalidHyperparameter` unless `1 <= k <= nSamples`, and the
  ///   input errors of `Estimator.fit`.
  public func fit(_ x: [[Double]], _ y: [Double]) throws -> FittedKNNRegressor {
    let matrix = try Inputs.matrix(x, model: Self.modelName)
    try Inputs.checkSampleCount(Self.modelName, matrix.rows, y.count)
    try Inputs.checkFinite(Self.modelName, y)
    try checkNeighborCount(k, samples: matrix.rows)
    return FittedKNNRegressor(k: k, search: NeighborSearch(matrix), targets: y)
  }
}

/// A fitted k-nearest-neighbours regressor: the training data and `k`.
public struct FittedKNNRegressor: FittedModel, Equatable {
  /// The number of neighbours.
  public let k: Int
  let search: NeighborSearch
  let targets: [Double]

  /// The number of features seen in `fit`.
  public var featureCount: Int { search.train.cols }

  /// The stored training features, `[nTrain, nFeatures]` (for saving a checkpoint).
  public var trainingFeatures: [[Double]] {
    (0..<search.train.rows).map { Array(search.train.row($0)) }
  }

  /// The stored training targets, `[nTrain]`.
  public var trainingTargets: [Double] { targets }

  /// Rebuilds a fitted model from stored training data (for example a loaded checkpoint);
  /// equivalent to `KNNRegressor(k: k).fit(trainingFeatures, trainingTargets)`.
  ///
  /// - Parameters:
  ///   - k: The number of neighbours.
  ///   - trainingFeatures: `[nTrain, nFeatures]`.
  ///   - trainingTargets: `[nTrain]`.
  /// - Throws: as `KNNRegressor.fit`.
  public init(k: Int, trainingFeatures: [[Double]], trainingTargets: [Double]) throws {
    self = try KNNRegressor(k: k).fit(trainingFeatures, trainingTargets)
  }

  init(k: Int, search: NeighborSearch, targets: [Double]) {
    self.k = k
    self.search = search
    self.targets = targets
  }

  /// The mean target of the `k` nearest training samples.
  ///
  /// - Parameter x: Features, `[nSamples, nFeatures]`.
  /// - Returns: Predictions, `[nSamples]`, in target units.
  /// - Throws: `ModelError.featureCountMismatch` naming both counts, and input errors.
  public func predict(_ x: [[Double]]) throws -> [Double] {
    let queries = try Inputs.matrix(x, model: KNNRegressor.modelName, expectedColumns: featureCount)
    return search.nearest(queries, k: k).map { neighbours in
      neighbours.reduce(0.0) { $0 + targets[$1] } / Double(k)
    }
  }
}
