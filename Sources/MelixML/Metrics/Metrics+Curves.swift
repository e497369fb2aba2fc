/// Points of a ROC curve, as scikit-learn's `roc_curve`.
public struct ROCCurve: Equatable, Sendable {
  /// False-positive rate at each threshold, increasing from 0 to 1 (NaN with no negatives).
  public var falsePositiveRate: [Double]
  /// True-positive rate at each threshold, increasing from 0 to 1 (NaN with no positives).
  public var truePositiveRate: [Double]
  /// Decreasing score thresholds; the first is `+infinity` so the curve starts at (0, 0).
  public var thresholds: [Double]
}

/// Points of a precision-recall curve, as scikit-learn's `precision_recall_curve`.
public struct PrecisionRecallCurve: Equatable, Sendable {
  /// Precision per threshold, with a final 1 for recall 0.
  public var precision: [Double]
  /// Recall per threshold, decreasing, with a final 0.
  public var recall: [Double]
  /// Increasing score thresholds (one fewer than `precision`).
  public var thresholds: [Double]
}

// MARK: - Curves

extension Metrics {
  /// Counts of false and true positives at each distinct threshold, scores sorted
  /// decreasing (scikit-learn's `confusion_matrix_at_thresholds`).
  static func thresholdCounts(positive: [Bool], scores: [Double])
    -> (fps: [Double], tps: [Double], thresholds: [Double])
  {
    // A stable sort keeps tied scores in input order; ties share one threshold anyway.
    let order = scores.indices.sorted { scores[$0] > scores[$1] }
    var fps: [Double] = []
    var tps: [Double] = []
    var thresholds: [Double] = []
    var tp = 0.0
    for (k, i) in order.enumerated() {
      if positive[i] { tp += 1 }
      let isLast = k == order.count - 1
      if isLast || scores[order[k + 1]] != scores[i] {
        tps.append(tp)
        fps.append(Double(k + 1) - tp)
        thresholds.append(scores[i])
      }
    }
    return (fps, tps, thresholds)
  }

  /// Resolves the positive label of a binary ranking metric: the given one, else the
  /// larger of the labels in `yTrue`.
  static func positive<L: Hashable & Comparable>(
    _ metric: String, yTrue: [L], positiveLabel: L?
  ) throws -> L {
    let present = sortedLabels(yTrue)
    if let positiveLabel {
      if present.count == 2 && !present.contains(positiveLabel) {
        throw MetricError.invalidPositiveLabel(
          metric: metric, label: "\(positiveLabel)", present: present.map { "\($0)" })
      }
      return positiveLabel
    }
    guard present.count == 2, let last = present.last else {
      if present.count > 2 {
        throw MetricError.binaryAverageOnMulticlass(metric: metric, labelCount: present.count)
      }
      throw MetricError.positiveLabelRequired(metric: metric)
    }
    return last
  }

  /// Checks the inputs of a binary ranking metric (paired, non-empty, finite scores, a
  /// positive label) and marks each sample positive or not.
  static func binaryTargets<L: Hashable & Comparable>(
    _ metric: String, yTrue: [L], scores: [Double], positiveLabel: L?
  ) throws -> [Bool] {
    try checkPaired(metric, yTrue.count, scores.count)
    try checkFinite(metric, "scores", scores)
    let positive = try positive(metric, yTrue: yTrue, positiveLabel: positiveLabel)
    return yTrue.map { $0 == positive }
  }

  /// The receiver operating characteristic curve of a binary problem.
  ///
  /// - Parameters:
  ///   - yTrue: True labels, `[nSamples]`, at most two distinct values.
  ///   - scores: Scores, higher meaning more positive (probabilities or decision values),
  ///     `[nSamples]`.
  ///   - positiveLabel: The positive class. Default: the larger of the two labels.
  ///   - dropIntermediate: Drop thresholds that lie on a straight segment of the curve.
  ///   - onWarning: Receives `.noPositiveSamples` / `.noNegativeSamples`.
  /// - Returns: The curve, `[nThresholds + 1]` points.
  /// - Throws: `MetricError.lengthMismatch`, `.emptyInput`, `.nonFiniteValue`,
  ///   `.positiveLabelRequired`, `.invalidPositiveLabel`.
  public static func rocCurve<L: Hashable & Comparable>(
    yTrue: [L], scores: [Double], positiveLabel: L? = nil, dropIntermediate: Bool = true,
    onWarning: (MetricWarning) -> Void = { _ in }
  ) throws -> ROCCurve {
    let positive = try binaryTargets(
      "roc_curve", yTrue: yTrue, scores: scores, positiveLabel: positiveLabel)
    return rocCurve(
      positive: positive, scores: scores,
      dropIntermediate: dropIntermediate, onWarning: onWarning)
  }

  static func rocCurve(
    positive: [Bool], scores: [Double], dropIntermediate: Bool,
    onWarning: (MetricWarning) -> Void
  ) -> ROCCurve {
    var (fps, tps, thresholds) = thresholdCounts(positive: positive, scores: scores)
    if dropIntermediate && fps.count > 2 {
      // Keep a point only where the second difference of fps or tps is non-zero: the
      // dropped points lie on straight segments and do not change the area.
      var keep = [0]
      for i in 1..<(fps.count - 1) {
        let d2f = fps[i + 1] - 2 * fps[i] + fps[i - 1]
        let d2t = tps[i + 1] - 2 * tps[i] + tps[i - 1]
        if d2f != 0 || d2t != 0 { keep.append(i) }
      }
      keep.append(fps.count - 1)
      fps = keep.map { fps[$0] }
      tps = keep.map { tps[$0] }
      thresholds = keep.map { thresholds[$0] }
    }
    fps.insert(0, at: 0)
    tps.insert(0, at: 0)
    thresholds.insert(.infinity, at: 0)
    let negatives = fps[fps.count - 1]
    let positives = tps[tps.count - 1]
    if negatives <= 0 { onWarning(.noNegativeSamples(metric: "roc_curve")) }
    if positives <= 0 { onWarning(.noPositiveSamples(metric: "roc_curve")) }
    return ROCCurve(
      falsePositiveRate: fps.map { negatives > 0 ? $0 / negatives : .nan },
      truePositiveRate: tps.map { positives > 0 ? $0 / positives : .nan },
      thresholds: thresholds)
  }

  /// The precision-recall curve of a binary problem.
  ///
  /// - Parameters:
  ///   - yTrue: True labels, `[nSamples]`.
  ///   - scores: Scores, higher meaning more positive, `[nSamples]`.
  ///   - positiveLabel: The positive class. Default: the larger of two labels in `yTrue`;
  ///     must be given when `yTrue` holds one label only.
  ///   - onWarning: Receives `.noPositiveSamples` (recall is then 1 at every threshold).
  /// - Returns: The curve, recall decreasing to 0.
  /// - Throws: `MetricError.lengthMismatch`, `.emptyInput`, `.nonFiniteValue`,
  ///   `.positiveLabelRequired`, `.invalidPositiveLabel`.
  public static func precisionRecallCurve<L: Hashable & Comparable>(
    yTrue: [L], scores: [Double], positiveLabel: L? = nil,
    onWarning: (MetricWarning) -> Void = { _ in }
  ) throws -> PrecisionRecallCurve {
    let positive = try binaryTargets(
      "precision_recall_curve", yTrue: yTrue, scores: scores, positiveLabel: positiveLabel)
    return precisionRecallCurve(positive: positive, scores: scores, onWarning: onWarning)
  }

  static func precisionRecallCurve(
    positive: [Bool], scores: [Double], onWarning: (MetricWarning) -> Void
  ) -> PrecisionRecallCurve {
    let (fps, tps, thresholds) = thresholdCounts(positive: positive, scores: scores)
    let precision = zip(tps, fps).map { tp, fp in tp + fp != 0 ? tp / (tp + fp) : 0 }
    let positives = tps[tps.count - 1]
    let recall: [Double]
    if positives == 0 {
      onWarning(.noPositiveSamples(metric: "precision_recall_curve"))
      recall = Array(repeating: 1, count: tps.count)
    } else {
      recall = tps.map { $0 / positives }
    }
    return PrecisionRecallCurve(
      precision: precision.reversed() + [1], recall: recall.reversed() + [0],
      thresholds: thresholds.reversed())
  }

  /// The area under a curve by the trapezoidal rule (scikit-learn's `auc`).
  ///
  /// - Parameters:
  ///   - x: Monotonic x coordinates (increasing or decreasing), `[nPoints]`.
  ///   - y: y coordinates, `[nPoints]`.
  /// - Returns: The area, positive for either direction of `x`.
  /// - Throws: `MetricError.lengthMismatch`, `.invalidParameter` if `x` is not monotonic
  ///   or has fewer than 2 points.
  public static func auc(x: [Double], y: [Double]) throws -> Double {
    try checkPaired("auc", x.count, y.count)
    guard x.count >= 2 else {
      throw MetricError.invalidParameter(
        metric: "auc", name: "x", value: "\(x.count) points", expected: "at least 2 points")
    }
    var direction = 1.0
    let dx = (1..<x.count).map { x[$0] - x[$0 - 1] }
    if dx.contains(where: { $0 < 0 }) {
      guard dx.allSatisfy({ $0 <= 0 }) else {
        throw MetricError.invalidParameter(
          metric: "auc", name: "x", value: "not monotonic", expected: "increasing or decreasing")
      }
      direction = -1
    }
    return direction * trapezoid(x: x, y: y)
  }

  static func trapezoid(x: [Double], y: [Double]) -> Double {
    var area = 0.0
    for i in 1..<x.count { area += (x[i] - x[i - 1]) * (y[i] + y[i - 1]) / 2 }
    return area
  }
}
