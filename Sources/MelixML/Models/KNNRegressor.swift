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
