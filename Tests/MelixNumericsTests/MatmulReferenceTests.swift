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
}
