import MelixNumerics
import XCTest

@testable import MelixML

/// The language-facing model handle: fit in place, task checks, predict, evaluate.
final class ClassicalModelTests: XCTestCase {
  func irisTensors() throws -> (x: Tensor, y: Tensor, names: [String]) {
    let (x, labels) = try readFixtureCSV("iris.csv", target: "species")
    let names = Array(Set(labels)).sorted()
    return (try Tensor(rows: x), Tensor(labels.map { names.firstIndex(of: $0) ?? -1 }), names)
  }

  func testLogisticRegressionHandleFitsPredictsAndEvaluates() throws {
    let (x, y, names) = try irisTensors()
    var model = ClassicalModel(.logisticRegression(C: 1, maxIter: 1000))
    XCTAssertEqual(model.name, "logistic_regression")
    XCTAssertThrowsError(try model.predict(x)) {
      XCTAssertEqual(
        "\($0)",
        "'logistic_regression' is not fitted yet; call 'fit' (or 'train') before predicting")
    }
    XCTAssertEqual("\(model)", "logistic_regression(C: 1.0, max_iter: 1000), not fitted")
    try model.fit(x, y, task: .classification)
    XCTAssertTrue(model.isFitted)
    XCTAssertEqual(
      "\(model)", "logistic_regression(C: 1.0, max_iter: 1000), fitted: 4 features, 3 classes")
    let direct = try LogisticRegression(C: 1, maxIter: 1000).fit(x, y)
    XCTAssertEqual(
      try model.predict(x).toArray(Int64.self), try direct.predict(x).toArray(Int64.self))
    XCTAssertEqual(try model.predictProbabilities(x).shape, [150, 3])
    guard case .classification(let report) = try model.evaluate(x, y, targetNames: names) else {
      return XCTFail("expected a classification report")
    }
    XCTAssertEqual(
      report.accuracy,
      try Metrics.accuracy(
        yTrue: y.toArray(Int64.self).map(Int.init),
        yPred: try direct.predict(x).toArray(Int64.self).map(Int.init)))
    XCTAssertEqual(report.targetNames, names)
    XCTAssertNotNil(report.rocAUC)
    XCTAssertTrue("\(try model.evaluate(x, y))".contains("macro avg"))
  }

  func testKNNBecomesClassifierOrRegressorFromTheTask() throws {
    let (x, y, _) = try irisTensors()
    var classifier = ClassicalModel(.knn(k: 5))
    try classifier.fit(x, y, task: .classification)
    XCTAssertEqual(try classifier.predict(x).dtype, .int64)
    XCTAssertEqual(try classifier.predictProbabilities(x).shape, [150, 3])

    let (dx, dyText) = try readFixtureCSV("diabetes.csv", target: "target")
    let dxTensor = try Tensor(rows: dx)
    let dy = Tensor(dyText.compactMap(Double.init))
    var regressor = ClassicalModel(.knn(k: 5))
    try regressor.fit(dxTensor, dy, task: .regression)
    XCTAssertEqual(try regressor.predict(dxTensor).dtype, .float64)
    XCTAssertThrowsError(try regressor.predictProbabilities(dxTensor)) {
      XCTAssertEqual($0 as? ModelError, .notAClassifier(model: "knn"))
    }
    guard case .regression(let report) = try regressor.evaluate(dxTensor, dy) else {
      return XCTFail("expected a regression report")
    }
    XCTAssertEqual(report.sampleCount, 442)
    XCTAssertLessThan(report.r2, 1)
    XCTAssertGreaterThan(report.r2, 0.3)
  }

  func testTaskMismatchSuggestsAModel() throws {
    let (x, y, _) = try irisTensors()
    var linear = ClassicalModel(.linearRegression(alpha: 0))
    XCTAssertThrowsError(try linear.fit(x, y, task: .classification)) {
      XCTAssertEqual(
        "\($0)",
        "'linear_regression' does regression but the data's task is classification; "
          + "use 'logistic_regression' or 'knn'")
    }
    XCTAssertFalse(linear.isFitted)
    var logistic = ClassicalModel(.logisticRegression(C: 1, maxIter: 100))
    XCTAssertThrowsError(try logistic.fit(x, y.cast(to: .float64), task: .regression)) {
      XCTAssertEqual(
        $0 as? ModelError,
        .taskMismatch(
          model: "logistic_regression", modelTask: "classification", dataTask: "regression"))
    }
  }
}
