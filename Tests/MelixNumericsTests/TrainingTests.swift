import XCTest

@testable import MelixNumerics

/// An end-to-end use of the autograd graph as MelixML will use it: a small MLP learns XOR
/// with plain gradient descent and the in-place optimizer helper.
final class TrainingTests: XCTestCase {
  func testMLPLearnsXOR() throws {
    var g = PCG64(seed: 3)
    let x = try Tensor(shape: [4, 2], scalars: [0.0, 0, 0, 1, 1, 0, 1, 1])
    let y = Tensor([0, 1, 1, 0])
    var w1 = Tensor.randn([2, 8], using: &g).requiringGrad()
    var b1 = Tensor.zeros([8]).requiringGrad()
    var w2 = Tensor.randn([8, 2], using: &g).requiringGrad()
    var b2 = Tensor.zeros([2]).requiringGrad()
    func loss() throws -> Tensor {
      let h = try (try x.matmul(w1) + b1).tanh()
      return try Tensor.crossEntropy(logits: try h.matmul(w2) + b2, targets: y)
    }
    let initial = try loss().item()
    for _ in 0..<300 {
      for p in [w1, b1, w2, b2] { p.zeroGrad() }
      try loss().backward()
      let grads = try [w1, b1, w2, b2].map { try XCTUnwrap($0.grad) }
      try w1.addScaled(grads[0], by: -0.5)
      try b1.addScaled(grads[1], by: -0.5)
      try w2.addScaled(grads[2], by: -0.5)
      try b2.addScaled(grads[3], by: -0.5)
    }
    let final = try loss().item()
    XCTAssertGreaterThan(initial, 0.5)
    XCTAssertLessThan(final, 0.05)
    let predictions = try Tensor.noGrad([w1, b1, w2, b2]) { p in
      try (try (try x.matmul(p[0]) + p[1]).tanh().matmul(p[2]) + p[3]).argmax(axis: 1)
    }
    XCTAssertEqual(predictions.toArray(Int64.self), [0, 1, 1, 0])
  }
}
