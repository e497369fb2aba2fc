import MelixNumerics
import XCTest

@testable import MelixML

/// The pipelines the examples will run (breast_cancer: scaling + logistic regression;
/// diabetes: scaling + ridge), against scikit-learn on the same split
/// (`Fixtures/models.json`, section `endToEnd`).
final class EndToEndTests: XCTestCase {
  /// Every 4th row held out; features standardised with the training rows' mean and
  /// population standard deviation (scikit-learn's `StandardScaler`).
  func split(_ x: [[Double]]) -> (train: [Int], test: [Int], scaled: [[Double]]) {
    let train = x.indices.filter { $0 % 4 != 0 }
    let test = x.indices.filter { $0 % 4 == 0 }
    let p = x[0].count
    let n = Double(train.count)
    let mean = (0..<p).map { j in train.reduce(0.0) { $0 + x[$1][j] } / n }
    let std = (0..<p).map { j in
      (train.reduce(0.0) { $0 + (x[$1][j] - mean[j]) * (x[$1][j] - mean[j]) } / n).squareRoot()
    }
    return (train, test, x.map { row in (0..<p).map { (row[$0] - mean[$0]) / std[$0] } })
  }

  func testBreastCancerLogisticRegressionMatchesScikitLearn() throws {
    let (raw, labels) = try readFixtureCSV("breast_cancer.csv", target: "diagnosis")
    let e = try loadFixture("models.json")["endToEnd"]?["breastCancer"]
    let names = e?["classNames"]?.strings ?? []
    let y = labels.map { names.firstIndex(of: $0) ?? -1 }
    let (train, test, x) = split(raw)
    var model = ClassicalModel(.logisticRegression(C: 1, maxIter: 1000))
    try model.fit(
      try Tensor(rows: train.map { x[$0] }), Tensor(train.map { y[$0] }), task: .classification)
    let evaluation = try model.evaluate(
      try Tensor(rows: test.map { x[$0] }), Tensor(test.map { y[$0] }), targetNames: names)
    guard case .classification(let report) = evaluation else {
      return XCTFail("expected a classification report")
    }
    assertClose(report.accuracy, e?["accuracy"]?.double)
    assertClose(report.rocAUC ?? .nan, e?["rocAUC"]?.double)
    XCTAssertGreaterThanOrEqual(report.rocAUC ?? 0, 0.99)
    assertClose(report.averagePrecision ?? .nan, e?["averagePrecision"]?.double)
    // The probabilities agree with scikit-learn's to about 1e-6, so log-loss does too.
    assertClose(report.logLoss ?? .nan, e?["logLoss"]?.double, tolerance: 1e-5)
    let fourDigits = try ClassificationReport(
      yTrue: test.map { y[$0] },
      yPred: try model.predict(try Tensor(rows: test.map { x[$0] })).toArray(Int64.self).map(
        Int.init),
      targetNames: names, digits: 4)
    XCTAssertEqual(fourDigits.table, e?["report"]?.string)
  }

  func testDiabetesRidgeMatchesScikitLearn() throws {
    let (raw, yText) = try readFixtureCSV("diabetes.csv", target: "target")
    let y = yText.compactMap(Double.init)
    let e = try loadFixture("models.json")["endToEnd"]?["diabetes"]
    let (train, test, x) = split(raw)
    var model = ClassicalModel(.linearRegression(alpha: 1))
    try model.fit(
      try Tensor(rows: train.map { x[$0] }), Tensor(train.map { y[$0] }), task: .regression)
    guard
      case .regression(let report) = try model.evaluate(
        try Tensor(rows: test.map { x[$0] }), Tensor(test.map { y[$0] }))
    else { return XCTFail("expected a regression report") }
    assertClose(report.r2, e?["r2"]?.double)
    assertClose(report.rmse, e?["rmse"]?.double)
    assertClose(report.mae, e?["mae"]?.double)
  }
}
