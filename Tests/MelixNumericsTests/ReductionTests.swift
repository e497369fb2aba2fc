import XCTest

@testable import MelixNumerics

final class ReductionTests: XCTestCase {
  func testReductionsMatchNumPy() throws {
    let cases = try XCTUnwrap(try Fixture.load("reductions.json") as? [[String: Any]])
    for c in cases {
      let op = try XCTUnwrap(c["op"] as? String)
      let x = try Fixture.tensor(c["input"])
      let axes = c["axes"] as? [Int]
      let keep = c["keepdims"] as? Bool ?? false
      let ddof = c["ddof"] as? Int ?? 0
      let expected = try Fixture.tensor(c["result"])
      let actual: Tensor
      switch op {
      case "sum": actual = try x.sum(axes: axes, keepDims: keep)
      case "mean": actual = try x.mean(axes: axes, keepDims: keep)
      case "var": actual = try x.variance(axes: axes, ddof: ddof, keepDims: keep)
      case "std": actual = try x.std(axes: axes, ddof: ddof, keepDims: keep)
      case "min": actual = try x.min(axes: axes, keepDims: keep)
      case "max": actual = try x.max(axes: axes, keepDims: keep)
      case "prod": actual = try x.prod(axes: axes, keepDims: keep)
      case "any": actual = try x.any(axes: axes, keepDims: keep)
      case "all": actual = try x.all(axes: axes, keepDims: keep)
      default:
        XCTFail("unknown op \(op)")
        continue
      }
      let tol = x.dtype == .float32 ? 1e-6 : 1e-13
      assertClose(
        actual, expected, rtol: tol, atol: tol,
        "\(op) axes \(axes ?? []) keep \(keep) of \(x.dtype)\(x.shape)")
    }
  }

  func testArgReductionsMatchNumPy() throws {
    let cases = try XCTUnwrap(try Fixture.load("argreductions.json") as? [[String: Any]])
    for c in cases {
      let x = try Fixture.tensor(c["input"])
      let axis = c["axis"] as? Int
      assertClose(
        try x.argmax(axis: axis), try Fixture.tensor(c["argmax"]),
        "argmax \(String(describing: axis))")
      assertClose(
        try x.argmin(axis: axis), try Fixture.tensor(c["argmin"]),
        "argmin \(String(describing: axis))")
      // keepdims without an axis keeps every axis with size 1 (it gave shape [1]... or [])
      assertClose(
        try x.argmax(axis: axis, keepDims: true), try Fixture.tensor(c["argmax_keepdims"]),
        "argmax keepdims \(String(describing: axis))")
      assertClose(
        try x.argmin(axis: axis, keepDims: true), try Fixture.tensor(c["argmin_keepdims"]),
        "argmin keepdims \(String(describing: axis))")
    }
  }

  func testAxisErrors() {
    XCTAssertThrowsError(try Tensor.zeros([2, 3]).sum(axes: [2])) { error in
      XCTAssertEqual("\(error)", "axis 2 is out of range for a tensor of rank 2")
    }
    XCTAssertThrowsError(try Tensor.zeros([0]).max()) { error in
      XCTAssertEqual("\(error)", "zero-size reduction has no identity in 'max'")
    }
  }

  func testFloat32PairwiseSumOfTenMillionStaysAccurate() throws {
    let n = 10_000_000
    let x = Tensor.full([n], value: 0.1, dtype: .float32)
    let total = try x.sum().item()
    // The exact sum of 10^7 copies of Float(0.1) = 0.100000001490116...
    let exact = Double(Float(0.1)) * Double(n)
    XCTAssertEqual(total, exact, accuracy: exact * 1e-6)
    // A naive left-to-right float32 loop is off by about 10% here.
    var naive: Float = 0
    for _ in 0..<n { naive += 0.1 }
    XCTAssertGreaterThan(Swift.abs(Double(naive) - exact), exact * 1e-3)
  }

  func testColumnSumsOverManyRowsStayAccurateInFloat32() throws {
    let rows = 1_000_000
    let x = Tensor.full([rows, 3], value: 0.1, dtype: .float32)
    let sums = try x.sum(axes: [0]).scalars
    let exact = Double(Float(0.1)) * Double(rows)
    for s in sums { XCTAssertEqual(s, exact, accuracy: exact * 1e-6) }
  }

  func testSoftmaxFamilyIsStable() throws {
    let f = try XCTUnwrap(try Fixture.load("softmax.json") as? [String: Any])
    let x = try Fixture.tensor(f["input"])
    assertClose(try x.softmax(axis: 1), try Fixture.tensor(f["softmax"]), rtol: 1e-14, atol: 1e-15)
    assertClose(
      try x.logSoftmax(axis: 1), try Fixture.tensor(f["log_softmax"]), rtol: 1e-14, atol: 1e-14)
    assertClose(
      try x.logSumExp(axes: [1]), try Fixture.tensor(f["logsumexp"]), rtol: 1e-14, atol: 1e-14)
    let top = try x.slice([.slice(stop: 2)])
    assertClose(
      try top.softmax(axis: 0), try Fixture.tensor(f["softmax_axis0"]), rtol: 1e-14, atol: 1e-15)
    let ce = try Tensor.crossEntropy(
      logits: try Fixture.tensor(f["ce_logits"]), targets: try Fixture.tensor(f["ce_targets"]))
    let expected = try Fixture.double(
      (try Fixture.load("cross_entropy.json") as? [String: Any])?["value"])
    XCTAssertEqual(try ce.item(), expected, accuracy: 1e-14)
  }

  func testOrderingMatchesNumPy() throws {
    let f = try XCTUnwrap(try Fixture.load("ordering.json") as? [String: Any])
    let m = try Fixture.tensor(f["input"])
    assertClose(try m.cumsum(), try Fixture.tensor(f["cumsum_flat"]))
    assertClose(try m.cumsum(axis: 0), try Fixture.tensor(f["cumsum_0"]))
    assertClose(try m.cumsum(axis: 1), try Fixture.tensor(f["cumsum_1"]))
    assertClose(try m.sorted(axis: 1), try Fixture.tensor(f["sort_1"]))
    assertClose(try m.sorted(axis: 0), try Fixture.tensor(f["sort_0"]))
    assertClose(try m.argsort(axis: 1), try Fixture.tensor(f["argsort_1"]))
    assertClose(try Tensor([3.0, .nan, -1.0, 2.0]).sorted(), try Fixture.tensor(f["sort_nan"]))
    let u = try Fixture.tensor(f["unique_input"])
    assertClose(u.unique(), try Fixture.tensor(f["unique"]))
    assertClose(u.uniqueWithCounts().counts, try Fixture.tensor(f["unique_counts"]))
    // Exactly, not through Double (2^53 + 1 and 2^53 merged there).
    let big = try Fixture.tensor(f["unique_big_input"])
    XCTAssertEqual(big.unique().toArray(Int64.self), try Fixture.tensor(f["unique_big"]).toArray(Int64.self))
    XCTAssertEqual(
      big.uniqueWithCounts().counts.toArray(Int64.self),
      try Fixture.tensor(f["unique_big_counts"]).toArray(Int64.self))
    XCTAssertEqual(try big.argsort().toArray(Int64.self), try Fixture.tensor(f["argsort_big"]).toArray(Int64.self))
    assertClose(
      try Tensor.concat([m, try m.slice([.all, .slice(stop: 1)])], axis: 1),
      try Fixture.tensor(f["concat_1"]))
    assertClose(try Tensor.stack([m, m * 2], axis: 1), try Fixture.tensor(f["stack_1"]))
    assertClose(try m.take(Tensor([2, 0, 2]), axis: 1), try Fixture.tensor(f["take_1"]))
    assertClose(try m.masked(by: m > 1.0), try Fixture.tensor(f["mask"]))
    let parts = try m.split(sections: 3, axis: 1)
    XCTAssertEqual(parts.map(\.shape), [[2, 1], [2, 1], [2, 1]])
    XCTAssertEqual(parts[2].scalars, [2, -4])
  }
}
