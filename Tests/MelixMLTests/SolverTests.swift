import Foundation
import XCTest

@testable import MelixML

/// The internal numerical pieces against obviously correct references: finite differences
/// for the logistic gradient, a known minimum for L-BFGS, naive sums for the matrix code.
final class SolverTests: XCTestCase {
  func testLogisticGradientMatchesCentralDifferences() {
    let x = DenseMatrix(
      rows: 5, cols: 2, values: [0.5, -1, 1.5, 2, -0.3, 0.7, 2.2, -1.1, 0, 0.4])
    for (classIndex, classCount) in [([0, 1, 1, 0, 1], 2), ([0, 2, 1, 2, 0], 3)] {
      let loss = LogisticLoss(
        x: x, classIndex: classIndex, classCount: classCount, penalty: 0.3, fitIntercept: true)
      let theta = (0..<loss.parameterCount).map { 0.1 * Double($0 % 5) - 0.2 }
      let (_, gradient) = loss.valueAndGradient(theta)
      let h = 1e-6
      for j in theta.indices {
        var plus = theta
        var minus = theta
        plus[j] += h
        minus[j] -= h
        let numeric = (loss.valueAndGradient(plus).0 - loss.valueAndGradient(minus).0) / (2 * h)
        XCTAssertEqual(gradient[j], numeric, accuracy: 1e-8, "classes \(classCount) θ[\(j)]")
      }
    }
  }

  func testLBFGSFindsTheRosenbrockMinimum() {
    // f(a, b) = (1 - a)² + 100 (b - a²)², minimum 0 at (1, 1).
    let result = LBFGS(maxIterations: 500, gradientTolerance: 1e-10).minimize(from: [-1.2, 1]) {
      p in
      let (a, b) = (p[0], p[1])
      let value = (1 - a) * (1 - a) + 100 * (b - a * a) * (b - a * a)
      let gradient = [-2 * (1 - a) - 400 * a * (b - a * a), 200 * (b - a * a)]
      return (value, gradient)
    }
    XCTAssertTrue(result.converged)
    XCTAssertEqual(result.x[0], 1, accuracy: 1e-8)
    XCTAssertEqual(result.x[1], 1, accuracy: 1e-8)
    XCTAssertLessThan(result.iterations, 100)
  }

  func testMatrixProductsMatchNaiveSums() {
    let a = DenseMatrix(rows: 2, cols: 3, values: [1, 2, 3, 4, 5, 6])
    let b = DenseMatrix(rows: 3, cols: 2, values: [7, 8, 9, 10, 11, 12])
    XCTAssertEqual(a.referenceTimes(b).values, [58, 64, 139, 154])
    XCTAssertEqual(a.referenceTransposedTimes(a).values, [17, 22, 27, 22, 29, 36, 27, 36, 45])
    XCTAssertEqual(a.referenceTimesTransposed(a).values, [14, 32, 32, 77])
    let spd = DenseMatrix(rows: 2, cols: 2, values: [4, 2, 2, 3])
    let x = spd.referenceCholeskySolve(DenseMatrix(rows: 2, cols: 1, values: [2, 5]))
    XCTAssertEqual(x?.values[0] ?? .nan, -0.5, accuracy: 1e-15)
    XCTAssertEqual(x?.values[1] ?? .nan, 2, accuracy: 1e-15)
    XCTAssertNil(
      DenseMatrix(rows: 2, cols: 2, values: [1, 1, 1, 1]).referenceCholeskySolve(
        DenseMatrix(rows: 2, cols: 1, values: [1, 1])))
  }

  /// The BLAS and LAPACK paths the models use agree with the plain loops.
  func testBLASPathsMatchReferenceLoops() {
    func matrix(_ rows: Int, _ cols: Int, seed: Double) -> DenseMatrix {
      DenseMatrix(
        rows: rows, cols: cols,
        values: (0..<(rows * cols)).map { sin(seed * Double($0 + 1)) * 3 })
    }
    let a = matrix(37, 11, seed: 0.7)
    let b = matrix(11, 5, seed: 1.3)
    let c = matrix(37, 5, seed: 2.1)
    let d = matrix(9, 11, seed: 0.4)
    assertClose(a.times(b).values, a.referenceTimes(b).values, tolerance: 1e-13, "times")
    assertClose(
      a.transposedTimes(c).values, a.referenceTransposedTimes(c).values, tolerance: 1e-13,
      "transposedTimes")
    assertClose(
      a.timesTransposed(d).values, a.referenceTimesTransposed(d).values, tolerance: 1e-13,
      "timesTransposed")
    var gram = a.referenceTransposedTimes(a)
    for j in 0..<gram.rows { gram[j, j] += 0.5 }
    let rhs = a.referenceTransposedTimes(c)
    guard let fast = gram.choleskySolve(rhs), let slow = gram.referenceCholeskySolve(rhs) else {
      return XCTFail("positive-definite system reported singular")
    }
    assertClose(fast.values, slow.values, tolerance: 1e-10, "cholesky solve")
    XCTAssertNil(
      DenseMatrix(rows: 2, cols: 2, values: [1, 1, 1, 1]).choleskySolve(
        DenseMatrix(rows: 2, cols: 1, values: [1, 1])))
  }
}
