import MelixNumerics
import XCTest

@testable import MelixML

/// Kernel SHAP, permutation importance and k-means poll `shouldStop` (Ctrl-C in the
/// language) and stop with `CancellationError` soon after it turns true; a shap of a knn on a
/// 1797-row background ran for minutes and ignored Ctrl-C.
final class ExplainCancellationTests: XCTestCase {
  /// `[rows, width]` of deterministic values.
  func grid(_ rows: Int, _ width: Int, offset: Double = 0) -> [[Double]] {
    (0..<rows).map { i in (0..<width).map { j in Double((i * 7 + j * 3) % 11) + offset } }
  }

  /// A linear model `x · w`, `[nRows]`, counting its calls.
  final class Linear: @unchecked Sendable {
    let w: [Double]
    var calls = 0
    init(_ w: [Double]) { self.w = w }
    func callAsFunction(_ x: Tensor) throws -> Tensor {
      calls += 1
      let width = w.count
      let v = x.scalars
      let rows = v.count / width
      let out = (0..<rows).map { i in (0..<width).reduce(0.0) { $0 + v[i * width + $1] * w[$1] } }
      return try Tensor(shape: [rows], scalars: out)
    }
  }

  func testKernelSHAPStopsBetweenCoalitionBatches() throws {
    // 12 features, 2048 sampled coalitions on 1000 background rows: 8 coalitions per model
    // call, so one row is 256 batches; the check turns true at its 5th poll.
    let model = Linear((0..<12).map { Double($0 + 1) })
    let explainer = KernelSHAP(
      model: { try model($0) }, background: try Background(grid(1000, 12)), samples: 2048)
    var polls = 0
    XCTAssertThrowsError(
      try explainer.explain(grid(3, 12, offset: 0.5)) {
        polls += 1
        return polls >= 5
      }
    ) { XCTAssertTrue($0 is CancellationError, "\($0)") }
    XCTAssertEqual(polls, 5)
    // Background and rows to explain, then 3 coalition batches of row 0 (polls 2, 3, 4).
    XCTAssertEqual(model.calls, 2 + 3)
  }

  func testKernelSHAPInBatchesIsExactForALinearModel() throws {
    // 4 features: all 14 coalitions enumerated; 3000 background rows make 2 coalitions per
    // model call (7 calls per row). Exact Shapley values of a linear model with an
    // independent background: w_j (x_j − mean_j) (Lundberg & Lee 2017, corollary 1).
    let w = [2.0, -1.0, 0.5, 3.0]
    let model = Linear(w)
    let background = grid(3000, 4)
    let data = grid(2, 4, offset: 0.25)
    var polls = 0
    let ex = try KernelSHAP(model: { try model($0) }, background: try Background(background))
      .explain(data) {
        polls += 1
        return false
      }
    XCTAssertEqual(polls, 2 * (1 + 7))
    XCTAssertEqual(model.calls, 2 + 2 * 7)
    for j in 0..<4 {
      let mean = background.reduce(0) { $0 + $1[j] } / 3000
      for i in 0..<2 {
        XCTAssertEqual(ex.values[0][i][j], w[j] * (data[i][j] - mean), accuracy: 1e-9)
      }
    }
  }

  func testPermutationImportanceStopsBetweenRepeats() throws {
    // 4 features × 5 repeats + 1 baseline = 21 model calls; stopping at the 7th poll leaves
    // the baseline and 5 repeats of feature 0 done.
    let model = Linear([1, 2, 3, 4])
    let x = grid(50, 4)
    let y = x.map { $0[0] + 2 * $0[1] + 3 * $0[2] + 4 * $0[3] }
    var polls = 0
    XCTAssertThrowsError(
      try PermutationImportance(
        predict: { try model($0) }, x: x, y: y, metric: .r2, repeats: 5, seed: 0
      ) {
        polls += 1
        return polls >= 7
      }
    ) { XCTAssertTrue($0 is CancellationError, "\($0)") }
    XCTAssertEqual(polls, 7)
    XCTAssertEqual(model.calls, 6)
    // Never stopping: one poll per model call, and the same result as without the check.
    let counted = Linear([1, 2, 3, 4])
    var allPolls = 0
    let full = try PermutationImportance(
      predict: { try counted($0) }, x: x, y: y, metric: .r2, repeats: 5, seed: 0
    ) {
      allPolls += 1
      return false
    }
    XCTAssertEqual(allPolls, 21)
    XCTAssertEqual(counted.calls, 21)
    let plain = try PermutationImportance(
      predict: { try model($0) }, x: x, y: y, metric: .r2, repeats: 5, seed: 0)
    XCTAssertEqual(full.importances, plain.importances)
    XCTAssertGreaterThan(full.importancesMean[3], full.importancesMean[0])
  }

  func testKMeansStopsBetweenIterationsAndRestarts() throws {
    let data = grid(300, 3)
    for stopAt in [1, 3, 40] {
      var polls = 0
      XCTAssertThrowsError(
        try Background.kMeans(data, k: 4, seed: 1) {
          polls += 1
          return polls >= stopAt
        }
      ) { XCTAssertTrue($0 is CancellationError, "stop at \(stopAt): \($0)") }
      XCTAssertEqual(polls, stopAt)
    }
    // A check that never fires changes nothing.
    var polls = 0
    let polled = try Background.kMeans(data, k: 4, seed: 1) {
      polls += 1
      return false
    }
    let plain = try Background.kMeans(data, k: 4, seed: 1)
    // 10 starts, each with 3 more seeds and at least one Lloyd iteration.
    XCTAssertGreaterThanOrEqual(polls, 10 * (1 + 3 + 1))
    XCTAssertEqual(polled.rows, plain.rows)
    XCTAssertEqual(polled.weights, plain.weights)
  }
}
