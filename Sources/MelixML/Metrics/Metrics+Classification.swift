/// How per-class precision, recall and F-scores are combined into one number,
/// as scikit-learn's `average` parameter.
public enum Average: Equatable, Sendable {
  /// The score of the positive class only; the targets must hold at most two labels.
  case binary
  /// Global counts of true positives, false negatives and false positives.
  case micro
  /// The unweighted mean of the per-class scores.
  case macro
  /// The mean of the per-class scores weighted by support (true instances per class).
  case weighted
}

/// Per-class precision, recall, F-score and support, as scikit-learn's
/// `precision_recall_fscore_support(average=None)`.
public struct PerClassScores<Label: Hashable & Comparable>: Equatable {
  /// The labels, in the order of the other arrays.
  public var labels: [Label]
  /// Precision `tp / (tp + fp)` per label.
  public var precision: [Double]
  /// Recall `tp / (tp + fn)` per label.
  public var recall: [Double]
  /// F-beta score `(1 + β²)·tp / ((1 + β²)·tp + β²·fn + fp)` per label.
  public var fScore: [Double]
  /// Number of samples of each label in `yTrue`.
  public var support: [Int]
}

/// Averaged precision, recall and F-score.
public struct AveragedScores: Equatable, Sendable {
  /// The averaged precision.
  public var precision: Double
  /// The averaged recall.
  public var recall: Double
  /// The averaged F-beta score.
  public var fScore: Double
}

// MARK: - Accuracy and confusion matrix

extension Metrics {
  /// The fraction of samples whose predicted label equals the true label.
  ///
  /// - Parameters:
  ///   - yTrue: True labels, `[nSamples]`.
  ///   - yPred: Predicted labels, `[nSamples]`.
  /// - Returns: A fraction in 0...1 (scikit-learn's `accuracy_score`).
  /// - Throws: `MetricError.lengthMismatch` or `.emptyInput`.
  public static func accuracy<L: Hashable & Comparable>(yTrue: [L], yPred: [L]) throws -> Double {
    try checkPaired("accuracy", yTrue.count, yPred.count)
    let correct = zip(yTrue, yPred).reduce(0) { $0 + ($1.0 == $1.1 ? 1 : 0) }
    return Double(correct) / Double(yTrue.count)
  }

  /// The mean of the per-class recalls, which is robust to class imbalance.
  ///
  /// Classes that occur only in `yPred` have no recall; they are left out and a
  /// `MetricWarning.predictedClassNotInTrue` is emitted (as scikit-learn's
  /// `balanced_accuracy_score`).
  ///
  /// - Parameters:
  ///   - yTrue: True labels, `[nSamples]`.
  ///   - yPred: Predicted labels, `[nSamples]`.
  ///   - adjusted: When true, rescales so chance scores 0 and perfect scores 1:
  ///     `(score - 1/k) / (1 - 1/k)` for `k` classes.
  ///   - onWarning: Receives warnings.
  /// - Returns: A fraction in 0...1 (or below 0 when adjusted).
  /// - Throws: `MetricError.lengthMismatch` or `.emptyInput`.
  public static func balancedAccuracy<L: Hashable & Comparable>(
    yTrue: [L], yPred: [L], adjusted: Bool = false,
    onWarning: (MetricWarning) -> Void = { _ in }
  ) throws -> Double {
    let matrix = try confusionMatrix(yTrue: yTrue, yPred: yPred)
    var perClass: [Double] = []
    for (i, row) in matrix.counts.enumerated() {
      let total = row.reduce(0, +)
      if total == 0 { continue }
      perClass.append(Double(row[i]) / Double(total))
    }
    if perClass.count < matrix.labels.count { onWarning(.predictedClassNotInTrue) }
    var score = perClass.reduce(0, +) / Double(perClass.count)
    if adjusted {
      let chance = 1 / Double(perClass.count)
      score = (score - chance) / (1 - chance)
    }
    return score
  }

  /// The most labels a confusion matrix may index: 2^15, so the matrix holds at most 2^30
  /// counts (8 GiB).
  public static let maxMatrixLabels = 1 << 15

  /// The confusion matrix: entry `[i][j]` counts samples of true label `labels[i]`
  /// predicted as `labels[j]` (scikit-learn's `confusion_matrix`).
  ///
  /// - Parameters:
  ///   - yTrue: True labels, `[nSamples]`.
  ///   - yPred: Predicted labels, `[nSamples]`.
  ///   - labels: The labels to index the matrix, in order; samples whose true or
  ///     predicted label is not listed are ignored. Default: the sorted union of both.
  /// - Returns: The labels and a `[nLabels, nLabels]` count matrix.
  /// - Throws: `MetricError.lengthMismatch`, `.emptyInput`, `.noRequestedLabelInTrue`;
  ///   `.invalidParameter` for more than ``maxMatrixLabels`` labels (values mistaken for
  ///   classes, typically), whose matrix would not fit in memory.
  public static func confusionMatrix<L: Hashable & Comparable>(
    yTrue: [L], yPred: [L], labels: [L]? = nil
  ) throws -> ConfusionMatrix<L> {
    try checkPaired("confusion_matrix", yTrue.count, yPred.count)
    let order = labels ?? sortedLabels(yTrue, yPred)
    if let labels {
      guard Set(labels).count == labels.count else {
        throw MetricError.duplicateLabels(metric: "confusion_matrix")
      }
      guard !Set(labels).isDisjoint(with: yTrue) else {
        throw MetricError.noRequestedLabelInTrue(metric: "confusion_matrix")
      }
    }
    guard order.count <= maxMatrixLabels else {
      throw MetricError.invalidParameter(
        metric: "confusion_matrix", name: "labels", value: "\(order.count) distinct labels",
        expected: "at most \(maxMatrixLabels) (a [\(maxMatrixLabels), \(maxMatrixLabels)] matrix)")
    }
    var index: [L: Int] = [:]
    for (i, label) in order.enumerated() { index[label] = i }
    var counts = Array(repeating: Array(repeating: 0, count: order.count), count: order.count)
    for (t, p) in zip(yTrue, yPred) {
      guard let i = index[t], let j = index[p] else { continue }
      counts[i][j] += 1
    }
    return ConfusionMatrix(labels: order, counts: counts)
  }
}

// MARK: - Precision, recall, F-score

extension Metrics {
  /// Per-class precision, recall, F-beta score and support.
  ///
  /// A ratio whose denominator is zero takes the `zeroDivision` value; with `.warn`
  /// it is 0 and a `MetricWarning.illDefined` is emitted (scikit-learn's behaviour).
  ///
  /// - Parameters:
  ///   - yTrue: True labels, `[nSamples]`.
  ///   - yPred: Predicted labels, `[nSamples]`.
  ///   - beta: Weight of recall in the F-score (1 gives F1); must be >= 0.
  ///   - labels: Labels to score, in order. Default: the sorted union of both arrays.
  ///   - zeroDivision: The value of an undefined ratio.
  ///   - onWarning: Receives warnings.
  /// - Returns: Scores per label, `[nLabels]` each.
  /// - Throws: `MetricError.lengthMismatch`, `.emptyInput`, `.invalidParameter`.
  public static func perClassScores<L: Hashable & Comparable>(
    yTrue: [L], yPred: [L], beta: Double = 1, labels: [L]? = nil,
    zeroDivision: ZeroDivision = .warn, onWarning: (MetricWarning) -> Void = { _ in }
  ) throws -> PerClassScores<L> {
    try checkPaired("precision_recall_fscore_support", yTrue.count, yPred.count)
    let order = labels ?? sortedLabels(yTrue, yPred)
    let counts = classCounts(yTrue: yTrue, yPred: yPred, labels: order)
    let ratios = try ratios(
      counts, beta: beta, zeroDivision: zeroDivision, onWarning: onWarning)
    return PerClassScores(
      labels: order, precision: ratios.precision, recall: ratios.recall,
      fScore: ratios.fScore, support: counts.truth)
  }

  /// Precision, recall and F-beta score averaged over classes
  /// (scikit-learn's `precision_recall_fscore_support` with an `average`).
  ///
  /// - Parameters:
  ///   - yTrue: True labels, `[nSamples]`.
  ///   - yPred: Predicted labels, `[nSamples]`.
  ///   - average: How classes are combined. `.binary` scores `positiveLabel` only.
  ///   - positiveLabel: The positive class for `.binary`. Default: the largest label
  ///     (for labels 0 and 1 this is scikit-learn's default `pos_label=1`).
  ///   - beta: Weight of recall in the F-score (1 gives F1); must be >= 0.
  ///   - labels: Labels to include (not used by `.binary`). Default: all labels present.
  ///   - zeroDivision: The value of an undefined ratio.
  ///   - onWarning: Receives warnings.
  /// - Returns: The three averaged scores, each in 0...1 (or NaN with `.nan`).
  /// - Throws: `MetricError.binaryAverageOnMulticlass` when `.binary` is asked for on
  ///   more than two labels, `.invalidPositiveLabel` when `positiveLabel` is not one of two
  ///   present labels, `.lengthMismatch`, `.emptyInput`, `.invalidParameter`.
  public static func averagedScores<L: Hashable & Comparable>(
    yTrue: [L], yPred: [L], average: Average, positiveLabel: L? = nil, beta: Double = 1,
    labels: [L]? = nil, zeroDivision: ZeroDivision = .warn,
    onWarning: (MetricWarning) -> Void = { _ in }
  ) throws -> AveragedScores {
    let metric = "precision_recall_fscore_support"
    try checkPaired(metric, yTrue.count, yPred.count)
    let present = sortedLabels(yTrue, yPred)
    var order = labels ?? present
    if average == .binary {
      guard present.count <= 2 else {
        throw MetricError.binaryAverageOnMulticlass(metric: metric, labelCount: present.count)
      }
      // `present` is non-empty because the inputs are.
      let positive = positiveLabel ?? present[present.count - 1]
      if !present.contains(positive) && present.count == 2 {
        throw MetricError.invalidPositiveLabel(
          metric: metric, label: "\(positive)", present: present.map { "\($0)" })
      }
      order = [positive]
    }
    var counts = classCounts(yTrue: yTrue, yPred: yPred, labels: order)
    if average == .micro {
      counts = ClassCounts(
        truePositives: [counts.truePositives.reduce(0, +)],
        predicted: [counts.predicted.reduce(0, +)], truth: [counts.truth.reduce(0, +)])
    }
    let scores = try ratios(counts, beta: beta, zeroDivision: zeroDivision, onWarning: onWarning)
    let weights = average == .weighted ? counts.truth.map(Double.init) : nil
    return AveragedScores(
      precision: nanAverage(scores.precision, weights: weights),
      recall: nanAverage(scores.recall, weights: weights),
      fScore: nanAverage(scores.fScore, weights: weights))
  }

  /// Precision `tp / (tp + fp)`: the fraction of predicted positives that are right.
  ///
  /// See `averagedScores` for the parameters and errors; default average `.binary`.
  /// - Returns: A fraction in 0...1 (scikit-learn's `precision_score`).
  /// - Throws: As `averagedScores`: `MetricError.binaryAverageOnMulticlass`,
  ///   `.invalidPositiveLabel`, `.lengthMismatch`, `.emptyInput`, `.invalidParameter`.
  public static func precision<L: Hashable & Comparable>(
    yTrue: [L], yPred: [L], average: Average = .binary, positiveLabel: L? = nil,
    labels: [L]? = nil, zeroDivision: ZeroDivision = .warn,
    onWarning: (MetricWarning) -> Void = { _ in }
  ) throws -> Double {
    try averagedScores(
      yTrue: yTrue, yPred: yPred, average: average, positiveLabel: positiveLabel,
      labels: labels, zeroDivision: zeroDivision, onWarning: onWarning
    ).precision
  }

  /// Recall `tp / (tp + fn)`: the fraction of true positives that are found.
  ///
  /// See `averagedScores` for the parameters and errors; default average `.binary`.
  /// - Returns: A fraction in 0...1 (scikit-learn's `recall_score`).
  /// - Throws: As `averagedScores`: `MetricError.binaryAverageOnMulticlass`,
  ///   `.invalidPositiveLabel`, `.lengthMismatch`, `.emptyInput`, `.invalidParameter`.
  public static func recall<L: Hashable & Comparable>(
    yTrue: [L], yPred: [L], average: Average = .binary, positiveLabel: L? = nil,
    labels: [L]? = nil, zeroDivision: ZeroDivision = .warn,
    onWarning: (MetricWarning) -> Void = { _ in }
  ) throws -> Double {
    try averagedScores(
      yTrue: yTrue, yPred: yPred, average: average, positiveLabel: positiveLabel,
      labels: labels, zeroDivision: zeroDivision, onWarning: onWarning
    ).recall
  }

  /// F1 score `2·tp / (2·tp + fn + fp)`, the harmonic mean of precision and recall.
  ///
  /// See `averagedScores` for the parameters and errors; default average `.binary`.
  /// - Returns: A fraction in 0...1 (scikit-learn's `f1_score`).
  /// - Throws: As `averagedScores`: `MetricError.binaryAverageOnMulticlass`,
  ///   `.invalidPositiveLabel`, `.lengthMismatch`, `.emptyInput`, `.invalidParameter`.
  public static func f1<L: Hashable & Comparable>(
    yTrue: [L], yPred: [L], average: Average = .binary, positiveLabel: L? = nil,
    labels: [L]? = nil, zeroDivision: ZeroDivision = .warn,
    onWarning: (MetricWarning) -> Void = { _ in }
  ) throws -> Double {
    try averagedScores(
      yTrue: yTrue, yPred: yPred, average: average, positiveLabel: positiveLabel,
      labels: labels, zeroDivision: zeroDivision, onWarning: onWarning
    ).fScore
  }

  /// F-beta score `(1 + β²)·tp / ((1 + β²)·tp + β²·fn + fp)`.
  ///
  /// See `averagedScores` for the parameters and errors; default average `.binary`.
  /// `beta` (>= 0) weighs recall: 1 gives F1, 0 gives precision.
  /// - Returns: A fraction in 0...1 (scikit-learn's `fbeta_score`).
  /// - Throws: As `averagedScores`: `MetricError.binaryAverageOnMulticlass`,
  ///   `.invalidPositiveLabel`, `.lengthMismatch`, `.emptyInput`, `.invalidParameter`.
  public static func fBeta<L: Hashable & Comparable>(
    yTrue: [L], yPred: [L], beta: Double, average: Average = .binary, positiveLabel: L? = nil,
    labels: [L]? = nil, zeroDivision: ZeroDivision = .warn,
    onWarning: (MetricWarning) -> Void = { _ in }
  ) throws -> Double {
    try averagedScores(
      yTrue: yTrue, yPred: yPred, average: average, positiveLabel: positiveLabel, beta: beta,
      labels: labels, zeroDivision: zeroDivision, onWarning: onWarning
    ).fScore
  }
}

// MARK: - Counting and dividing

/// Per-label counts: true positives, predicted positives (`tp + fp`), true instances
/// (`tp + fn`).
struct ClassCounts {
  var truePositives: [Int]
  var predicted: [Int]
  var truth: [Int]
}

extension Metrics {
  static func classCounts<L: Hashable>(yTrue: [L], yPred: [L], labels: [L]) -> ClassCounts {
    var index: [L: Int] = [:]
    for (i, label) in labels.enumerated() where index[label] == nil { index[label] = i }
    var counts = ClassCounts(
      truePositives: Array(repeating: 0, count: labels.count),
      predicted: Array(repeating: 0, count: labels.count),
      truth: Array(repeating: 0, count: labels.count))
    for (t, p) in zip(yTrue, yPred) {
      if let i = index[t] { counts.truth[i] += 1 }
      if let j = index[p] { counts.predicted[j] += 1 }
      if t == p, let i = index[t] { counts.truePositives[i] += 1 }
    }
    return counts
  }

  /// Divides the counts as scikit-learn's `_prf_divide`, substituting `zeroDivision`.
  static func ratios(
    _ counts: ClassCounts, beta: Double, zeroDivision: ZeroDivision,
    onWarning: (MetricWarning) -> Void
  ) throws -> (precision: [Double], recall: [Double], fScore: [Double]) {
    guard beta >= 0, !beta.isNaN else {
      throw MetricError.invalidParameter(
        metric: "fbeta_score", name: "beta", value: "\(beta)", expected: "a number >= 0")
    }
    func divide(_ num: [Double], _ den: [Double], _ name: String, _ reason: String) -> [Double] {
      var warned = false
      return zip(num, den).map { n, d in
        if d != 0 { return n / d }
        if zeroDivision == .warn && !warned {
          warned = true
          onWarning(.illDefined(metric: name, reason: reason))
        }
        return zeroDivision.value
      }
    }
    let tp = counts.truePositives.map(Double.init)
    let predicted = counts.predicted.map(Double.init)
    let truth = counts.truth.map(Double.init)
    let precision = divide(tp, predicted, "precision", "classes with no predicted samples")
    let recall = divide(tp, truth, "recall", "classes with no true samples")
    let fScore: [Double]
    if beta.isInfinite {
      fScore = recall
    } else if beta == 0 {
      fScore = precision
    } else {
      let beta2 = beta * beta
      fScore = divide(
        tp.map { (1 + beta2) * $0 }, zip(truth, predicted).map { beta2 * $0 + $1 }, "f-score",
        "classes with no true nor predicted samples")
    }
    return (precision, recall, fScore)
  }
}

extension PerClassScores: Sendable where Label: Sendable {}
