import XCTest

@testable import MelixNumerics

final class LinalgTests: XCTestCase {
  var f: [String: Any] = [:]

  override func setUpWithError() throws {
    f = try XCTUnwrap(try Fixture.load("linalg.json") as? [String: Any])
  }

  func t(_ key: String) throws -> Tensor { try Fixture.tensor(f[key]) }

  func testMatmulMatchesNumPy() throws {
    let a = try t("A")
    let b = try t("B")
    let v = try t("b")
    assertClose(try a.matmul(b), try t("matmul_AB"), rtol: 1e-14, atol: 1e-14)
    // A transposed view goes to BLAS as a transpose flag.
    assertClose(try b.transposed.matmul(a), try t("matmul_BtA"), rtol: 1e-14, atol: 1e-14)
    assertClose(try a.matmul(v), try t("matmul_Ab"), rtol: 1e-14, atol: 1e-14)
    assertClose(try v.matmul(a), try t("matmul_bA"), rtol: 1e-14, atol: 1e-14)
    XCTAssertEqual(try v.matmul(v).item(), try t("matmul_bb").item(), accuracy: 1e-14)
    assertClose(
      try t("batch_lhs").matmul(try t("batch_rhs")), try t("batch_result"), rtol: 1e-14, atol: 1e-14
    )
    assertClose(
      try t("bcast_lhs").matmul(try t("bcast_rhs")), try t("bcast_result"), rtol: 1e-14, atol: 1e-14
    )
    assertClose(
      try Tensor(rows: [[1, 2], [3, 4]] as [[Int64]]).matmul(
        try Tensor(rows: [[5], [6]] as [[Int64]])), try t("int_matmul"))
    assertClose(
      try a.cast(to: .float32).matmul(b.cast(to: .float32)), try t("f32_matmul"), rtol: 1e-6,
      atol: 1e-6)
    // int64 exactly, wrapping as NumPy (it went through float64: 2^53 + 1 became 2^53 and
    // overflow saturated); batched with a vector operand; bool x bool is bool.
    for (lhs, rhs, result) in [
      ("int_big_lhs", "int_big_rhs", "int_big_result"),
      ("int_batch_lhs", "int_batch_vec", "int_batch_result"),
    ] {
      let product = try t(lhs).matmul(try t(rhs))
      XCTAssertEqual(product.dtype, .int64, result)
      XCTAssertEqual(product.shape, try t(result).shape, result)
      XCTAssertEqual(product.toArray(Int64.self), try t(result).toArray(Int64.self), result)
      // A transposed (strided) view gives the same.
      let lt = try t(lhs).swappingAxes(-1, -2).contiguous().swappingAxes(-1, -2)
      XCTAssertEqual(try lt.matmul(try t(rhs)).toArray(Int64.self), try t(result).toArray(Int64.self))
    }
    let booleans = try t("bool_lhs").matmul(try t("bool_rhs"))
    XCTAssertEqual(booleans.dtype, .bool)
    XCTAssertEqual(booleans.toArray(Bool.self), try t("bool_result").toArray(Bool.self))
    // Strided, non-BLAS-able view: every other column.
    let wide = try Tensor(shape: [3, 6], scalars: (0..<18).map(Double.init))
    let every = try wide.slice([.all, .slice(step: 2)])
    let expected = try every.contiguous().matmul(b)
    assertClose(try every.matmul(b), expected)
  }

  func testTransposedViewsGoToBLASAsFlags() {
    // A [3, 4] row-major matrix viewed as its transpose [4, 3]: strides [1, 4].
    let op = BLAS.operand(rows: 4, cols: 3, rowStride: 1, colStride: 4)
    XCTAssertEqual(op?.transposed, true)
    XCTAssertEqual(op?.ld, 4)
    XCTAssertEqual(BLAS.operand(rows: 3, cols: 4, rowStride: 4, colStride: 1)?.transposed, false)
    XCTAssertNil(
      BLAS.operand(rows: 3, cols: 4, rowStride: 8, colStride: 2), "every other column needs a copy")
  }

  func testMatmulShapeError() {
    XCTAssertThrowsError(try Tensor.zeros([2, 3]).matmul(Tensor.zeros([2, 3]))) { error in
      XCTAssertEqual("\(error)", "matmul needs [m, k] × [k, n], got [2, 3] × [2, 3]")
    }
  }

  func testSolveInvDetCholesky() throws {
    let a = try t("A")
    assertClose(try Linalg.solve(a, try t("b")), try t("solve_vec"), rtol: 1e-13, atol: 1e-14)
    assertClose(try Linalg.solve(a, try t("B")), try t("solve_mat"), rtol: 1e-13, atol: 1e-14)
    assertClose(try Linalg.inv(a), try t("inv"), rtol: 1e-13, atol: 1e-14)
    XCTAssertEqual(try Linalg.det(a).item(), try Fixture.double(f["det"]), accuracy: 1e-12)
    let r3 = try t("R").slice([.slice(stop: 3)])
    XCTAssertEqual(try Linalg.det(r3).item(), try Fixture.double(f["det_R3"]), accuracy: 1e-12)
    assertClose(try Linalg.cholesky(a), try t("cholesky"), rtol: 1e-13, atol: 1e-14)
  }

  func testDecompositionsReconstructAndMatchInvariants() throws {
    let r = try t("R")
    let (q, rr) = try Linalg.qr(r)
    assertClose(try q.matmul(rr), r, rtol: 1e-13, atol: 1e-13)
    assertClose(try q.transposed.matmul(q), Tensor.eye(3), atol: 1e-14)
    assertClose(
      try Tensor.stack((0..<3).map { try rr.slice([.at($0), .at($0)]) }).abs(),
      try t("qr_r_abs_diag"), rtol: 1e-13)
    let (u, s, vt) = try Linalg.svd(r)
    assertClose(s, try t("svd_s"), rtol: 1e-13)
    let us = try u * s.reshaped([1, 3])
    assertClose(try us.matmul(vt), r, rtol: 1e-13, atol: 1e-13)
    let a = try t("A")
    let (w, v) = try Linalg.eigh(a)
    assertClose(w, try t("eigh_w"), rtol: 1e-13)
    assertClose(try a.matmul(v), try v * w.reshaped([1, 3]), atol: 1e-12)
    let ls = try Linalg.lstsq(r, try t("y"))
    assertClose(ls.solution, try t("lstsq_x"), rtol: 1e-12, atol: 1e-13)
    assertClose(ls.residuals, try t("lstsq_res"), rtol: 1e-12)
    XCTAssertEqual(ls.rank, f["lstsq_rank"] as? Int)
    assertClose(ls.singularValues, try t("lstsq_sv"), rtol: 1e-13)
  }

  func testCleanErrors() throws {
    let singular = try t("singular")
    XCTAssertThrowsError(try Linalg.solve(singular, Tensor([1.0, 2.0]))) {
      XCTAssertEqual("\($0)", "matrix is singular in 'solve'")
    }
    XCTAssertThrowsError(try Linalg.inv(singular)) {
      XCTAssertEqual("\($0)", "matrix is singular in 'inv'")
    }
    XCTAssertEqual(try Linalg.det(singular).item(), 0)
    XCTAssertThrowsError(try Linalg.cholesky(try t("not_pd"))) {
      XCTAssertEqual("\($0)", "matrix is not positive definite in 'cholesky'")
    }
    XCTAssertThrowsError(try Linalg.inv(Tensor.zeros([2, 3]))) {
      XCTAssertEqual("\($0)", "'inv' needs a square matrix [n, n], got [2, 3]")
    }
    XCTAssertThrowsError(try Linalg.svd(Tensor(rows: [[1.0, .nan]]))) {
      XCTAssertEqual("\($0)", "matrix contains nan or inf in 'svd'")
    }
  }

  func testFloat32StaysFloat32() throws {
    let a = try t("A").cast(to: .float32)
    XCTAssertEqual(try Linalg.inv(a).dtype, .float32)
    assertClose(try Linalg.inv(a), try t("inv").cast(to: .float32), rtol: 1e-6, atol: 1e-7)
  }

  func testInvariantsOnRandomMatrices() throws {
    var g = PCG64(seed: 21)
    for n in [1, 2, 5, 9] {
      let a = try Tensor.randn([n, n], using: &g) + Tensor.eye(n) * 3
      let b = Tensor.randn([n, 2], using: &g)
      assertClose(try a.matmul(try Linalg.solve(a, b)), b, rtol: 1e-10, atol: 1e-10, "solve n=\(n)")
      assertClose(try a.matmul(try Linalg.inv(a)), Tensor.eye(n), atol: 1e-10, "inv n=\(n)")
      let spd = try a.matmul(a.transposed) + Tensor.eye(n)
      let l = try Linalg.cholesky(spd)
      assertClose(try l.matmul(l.transposed), spd, rtol: 1e-10, atol: 1e-10, "cholesky n=\(n)")
      let (w, v) = try Linalg.eigh(spd)
      // det(spd) = product of its eigenvalues.
      XCTAssertEqual(
        try Linalg.det(spd).item(), try w.prod().item(),
        accuracy: 1e-8 * Swift.abs(try w.prod().item()))
      assertClose(try v.transposed.matmul(v), Tensor.eye(n), atol: 1e-10, "eigh orthonormal n=\(n)")
      let wide = Tensor.randn([n, n + 2], using: &g)
      let (u, sv, vt) = try Linalg.svd(wide)
      assertClose(
        try (try u * sv.reshaped([1, -1])).matmul(vt), wide, rtol: 1e-10, atol: 1e-10, "svd n=\(n)")
      let (q, r) = try Linalg.qr(wide)
      assertClose(try q.matmul(r), wide, rtol: 1e-10, atol: 1e-10, "qr n=\(n)")
    }
  }
}
