import XCTest

@testable import MelixML

/// Linear and logistic regression against scikit-learn (`Fixtures/models.json`).
final class LinearModelTests: XCTestCase {
  func testLinearRegressionMatchesScikitLearnOnDiabetes() throws {
    let (x, yText) = try readFixtureCSV("diabetes.csv", target: "target")
    let y = yText.compactMap(Double.init)
    XCTAssertEqual(x.count, 442)
    XCTAssertEqual(x[0].count, 10)
    let cases = try loadFixture("models.json")["linear"]?.array ?? []
    XCTAssertEqual(cases.count, 4)
    for c in cases {
      let alpha = c["alpha"]?.double ?? -1
      let fitted = try LinearRegression(alpha: alpha).fit(x, y)
      assertClose(
        fitted.coefficients, c["coefficients"]?.doubles ?? [], tolerance: 1e-8, "alpha \(alpha)")
      assertClose(fitted.intercept, c["intercept"]?.double, tolerance: 1e-8, "alpha \(alpha)")
      assertClose(
        try fitted.predict(Array(x.prefix(10))), c["predictionsFirst10"]?.doubles ?? [],
        tolerance: 1e-8, "alpha \(alpha) predictions")
    }
  }

  func testLinearRegressionErrors() throws {
    XCTAssertThrowsError(try LinearRegression(alpha: -1).fit([[1], [2]], [1, 2])) {
      XCTAssertEqual(
        "\($0)", "'linear_regression': 'alpha' is -1.0, expected a finite number >= 0")
    }
    // Two identical columns: singular without ridge, fine with it.
    let x: [[Double]] = [[1, 1], [2, 2], [3, 3.0]]
    XCTAssertThrowsError(try LinearRegression().fit(x, [1, 2, 3])) {
      XCTAssertEqual($0 as? ModelError, .singularSystem(model: "linear_regression"))
    }
    let ridge = try LinearRegression(alpha: 1).fit(x, [1, 2, 3])
    XCTAssertEqual(ridge.coefficients[0], ridge.coefficients[1], accuracy: 1e-12)
    XCTAssertThrowsError(try ridge.predict([[1, 2, 3]])) {
      XCTAssertEqual("\($0)", "'linear_regression' was fitted on 2 features, got 3")
    }
    XCTAssertThrowsError(try LinearRegression().fit([[1], [.nan]], [1, 2])) {
      XCTAssertEqual(
        $0 as? ModelError,
        .nonFiniteValue(model: "linear_regression", input: "X", row: 1, column: 0))
    }
    XCTAssertThrowsError(try LinearRegression().fit([[1], [2]], [1])) {
      XCTAssertEqual("\($0)", "'linear_regression': X has 2 samples but y has 1")
    }
  }

  func testLogisticRegressionMatchesScikitLearn() throws {
    let cases = try loadFixture("models.json")["logistic"]?.array ?? []
    XCTAssertEqual(cases.count, 5)
    for c in cases {
      let file = c["file"]?.string ?? ""
      let (raw, labels) = try readFixtureCSV(file, target: c["target"]?.string ?? "")
      let names = c["classNames"]?.strings ?? []
      let y = labels.map { names.firstIndex(of: $0) ?? -1 }
      let mean = c["scaleMean"]?.doubles ?? []
      let std = c["scaleStd"]?.doubles ?? []
      let x = raw.map { row in row.indices.map { (row[$0] - mean[$0]) / std[$0] } }
      let C = c["C"]?.double ?? 0
      let fitted = try LogisticRegression(C: C).fit(x, y)
      let label = "\(file) C=\(C)"
      XCTAssertTrue(fitted.converged, label)
      let expected = c["coefficients"]?.matrix ?? []
      XCTAssertEqual(fitted.coefficients.count, expected.count, label)
      for (row, want) in zip(fitted.coefficients, expected) {
        assertClose(row, want, tolerance: 1e-4, "\(label) coefficients")
      }
      assertClose(fitted.intercepts, c["intercepts"]?.doubles ?? [], tolerance: 1e-4, label)
      let probabilities = try fitted.predictProbabilities(Array(x.prefix(10)))
      for (row, want) in zip(probabilities, c["probabilitiesFirst10"]?.matrix ?? []) {
        assertClose(row, want, tolerance: 1e-5, "\(label) probabilities")
      }
      XCTAssertEqual(try fitted.predict(x), c["predictions"]?.ints, label)
    }
  }

  func testLogisticRegressionErrors() throws {
    XCTAssertThrowsError(try LogisticRegression(C: 0).fit([[1], [2]], [0, 1])) {
      XCTAssertEqual("\($0)", "'logistic_regression': 'C' is 0.0, expected a finite number > 0")
    }
    XCTAssertThrowsError(try LogisticRegression().fit([[1], [2]], [3, 3])) {
      XCTAssertEqual("\($0)", "'logistic_regression' needs at least two classes in y, got only 3")
    }
    XCTAssertThrowsError(try LogisticRegression().fit([[1, 2], [2]], [0, 1])) {
      XCTAssertEqual(
        $0 as? ModelError,
        .raggedFeatures(model: "logistic_regression", row: 1, expected: 2, got: 1))
    }
  }

  /// A separable problem drives the weights up but the penalty keeps them finite.
  func testLogisticRegressionOnSeparableDataStaysFinite() throws {
    let fitted = try LogisticRegression(C: 1e4).fit([[-2], [-1], [1], [2]], [0, 0, 1, 1])
    XCTAssertTrue(fitted.coefficients[0][0].isFinite)
    XCTAssertGreaterThan(fitted.coefficients[0][0], 1)
    XCTAssertEqual(try fitted.predict([[-3], [3]]), [0, 1])
  }
}

extension LinearModelTests {
  /// Unscaled features (areas near 2500 beside fractions near 0.05) make the problem badly
  /// conditioned; the solver must still end cleanly with a usable model.
  func testLogisticRegressionOnUnscaledFeaturesEndsCleanly() throws {
    let (x, labels) = try readFixtureCSV("breast_cancer.csv", target: "diagnosis")
    let y = labels.map { $0 == "malignant" ? 1 : 0 }
    let fitted = try LogisticRegression(C: 1, maxIter: 200).fit(x, y)
    XCTAssertLessThanOrEqual(fitted.iterations, 200)
    XCTAssertTrue(fitted.coefficients[0].allSatisfy(\.isFinite))
    XCTAssertGreaterThan(try Metrics.accuracy(yTrue: y, yPred: try fitted.predict(x)), 0.9)
  }
}
