import XCTest

@testable import MelixML

/// The documented edge cases, against scikit-learn's values on constructed inputs
/// (`Fixtures/metrics.json`, section `edgeCases`).
final class MetricEdgeCaseTests: XCTestCase {
  func edgeCase(_ name: String) throws -> JSONValue {
    let cases = try loadFixture("metrics.json")["edgeCases"]?.array ?? []
    guard let found = cases.first(where: { $0["name"]?.string == name }) else {
      throw XCTSkip("fixture case \(name) missing")
    }
    return found
  }

  func expected(_ c: JSONValue, _ key: String) -> Double? {
    c["results"]?[key]?["value"]?.double
  }

  func sklearnWarned(_ c: JSONValue, _ key: String, _ category: String) -> Bool {
    c["results"]?[key]?["warnings"]?.strings.contains(category) ?? false
  }

  /// No predicted positives: precision is 0/0 and takes the `zeroDivision` value.
  func testNoPredictedPositivesFollowsZeroDivision() throws {
    let c = try edgeCase("no_predicted_positives")
    let yTrue = c["yTrue"]?.strings ?? []
    let yPred = c["yPred"]?.strings ?? []
    let divisions: [(String, ZeroDivision)] = [
      ("warn", .warn), ("zero", .zero), ("one", .one), ("nan", .nan),
    ]
    let averages: [(String, Average)] = [
      ("binary", .binary), ("macro", .macro), ("micro", .micro), ("weighted", .weighted),
    ]
    for (zdName, zd) in divisions {
      for (avgName, average) in averages {
        var warnings: [MetricWarning] = []
        let scores = try Metrics.averagedScores(
          yTrue: yTrue, yPred: yPred, average: average, positiveLabel: "1", zeroDivision: zd
        ) { warnings.append($0) }
        let key = "\(avgName)_\(zdName)"
        assertClose(scores.precision, expected(c, "precision_" + key), "precision \(key)")
        assertClose(scores.recall, expected(c, "recall_" + key), "recall \(key)")
        assertClose(scores.fScore, expected(c, "f1_" + key), "f1 \(key)")
        let precisionWarned = warnings.contains {
          if case .illDefined(metric: "precision", _) = $0 { return true }
          return false
        }
        XCTAssertEqual(
          precisionWarned, sklearnWarned(c, "precision_" + key, "UndefinedMetricWarning"), key)
      }
    }
  }

  func testNoTrueNorPredictedPositives() throws {
    let c = try edgeCase("no_true_nor_predicted_positives")
    let yTrue = c["yTrue"]?.strings ?? []
    let yPred = c["yPred"]?.strings ?? []
    for (name, zd) in [("warn", ZeroDivision.warn), ("one", .one), ("nan", .nan)] {
      var warnings: [MetricWarning] = []
      let f1 = try Metrics.f1(
        yTrue: yTrue, yPred: yPred, positiveLabel: "1", zeroDivision: zd
      ) { warnings.append($0) }
      assertClose(f1, expected(c, "f1_binary_" + name), "f1 \(name)")
      assertClose(
        try Metrics.precision(yTrue: yTrue, yPred: yPred, positiveLabel: "1", zeroDivision: zd),
        expected(c, "precision_binary_" + name), "precision \(name)")
      XCTAssertEqual(warnings.isEmpty, zd != .warn, name)
    }
  }

  func testAbsentLabelsWeightedAverageFallsBackToMean() throws {
    let c = try edgeCase("labels_absent")
    let yTrue = c["yTrue"]?.strings ?? []
    let yPred = c["yPred"]?.strings ?? []
    let labels = c["labels"]?.strings
    assertClose(
      try Metrics.precision(yTrue: yTrue, yPred: yPred, average: .weighted, labels: labels),
      expected(c, "precision_weighted_warn"))
    assertClose(
      try Metrics.precision(
        yTrue: yTrue, yPred: yPred, average: .weighted, labels: labels, zeroDivision: .nan),
      expected(c, "precision_weighted_nan"))
    assertClose(
      try Metrics.f1(
        yTrue: yTrue, yPred: yPred, average: .macro, labels: labels, zeroDivision: .one),
      expected(c, "f1_macro_one"))
  }

  func testPredictedClassNotInTrue() throws {
    let c = try edgeCase("predicted_class_not_in_true")
    let yTrue = c["yTrue"]?.strings ?? []
    let yPred = c["yPred"]?.strings ?? []
    var warnings: [MetricWarning] = []
    assertClose(
      try Metrics.balancedAccuracy(yTrue: yTrue, yPred: yPred) { warnings.append($0) },
      expected(c, "balanced_accuracy"))
    XCTAssertEqual(warnings, [.predictedClassNotInTrue])
    assertClose(
      try Metrics.balancedAccuracy(yTrue: yTrue, yPred: yPred, adjusted: true),
      expected(c, "balanced_accuracy_adjusted"))
    // With labels that omit a predicted class, the table says 'micro avg', not 'accuracy'.
    let report = try ClassificationReport(yTrue: yTrue, yPred: yPred, labels: ["0", "1"])
    XCTAssertEqual(report.table, c["results"]?["report"]?["value"]?.string)
  }

  /// One class in `yTrue`: ROC AUC is NaN plus a warning (scikit-learn 1.9), not an error.
  func testOneClassROCAUCIsNaNWithWarning() throws {
    let c = try edgeCase("one_class_roc_auc")
    let yTrue = c["yTrue"]?.strings ?? []
    let scores = c["scores"]?.doubles ?? []
    var warnings: [MetricWarning] = []
    let auc = try Metrics.rocAUC(yTrue: yTrue, scores: scores) { warnings.append($0) }
    XCTAssertTrue(auc.isNaN)
    XCTAssertTrue(expected(c, "roc_auc")?.isNaN ?? false)
    XCTAssertEqual(warnings, [.onlyOneClass(metric: "roc_auc_score")])
    assertClose(
      try Metrics.averagePrecision(yTrue: yTrue, scores: scores, positiveLabel: "1"),
      expected(c, "average_precision"))
    // Without an explicit positive label the positive class of AP is ambiguous.
    XCTAssertThrowsError(try Metrics.averagePrecision(yTrue: yTrue, scores: scores)) {
      XCTAssertEqual(
        $0 as? MetricError, .positiveLabelRequired(metric: "average_precision_score"))
    }
    let report = try ClassificationReport(
      yTrue: yTrue, yPred: ["1", "1", "0", "1"],
      probabilities: scores.map { [1 - $0, $0] })
    XCTAssertTrue(report.rocAUC?.isNaN ?? false)
    XCTAssertTrue(report.warnings.contains(.onlyOneClass(metric: "roc_auc_score")))
  }

  func testNoPositiveAveragePrecisionIsZero() throws {
    let c = try edgeCase("no_positive_average_precision")
    let yTrue = c["yTrue"]?.strings ?? []
    let scores = c["scores"]?.doubles ?? []
    var warnings: [MetricWarning] = []
    assertClose(
      try Metrics.averagePrecision(yTrue: yTrue, scores: scores, positiveLabel: "1") {
        warnings.append($0)
      }, expected(c, "average_precision"))
    XCTAssertEqual(warnings, [.noPositiveSamples(metric: "precision_recall_curve")])
    XCTAssertTrue(try Metrics.rocAUC(yTrue: yTrue, scores: scores).isNaN)
  }

  func testTiedScores() throws {
    let c = try edgeCase("tied_scores")
    let yTrue = (c["yTrue"]?.strings ?? []).compactMap { Int($0) }
    let scores = c["scores"]?.doubles ?? []
    XCTAssertEqual(yTrue.count, 8)
    assertClose(try Metrics.rocAUC(yTrue: yTrue, scores: scores), expected(c, "roc_auc"))
    assertClose(
      try Metrics.averagePrecision(yTrue: yTrue, scores: scores),
      expected(c, "average_precision"))
  }

  /// Probabilities of exactly 0 or 1 are clipped to [ε, 1 - ε], ε = 2.22e-16.
  func testLogLossClipsHardProbabilities() throws {
    for name in ["log_loss_hard_probabilities", "log_loss_confident_right"] {
      let c = try edgeCase(name)
      let yTrue = c["yTrue"]?.strings ?? []
      let scores = c["scores"]?.doubles ?? []
      let loss = try Metrics.logLoss(yTrue: yTrue, positiveProbabilities: scores)
      assertClose(loss, expected(c, "log_loss"), name)
      XCTAssertTrue(loss.isFinite)
    }
    let c = try edgeCase("log_loss_multiclass_hard")
    assertClose(
      try Metrics.logLoss(
        yTrue: c["yTrue"]?.strings ?? [], probabilities: c["probabilities"]?.matrix ?? []),
      expected(c, "log_loss"))
  }

  func testLogLossSingleLabelNeedsLabels() throws {
    let c = try edgeCase("log_loss_single_label")
    let yTrue = c["yTrue"]?.strings ?? []
    let scores = c["scores"]?.doubles ?? []
    XCTAssertNotNil(c["results"]?["log_loss"]?["error"]?.string)
    XCTAssertThrowsError(try Metrics.logLoss(yTrue: yTrue, positiveProbabilities: scores)) {
      XCTAssertEqual($0 as? MetricError, .singleLabel(metric: "log_loss", label: "1"))
    }
    assertClose(
      try Metrics.logLoss(yTrue: yTrue, positiveProbabilities: scores, labels: ["0", "1"]),
      expected(c, "log_loss_labels"))
  }

  func testLogLossWarnsWhenRowsDoNotSumToOne() throws {
    let c = try edgeCase("log_loss_not_normalised")
    var warnings: [MetricWarning] = []
    let loss = try Metrics.logLoss(
      yTrue: c["yTrue"]?.strings ?? [], probabilities: c["probabilities"]?.matrix ?? []
    ) { warnings.append($0) }
    assertClose(loss, expected(c, "log_loss"))
    XCTAssertEqual(warnings, [.probabilitiesDoNotSumToOne(metric: "log_loss")])
  }

  func testErrorsNameTheProblem() {
    XCTAssertThrowsError(
      try Metrics.precision(yTrue: [0, 1, 2], yPred: [0, 1, 1], average: .binary)
    ) {
      XCTAssertEqual(
        "\($0)",
        "'precision_recall_fscore_support': target is multiclass (3 labels) but average is "
          + "'binary'; choose 'micro', 'macro' or 'weighted'")
    }
    XCTAssertThrowsError(
      try Metrics.precision(yTrue: ["a", "b"], yPred: ["a", "b"], positiveLabel: "c")
    ) {
      XCTAssertEqual(
        $0 as? MetricError,
        .invalidPositiveLabel(
          metric: "precision_recall_fscore_support", label: "c", present: ["a", "b"]))
    }
    XCTAssertThrowsError(
      try Metrics.rocAUC(
        yTrue: [0, 1, 2], probabilities: [[0.5, 0.5, 0.5], [1, 0, 0], [0, 0, 1]])
    ) {
      XCTAssertEqual(
        $0 as? MetricError, .probabilitiesDoNotSumToOne(metric: "roc_auc_score", row: 0, sum: 1.5))
    }
    XCTAssertThrowsError(
      try Metrics.rocAUC(yTrue: [0, 1, 2], probabilities: [[0.5, 0.5], [1, 0], [0, 1]])
    ) {
      XCTAssertEqual(
        $0 as? MetricError, .classCountMismatch(metric: "roc_auc_score", classes: 3, columns: 2))
    }
    XCTAssertThrowsError(try Metrics.logLoss(yTrue: [0, 1], positiveProbabilities: [0.5, 1.5])) {
      XCTAssertEqual($0 as? MetricError, .probabilityOutOfRange(metric: "log_loss", value: 1.5))
    }
    XCTAssertThrowsError(try Metrics.accuracy(yTrue: [Int](), yPred: [])) {
      XCTAssertEqual($0 as? MetricError, .emptyInput(metric: "accuracy"))
    }
    XCTAssertThrowsError(
      try ClassificationReport(yTrue: [0, 1], yPred: [0, 1], targetNames: ["only one"])
    ) {
      XCTAssertEqual($0 as? MetricError, .targetNameCountMismatch(labels: 2, names: 1))
    }
  }

  func testConfusionMatrixWithLabelsIgnoresOthers() throws {
    let matrix = try Metrics.confusionMatrix(
      yTrue: ["a", "b", "c", "a"], yPred: ["a", "c", "c", "b"], labels: ["c", "a"])
    XCTAssertEqual(matrix.counts, [[1, 0], [0, 1]])
    XCTAssertThrowsError(
      try Metrics.confusionMatrix(yTrue: ["a"], yPred: ["a"], labels: ["z"])
    ) {
      XCTAssertEqual($0 as? MetricError, .noRequestedLabelInTrue(metric: "confusion_matrix"))
    }
    XCTAssertEqual(
      matrix.description, "true\\pred c a\n        c 1 0\n        a 0 1")
  }
}

extension MetricEdgeCaseTests {
  func testReportRejectsProbabilitiesOfTheWrongLength() {
    XCTAssertThrowsError(
      try ClassificationReport(yTrue: [0, 1], yPred: [0, 1], probabilities: [[0.5, 0.5]])
    ) {
      XCTAssertEqual(
        $0 as? MetricError,
        .lengthMismatch(metric: "classification_report", expected: 2, got: 1))
    }
  }

  /// Regression values passed as labels make one class per sample: a confusion matrix of
  /// 40,000² counts is refused instead of allocating 12 GiB.
  func testConfusionMatrixRefusesTooManyLabels() throws {
    let labels = Array(0..<40_000)
    XCTAssertThrowsError(try Metrics.confusionMatrix(yTrue: labels, yPred: labels)) {
      XCTAssertEqual(
        "\($0)",
        "'confusion_matrix': parameter 'labels' is 40000 distinct labels, expected at most 32768 "
          + "(a [32768, 32768] matrix)")
    }
    XCTAssertThrowsError(try Metrics.balancedAccuracy(yTrue: labels, yPred: labels))
    XCTAssertEqual(
      try Metrics.confusionMatrix(yTrue: Array(0..<300), yPred: Array(0..<300)).counts[299][299], 1)
  }
}
