import MelixNumerics

/// A score where higher is better, computed from true and predicted targets (`[nSamples]`
/// each), as scikit-learn's scorers.
public enum ScoreMetric: Sendable {
  /// Fraction of exact matches (`"accuracy"`).
  case accuracy
  /// Coefficient of determination `1 − SS_res / SS_tot` (`"r2"`).
  case r2
  /// Minus the mean squared error (`"neg_mean_squared_error"`).
  case negMeanSquaredError
  /// Minus the mean absolute error (`"neg_mean_absolute_error"`).
  case negMeanAbsoluteError

  /// Looks a metric up by its scikit-learn scoring name.
  ///
  /// - Parameter name: `"accuracy"`, `"r2"`, `"neg_mean_squared_error"`, `"neg_mean_absolute_error"`.
  /// - Throws: `ExplainError.invalidArgument` for another name.
  public init(named name: String) throws {
    switch name {
    case "accuracy": self = .accuracy
    case "r2": self = .r2
    case "neg_mean_squared_error", "mse": self = .negMeanSquaredError
    case "neg_mean_absolute_error", "mae": self = .negMeanAbsoluteError
    default:
      throw ExplainError.invalidArgument(
        name: "metric", value: "'\(name)'",
        expected: "'accuracy', 'r2', 'neg_mean_squared_error' or 'neg_mean_absolute_error'")
    }
  }

  /// The score of predictions.
  ///
  /// - Parameters:
  ///   - truth: `[nSamples]`.
  ///   - predicted: `[nSamples]`.
  /// - Returns: The score, higher is better. For a constant target r2 is 1 when the
  ///   predictions are exact, else 0 (scikit-learn's convention).
  public func score(_ truth: [Double], _ predicted: [Double]) -> Double {
    let n = Double(truth.count)
    switch self {
    case .accuracy:
      return Double(zip(truth, predicted).filter { $0 == $1 }.count) / n
    case .r2:
      let mean = truth.reduce(0, +) / n
      var residual = 0.0
      var total = 0.0
      for (t, p) in zip(truth, predicted) {
        residual += (t - p) * (t - p)
        total += (t - mean) * (t - mean)
      }
      if total == 0 { return residual == 0 ? 1 : 0 }
      return 1 - residual / total
    case .negMeanSquaredError:
      return -zip(truth, predicted).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / n
    case .negMeanAbsoluteError:
      return -zip(truth, predicted).reduce(0) { $0 + abs($1.0 - $1.1) } / n
    }
  }
}

/// Permutation feature importance (Breiman 2001; scikit-learn's
/// `sklearn.inspection.permutation_importance`): how much a score drops when one feature's
/// column is shuffled, breaking its link with the target.
public struct PermutationImportance: Sendable {
  /// The score on the unshuffled data.
  public let baselineScore: Double
  /// Score drops, `[nFeatures, repeats]`: `baseline − score with column j shuffled`.
  public let importances: [[Double]]
  /// Mean drop per feature, `[nFeatures]`.
  public let importancesMean: [Double]
  /// Population standard deviation (ddof 0, as scikit-learn) per feature, `[nFeatures]`.
  public let importancesStd: [Double]
  /// Feature names, `[nFeatures]`.
  public let featureNames: [String]

  /// Computes permutation importance with seeded shuffles.
  ///
  /// As scikit-learn 1.9, every column is shuffled with the same sequence of permutations
  /// (one seed shared by the columns), each repeat shuffling the previous repeat's column.
  ///
  /// - Parameters:
  ///   - predict: The model: `[nSamples, nFeatures]` → predictions `[nSamples]`.
  ///   - x: Features, `[nSamples, nFeatures]`, finite.
  ///   - y: True targets, `[nSamples]`.
  ///   - metric: The score, higher is better.
  ///   - repeats: Shuffles per feature, ≥ 1. Default 5.
  ///   - seed: Seed of the shuffles.
  ///   - featureNames: `[nFeatures]` or empty.
  ///   - shouldStop: Polled before each model call (Ctrl-C at the REPL); true ends the work.
  /// - Throws: `ExplainError` for bad inputs or a model returning the wrong shape;
  ///   `CancellationError` once `shouldStop` returns true; anything `predict` throws.
  /// - Complexity: `nFeatures · repeats + 1` model calls on `nSamples` rows.
  public init(
    predict: ModelFunction, x: [[Double]], y: [Double], metric: ScoreMetric, repeats: Int = 5,
    seed: UInt64, featureNames: [String] = [], shouldStop: () -> Bool = { false }
  ) throws {
    guard repeats >= 1 else {
      throw ExplainError.invalidArgument(
        name: "repeats", value: "\(repeats)", expected: "at least 1")
    }
    var rng = PCG64(seed: seed)
    var index = Array(0..<x.count)
    var shuffles: [[Int]] = []
    for _ in 0..<repeats {
      for i in stride(from: index.count - 1, to: 0, by: -1) {
        index.swapAt(i, Int(rng.nextBounded(UInt64(i + 1))))
      }
      shuffles.append(index)
    }
    try self.init(
      predict: predict, x: x, y: y, metric: metric, shuffles: shuffles, featureNames: featureNames,
      shouldStop: shouldStop)
  }

  /// Computes permutation importance with given shuffles (for example the ones NumPy's
  /// `RandomState` makes inside scikit-learn, to reproduce its numbers exactly).
  ///
  /// - Parameters:
  ///   - predict: The model: `[nSamples, nFeatures]` → predictions `[nSamples]`.
  ///   - x: Features, `[nSamples, nFeatures]`, finite.
  ///   - y: True targets, `[nSamples]`.
  ///   - metric: The score, higher is better.
  ///   - shuffles: `[repeats, nSamples]`; in repeat `r` every column becomes
  ///     `column[shuffles[r]]` of its value in repeat `r − 1`.
  ///   - featureNames: `[nFeatures]` or empty.
  ///   - shouldStop: Polled before each model call, so between repeats and features (Ctrl-C
  ///     at the REPL); true ends the work.
  /// - Throws: `ExplainError` for bad inputs, a shuffle that is not a permutation, or a model
  ///   returning the wrong shape; `CancellationError` once `shouldStop` returns true;
  ///   anything `predict` throws.
  public init(
    predict: ModelFunction, x: [[Double]], y: [Double], metric: ScoreMetric, shuffles: [[Int]],
    featureNames: [String] = [], shouldStop: () -> Bool = { false }
  ) throws {
    let rows = try FeatureRows(x, input: "X")
    guard y.count == rows.rows else {
      throw ExplainError.lengthMismatch(input: "y", expected: rows.rows, got: y.count)
    }
    guard !shuffles.isEmpty else {
      throw ExplainError.invalidArgument(name: "repeats", value: "0", expected: "at least 1")
    }
    for (r, s) in shuffles.enumerated() where s.count != rows.rows || Set(s) != Set(0..<rows.rows) {
      throw ExplainError.invalidArgument(
        name: "shuffles[\(r)]", value: "not a permutation",
        expected: "a permutation of 0..<\(rows.rows)")
    }
    guard featureNames.isEmpty || featureNames.count == rows.width else {
      throw ExplainError.lengthMismatch(
        input: "feature_names", expected: rows.width, got: featureNames.count)
    }
    func score(_ values: [Double]) throws -> Double {
      if shouldStop() { throw CancellationError() }
      let out = try evaluateModel(predict, values, rows: rows.rows, width: rows.width)
      guard out.outputs == 1 else {
        throw ExplainError.badModelOutput(expectedRows: rows.rows, got: [rows.rows, out.outputs])
      }
      return metric.score(y, out.values)
    }
    let baseline = try score(rows.values)
    var importances: [[Double]] = []
    for j in 0..<rows.width {
      var permuted = rows.values
      var drops: [Double] = []
      for s in shuffles {
        let column = (0..<rows.rows).map { permuted[$0 * rows.width + j] }
        for i in 0..<rows.rows { permuted[i * rows.width + j] = column[s[i]] }
        drops.append(baseline - (try score(permuted)))
      }
      importances.append(drops)
    }
    self.baselineScore = baseline
    self.importances = importances
    self.importancesMean = importances.map { $0.reduce(0, +) / Double($0.count) }
    self.importancesStd = zip(importances, importancesMean).map { drops, mean in
      (drops.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(drops.count)).squareRoot()
    }
    self.featureNames = featureNames.isEmpty ? (0..<rows.width).map { "x\($0)" } : featureNames
  }
}
