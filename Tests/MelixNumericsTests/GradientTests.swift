import XCTest

@testable import MelixNumerics

/// Every differentiable operation's gradient checked against central finite differences in
/// float64: for a fixed random weight tensor `w`, the loss `sum(w * f(x))` is differentiated
/// both ways (so the whole Jacobian is exercised, not just its column sums).
final class GradientTests: XCTestCase {
  var generator = PCG64(seed: 2024)

  func random(_ shape: [Int], low: Double = -1, high: Double = 1) -> Tensor {
    Tensor.rand(shape, using: &generator) * (high - low) + low
  }

  func check(
    _ name: String, _ inputs: [Tensor], tolerance: Double = 1e-6,
    file: StaticString = #filePath, line: UInt = #line, _ f: ([Tensor]) throws -> Tensor
  ) throws {
    let leaves = inputs.map { $0.requiringGrad() }
    let out = try f(leaves)
    XCTAssertTrue(out.requiresGrad, "\(name) records", file: file, line: line)
    let w = random(out.shape)
    try (try out * w).sum().backward()
    func loss(_ xs: [Tensor]) throws -> Double { try (try f(xs).detached() * w).sum().item() }
    let h = 1e-6
    for (k, x) in inputs.enumerated() {
      let grad = try XCTUnwrap(
        leaves[k].grad, "\(name): no grad for input \(k)", file: file, line: line)
      XCTAssertEqual(grad.shape, x.shape, "\(name) grad shape", file: file, line: line)
      let analytic = grad.scalars
      let flat = x.contiguous().scalars
      for j in 0..<flat.count {
        var plus = flat
        var minus = flat
        plus[j] += h
        minus[j] -= h
        var xp = inputs
        var xm = inputs
        xp[k] = try Tensor(shape: x.shape, scalars: plus)
        xm[k] = try Tensor(shape: x.shape, scalars: minus)
        let numeric = (try loss(xp) - loss(xm)) / (2 * h)
        XCTAssertEqual(
          analytic[j], numeric, accuracy: tolerance * Swift.max(1, Swift.abs(numeric)),
          "\(name): d/dx\(k)[\(j)]", file: file, line: line)
      }
    }
  }

  func testArithmeticWithBroadcasting() throws {
    let a = random([3, 4])
    let b = random([4])
    let c = random([3, 1], low: 0.5, high: 2)
    try check("add", [a, b]) { try $0[0] + $0[1] }
    try check("sub", [a, c]) { try $0[0] - $0[1] }
    try check("mul", [a, b]) { try $0[0] * $0[1] }
    try check("div", [a, c]) { try $0[0] / $0[1] }
    try check("neg", [a]) { $0[0].negated() }
    try check("scalar ops", [a]) { (($0[0] * 3 + 1) / 2 - 0.5) }
    try check("pow tensor", [c, random([3, 4])]) { try $0[0].pow($0[1]) }
    try check("pow scalar", [c]) { $0[0].pow(3) }
    try check("maximum", [a, b]) { try Tensor.maximum($0[0], $0[1]) }
    try check("minimum", [a, b]) { try Tensor.minimum($0[0], $0[1]) }
    try check("where", [a, b]) { try Tensor.where(a > 0, $0[0], $0[1]) }
  }

  func testMatmul() throws {
    try check("matmul", [random([3, 4]), random([4, 2])]) { try $0[0].matmul($0[1]) }
    try check("matmul transposed", [random([4, 3]), random([4, 2])]) {
      try $0[0].transposed.matmul($0[1])
    }
    try check("matmul batched", [random([2, 3, 4]), random([4, 2])]) { try $0[0].matmul($0[1]) }
    try check("matmul broadcast batch", [random([2, 1, 2, 3]), random([3, 3, 2])]) {
      try $0[0].matmul($0[1])
    }
    try check("matvec", [random([3, 4]), random([4])]) { try $0[0].matmul($0[1]) }
    try check("vecmat", [random([3]), random([3, 4])]) { try $0[0].matmul($0[1]) }
    try check("dot", [random([5]), random([5])]) { try $0[0].matmul($0[1]) }
  }

  func testActivations() throws {
    let x = random([2, 5], low: -2, high: 2)
    let pos = random([2, 5], low: 0.2, high: 3)
    try check("exp", [x]) { $0[0].exp() }
    try check("log", [pos]) { $0[0].log() }
    try check("log1p", [pos]) { $0[0].log1p() }
    try check("sqrt", [pos]) { $0[0].sqrt() }
    try check("tanh", [x]) { $0[0].tanh() }
    try check("sigmoid", [x]) { $0[0].sigmoid() }
    try check("relu", [x]) { $0[0].relu() }
    try check("softplus", [x]) { $0[0].softplus() }
    try check("gelu", [x]) { $0[0].gelu() }
    try check("abs", [x]) { $0[0].abs() }
    try check("clip", [x]) { $0[0].clipped(lower: -1, upper: 1) }
  }

  func testReductions() throws {
    let x = random([3, 4, 2])
    try check("sum all", [x]) { $0[0].sum() }
    try check("sum axes", [x]) { try $0[0].sum(axes: [0, 2]) }
    try check("sum keepdims", [x]) { try $0[0].sum(axes: [1], keepDims: true) }
    try check("mean", [x]) { try $0[0].mean(axes: [1]) }
    try check("var", [x]) { try $0[0].variance(axes: [0], ddof: 1) }
    try check("std", [x]) { try $0[0].std(axes: [2]) }
    try check("max", [x]) { try $0[0].max(axes: [1]) }
    try check("min", [x]) { try $0[0].min() }
    try check("prod", [random([2, 3], low: 0.5, high: 1.5)]) { try $0[0].prod(axes: [1]) }
    try check("cumsum", [x]) { try $0[0].cumsum(axis: 1) }
    try check("logsumexp", [x]) { try $0[0].logSumExp(axes: [2]) }
  }

  func testSoftmaxAndLosses() throws {
    let logits = random([4, 3], low: -3, high: 3)
    try check("softmax", [logits]) { try $0[0].softmax(axis: 1) }
    try check("log_softmax", [logits]) { try $0[0].logSoftmax(axis: -1) }
    try check("cross_entropy", [logits]) {
      try Tensor.crossEntropy(logits: $0[0], targets: Tensor([0, 2, 1, 2]))
    }
    try check("mse", [random([5]), random([5])]) { try Tensor.mse($0[0], $0[1]) }
    XCTAssertThrowsError(try Tensor.crossEntropy(logits: logits, targets: Tensor([0, 3, 1, 2]))) {
      XCTAssertEqual("\($0)", "class index 3 is out of range for 3 classes in 'cross_entropy'")
    }
  }

  func testShapeAndIndexingOps() throws {
    let x = random([3, 4])
    try check("reshape", [x]) { try $0[0].reshaped([2, -1]) }
    try check("transpose", [x]) { $0[0].transposed }
    try check("permute", [random([2, 3, 4])]) { try $0[0].permuted([2, 0, 1]) }
    try check("slice", [x]) { try $0[0].slice([.slice(start: 1), .slice(step: -2)]) }
    try check("index", [x]) { try $0[0][.at(1)] }
    try check("take repeated", [x]) { try $0[0].take(Tensor([2, 0, 2]), axis: 1) }
    try check("mask", [x]) { try $0[0].masked(by: x > 0) }
    try check("concat", [x, random([3, 2])]) { try Tensor.concat([$0[0], $0[1]], axis: 1) }
    try check("stack", [x, random([3, 4])]) { try Tensor.stack([$0[0], $0[1]], axis: 2) }
    try check("split", [x]) { try $0[0].split(sections: 2, axis: 1)[1] }
    try check("broadcast_to", [random([1, 4])]) { try $0[0].broadcast(to: [3, 4]) }
    try check("expand_dims", [x]) { try $0[0].expandingDims(at: 1) }
    try check("contiguous", [x]) { $0[0].transposed.contiguous() }
    try check("squeeze", [random([3, 1, 2])]) { try $0[0].squeezed() }
  }

  /// Writes into a tensor of the graph (`y[1:3, ::2] = v`): the overwritten positions pass no
  /// gradient to the old values, the written ones pass it to the value (summed where the
  /// value was broadcast). Before, the old values kept theirs and the value got none.
  func testWritesIntoTensorsOfTheGraph() throws {
    let x = random([3, 4])
    let v = random([1, 2])
    try check("assign slice", [x, v]) { a in
      var y = try a[0] * a[0]
      try y.assign(a[1], at: [.slice(start: 1), .slice(step: 2)])
      return try y * a[0]
    }
    try check("assign extra unit axes", [x, random([1, 1, 4])]) { a in
      var y = a[0] * 2
      try y.assign(a[1], at: [.at(-1)])
      return y
    }
    let mask = x > 0
    try check("assign where", [x, random([4])]) { a in
      var y = try a[0] * a[0]
      try y.assign(a[1], where: mask)
      return y
    }
    let count = mask.cast(to: .int64).sum().toArray(Int64.self)[0]
    try check("assign masked values", [x, random([Int(count)])]) { a in
      var y = a[0] + 1
      try y.assignMasked(mask, values: a[1])
      return try y * a[0]
    }
    try check("assign rows", [x, random([4])]) { a in
      var y = a[0] * 3
      try y.assign(a[1], rowsWhere: Tensor([true, false, true]))
      return try y * y
    }
    // A write into a leaf changes its values and keeps it a leaf.
    var leaf = x.requiringGrad()
    try leaf.assignMasked(mask, values: Tensor.zeros([Int(count)]))
    XCTAssertTrue(leaf.requiresGrad)
    try (leaf * leaf).sum().backward()
    assertClose(try XCTUnwrap(leaf.grad), leaf.detached() * 2)
  }

  func testLinearAlgebra() throws {
    let a = try random([3, 3]) + Tensor.eye(3) * 3
    try check("solve vector", [a, random([3])]) { try Linalg.solve($0[0], $0[1]) }
    try check("solve matrix", [a, random([3, 2])]) { try Linalg.solve($0[0], $0[1]) }
    try check("inv", [a]) { try Linalg.inv($0[0]) }
    try check("det", [a]) { try Linalg.det($0[0]) }
    // Cholesky reads one triangle, so check it through a symmetrising map.
    let spd = try a.matmul(a.transposed)
    try check("cholesky", [spd]) { x in try Linalg.cholesky(try (x[0] + x[0].transposed) * 0.5) }
  }

  func testNoGradAndErrors() throws {
    let w = Tensor([1.0, 2.0]).requiringGrad()
    let y = try Tensor.noGrad([w]) { p in try (p[0] * p[0]).sum() }
    XCTAssertFalse(y.requiresGrad)
    XCTAssertThrowsError(try y.backward()) {
      XCTAssertEqual("\($0)", "'backward' needs a tensor that requires grad")
    }
    XCTAssertThrowsError(try (w * 2).backward()) {
      XCTAssertEqual(
        "\($0)", "'backward' without a gradient needs a single-element tensor, got shape [2]")
    }
    // Gradients accumulate until cleared.
    try (w * 3).sum().backward()
    try (w * 3).sum().backward()
    XCTAssertEqual(w.grad?.scalars, [6, 6])
    w.zeroGrad()
    XCTAssertNil(w.grad)
  }
}
