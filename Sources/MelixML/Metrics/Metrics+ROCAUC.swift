/// How per-class one-vs-rest ranking scores are combined, as scikit-learn's `average`.
public enum RankingAverage: Equatable, Sendable {
  /// The unweighted mean over classes.
  case macro
  /// The mean weighted by each class's number of true samples.
  case weighted
  /// One binary problem over all (sample, class) pairs.
  case micro
}

// MARK: - ROC AUC

extension Metrics {
  /// The area under the ROC curve of a binary problem (scikit-learn's `roc_auc_score`).
  ///
  /// When `yTrue` holds one class only the area is undefined: like scikit-learn 1.9
  /// this returns NaN and emits `MetricWarning.onlyOneClass` (it does not throw).
  ///
  /// - Parameters:
  ///   - yTrue: True labels, `[nSamples]`, at most two distinct values.
  ///   - scores: Scores, higher meaning more positive, `[nSamples]`.
  ///   - positiveLabel: The positive class. Default: the larger of the two labels.
  ///   - onWarning: Receives warnings.
  /// - Returns: The area in 0...1, or NaN with one class.
  /// - Throws: `MetricError.lengthMismatch`, `.emptyInput`, `.nonFiniteValue`,
  ///   `.binaryAverageOnMulticlass` for more than two labels (use the matrix overload),
  ///   `.invalidPositiveLabel`.
  public static func rocAUC<L: Hashable & Comparable>(
    yTrue: [L], scores: [Double], positiveLabel: L? = nil,
    onWarning: (MetricWarning) -> Void = { _ in }
  ) throws -> Double {
    let metric = "roc_auc_score"
    try checkPaired(metric, yTrue.count, scores.count)
    try checkFinite(metric, "scores", scores)
    let present = sortedLabels(yTrue)
    if present.count > 2 {
      throw MetricError.binaryAverageOnMulticlass(metric: metric, labelCount: present.count)
    }
    if present.count < 2 {
      onWarning(.onlyOneClass(metric: metric))
      return .nan
    }
    let positive = try positive(metric, yTrue: yTrue, positiveLabel: positiveLabel)
    return binaryROCAUC(
      positive: yTrue.map { $0 == positive }, scores: scores, onWarning: onWarning)
  }

  static func binaryROCAUC(
    positive: [Bool], scores: [Double], onWarning: (MetricWarning) -> Void
  ) -> Double {
    guard positive.contains(true), positive.contains(false) else {
      onWarning(.onlyOneClass(metric: "roc_auc_score"))
      return .nan
    }
    let curve = rocCurve(
      positive: positive, scores: scores, dropIntermediate: true, onWarning: onWarning)
    return trapezoid(x: curve.falsePositiveRate, y: curve.truePositiveRate)
  }

  /// One-vs-rest ROC AUC of a multi-class problem from class probabilities
  /// (scikit-learn's `roc_auc_score(multi_class="ovr")`).
  ///
  /// Column `k` of `probabilities` is the probability of `labels[k]`. With two classes
  /// this is the binary ROC AUC of column 1 (the larger label as positive class).
  ///
  /// - Parameters:
  ///   - yTrue: True labels, `[nSamples]`.
  ///   - probabilities: Class probabilities, `[nSamples, nClasses]`, rows summing to 1
  ///     (checked as NumPy's `allclose`: |sum - 1| <= 1e-8 + 1e-5·|sum|).
  ///   - labels: The classes of the columns, sorted. Default: the sorted labels of `yTrue`.
  ///   - average: `.macro` (default), `.weighted` by class prevalence, or `.micro`.
  ///   - onWarning: Receives warnings (a class absent from `yTrue` has a NaN AUC).
  /// - Returns: The averaged area in 0...1.
  /// - Throws: `MetricError.classCountMismatch` when the columns do not match the classes,
  ///   `.probabilitiesDoNotSumToOne`, `.labelNotInLabels`, `.lengthMismatch`,
  ///   `.emptyInput`, `.raggedScores`, `.nonFiniteValue`.
  public static func rocAUC<L: Hashable & Comparable>(
    yTrue: [L], probabilities: [[Double]], labels: [L]? = nil, average: RankingAverage = .macro,
    onWarning: (MetricWarning) -> Void = { _ in }
  ) throws -> Double {
    let metric = "roc_auc_score"
    let (classes, columns) = try oneVsRestColumns(
      metric, yTrue: yTrue, probabilities: probabilities, labels: labels)
    if classes.count == 2 {
      return binaryROCAUC(
        positive: yTrue.map { $0 == classes[1] }, scores: columns[1], onWarning: onWarning)
    }
    for (row, p) in probabilities.enumerated() {
      let sum = p.reduce(0, +)
      if abs(sum - 1) > 1e-8 + 1e-5 * abs(sum) {
        throw MetricError.probabilitiesDoNotSumToOne(metric: metric, row: row, sum: sum)
      }
    }
    return averageOneVsRest(
      yTrue: yTrue, classes: classes, columns: columns, average: average
    ) { positive, scores in
      binaryROCAUC(positive: positive, scores: scores, onWarning: onWarning)
    }
  }

  /// Validates a probability matrix against the classes and returns the classes and
  /// the matrix's columns.
  static func oneVsRestColumns<L: Hashable & Comparable>(
    _ metric: String, yTrue: [L], probabilities: [[Double]], labels: [L]?
  ) throws -> (classes: [L], columns: [[Double]]) {
    try checkPaired(metric, yTrue.count, probabilities.count)
    let classes: [L]
    if let labels {
      guard Set(labels).count == labels.count else {
        throw MetricError.duplicateLabels(metric: metric)
      }
      let known = Set(labels)
      if let stray = yTrue.first(where: { !known.contains($0) }) {
        throw MetricError.labelNotInLabels(metric: metric, label: "\(stray)")
      }
      classes = labels
    } else {
      classes = sortedLabels(yTrue)
    }
    _ = try checkMatrix(metric, probabilities, columns: classes.count)
    let columns = (0..<classes.count).map { k in probabilities.map { $0[k] } }
    return (classes, columns)
  }

  /// Averages a binary ranking metric over one-vs-rest problems, as scikit-learn's
  /// `_average_binary_score`.
  static func averageOneVsRest<L: Hashable>(
    yTrue: [L], classes: [L], columns: [[Double]], average: RankingAverage,
    metric: ([Bool], [Double]) -> Double
  ) -> Double {
    if average == .micro {
      var positive: [Bool] = []
      var scores: [Double] = []
      for i in yTrue.indices {
        for (k, label) in classes.enumerated() {
          positive.append(yTrue[i] == label)
          scores.append(columns[k][i])
        }
      }
      return metric(positive, scores)
    }
    var values: [Double] = []
    var weights: [Double] = []
    for (k, label) in classes.enumerated() {
      let positive = yTrue.map { $0 == label }
      values.append(metric(positive, columns[k]))
      weights.append(Double(positive.filter { $0 }.count))
    }
    if average == .macro { return values.reduce(0, +) / Double(values.count) }
    let total = weights.reduce(0, +)
    if total == 0 { return 0 }
    // A class with weight 0 counts as 0 so its NaN does not spread (as scikit-learn).
    return zip(values, weights).reduce(0.0) { $0 + ($1.1 == 0 ? 0 : $1.0 * $1.1) } / total
  }
}
