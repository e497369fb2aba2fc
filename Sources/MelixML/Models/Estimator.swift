/// A model's configuration: hyper-parameters set in the initializer, nothing learned.
///
/// `fit` never mutates the estimator; it returns a separate fitted value holding the
/// learned state (STYLE.md section 7), so one configuration can be fitted many times
/// and a fitted model is an immutable `Sendable` value that servers can share.
public protocol Estimator: Sendable {
  /// The target type: class labels `[Int]` for classifiers, values `[Double]` for regressors.
  associatedtype Target
  /// The learned state `fit` returns.
  associatedtype Fitted: FittedModel

  /// The model's name in messages and in Melix (`"logistic_regression"`).
  static var modelName: String { get }

  /// Learns from data.
  ///
  /// - Parameters:
  ///   - x: Features, `[nSamples, nFeatures]`, finite values.
  ///   - y: Targets, `[nSamples]`.
  /// - Returns: The fitted model.
  /// - Throws: `ModelError` for empty, ragged or non-finite input, mismatched sample
  ///   counts and invalid hyper-parameters.
  func fit(_ x: [[Double]], _ y: Target) throws -> Fitted
}

/// A model's learned state, able to predict.
public protocol FittedModel: Sendable {
  /// One prediction: a class label `Int` or a regression value `Double`.
  associatedtype Prediction

  /// The number of features seen in `fit`; prediction inputs must have as many columns.
  var featureCount: Int { get }

  /// Predicts one value per row.
  ///
  /// - Parameter x: Features, `[nSamples, featureCount]`.
  /// - Returns: Predictions, `[nSamples]`.
  /// - Throws: `ModelError.featureCountMismatch` naming both counts, `.nonFiniteValue`,
  ///   `.raggedFeatures`, `.emptyInput`.
  func predict(_ x: [[Double]]) throws -> [Prediction]
}

/// A fitted classifier that also gives class probabilities.
public protocol FittedClassifier: FittedModel where Prediction == Int {
  /// The classes seen in `fit`, sorted; the columns of `predictProbabilities`.
  var classes: [Int] { get }

  /// Class probabilities per row.
  ///
  /// - Parameter x: Features, `[nSamples, featureCount]`.
  /// - Returns: Probabilities, `[nSamples, nClasses]`, each row summing to 1, column `k`
  ///   for `classes[k]`.
  /// - Throws: as `predict`.
  func predictProbabilities(_ x: [[Double]]) throws -> [[Double]]
}

// MARK: - Evaluation

extension FittedClassifier {
  /// Scores the classifier on labelled data: every classification metric, with
  /// probabilities for ROC AUC, average precision and log-loss.
  ///
  /// - Parameters:
  ///   - x: Features, `[nSamples, featureCount]`.
  ///   - y: True class labels, `[nSamples]`.
  ///   - targetNames: Display names of `classes` for the table. Default: the labels.
  /// - Returns: The report over the fitted classes. When `y` holds a class not seen in
  ///   `fit`, the table includes it, there are no target names, and the probability metrics
  ///   (ROC AUC, average precision, log-loss) are nil: no column scores that class.
  /// - Throws: The `predict` errors and `MetricError`s.
  public func evaluate(_ x: [[Double]], _ y: [Int], targetNames: [String]? = nil) throws
    -> ClassificationReport<Int>
  {
    let probabilities = try predictProbabilities(x)
    let predictions = try predict(x)
    let unseen = Set(y).subtracting(classes)
    guard unseen.isEmpty else {
      // Columns exist only for fitted classes; a new class cannot be scored by rank.
      return try ClassificationReport(yTrue: y, yPred: predictions, targetNames: nil)
    }
    return try ClassificationReport(
      yTrue: y, yPred: predictions, probabilities: probabilities, labels: classes,
      targetNames: targetNames)
  }
}

extension FittedModel where Prediction == Double {
  /// Scores the regressor on data: every regression metric.
  ///
  /// - Parameters:
  ///   - x: Features, `[nSamples, featureCount]`.
  ///   - y: True values, `[nSamples]`.
  /// - Returns: The report.
  /// - Throws: The `predict` errors and `MetricError`s.
  public func evaluate(_ x: [[Double]], _ y: [Double]) throws -> RegressionReport {
    try RegressionReport(yTrue: y, yPred: try predict(x))
  }
}
