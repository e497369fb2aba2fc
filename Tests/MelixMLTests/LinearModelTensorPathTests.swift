import MelixNumerics
import XCTest

@testable import MelixML

/// The linear models' tensor fast paths (one BLAS product, no `[[Double]]` rows) give the
/// array paths' numbers bit for bit and the same errors.
final class LinearModelTensorPathTests: XCTestCase {
  /// `rows` × `cols` values in [-3, 3) from a fixed seed.
  private func randomRows(_ rows: Int, _ cols: Int, seed: UInt64) -> [[Double]] {
    var rng = PCG64(seed: seed)
    return (0..<rows).map { _ in (0..<cols).map { _ in 6 * rng.nextUniform() - 3 } }
  }

  private func models() -> [FittedLogisticRegression] {
    let w = randomRows(4, 7, seed: 11)
    return [
      FittedLogisticRegression(classes: [0, 1], coefficients: [w[0]], intercepts: [0.3]),
      FittedLogisticRegression(
        classes: [0, 1, 2, 5], coefficients: w, intercepts: [0.1, -0.2, 0.05, 1.5]),
    ]
  }

  func testLogisticTensorPathIsBitIdenticalToArrays() throws {
    let x = randomRows(257, 7, seed: 3)
    let tensor = try Tensor(rows: x)
    for model in models() {
      let p = try model.predictProbabilities(tensor)
      XCTAssertEqual(p.shape, [257, max(model.coefficients.count, 2)])
      XCTAssertEqual(p.scalars, try model.predictProbabilities(x).flatMap { $0 })
      let labels = try model.predict(tensor)
      XCTAssertEqual(labels.dtype, .int64)
      XCTAssertEqual(labels.toArray(Int64.self).map(Int.init), try model.predict(x))
      // A strided view (a transpose of the transpose) and float32 input take the same path.
      let view = try Tensor(rows: (0..<7).map { j in x.map { $0[j] } }).transposed
      XCTAssertFalse(view.isContiguous)
      XCTAssertEqual(try model.predictProbabilities(view).scalars, p.scalars)
      let single = tensor.cast(to: .float32)
      XCTAssertEqual(
        try model.predictProbabilities(single).scalars,
        try model.predictProbabilities(Inputs.rows(single, model: "t")).flatMap { $0 })
    }
  }

  func testLogisticTensorPathOverflowsLikeArrays() throws {
    // Finite features whose scores overflow: no error on either path, same probabilities.
    let x: [[Double]] = [[1e300, 1e300, 0, 0, 0, 0, 0], [1, 2, 3, 4, 5, 6, 7]]
    for model in models() {
      let got = try model.predictProbabilities(try Tensor(rows: x)).scalars
      let want = try model.predictProbabilities(x).flatMap { $0 }
      XCTAssertEqual(got.map(\.bitPattern), want.map(\.bitPattern))
    }
  }

  func testLinearRegressionTensorPathIsBitIdenticalToArrays() throws {
    let x = randomRows(300, 5, seed: 8)
    let model = FittedLinearRegression(coefficients: [0.5, -1.25, 3, 1e-3, 7], intercept: 2.5)
    let got = try model.predict(try Tensor(rows: x))
    XCTAssertEqual(got.shape, [300])
    XCTAssertEqual(got.scalars, try model.predict(x))
  }

  func testTensorPathErrorsMatchArrays() throws {
    let model = models()[1]
    var x = randomRows(4, 7, seed: 5)
    x[2][4] = .nan
    x[3][0] = .infinity
    let want = ModelError.nonFiniteValue(
      model: "logistic_regression", input: "X", row: 2, column: 4)
    XCTAssertThrowsError(try model.predictProbabilities(x)) {
      XCTAssertEqual($0 as? ModelError, want)
    }
    XCTAssertThrowsError(try model.predictProbabilities(try Tensor(rows: x))) {
      XCTAssertEqual($0 as? ModelError, want)
    }
    XCTAssertThrowsError(try model.predict(try Tensor(rows: [[1.0, 2.0]]))) {
      XCTAssertEqual(
        $0 as? ModelError,
        .featureCountMismatch(model: "logistic_regression", expected: 7, got: 2))
    }
    XCTAssertThrowsError(try model.predictProbabilities(Tensor([1.0, 2.0]))) {
      XCTAssertEqual(
        $0 as? ModelError,
        .invalidShape(
          model: "predict_proba", input: "X", expected: "[nSamples, nFeatures]", got: [2]))
    }
    let linear = FittedLinearRegression(coefficients: [1, 2], intercept: 0)
    XCTAssertThrowsError(try linear.predict(try Tensor(rows: [[1.0, 2.0], [3.0, -.infinity]]))) {
      XCTAssertEqual(
        $0 as? ModelError,
        .nonFiniteValue(model: "linear_regression", input: "X", row: 1, column: 1))
    }
    XCTAssertThrowsError(try linear.predict(try Tensor(shape: [0, 2], scalars: [Double]()))) {
      XCTAssertEqual($0 as? ModelError, .emptyInput(model: "linear_regression"))
    }
  }
}
