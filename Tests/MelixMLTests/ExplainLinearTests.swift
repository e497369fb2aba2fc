import MelixNumerics
import XCTest

@testable import MelixML

/// Linear SHAP against `shap.LinearExplainer` (fixtures from Fixtures/explain/make_fixtures.py).
final class ExplainLinearTests: XCTestCase {
  func fixture(_ name: String) throws -> JSONValue {
    let all = try loadFixture("explain/explain.json")
    guard let case_ = all[name] else { throw CocoaError(.fileReadCorruptFile) }
    return case_
  }

  func assertMatches(
    _ ex: Explanation, _ f: JSONValue, tolerance: Double, file: StaticString = #filePath,
    line: UInt = #line
  ) {
    let expected = f["values"]?.array.map(\.matrix) ?? []
    XCTAssertEqual(ex.values.count, expected.count, "outputs", file: file, line: line)
    for (k, matrix) in expected.enumerated() where k < ex.values.count {
      XCTAssertEqual(ex.values[k].count, matrix.count, file: file, line: line)
      for (i, row) in matrix.enumerated() where i < ex.values[k].count {
        assertClose(
          ex.values[k][i], row, tolerance: tolerance, "output \(k) row \(i)", file: file, line: line
        )
      }
    }
    assertClose(
      ex.baseValues, f["base_values"]?.doubles ?? [], tolerance: tolerance, "base values",
      file: file, line: line)
  }

  func testLinearRegressionMatchesShapLinearExplainer() throws {
    let f = try fixture("linear_diabetes")
    let fitted = FittedLinearRegression(
      coefficients: f["coefficients"]?.matrix.first ?? [],
      intercept: f["intercepts"]?.doubles.first ?? 0)
    let model = ClassicalModel.Fitted.linearRegression(fitted)
    let ex = try model.shap(
      f["data"]?.matrix ?? [], background: Background(f["background"]?.matrix ?? []),
      featureNames: f["feature_names"]?.strings ?? [])
    assertMatches(ex, f, tolerance: 1e-8)
    XCTAssertEqual(ex.outputSpace, "raw")
    XCTAssertEqual(ex.featureNames.first, "age")
  }

  func testBinaryLogisticIsInLogOddsLikeShap() throws {
    let f = try fixture("logistic_breast_cancer")
    let fitted = FittedLogisticRegression(
      classes: f["classes"]?.ints ?? [], coefficients: f["coefficients"]?.matrix ?? [],
      intercepts: f["intercepts"]?.doubles ?? [])
    let model = ClassicalModel.Fitted.logisticRegression(fitted)
    let ex = try model.shap(
      f["data"]?.matrix ?? [], background: Background(f["background"]?.matrix ?? []),
      classNames: ["malignant", "benign"])
    assertMatches(ex, f, tolerance: 1e-8)
    XCTAssertEqual(ex.outputNames, ["benign"])
    XCTAssertEqual(ex.outputSpace, "log-odds")
    // The values add up to the decision function (additivity in log-odds space).
    let z = try fitted.decisionFunction(f["data"]?.matrix ?? [])
    for i in 0..<ex.rowCount {
      assertClose(ex.baseValues[0] + ex.values[0][i].reduce(0, +), z[i][0], tolerance: 1e-10)
    }
  }

  func testMulticlassLogisticGivesOneMatrixPerClass() throws {
    let f = try fixture("logistic_iris")
    let fitted = FittedLogisticRegression(
      classes: [0, 1, 2], coefficients: f["coefficients"]?.matrix ?? [],
      intercepts: f["intercepts"]?.doubles ?? [])
    let model = ClassicalModel.Fitted.logisticRegression(fitted)
    let ex = try model.shap(
      f["data"]?.matrix ?? [], background: Background(f["background"]?.matrix ?? []),
      classNames: f["class_names"]?.strings ?? [])
    XCTAssertEqual(ex.outputCount, 3)
    XCTAssertEqual(ex.outputNames, ["setosa", "versicolor", "virginica"])
    assertMatches(ex, f, tolerance: 1e-8)
  }

  func testUnfittedModelAndBadRowsThrow() throws {
    let bg = try Background([[1, 2], [3, 4]])
    XCTAssertThrowsError(
      try ClassicalModel(.linearRegression(alpha: 0)).shap([[1, 2]], background: bg)
    ) {
      XCTAssertEqual($0 as? ModelError, .notFitted(model: "linear_regression"))
    }
    XCTAssertThrowsError(
      try LinearSHAP.explain(
        coefficients: [[1, 2]], intercepts: [0], data: [[1, 2, 3]], background: bg)
    ) {
      XCTAssertEqual(
        $0 as? ExplainError, .featureCountMismatch(input: "data", row: 0, expected: 2, got: 3))
      XCTAssertEqual("\($0)", "row 0 of 'data' has 3 features, expected 2")
    }
    XCTAssertThrowsError(
      try LinearSHAP.explain(
        coefficients: [[1, 2]], intercepts: [0], data: [[1, .nan]], background: bg)
    ) {
      XCTAssertEqual($0 as? ExplainError, .nonFiniteValue(input: "data", row: 0, column: 1))
    }
  }

  func testAdditivityFailureIsAnError() {
    XCTAssertThrowsError(
      try Explanation(
        values: [[[1, 2]]], baseValues: [0.5], data: [[0, 0]], outputSpace: "raw",
        modelOutputs: [[3.4]])
    ) {
      XCTAssertEqual(
        $0 as? ExplainError, .additivityFailed(row: 0, output: 0, modelOutput: 3.4, shapSum: 3.5))
    }
  }
}
