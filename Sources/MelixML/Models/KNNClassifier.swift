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
