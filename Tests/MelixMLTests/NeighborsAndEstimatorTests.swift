import XCTest

@testable import MelixML

/// k-nearest neighbours against scikit-learn, and the `Estimator` / `Model` contract.
final class NeighborsAndEstimatorTests: XCTestCase {
  func testKNNClassifierMatchesScikitLearnOnIrisSplits() throws {
    let (x, labels) = try readFixtureCSV("iris.csv", target: "species")
    let names = Array(Set(labels)).sorted()
    let y = labels.map { names.firstIndex(of: $0) ?? -1 }
    let cases = try loadFixture("models.json")["knnClassifier"]?.array ?? []
    XCTAssertEqual(cases.count, 25)
    for c in cases {
      let train = c["train"]?.ints ?? []
      let test = c["test"]?.ints ?? []
      let k = Int(c["k"]?.double ?? 0)
      let fitted = try KNNClassifier(k: k).fit(train.map { x[$0] }, train.map { y[$0] })
      let label = "seed \(c["seed"]?.double ?? -1) k \(k)"
      XCTAssertEqual(try fitted.predict(test.map { x[$0] }), c["predictions"]?.ints, label)
      let probabilities = try fitted.predictProbabilities(test.map { x[$0] })
      for (row, want) in zip(probabilities, c["probabilities"]?.matrix ?? []) {
        assertClose(row, want, tolerance: 1e-12, label)
      }
    }
  }

  func testKNNRegressorMatchesScikitLearnOnDiabetes() throws {
    let (x, yText) = try readFixtureCSV("diabetes.csv", target: "target")
    let y = yText.compactMap(Double.init)
    let cases = try loadFixture("models.json")["knnRegressor"]?.array ?? []
    XCTAssertEqual(cases.count, 3)
    for c in cases {
      let train = c["train"]?.ints ?? []
      let test = c["test"]?.ints ?? []
      let k = Int(c["k"]?.double ?? 0)
      let fitted = try KNNRegressor(k: k).fit(train.map { x[$0] }, train.map { y[$0] })
      assertClose(
        try fitted.predict(test.map { x[$0] }), c["predictions"]?.doubles ?? [],
        tolerance: 1e-12, "k \(k)")
    }
  }

  func testKNNErrors() {
    XCTAssertThrowsError(try KNNClassifier(k: 5).fit([[1], [2]], [0, 1])) {
      XCTAssertEqual(
        "\($0)", "'knn': 'k' is 5, expected an integer in 1...2 (the number of training samples)")
    }
  }

  func testModelPredictBeforeFitSaysToFitFirst() throws {
    var model = Model(LogisticRegression())
    XCTAssertFalse(model.isFitted)
    XCTAssertThrowsError(try model.predict([[1.0]])) {
      XCTAssertEqual($0 as? ModelError, .notFitted(model: "logistic_regression"))
      XCTAssertEqual(
        "\($0)",
        "'logistic_regression' is not fitted yet; call 'fit' (or 'train') before predicting")
    }
    try model.fit([[0], [1], [2], [3]], [0, 0, 1, 1])
    XCTAssertTrue(model.isFitted)
    XCTAssertEqual(try model.predict([[-5], [8]]), [0, 1])
    XCTAssertEqual(try model.predictProbabilities([[1.5]])[0].count, 2)
    XCTAssertThrowsError(try model.predict([[1.0, 2.0]])) {
      XCTAssertEqual(
        $0 as? ModelError,
        .featureCountMismatch(model: "logistic_regression", expected: 1, got: 2))
      XCTAssertEqual("\($0)", "'logistic_regression' was fitted on 1 features, got 2")
    }
    // A failed refit keeps the previous state.
    XCTAssertThrowsError(try model.fit([[1]], [0]))
    XCTAssertTrue(model.isFitted)
  }

  func testEvaluateReturnsReports() throws {
    let (x, labels) = try readFixtureCSV("iris.csv", target: "species")
    let names = Array(Set(labels)).sorted()
    let y = labels.map { names.firstIndex(of: $0) ?? -1 }
    let fitted = try KNNClassifier(k: 5).fit(x, y)
    let report = try fitted.evaluate(x, y, targetNames: names)
    XCTAssertEqual(report.targetNames, ["setosa", "versicolor", "virginica"])
    XCTAssertEqual(report.accuracy, try Metrics.accuracy(yTrue: y, yPred: try fitted.predict(x)))
    XCTAssertGreaterThan(report.accuracy, 0.9)
    XCTAssertNotNil(report.rocAUC)
    XCTAssertTrue(report.table.contains("  setosa "))

    let (dx, dyText) = try readFixtureCSV("diabetes.csv", target: "target")
    let dy = dyText.compactMap(Double.init)
    let regression = try LinearRegression(alpha: 1).fit(dx, dy).evaluate(dx, dy)
    XCTAssertEqual(regression.sampleCount, 442)
    XCTAssertEqual(regression.rmse, regression.mse.squareRoot(), accuracy: 1e-12)
  }
}

extension NeighborsAndEstimatorTests {
  func testKNNRebuildsFromStoredTrainingData() throws {
    let x: [[Double]] = [[0, 0], [1, 0], [0, 1], [5, 5], [6, 5]]
    let fitted = try KNNClassifier(k: 3).fit(x, [0, 0, 0, 1, 1])
    let rebuilt = try FittedKNNClassifier(
      k: fitted.k, trainingFeatures: fitted.trainingFeatures, trainingLabels: fitted.trainingLabels)
    XCTAssertEqual(rebuilt, fitted)
    XCTAssertEqual(try rebuilt.predict([[0.2, 0.2], [5.5, 5]]), [0, 1])
    let regressor = try KNNRegressor(k: 2).fit(x, [1, 2, 3, 4, 5])
    let again = try FittedKNNRegressor(
      k: 2, trainingFeatures: regressor.trainingFeatures,
      trainingTargets: regressor.trainingTargets)
    XCTAssertEqual(try again.predict([[5.5, 5]]), [4.5])
  }
}

extension NeighborsAndEstimatorTests {
  /// More queries than one block of the search (256): batched and one-by-one agree.
  func testKNNBatchesOfQueriesAgreeWithSingleQueries() throws {
    let (x, yText) = try readFixtureCSV("diabetes.csv", target: "target")
    let y = yText.compactMap(Double.init)
    let fitted = try KNNRegressor(k: 7).fit(x, y)
    let batched = try fitted.predict(x)
    XCTAssertEqual(batched.count, 442)
    let single = try x.map { try fitted.predict([$0])[0] }
    XCTAssertEqual(batched, single)
  }
}

extension NeighborsAndEstimatorTests {
  func testEvaluateWithAClassUnseenInFitLeavesOutProbabilityMetrics() throws {
    let fitted = try KNNClassifier(k: 1).fit([[0], [1], [2]], [0, 1, 1])
    let report = try fitted.evaluate([[0], [2], [5]], [0, 1, 2])
    XCTAssertEqual(report.labels, [0, 1, 2])
    XCTAssertNil(report.rocAUC)
    XCTAssertNil(report.logLoss)
    XCTAssertEqual(report.accuracy, 2.0 / 3.0, accuracy: 1e-15)
  }
}
