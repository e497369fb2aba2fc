import XCTest

@testable import MelixML

/// Regression metrics against scikit-learn (`Fixtures/metrics.json`).
final class RegressionMetricsTests: XCTestCase {
  func testAllCasesMatchScikitLearn() throws {
    let cases = try loadFixture("metrics.json")["regression"]?.array ?? []
    XCTAssertEqual(cases.count, 6)
    for c in cases {
      let name = c["name"]?.string ?? "?"
      let yTrue = c["yTrue"]?.doubles ?? []
      let yPred = c["yPred"]?.doubles ?? []
      guard let e = c["expected"] else { return XCTFail("no expected for \(name)") }
      assertClose(try Metrics.meanSquaredError(yTrue: yTrue, yPred: yPred), e["mse"]?.double, name)
      assertClose(
        try Metrics.rootMeanSquaredError(yTrue: yTrue, yPred: yPred), e["rmse"]?.double, name)
      assertClose(
        try Metrics.meanAbsoluteError(yTrue: yTrue, yPred: yPred), e["mae"]?.double, name)
      var warnings: [MetricWarning] = []
      assertClose(
        try Metrics.r2(yTrue: yTrue, yPred: yPred) { warnings.append($0) }, e["r2"]?.double,
        "\(name) r2")
      XCTAssertEqual(warnings.isEmpty, e["r2Warnings"] == nil, "\(name) r2 warnings")
      assertClose(
        try Metrics.r2(yTrue: yTrue, yPred: yPred, forceFinite: false), e["r2NotFinite"]?.double,
        "\(name) r2 not finite")
      assertClose(
        try Metrics.meanAbsolutePercentageError(yTrue: yTrue, yPred: yPred), e["mape"]?.double,
        "\(name) mape")
      assertClose(
        try Metrics.explainedVariance(yTrue: yTrue, yPred: yPred),
        e["explainedVariance"]?.double, "\(name) explained variance")
      assertClose(
        try Metrics.explainedVariance(yTrue: yTrue, yPred: yPred, forceFinite: false),
        e["explainedVarianceNotFinite"]?.double, "\(name) explained variance not finite")
      assertClose(
        try Metrics.medianAbsoluteError(yTrue: yTrue, yPred: yPred),
        e["medianAbsoluteError"]?.double, name)
      assertClose(try Metrics.maxError(yTrue: yTrue, yPred: yPred), e["maxError"]?.double, name)
      let report = try RegressionReport(yTrue: yTrue, yPred: yPred)
      assertClose(report.rmse, e["rmse"]?.double, name)
      assertClose(report.r2, e["r2"]?.double, name)
      XCTAssertTrue(report.description.hasPrefix("rmse"))
    }
  }

  func testConstantTargetR2IsFiniteByDefault() throws {
    // scikit-learn's force_finite: perfect -> 1, imperfect -> 0 (not NaN / -inf).
    XCTAssertEqual(try Metrics.r2(yTrue: [3, 3, 3], yPred: [3, 3, 3]), 1)
    XCTAssertEqual(try Metrics.r2(yTrue: [3, 3, 3], yPred: [3, 4, 3]), 0)
    XCTAssertEqual(
      try Metrics.r2(yTrue: [3, 3, 3], yPred: [3, 4, 3], forceFinite: false), -.infinity)
  }

  func testBadInputThrowsNamedErrors() {
    XCTAssertThrowsError(try Metrics.meanSquaredError(yTrue: [1, 2], yPred: [1])) { error in
      XCTAssertEqual(
        error as? MetricError, .lengthMismatch(metric: "mean_squared_error", expected: 2, got: 1))
      XCTAssertEqual(
        "\(error)", "'mean_squared_error': inputs have different lengths: 2 and 1")
    }
    XCTAssertThrowsError(try Metrics.r2(yTrue: [], yPred: [])) { error in
      XCTAssertEqual(error as? MetricError, .emptyInput(metric: "r2_score"))
    }
    XCTAssertThrowsError(try Metrics.meanAbsoluteError(yTrue: [1, .nan], yPred: [1, 2])) {
      XCTAssertEqual(
        $0 as? MetricError, .nonFiniteValue(metric: "mean_absolute_error", input: "yTrue", index: 1)
      )
    }
  }
}
