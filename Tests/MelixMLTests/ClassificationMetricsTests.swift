import XCTest

@testable import MelixML

/// Classification metrics against scikit-learn on predictions of real data
/// (`Fixtures/metrics.json`, made by `Fixtures/make_fixtures.py`).
final class ClassificationMetricsTests: XCTestCase {
  func cases() throws -> [JSONValue] {
    let cases = try loadFixture("metrics.json")["classification"]?.array ?? []
    XCTAssertEqual(cases.count, 4)
    return cases
  }

  func testRealDataAccuracyAndConfusion() throws {
    for c in try cases() {
      let name = c["name"]?.string ?? "?"
      let yTrue = c["yTrue"]?.strings ?? []
      let yPred = c["yPred"]?.strings ?? []
      guard let e = c["expected"] else { return XCTFail("no expected for \(name)") }
      XCTAssertFalse(yTrue.isEmpty)
      assertClose(try Metrics.accuracy(yTrue: yTrue, yPred: yPred), e["accuracy"]?.double, name)
      assertClose(
        try Metrics.balancedAccuracy(yTrue: yTrue, yPred: yPred), e["balancedAccuracy"]?.double,
        name)
      assertClose(
        try Metrics.balancedAccuracy(yTrue: yTrue, yPred: yPred, adjusted: true),
        e["balancedAccuracyAdjusted"]?.double, name)
      let matrix = try Metrics.confusionMatrix(yTrue: yTrue, yPred: yPred)
      XCTAssertEqual(matrix.labels, c["labels"]?.strings, name)
      XCTAssertEqual(matrix.counts, e["confusion"]?.intMatrix, name)
    }
  }

  func testRealDataPrecisionRecallF1() throws {
    for c in try cases() {
      let name = c["name"]?.string ?? "?"
      let yTrue = c["yTrue"]?.strings ?? []
      let yPred = c["yPred"]?.strings ?? []
      guard let e = c["expected"] else { return XCTFail("no expected for \(name)") }
      let perClass = try Metrics.perClassScores(yTrue: yTrue, yPred: yPred)
      assertClose(perClass.precision, e["precision"]?.doubles ?? [], "\(name) precision")
      assertClose(perClass.recall, e["recall"]?.doubles ?? [], "\(name) recall")
      assertClose(perClass.fScore, e["f1"]?.doubles ?? [], "\(name) f1")
      XCTAssertEqual(perClass.support, e["support"]?.ints, name)
      for (key, average) in [("macro", Average.macro), ("micro", .micro), ("weighted", .weighted)] {
        let scores = try Metrics.averagedScores(yTrue: yTrue, yPred: yPred, average: average)
        assertClose(scores.precision, e[key]?["precision"]?.double, "\(name) \(key) precision")
        assertClose(scores.recall, e[key]?["recall"]?.double, "\(name) \(key) recall")
        assertClose(scores.fScore, e[key]?["fScore"]?.double, "\(name) \(key) f1")
        assertClose(
          try Metrics.fBeta(yTrue: yTrue, yPred: yPred, beta: 2, average: average),
          e[key + "F2"]?.double, "\(name) \(key) f2")
      }
      if let binary = e["binary"] {
        let positive = c["labels"]?.strings.last
        assertClose(
          try Metrics.precision(yTrue: yTrue, yPred: yPred, positiveLabel: positive),
          binary["precision"]?.double, "\(name) binary precision")
        assertClose(
          try Metrics.recall(yTrue: yTrue, yPred: yPred, positiveLabel: positive),
          binary["recall"]?.double, "\(name) binary recall")
        assertClose(
          try Metrics.f1(yTrue: yTrue, yPred: yPred, positiveLabel: positive),
          binary["fScore"]?.double, "\(name) binary f1")
      }
    }
  }

  func testRealDataRankingAndLogLoss() throws {
    for c in try cases() {
      let name = c["name"]?.string ?? "?"
      let yTrue = c["yTrue"]?.strings ?? []
      let probabilities = c["probabilities"]?.matrix ?? []
      let labels = c["labels"]?.strings ?? []
      guard let e = c["expected"] else { return XCTFail("no expected for \(name)") }
      assertClose(
        try Metrics.logLoss(yTrue: yTrue, probabilities: probabilities, labels: labels),
        e["logLoss"]?.double, "\(name) log loss")
      if labels.count == 2 {
        let scores = probabilities.map { $0[1] }
        assertClose(try Metrics.rocAUC(yTrue: yTrue, scores: scores), e["rocAUC"]?.double, name)
        assertClose(
          try Metrics.rocAUC(yTrue: yTrue, probabilities: probabilities), e["rocAUC"]?.double,
          "\(name) two-column")
        assertClose(
          try Metrics.averagePrecision(yTrue: yTrue, scores: scores),
          e["averagePrecision"]?.double, "\(name) AP")
        assertClose(
          try Metrics.precisionRecallAUC(yTrue: yTrue, scores: scores), e["prAUC"]?.double,
          "\(name) PR AUC")
        assertClose(
          try Metrics.logLoss(yTrue: yTrue, positiveProbabilities: scores),
          e["logLossBinary"]?.double, "\(name) binary log loss")
        let roc = try Metrics.rocCurve(yTrue: yTrue, scores: scores)
        assertClose(roc.falsePositiveRate, e["rocCurve"]?["fpr"]?.doubles ?? [], "\(name) fpr")
        assertClose(roc.truePositiveRate, e["rocCurve"]?["tpr"]?.doubles ?? [], "\(name) tpr")
        assertClose(
          roc.thresholds, e["rocCurve"]?["thresholds"]?.doubles ?? [], "\(name) thresholds")
        let pr = try Metrics.precisionRecallCurve(yTrue: yTrue, scores: scores)
        assertClose(pr.precision, e["prCurve"]?["precision"]?.doubles ?? [], "\(name) pr p")
        assertClose(pr.recall, e["prCurve"]?["recall"]?.doubles ?? [], "\(name) pr r")
        assertClose(pr.thresholds, e["prCurve"]?["thresholds"]?.doubles ?? [], "\(name) pr t")
      } else {
        for (key, average) in [
          ("", RankingAverage.macro), ("Weighted", .weighted), ("Micro", .micro),
        ] {
          assertClose(
            try Metrics.rocAUC(yTrue: yTrue, probabilities: probabilities, average: average),
            e["rocAUC" + key]?.double, "\(name) roc auc \(average)")
          assertClose(
            try Metrics.averagePrecision(
              yTrue: yTrue, probabilities: probabilities, average: average),
            e["averagePrecision" + key]?.double, "\(name) AP \(average)")
        }
      }
    }
  }

  func testRealDataReportTableIsScikitLearnText() throws {
    for c in try cases() {
      let name = c["name"]?.string ?? "?"
      let yTrue = c["yTrue"]?.strings ?? []
      let yPred = c["yPred"]?.strings ?? []
      let probabilities = c["probabilities"]?.matrix
      guard let e = c["expected"] else { return XCTFail("no expected for \(name)") }
      let report = try ClassificationReport(
        yTrue: yTrue, yPred: yPred, probabilities: probabilities)
      XCTAssertEqual(report.table, e["report"]?.string, name)
      assertClose(report.accuracy, e["accuracy"]?.double, name)
      assertClose(report.macro.fScore, e["macro"]?["fScore"]?.double, name)
      assertClose(report.weighted.recall, e["weighted"]?["recall"]?.double, name)
      assertClose(report.rocAUC ?? .infinity, e["rocAUC"]?.double, "\(name) report roc auc")
      assertClose(report.averagePrecision ?? .infinity, e["averagePrecision"]?.double, name)
      assertClose(report.logLoss ?? .infinity, e["logLoss"]?.double, "\(name) report log loss")
      XCTAssertEqual(report.confusion.counts, e["confusion"]?.intMatrix, name)
      XCTAssertTrue(report.description.contains("balanced accuracy"))
    }
  }

  /// The generic metrics give the same numbers on `Int` labels as on their text.
  func testIntLabelsAgreeWithStringLabels() throws {
    guard let digits = try cases().first(where: { $0["name"]?.string == "digits_gaussian_nb" })
    else { return XCTFail("no digits case") }
    let yTrue = (digits["yTrue"]?.strings ?? []).compactMap { Int($0) }
    let yPred = (digits["yPred"]?.strings ?? []).compactMap { Int($0) }
    let probabilities = digits["probabilities"]?.matrix ?? []
    XCTAssertEqual(yTrue.count, 540)
    let e = digits["expected"]
    assertClose(try Metrics.accuracy(yTrue: yTrue, yPred: yPred), e?["accuracy"]?.double)
    assertClose(
      try Metrics.f1(yTrue: yTrue, yPred: yPred, average: .macro),
      e?["macro"]?["fScore"]?.double)
    assertClose(
      try Metrics.rocAUC(yTrue: yTrue, probabilities: probabilities), e?["rocAUC"]?.double)
    assertClose(
      try Metrics.logLoss(yTrue: yTrue, probabilities: probabilities), e?["logLoss"]?.double)
  }
}
