import MelixNumerics
import XCTest

@testable import MelixML

/// Kernel SHAP against `shap.KernelExplainer` with the same background
/// (fixtures from Fixtures/explain/make_fixtures.py).
final class ExplainKernelTests: XCTestCase {
  func fixture(_ name: String) throws -> JSONValue {
    guard let f = try loadFixture("explain/explain.json")[name] else {
      throw CocoaError(.fileReadCorruptFile)
    }
    return f
  }

  func probabilities(_ f: JSONValue, classes: [Int]) -> ModelFunction {
    let model = FittedLogisticRegression(
      classes: classes, coefficients: f["coefficients"]?.matrix ?? [],
      intercepts: f["intercepts"]?.doubles ?? [])
    return { try model.predictProbabilities($0) }
  }

  func assertMatches(
    _ ex: Explanation, _ f: JSONValue, tolerance: Double, file: StaticString = #filePath,
    line: UInt = #line
  ) {
    let expected = f["values"]?.array.map(\.matrix) ?? []
    XCTAssertEqual(ex.values.count, expected.count, "outputs", file: file, line: line)
    for (k, matrix) in expected.enumerated() where k < ex.values.count {
      for (i, row) in matrix.enumerated() {
        assertClose(
          ex.values[k][i], row, tolerance: tolerance, "output \(k) row \(i)", file: file, line: line
        )
      }
    }
    assertClose(
      ex.baseValues, f["base_values"]?.doubles ?? [], tolerance: 1e-12, "base values", file: file,
      line: line)
  }

  func testTenFeaturesEnumeratedMatchShapKernelExplainer() throws {
    let f = try fixture("kernel_breast_cancer10")
    let explainer = KernelSHAP(
      model: probabilities(f, classes: [0, 1]),
      background: try Background(f["background"]?.matrix ?? []))
    let ex = try explainer.explain(f["data"]?.matrix ?? [], outputSpace: "probability")
    assertMatches(ex, f, tolerance: 1e-6)
    // Binary probabilities: the two outputs' values are opposite.
    for i in 0..<ex.rowCount {
      for j in 0..<10 { XCTAssertEqual(ex.values[0][i][j], -ex.values[1][i][j], accuracy: 1e-12) }
    }
  }

  func testIrisThreeClassesMatchShap() throws {
    let f = try fixture("kernel_iris")
    let model = try fixture("logistic_iris")
    let explainer = KernelSHAP(
      model: probabilities(model, classes: [0, 1, 2]),
      background: try Background(f["background"]?.matrix ?? []))
    let ex = try explainer.explain(f["data"]?.matrix ?? [], outputSpace: "probability")
    assertMatches(ex, f, tolerance: 1e-6)
  }

  /// The exact Shapley value from its definition, for a check independent of shap.
  func bruteForceShapley(_ f: ([Double]) -> Double, x: [Double], background: [[Double]]) -> [Double]
  {
    let m = x.count
    func value(_ mask: Int) -> Double {
      background.map { b in
        f((0..<m).map { mask & (1 << $0) != 0 ? x[$0] : b[$0] })
      }.reduce(0, +) / Double(background.count)
    }
    func factorial(_ n: Int) -> Double { n <= 1 ? 1 : Double(n) * factorial(n - 1) }
    return (0..<m).map { j in
      var phi = 0.0
      for mask in 0..<(1 << m) where mask & (1 << j) == 0 {
        let s = mask.nonzeroBitCount
        phi +=
          factorial(s) * factorial(m - s - 1) / factorial(m)
          * (value(mask | (1 << j)) - value(mask))
      }
      return phi
    }
  }

  func testEnumerationEqualsShapleyDefinitionOnANonlinearModel() throws {
    let f: ([Double]) -> Double = { v in sin(v[0]) * v[1] + v[2] * v[2] * v[3] + exp(0.1 * v[4]) }
    let closure: ModelFunction = { t in
      let w = t.shape[1]
      let s = t.scalars
      return Tensor((0..<t.shape[0]).map { f(Array(s[($0 * w)..<(($0 + 1) * w)])) })
    }
    let background: [[Double]] = [[0, 1, 2, 3, 4], [1, -1, 0.5, 2, 0], [2, 0, -1, 1, 1]]
    let x: [[Double]] = [[0.3, 2, 1, -1, 3], [1.5, 0.5, 2, 0, -2]]
    let ex = try KernelSHAP(model: closure, background: Background(background)).explain(x)
    for (i, row) in x.enumerated() {
      assertClose(
        ex.values[0][i], bruteForceShapley(f, x: row, background: background), tolerance: 1e-10)
    }
  }

  func testSampledCoalitionsAreCloseAndReproducible() throws {
    // 14 features: 2^14 - 2 coalitions exceed the budget, so part of them is sampled.
    let m = 14
    let weights = (0..<m).map { Double($0 + 1) / 10 }
    let closure: ModelFunction = { t in
      let s = t.scalars
      return Tensor(
        (0..<t.shape[0]).map { r in
          var z = 0.0
          for j in 0..<m { z += weights[j] * s[r * m + j] }
          return 1 / (1 + exp(-z / 3))
        })
    }
    var background: [[Double]] = []
    for b in 0..<5 {
      background.append((0..<m).map { (j: Int) -> Double in Double((j * 7 + b * 3) % 5) - 2 })
    }
    let x: [[Double]] = [(0..<m).map { (j: Int) -> Double in Double(j % 3) - 1 }]
    let a = try KernelSHAP(
      model: closure, background: Background(background), samples: 3000, seed: 7
    ).explain(x)
    let b = try KernelSHAP(
      model: closure, background: Background(background), samples: 3000, seed: 7
    ).explain(x)
    XCTAssertEqual(a.values, b.values)
    let exact = try KernelSHAP(model: closure, background: Background(background), samples: 20000)
      .explain(x)
    for j in 0..<m { XCTAssertEqual(a.values[0][0][j], exact.values[0][0][j], accuracy: 5e-3) }
  }

  func testBadArgumentsAndModelOutputsAreErrors() throws {
    let bg = try Background([[0, 0], [1, 1]])
    let ok: ModelFunction = { $0 }
    XCTAssertThrowsError(try KernelSHAP(model: ok, background: bg, samples: 1).explain([[1, 2]])) {
      XCTAssertEqual(
        $0 as? ExplainError, .invalidArgument(name: "samples", value: "1", expected: "at least 2"))
    }
    let wrong: ModelFunction = { _ in Tensor([1.0, 2.0, 3.0]) }
    XCTAssertThrowsError(try KernelSHAP(model: wrong, background: bg).explain([[1, 2]])) {
      XCTAssertEqual($0 as? ExplainError, .badModelOutput(expectedRows: 2, got: [3]))
    }
    XCTAssertThrowsError(try Background([[1, 2]], weights: [-1])) {
      XCTAssertNotNil($0 as? ExplainError)
    }
  }

  func testKMeansSummaryWeightsAreClusterSizes() throws {
    let data: [[Double]] = [[0, 0], [0.1, 0], [0, 0.1], [10, 10], [10.1, 10]]
    let bg = try Background.kMeans(data, k: 2, seed: 3)
    XCTAssertEqual(bg.rows.count, 2)
    let big = bg.rows[0][0] < 5 ? 0 : 1
    XCTAssertEqual(bg.weights[big], 0.6, accuracy: 1e-15)
    assertClose(bg.rows[big], [0.1 / 3, 0.1 / 3], tolerance: 1e-12)
    assertClose(bg.rows[1 - big], [10.05, 10], tolerance: 1e-12)
  }

  func testKMeansKeepsTheBestStartInLexicographicOrder() throws {
    // Three well-separated blobs of unequal size: every seed finds them.
    var rng = PCG64(seed: 1)
    var data: [[Double]] = []
    for (center, count) in [([10.0, 0.0], 5), ([0.0, 5.0], 3), ([0.0, 0.0], 2)] {
      for _ in 0..<count { data.append(center.map { $0 + 0.01 * rng.nextUniform() }) }
    }
    let first = try Background.kMeans(data, k: 3, seed: 0)
    XCTAssertEqual(first.rows.map { $0[0].rounded() }, [0, 0, 10])
    XCTAssertEqual(first.rows.map { $0[1].rounded() }, [0, 5, 0])
    assertClose(first.weights, [0.2, 0.3, 0.5], tolerance: 1e-15)
    for seed in 1..<6 as Range<UInt64> {
      let other = try Background.kMeans(data, k: 3, seed: seed)
      XCTAssertEqual(other.rows, first.rows)
      XCTAssertEqual(other.weights, first.weights)
    }
  }
}
