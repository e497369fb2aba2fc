import XCTest

@testable import MelixNumerics

/// The BLAS path (transpose flags, leading dimensions, gemv, batching, copies of awkward
/// views) against an obviously correct triple loop, over many shapes and view layouts.
final class MatmulReferenceTests: XCTestCase {
  /// `a @ b` for 2-D tensors by the definition, in float64.
  func naive(_ a: Tensor, _ b: Tensor) throws -> Tensor {
    let (m, k, n) = (a.shape[0], a.shape[1], b.shape[1])
    var out = [Double](repeating: 0, count: m * n)
    for i in 0..<m {
      for j in 0..<n {
        var s = 0.0
        for p in 0..<k { s += try a.value(at: [i, p]) * b.value(at: [p, j]) }
        out[i * n + j] = s
      }
    }
    return try Tensor(shape: [m, n], scalars: out)
  }

  /// A matrix of `shape` presented as one of several layouts: contiguous, a transposed view,
  /// every other column, or reversed rows.
  func view(_ shape: [Int], layout: Int, _ g: inout PCG64) throws -> Tensor {
    switch layout {
    case 0: return Tensor.randn(shape, using: &g)
    case 1: return Tensor.randn([shape[1], shape[0]], using: &g).transposed
    case 2:
      return try Tensor.randn([shape[0], shape[1] * 2], using: &g).slice([.all, .slice(step: 2)])
    default: return try Tensor.randn(shape, using: &g).slice([.slice(step: -1)])
    }
  }

  func testAgainstTripleLoopForManyLayouts() throws {
    var g = PCG64(seed: 11)
    for m in [1, 2, 5] {
      for k in [1, 3, 6] {
        for n in [1, 4] {
          for la in 0..<4 {
            for lb in 0..<4 {
              let a = try view([m, k], layout: la, &g)
              let b = try view([k, n], layout: lb, &g)
              let expected = try naive(a, b)
              assertClose(
                try a.matmul(b), expected, rtol: 1e-13, atol: 1e-13,
                "\(m)x\(k)x\(n) layouts \(la),\(lb)")
              assertClose(
                try a.cast(to: .float32).matmul(b.cast(to: .float32)), expected.cast(to: .float32),
                rtol: 1e-5, atol: 1e-5, "float32 \(m)x\(k)x\(n) layouts \(la),\(lb)")
            }
          }
        }
      }
    }
  }

  func testBatchedBroadcastAgainstLoopOverBatches() throws {
    var g = PCG64(seed: 12)
    let a = Tensor.randn([3, 1, 2, 4], using: &g)
    let b = try Tensor.randn([2, 5, 4], using: &g).swappingAxes(-1, -2)  // [2, 4, 5], transposed
    let c = try a.matmul(b)
    XCTAssertEqual(c.shape, [3, 2, 2, 5])
    for i in 0..<3 {
      for j in 0..<2 {
        let expected = try naive(try a.slice([.at(i), .at(0)]), try b.slice([.at(j)]))
        assertClose(try c.slice([.at(i), .at(j)]), expected, rtol: 1e-13, atol: 1e-13)
      }
    }
  }

  func testBroadcastVectorOperandIsCopiedForGemv() throws {
    // A stride-0 vector (broadcast view) cannot go to gemv as is.
    let a = try Tensor(shape: [2, 3], scalars: [1.0, 2, 3, 4, 5, 6])
    let v = try Tensor(scalar: 2.0).broadcast(to: [3])
    XCTAssertEqual(try a.matmul(v).scalars, [12, 30])
  }

  /// `a @ b` by the definition from flat copies (fast enough for the sizes that split).
  func naiveFlat(_ a: Tensor, _ b: Tensor) throws -> Tensor {
    let (m, k, n) = (a.shape[0], a.shape[1], b.shape[1])
    let x = a.cast(to: .float64).contiguousLayout().toArray(Double.self)
    let y = b.cast(to: .float64).contiguousLayout().toArray(Double.self)
    var out = [Double](repeating: 0, count: m * n)
    for i in 0..<m {
      for p in 0..<k {
        let xip = x[i * k + p]
        for j in 0..<n { out[i * n + j] += xip * y[p * n + j] }
      }
    }
    return try Tensor(shape: [m, n], scalars: out)
  }

  func testPlanSplitsMidSizedProductsIntoBands() {
    XCTAssertEqual(BLAS.plan(m: 64, n: 64, k: 64, cores: 2), .single(threads: 1))
    XCTAssertEqual(BLAS.plan(m: 256, n: 256, k: 256, cores: 2), .bands(parts: 2))
    XCTAssertEqual(BLAS.plan(m: 256, n: 256, k: 256, cores: 1), .single(threads: 1))
    XCTAssertEqual(BLAS.plan(m: 1024, n: 1024, k: 1024, cores: 2), .single(threads: 2))
    // A matrix-vector product, or a result too thin to cut into 16-wide bands, is not split.
    XCTAssertEqual(BLAS.plan(m: 100_000, n: 1, k: 64, cores: 2), .single(threads: 2))
    XCTAssertEqual(BLAS.plan(m: 8, n: 8, k: 100_000, cores: 2), .single(threads: 2))
  }

  func testBandsMatchTripleLoopForRowAndColumnSplitsAndTransposes() throws {
    var g = PCG64(seed: 13)
    // [130, 128] x [128, 128] splits by rows (130 is not a multiple of 16, so the last band
    // is short), [24, 352] x [352, 256] by columns. Layouts: contiguous or transposed views.
    for (m, k, n) in [(130, 128, 128), (24, 352, 256)] {
      XCTAssertEqual(BLAS.plan(m: m, n: n, k: k, cores: 2), .bands(parts: 2))
      for (la, lb) in [(0, 1), (1, 0)] {
        do {
          let a = try view([m, k], layout: la, &g)
          let b = try view([k, n], layout: lb, &g)
          let expected = try naiveFlat(a, b)
          assertClose(
            try a.matmul(b), expected, rtol: 1e-12, atol: 1e-12, "\(m)x\(k)x\(n) \(la),\(lb)")
          assertClose(
            try a.cast(to: .float32).matmul(b.cast(to: .float32)), expected.cast(to: .float32),
            rtol: 1e-4, atol: 1e-4, "float32 \(m)x\(k)x\(n) \(la),\(lb)")
        }
      }
    }
  }

  func testBandsGiveTheSameBitsAsOneCall() throws {
    var g = PCG64(seed: 14)
    for (m, k, n) in [(100, 64, 90), (40, 80, 120)] {
      let a = Tensor.randn([m, k], using: &g)
      let b = Tensor.randn([k, n], using: &g)
      var results: [[Double]] = []
      for plan in [BLAS.Plan.single(threads: 1), .bands(parts: 2), .bands(parts: 3)] {
        let c = Tensor(uninitializedShape: [m, n], dtype: .float64)
        BLAS.setThreads(1)
        BLAS.product(
          Double.self, m: m, n: n, k: k, a: a.base(Double.self), aOp: (false, k),
          b: b.base(Double.self), bOp: (false, n), bColStride: n, c: c.base(Double.self),
          plan: plan)
        results.append(c.toArray(Double.self))
      }
      XCTAssertEqual(results[0], results[1], "\(m)x\(k)x\(n) 2 bands")
      XCTAssertEqual(results[0], results[2], "\(m)x\(k)x\(n) 3 bands")
    }
  }
}
