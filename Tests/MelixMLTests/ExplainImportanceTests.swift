import MelixNumerics
import XCTest

@testable import MelixML

/// Permutation importance against scikit-learn's `permutation_importance`
/// (fixtures from Fixtures/explain/make_fixtures.py, with the shuffles NumPy drew there).
final class ExplainImportanceTests: XCTestCase {
  func fixture(_ name: String) throws -> JSONValue {
    guard let f = try loadFixture("explain/explain.json")[name] else {
      throw CocoaError(.fileReadCorruptFile)
    }
    return f
  }

  func check(_ result: PermutationImportance, _ f: JSONValue) {
    for (j, row) in (f["importances"]?.matrix ?? []).enumerated() {
      assertClose(result.importances[j], row, tolerance: 1e-10, "feature \(j)")
    }
    assertClose(result.importancesMean, f["importances_mean"]?.doubles ?? [], tolerance: 1e-10)
    assertClose(result.importancesStd, f["importances_std"]?.doubles ?? [], tolerance: 1e-10)
  }

  func testRegressionR2MatchesScikitLearn() throws {
    let f = try fixture("permutation_diabetes")
    let lin = try fixture("linear_diabetes")
    let model = FittedLinearRegression(
      coefficients: lin["coefficients"]?.matrix.first ?? [],
      intercept: lin["intercepts"]?.doubles.first ?? 0)
    let result = try PermutationImportance(
      predict: { try model.predict($0) }, x: f["data"]?.matrix ?? [], y: f["target"]?.doubles ?? [],
      metric: ScoreMetric(named: "r2"), shuffles: f["shuffles"]?.intMatrix ?? [])
    check(result, f)
    XCTAssertEqual(result.importances.count, 10)
  }

  func testClassifierAccuracyMatchesScikitLearn() throws {
    let f = try fixture("permutation_iris")
    let log = try fixture("logistic_iris")
    let model = ClassicalModel.Fitted.logisticRegression(
      FittedLogisticRegression(
        classes: [0, 1, 2], coefficients: log["coefficients"]?.matrix ?? [],
        intercepts: log["intercepts"]?.doubles ?? []))
    let result = try PermutationImportance(
      predict: { try model.predictions($0) }, x: f["data"]?.matrix ?? [],
      y: f["target"]?.doubles ?? [],
      metric: .accuracy, shuffles: f["shuffles"]?.intMatrix ?? [])
    check(result, f)
  }

  func testSeededRunsRepeatAndRankTheInformativeFeature() throws {
    // y depends on feature 0 only.
    let x = (0..<60).map { i in [Double(i % 13), Double((i * 7) % 11)] }
    let y = x.map { 3 * $0[0] + 1 }
    let model = ClassicalModel.Fitted.linearRegression(
      FittedLinearRegression(coefficients: [3, 0], intercept: 1))
    let a = try model.permutationImportance(x, y, repeats: 4, seed: 9)
    let b = try model.permutationImportance(x, y, repeats: 4, seed: 9)
    XCTAssertEqual(a.importances, b.importances)
    XCTAssertEqual(a.baselineScore, 1)
    XCTAssertGreaterThan(a.importancesMean[0], 1)
    XCTAssertEqual(a.importancesMean[1], 0)
  }

  func testBadArguments() throws {
    let model = ClassicalModel.Fitted.linearRegression(
      FittedLinearRegression(coefficients: [1], intercept: 0))
    XCTAssertThrowsError(try model.permutationImportance([[1], [2]], [1, 2], repeats: 0, seed: 1)) {
      XCTAssertEqual(
        $0 as? ExplainError, .invalidArgument(name: "repeats", value: "0", expected: "at least 1"))
    }
    XCTAssertThrowsError(try model.permutationImportance([[1], [2]], [1], seed: 1)) {
      XCTAssertEqual($0 as? ExplainError, .lengthMismatch(input: "y", expected: 2, got: 1))
    }
    XCTAssertThrowsError(try ScoreMetric(named: "f1_macro")) {
      XCTAssertTrue("\($0)".hasPrefix("argument 'metric' is 'f1_macro'"))
    }
  }
}
