import Foundation

/// Every classification metric of one set of predictions, as `evaluate` returns it.
///
/// Values equal scikit-learn's (`accuracy_score`, `balanced_accuracy_score`,
/// `precision_recall_fscore_support`, `confusion_matrix`, `roc_auc_score`,
/// `average_precision_score`, `log_loss`, `classification_report`).
public struct ClassificationReport<Label: Hashable & Comparable>: CustomStringConvertible {
  /// The classes, sorted; rows of `perClass` and of `confusion`, columns of probabilities.
  public var labels: [Label]
  /// Display names of `labels`, `[nLabels]`.
  public var targetNames: [String]
  /// Number of samples scored.
  public var sampleCount: Int
  /// Fraction of correct predictions, 0...1.
  public var accuracy: Double
  /// Mean per-class recall, 0...1.
  public var balancedAccuracy: Double
  /// Precision, recall, F1 and support per class.
  public var perClass: PerClassScores<Label>
  /// Unweighted means of the per-class scores.
  public var macro: AveragedScores
  /// Scores from global counts (precision = recall = F1 = accuracy when every label is
  /// in `labels`).
  public var micro: AveragedScores
  /// Means of the per-class scores weighted by support.
  public var weighted: AveragedScores
  /// Two classes only (and no other label in the data): precision, recall and F1 of the
  /// positive class `labels[1]`.
  public var binary: AveragedScores?
  /// The confusion matrix over `labels`.
  public var confusion: ConfusionMatrix<Label>
  /// ROC AUC when probabilities were given: binary, or one-vs-rest macro average;
  /// NaN when `yTrue` holds one class only.
  public var rocAUC: Double?
  /// One-vs-rest ROC AUC weighted by class prevalence (multi-class only).
  public var rocAUCWeighted: Double?
  /// Average precision (PR AUC) when probabilities were given: binary, or
  /// one-vs-rest macro average.
  public var averagePrecision: Double?
  /// Log-loss in nats when probabilities were given.
  public var logLoss: Double?
  /// Warnings raised while computing the metrics (undefined ratios and the like).
  public var warnings: [MetricWarning]
  /// The per-class table in scikit-learn's `classification_report` text format.
  public var table: String

  /// Computes the report.
  ///
  /// - Parameters:
  ///   - yTrue: True labels, `[nSamples]`.
  ///   - yPred: Predicted labels, `[nSamples]`.
  ///   - probabilities: Optional class probabilities, `[nSamples, nLabels]`, column `k`
  ///     for `labels[k]`; enables ROC AUC, average precision and log-loss.
  ///   - labels: All classes, sorted. Default: the sorted union of `yTrue` and `yPred`.
  ///   - targetNames: Display names for `labels`. Default: the labels as text.
  ///   - zeroDivision: The value of undefined precision, recall or F1.
  ///   - digits: Decimal places in `table`.
  /// - Throws: `MetricError.targetNameCountMismatch`, `.duplicateLabels`, and the errors of
  ///   the metrics (length mismatch, empty input, bad probabilities).
  public init(
    yTrue: [Label], yPred: [Label], probabilities: [[Double]]? = nil, labels: [Label]? = nil,
    targetNames: [String]? = nil, zeroDivision: ZeroDivision = .warn, digits: Int = 2
  ) throws {
    try Metrics.checkPaired("classification_report", yTrue.count, yPred.count)
    var warnings: [MetricWarning] = []
    let note: (MetricWarning) -> Void = { w in if !warnings.contains(w) { warnings.append(w) } }
    let labels = labels ?? Metrics.sortedLabels(yTrue, yPred)
    guard Set(labels).count == labels.count else {
      throw MetricError.duplicateLabels(metric: "classification_report")
    }
    let names = targetNames ?? labels.map { "\($0)" }
    guard names.count == labels.count else {
      throw MetricError.targetNameCountMismatch(labels: labels.count, names: names.count)
    }
    self.labels = labels
    self.targetNames = names
    sampleCount = yTrue.count
    accuracy = try Metrics.accuracy(yTrue: yTrue, yPred: yPred)
    balancedAccuracy = try Metrics.balancedAccuracy(yTrue: yTrue, yPred: yPred, onWarning: note)
    perClass = try Metrics.perClassScores(
      yTrue: yTrue, yPred: yPred, labels: labels, zeroDivision: zeroDivision, onWarning: note)
    func averaged(_ average: Average) throws -> AveragedScores {
      try Metrics.averagedScores(
        yTrue: yTrue, yPred: yPred, average: average, labels: labels,
        zeroDivision: zeroDivision, onWarning: note)
    }
    macro = try averaged(.macro)
    micro = try averaged(.micro)
    weighted = try averaged(.weighted)
    let present = Metrics.sortedLabels(yTrue, yPred)
    binary =
      labels.count == 2 && present.count <= 2 && Set(present).isSubset(of: labels)
      ? try Metrics.averagedScores(
        yTrue: yTrue, yPred: yPred, average: .binary, positiveLabel: labels[1],
        zeroDivision: zeroDivision, onWarning: note) : nil
    confusion = try Metrics.confusionMatrix(yTrue: yTrue, yPred: yPred, labels: labels)
    if let probabilities {
      try Metrics.checkPaired("classification_report", yTrue.count, probabilities.count)
      if labels.count == 2 {
        _ = try Metrics.checkMatrix("roc_auc_score", probabilities, columns: 2)
        let positive = yTrue.map { $0 == labels[1] }
        let scores = probabilities.map { $0[1] }
        rocAUC = Metrics.binaryROCAUC(positive: positive, scores: scores, onWarning: note)
        averagePrecision = Metrics.binaryAveragePrecision(
          positive: positive, scores: scores, onWarning: note)
      } else if labels.count > 2 {
        rocAUC = try Metrics.rocAUC(
          yTrue: yTrue, probabilities: probabilities, labels: labels, average: .macro,
          onWarning: note)
        rocAUCWeighted = try Metrics.rocAUC(
          yTrue: yTrue, probabilities: probabilities, labels: labels, average: .weighted,
          onWarning: note)
        averagePrecision = try Metrics.averagePrecision(
          yTrue: yTrue, probabilities: probabilities, labels: labels, onWarning: note)
      }
      if labels.count >= 2 {
        logLoss = try Metrics.logLoss(
          yTrue: yTrue, probabilities: probabilities, labels: labels, onWarning: note)
      }
    }
    let allLabelsListed = Set(yTrue).union(yPred).isSubset(of: labels)
    table = ClassificationReport.render(
      names: names, perClass: perClass,
      averages: [
        (allLabelsListed ? "accuracy" : "micro avg", micro),
        ("macro avg", macro), ("weighted avg", weighted),
      ], digits: max(0, digits))
    self.warnings = warnings
  }

  /// The table, then accuracy, balanced accuracy and the probability metrics.
  public var description: String {
    var lines = [table]
    lines.append("balanced accuracy \(String(format: "%.4f", balancedAccuracy))")
    if let rocAUC { lines.append("roc auc           \(String(format: "%.4f", rocAUC))") }
    if let averagePrecision {
      lines.append("average precision \(String(format: "%.4f", averagePrecision))")
    }
    if let logLoss { lines.append("log loss          \(String(format: "%.4f", logLoss))") }
    for warning in warnings { lines.append("warning: \(warning)") }
    return lines.joined(separator: "\n")
  }

  /// Renders scikit-learn's `classification_report` text exactly (Python's
  /// `"{:>9.2f}"` rounds the binary value half-even, as `%.2f` does).
  static func render(
    names: [String], perClass: PerClassScores<Label>,
    averages: [(String, AveragedScores)], digits: Int
  ) -> String {
    let width = max(names.map(\.count).max() ?? 0, "weighted avg".count, digits)
    func right(_ s: String, _ w: Int) -> String {
      String(repeating: " ", count: max(0, w - s.count)) + s
    }
    func number(_ x: Double) -> String { right(String(format: "%.\(digits)f", x), 9) }
    let headers = ["precision", "recall", "f1-score", "support"]
    var text = right("", width) + " " + headers.map { " " + right($0, 9) }.joined() + "\n\n"
    for (k, name) in names.enumerated() {
      text += right(name, width) + " "
      text += " " + number(perClass.precision[k]) + " " + number(perClass.recall[k])
      text += " " + number(perClass.fScore[k]) + " " + right(String(perClass.support[k]), 9)
      text += "\n"
    }
    text += "\n"
    let total = String(perClass.support.reduce(0, +))
    for (heading, scores) in averages {
      text += right(heading, width) + " "
      if heading == "accuracy" {
        text += " " + right("", 9) + " " + right("", 9)
      } else {
        text += " " + number(scores.precision) + " " + number(scores.recall)
      }
      text += " " + number(scores.fScore) + " " + right(total, 9) + "\n"
    }
    return text
  }
}

extension ClassificationReport: Sendable where Label: Sendable {}
