// MARK: - Average precision

extension Metrics {
  /// Average precision of a binary problem: `Σ (R_n - R_{n-1}) · P_n`, the step-wise
  /// area under the precision-recall curve (scikit-learn's `average_precision_score`).
  ///
  /// With no positive sample in `yTrue` recall is 1 at every threshold, the result is 0
  /// and a `MetricWarning.noPositiveSamples` is emitted.
  ///
  /// - Parameters:
  ///   - yTrue: True labels, `[nSamples]`, at most two distinct values.
  ///   - scores: Scores, higher meaning more positive, `[nSamples]`.
  ///   - positiveLabel: The positive class. Default: the larger of two labels in `yTrue`;
  ///     must be given when `yTrue` holds one label only.
  ///   - onWarning: Receives warnings.
  /// - Returns: The average precision in 0...1.
  /// - Throws: `MetricError.lengthMismatch`, `.emptyInput`, `.nonFiniteValue`,
  ///   `.positiveLabelRequired`, `.invalidPositiveLabel`, `.binaryAverageOnMulticlass`.
  public static func averagePrecision<L: Hashable & Comparable>(
    yTrue: [L], scores: [Double], positiveLabel: L? = nil,
    onWarning: (MetricWarning) -> Void = { _ in }
  ) throws -> Double {
    let positive = try binaryTargets(
      "average_precision_score", yTrue: yTrue, scores: scores, positiveLabel: positiveLabel)
    return binaryAveragePrecision(positive: positive, scores: scores, onWarning: onWarning)
  }

  static func binaryAveragePrecision(
    positive: [Bool], scores: [Double], onWarning: (MetricWarning) -> Void
  ) -> Double {
    let curve = precisionRecallCurve(positive: positive, scores: scores, onWarning: onWarning)
    var sum = 0.0
    for i in 0..<(curve.recall.count - 1) {
      sum += (curve.recall[i + 1] - curve.recall[i]) * curve.precision[i]
    }
    // Rounding can give a tiny negative or -0.0; scikit-learn clips at 0 (adding 0 turns
    // -0.0 into 0.0, which 'max' keeps).
    return max(0, -sum) + 0
  }

  /// One-vs-rest average precision of a multi-class problem from class scores
  /// (scikit-learn's `average_precision_score(label_binarize(y), p, average=...)`).
  ///
  /// With two classes this is the binary average precision of column 1 (the class
  /// `labels[1]` as positive), scikit-learn's `average_precision_score(y, p[:, 1])`;
  /// `average` is then not used.
  ///
  /// - Parameters:
  ///   - yTrue: True labels, `[nSamples]`.
  ///   - probabilities: Class scores, `[nSamples, nClasses]`; column `k` scores `labels[k]`.
  ///   - labels: The classes of the columns. Default: the sorted labels of `yTrue`.
  ///   - average: `.macro` (default), `.weighted` or `.micro`.
  ///   - onWarning: Receives warnings.
  /// - Returns: The averaged average precision in 0...1.
  /// - Throws: `MetricError.classCountMismatch`, `.labelNotInLabels`, `.lengthMismatch`,
  ///   `.emptyInput`, `.raggedScores`, `.nonFiniteValue`.
  public static func averagePrecision<L: Hashable & Comparable>(
    yTrue: [L], probabilities: [[Double]], labels: [L]? = nil,
    average: RankingAverage = .macro, onWarning: (MetricWarning) -> Void = { _ in }
  ) throws -> Double {
    let (classes, columns) = try oneVsRestColumns(
      "average_precision_score", yTrue: yTrue, probabilities: probabilities, labels: labels)
    if classes.count == 2 {
      // A binary problem: the positive class's column, as `average_precision_score(y,
      // p[:, 1])` (and as `rocAUC`); averaging both classes' AP would score a different
      // number from the one a scikit-learn user computes.
      return binaryAveragePrecision(
        positive: yTrue.map { $0 == classes[1] }, scores: columns[1], onWarning: onWarning)
    }
    return averageOneVsRest(
      yTrue: yTrue, classes: classes, columns: columns, average: average
    ) { positive, scores in
      binaryAveragePrecision(positive: positive, scores: scores, onWarning: onWarning)
    }
  }

  /// The area under the precision-recall curve by the trapezoidal rule
  /// (scikit-learn's `auc(recall, precision)` on `precision_recall_curve`). Prefer
  /// `averagePrecision`, which does not interpolate optimistically.
  ///
  /// - Parameters: as `precisionRecallCurve`.
  /// - Returns: The area in 0...1.
  /// - Throws: as `precisionRecallCurve`.
  public static func precisionRecallAUC<L: Hashable & Comparable>(
    yTrue: [L], scores: [Double], positiveLabel: L? = nil,
    onWarning: (MetricWarning) -> Void = { _ in }
  ) throws -> Double {
    let curve = try precisionRecallCurve(
      yTrue: yTrue, scores: scores, positiveLabel: positiveLabel, onWarning: onWarning)
    if curve.recall.count < 2 { return 0 }
    return try auc(x: curve.recall, y: curve.precision)
  }
}
