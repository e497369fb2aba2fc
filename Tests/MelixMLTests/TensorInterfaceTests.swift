import MelixNumerics
import XCTest

@testable import MelixML

/// The estimators on MelixNumerics tensors give the same results as on arrays.
final class TensorInterfaceTests: XCTestCase {
  func testClassifierOnTensorsMatchesArrays() throws {
    let (x, labels) = try readFixtureCSV("iris.csv", target: "species")
    let names = Array(Set(labels)).sorted()
    let y = labels.map { names.firstIndex(of: $0) ?? -1 }
    let xTensor = try Tensor(rows: x)
    let yTensor = Tensor(y)
    XCTAssertEqual(xTensor.shape, [150, 4])
    let fromTensors = try LogisticRegression(C: 1).fit(xTensor, yTensor)
    let fromArrays = try LogisticRegression(C: 1).fit(x, y)
    XCTAssertEqual(fromTensors, fromArrays)
    let predicted = try fromTensors.predict(xTensor)
    XCTAssertEqual(predicted.dtype, .int64)
    XCTAssertEqual(predicted.toArray(Int64.self).map(Int.init), try fromArrays.predict(x))
    let probabilities = try fromTensors.predictProbabilities(xTensor)
    XCTAssertEqual(probabilities.shape, [150, 3])
    assertClose(probabilities.scalars, try fromArrays.predictProbabilities(x).flatMap { $0 })

    var model = Model(KNNClassifier(k: 3))
    try model.fit(xTensor, yTensor.cast(to: .float64))
    XCTAssertEqual(try model.predict(x), try KNNClassifier(k: 3).fit(x, y).predict(x))
  }

  func testRegressorOnTensorsMatchesArrays() throws {
    let (x, yText) = try readFixtureCSV("diabetes.csv", target: "target")
    let y = yText.compactMap(Double.init)
    let fitted = try LinearRegression(alpha: 0.5).fit(try Tensor(rows: x), Tensor(y))
    XCTAssertEqual(fitted, try LinearRegression(alpha: 0.5).fit(x, y))
    let predicted = try fitted.predict(try Tensor(rows: x))
    XCTAssertEqual(predicted.shape, [442])
    assertClose(predicted.scalars, try fitted.predict(x))
  }

  func testTensorShapeAndLabelErrors() throws {
    XCTAssertThrowsError(try LinearRegression().fit(Tensor([1.0, 2, 3]), Tensor([1.0, 2, 3]))) {
      XCTAssertEqual(
        "\($0)", "'linear_regression': X must have shape [nSamples, nFeatures], got [3]")
    }
    XCTAssertThrowsError(
      try LogisticRegression().fit(try Tensor(rows: [[1.0], [2.0]]), Tensor([0.0, 0.5]))
    ) {
      XCTAssertEqual(
        $0 as? ModelError, .nonIntegerLabel(model: "logistic_regression", index: 1, value: 0.5))
    }
    let fitted = try LinearRegression().fit([[1.0], [2.0], [4.0]], [1, 2, 4])
    XCTAssertThrowsError(try fitted.predict(try Tensor(rows: [[1.0, 2.0]]))) {
      XCTAssertEqual("\($0)", "'linear_regression' was fitted on 1 features, got 2")
    }
  }
}

extension TensorInterfaceTests {
  func testReportsFromTensorsMatchArrays() throws {
    let c = try loadFixture("metrics.json")["classification"]?.array.first {
      $0["name"]?.string == "digits_gaussian_nb"
    }
    let yTrue = (c?["yTrue"]?.strings ?? []).compactMap { Int($0) }
    let yPred = (c?["yPred"]?.strings ?? []).compactMap { Int($0) }
    let probabilities = c?["probabilities"]?.matrix ?? []
    XCTAssertEqual(yTrue.count, 540)
    let report = try ClassificationReport(
      yTrue: Tensor(yTrue), yPred: Tensor(yPred), probabilities: try Tensor(rows: probabilities))
    assertClose(report.accuracy, c?["expected"]?["accuracy"]?.double)
    assertClose(report.logLoss ?? .nan, c?["expected"]?["logLoss"]?.double)
    XCTAssertEqual(report.table, c?["expected"]?["report"]?.string)

    let regression = try RegressionReport(yTrue: Tensor([1.0, 2, 3]), yPred: Tensor([1.0, 2, 4]))
    XCTAssertEqual(regression, try RegressionReport(yTrue: [1, 2, 3], yPred: [1, 2, 4]))
    XCTAssertThrowsError(
      try ClassificationReport(yTrue: Tensor([0.0, 1.5]), yPred: Tensor([0, 1]))
    ) {
      XCTAssertEqual(
        "\($0)", "'classification_report': class labels must be integers, 'yTrue'[1] is 1.5")
    }
    XCTAssertThrowsError(
      try RegressionReport(yTrue: try Tensor(rows: [[1.0], [2.0]]), yPred: Tensor([1.0, 2]))
    ) {
      XCTAssertEqual(
        $0 as? MetricError,
        .invalidShape(
          metric: "regression_report", input: "yTrue", expected: "[nSamples]", got: [2, 1]))
    }
  }
}
