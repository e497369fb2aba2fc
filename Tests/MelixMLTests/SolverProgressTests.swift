import MelixNumerics
import XCTest

@testable import MelixML

/// L-BFGS iteration counts and convergence on the model handle (scikit-learn's `n_iter_`
/// and `ConvergenceWarning`), and feature names in the NaN error of `X`.
final class SolverProgressTests: XCTestCase {
  func breastCancerTensors() throws -> (x: Tensor, y: Tensor) {
    let (x, labels) = try readFixtureCSV("breast_cancer.csv", target: "diagnosis")
    let names = Array(Set(labels)).sorted()
    return (try Tensor(rows: x), Tensor(labels.map { names.firstIndex(of: $0) ?? -1 }))
  }

  /// scikit-learn: `LogisticRegression(max_iter=2).fit(X, y)` on this data has
  /// `n_iter_ == [2]` and raises `ConvergenceWarning` (unscaled features).
  func testStoppingAtMaxIterIsReportedAndWarned() throws {
    let (x, y) = try breastCancerTensors()
    var model = ClassicalModel(.logisticRegression(C: 1, maxIter: 2))
    XCTAssertNil(model.solverProgress)
    try model.fit(x, y, task: .classification)
    XCTAssertEqual(
      model.solverProgress, SolverProgress(solver: "L-BFGS", iterations: 2, converged: false))
    XCTAssertEqual(
      model.convergenceWarning,
      "'logistic_regression' did not converge in 2 iterations; increase 'max_iter' or scale "
        + "the features")
    XCTAssertTrue("\(model)".hasSuffix("not converged in 2 iterations"), "\(model)")
  }

  func testConvergedFitHasNoWarning() throws {
    let (x, labels) = try readFixtureCSV("iris.csv", target: "species")
    let names = Array(Set(labels)).sorted()
    let y = Tensor(labels.map { names.firstIndex(of: $0) ?? -1 })
    var model = ClassicalModel(.logisticRegression(C: 1, maxIter: 1000))
    try model.fit(try Tensor(rows: x), y, task: .classification)
    let progress = try XCTUnwrap(model.solverProgress)
    XCTAssertTrue(progress.converged)
    XCTAssertGreaterThan(progress.iterations, 2)
    XCTAssertLessThan(progress.iterations, 1000)
    XCTAssertNil(model.convergenceWarning)
  }

  func testOneStepFitsHaveNoSolver() throws {
    var model = ClassicalModel(.linearRegression(alpha: 0))
    try model.fit(
      try Tensor(rows: [[0.0], [1.0], [2.0]]), Tensor([1.0, 3.0, 5.0]), task: .regression)
    XCTAssertNil(model.solverProgress)
    XCTAssertNil(model.convergenceWarning)
  }

  func testNaNErrorNamesTheFeature() throws {
    var model = ClassicalModel(.logisticRegression(C: 1, maxIter: 100))
    let x = try Tensor(rows: [[1.0, 2.0], [3.0, .nan], [5.0, 6.0]])
    XCTAssertThrowsError(try model.fit(x, Tensor([0, 1, 0]), task: .classification)) { error in
      guard let error = error as? ModelError else { return XCTFail("\(error)") }
      XCTAssertEqual(
        error, .nonFiniteValue(model: "logistic_regression", input: "X", row: 1, column: 1))
      XCTAssertEqual(
        "\(error.naming(features: ["age", "fare"]))",
        "'logistic_regression': feature 'fare' holds NaN or infinity at row 1; "
          + "impute or drop missing values first")
      // Without names (a tuple (X, y)) or with too few, the column index stays.
      XCTAssertEqual(error.naming(features: []), error)
      XCTAssertEqual(error.naming(features: ["age"]), error)
    }
    let yError = ModelError.nonFiniteValue(model: "m", input: "y", row: 0, column: 0)
    XCTAssertEqual(yError.naming(features: ["age"]), yError)
  }
}
