import MelixNumerics
import XCTest

@testable import MelixML

/// Layers and losses against NumPy (PyTorch's formulas), and every backward pass against
/// central finite differences.
final class NNLayerTests: XCTestCase {
  func testActivationsMatchNumPy() throws {
    let f = try NNFixtures.section("activations")
    let x = try NNFixtures.doubles(f["x"])
    for a in Activation.allCases {
      nnAssertClose(a.forward(x, cols: 5), try NNFixtures.doubles(f[a.rawValue]), a.rawValue)
    }
  }

  func testLossesAndGradientsMatchNumPy() throws {
    let f = try NNFixtures.section("losses")
    let p = try NNFixtures.doubles(f["p"])
    let t = try NNFixtures.doubles(f["t"])
    let cases: [(Loss, String, [Double])] = [
      (.mse, "mse", t), (.mae, "mae", t), (.huber, "huber", t),
      (.binaryCrossEntropy, "bce", try NNFixtures.doubles(f["bce_t"])),
    ]
    for (loss, key, targets) in cases {
      let (value, grad) = loss.valueAndGradient(predictions: p, targets: targets, rows: 3)
      XCTAssertEqual(value, try XCTUnwrap(f[key] as? Double), accuracy: 1e-14, key)
      nnAssertClose(grad, try NNFixtures.doubles(f[key + "_grad"]), key)
    }
    let logits = try NNFixtures.doubles(f["logits"])
    let labels = try NNFixtures.doubles(f["labels"])
    let (value, grad) = Loss.crossEntropy.valueAndGradient(
      predictions: logits, targets: labels, rows: 4)
    XCTAssertTrue(value.isFinite, "logits of ±800 stay finite")
    XCTAssertEqual(value, try XCTUnwrap(f["ce"] as? Double), accuracy: 1e-12)
    nnAssertClose(grad, try NNFixtures.doubles(f["ce_grad"]), "ce")
  }

  func testLossNamesParseAndUnknownNameIsAClearError() throws {
    XCTAssertEqual(try Loss(name: "cross_entropy"), .crossEntropy)
    XCTAssertThrowsError(try Loss(name: "hinge")) {
      XCTAssertEqual(
        "\($0)",
        "unknown loss 'hinge'; expected one of 'mse', 'mae', 'huber', 'binary_cross_entropy', "
          + "'cross_entropy'")
    }
  }

  func testBatchNormTrainingForwardAndRunningStatisticsMatchPyTorchFormulas() throws {
    let f = try NNFixtures.section("batch_norm")
    var bn = try BatchNorm(
      featureCount: 3, momentum: 0.1, epsilon: 1e-5, gamma: try NNFixtures.doubles(f["gamma"]),
      beta: try NNFixtures.doubles(f["beta"]), runningMean: [0, 0, 0], runningVariance: [1, 1, 1])
    let result = bn.forwardTrain(try NNFixtures.doubles(f["x"]), rows: 6)
    nnAssertClose(result.output, try NNFixtures.doubles(f["y"]), tolerance: 1e-12, "y")
    nnAssertClose(bn.runningMean, try NNFixtures.doubles(f["running_mean"]), "running mean")
    nnAssertClose(bn.runningVariance, try NNFixtures.doubles(f["running_var"]), "running var")
  }

  /// Builds a small network, then compares every parameter gradient (and so every
  /// layer's backward) with central differences of the loss.
  func checkGradients(
    _ specs: [LayerSpec], loss: Loss, outputs: Int, targets: [Double],
    file: StaticString = #filePath,
    line: UInt = #line
  ) throws {
    var net = try NeuralNetwork(sequential: specs)
    var rng = PCG64(seed: 3)
    try net.build(
      featureCount: 3, outputCount: outputs,
      task: loss == .crossEntropy ? .classification : .regression,
      classes: Array(0..<outputs), using: &rng)
    let rows = 5
    let x = (0..<(rows * 3)).map { _ in rng.nextNormal() }
    let layerCount = net.trainedLayerCount(foldingFinalActivation: loss.isClassification)
    func lossValue(_ n: NeuralNetwork) -> Double {
      var copy = n
      var unused = PCG64(seed: 0)
      let trace = copy.forwardTraining(x, rows: rows, layerCount: layerCount, using: &unused)
      return loss.valueAndGradient(predictions: trace.output, targets: targets, rows: rows).value
    }
    var copy = net
    var unused = PCG64(seed: 0)
    let trace = copy.forwardTraining(x, rows: rows, layerCount: layerCount, using: &unused)
    let gradient = loss.valueAndGradient(predictions: trace.output, targets: targets, rows: rows)
      .gradient
    let analytic = net.backward(trace, gradient: gradient, rows: rows, layerCount: layerCount)
    let params = net.parameters
    XCTAssertEqual(analytic.count, params.count, file: file, line: line)
    let h = 1e-6
    for (pi, array) in params.enumerated() {
      for k in array.indices {
        var plus = net
        plus.updateParameters { i, p in if i == pi { p[k] += h } }
        var minus = net
        minus.updateParameters { i, p in if i == pi { p[k] -= h } }
        let numeric = (lossValue(plus) - lossValue(minus)) / (2 * h)
        XCTAssertEqual(
          analytic[pi][k], numeric, accuracy: 1e-6 * max(1, abs(numeric)),
          "parameter \(pi)[\(k)]", file: file, line: line)
      }
    }
  }

  func testGradientsOfDenseTanhSigmoidAndMSE() throws {
    try checkGradients(
      [
        .dense(units: 4), .activation(.tanh), .dense(units: 3), .activation(.sigmoid),
        .dense(units: 2),
      ],
      loss: .mse, outputs: 2, targets: (0..<10).map { Double($0) / 10 })
  }

  func testGradientsOfGeluBatchNormAndCrossEntropyWithFoldedSoftmax() throws {
    try checkGradients(
      [
        .dense(units: 4), .batchNorm(momentum: 0.1, epsilon: 1e-5), .activation(.gelu),
        .dense(units: 3), .activation(.softmax),
      ],
      loss: .crossEntropy, outputs: 3, targets: [0, 2, 1, 1, 0])
  }

  func testGradientsOfSoftmaxInsideTheNetworkAndHuber() throws {
    try checkGradients(
      [.dense(units: 4), .activation(.softmax), .dense(units: 1)],
      loss: .huber, outputs: 1, targets: [3, -2, 0.5, 0.1, -0.7])
  }

  func testGradientsOfReluAndBinaryCrossEntropy() throws {
    try checkGradients(
      [.dense(units: 6), .activation(.relu), .dense(units: 1)],
      loss: .binaryCrossEntropy, outputs: 1, targets: [1, 0, 0, 1, 1])
  }

  func testDropoutIsIdentityInEvaluationAndScalesKeptValuesInTraining() throws {
    var net = try NeuralNetwork(sequential: [.dense(units: 2), .dropout(rate: 0.5)])
    var rng = PCG64(seed: 1)
    try net.build(featureCount: 2, outputCount: 2, task: .regression, classes: [], using: &rng)
    let x = Array(repeating: 1.0, count: 2000)
    let eval = net.forwardEvaluation(x, rows: 1000)
    let trace = net.forwardTraining(x, rows: 1000, layerCount: 2, using: &rng)
    let dense = trace.values[1]
    var zeros = 0
    for i in dense.indices {
      if trace.output[i] == 0 { zeros += 1 } else { XCTAssertEqual(trace.output[i], 2 * dense[i]) }
    }
    XCTAssertEqual(eval, dense)
    XCTAssertGreaterThan(zeros, 900)
    XCTAssertLessThan(zeros, 1100)
  }

  func testInitialisationIsHeForReluAndGlorotOtherwiseAndSeeded() throws {
    var a = try NeuralNetwork(mlp: [200], activation: .relu)
    var b = try NeuralNetwork(mlp: [200], activation: .tanh)
    var r1 = PCG64(seed: 9)
    var r2 = PCG64(seed: 9)
    try a.build(
      featureCount: 100, outputCount: 3, task: .classification, classes: [0, 1, 2], using: &r1)
    try b.build(
      featureCount: 100, outputCount: 3, task: .classification, classes: [0, 1, 2], using: &r2)
    guard case .dense(let da) = a.layers[0], case .dense(let db) = b.layers[0] else {
      return XCTFail("first layer is dense")
    }
    func std(_ v: [Double]) -> Double {
      let m = v.reduce(0, +) / Double(v.count)
      return (v.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(v.count)).squareRoot()
    }
    XCTAssertEqual(std(da.weight), (2.0 / 100).squareRoot(), accuracy: 0.005)  // He
    XCTAssertEqual(std(db.weight), (2.0 / 300).squareRoot(), accuracy: 0.005)  // Glorot
    XCTAssertLessThanOrEqual(db.weight.map(abs).max() ?? 0, (6.0 / 300).squareRoot())
    var c = try NeuralNetwork(mlp: [200], activation: .relu)
    var r3 = PCG64(seed: 9)
    try c.build(
      featureCount: 100, outputCount: 3, task: .classification, classes: [0, 1, 2], using: &r3)
    XCTAssertEqual(a.layers, c.layers)
  }

  /// Layer sizes come from scripts: a layer too big to allocate is an error, not a trap.
  func testBuildRejectsALayerTooLargeToAllocate() throws {
    var net = try NeuralNetwork(sequential: [.dense(units: 1 << 40), .dense(units: 1)])
    var rng = PCG64(seed: 1)
    XCTAssertThrowsError(
      try net.build(
        featureCount: 1 << 30, outputCount: 1, task: .regression, classes: [], using: &rng)
    ) {
      XCTAssertEqual(
        "\($0)",
        "'units' is 1099511627776, expected at most 1073741824 weights in a layer, "
          + "got 1073741824 inputs × 1099511627776 units")
    }
    var small = try NeuralNetwork(sequential: [.dense(units: 1 << 20), .dense(units: 1)])
    XCTAssertThrowsError(
      try small.build(
        featureCount: 4096, outputCount: 1, task: .regression, classes: [], using: &rng))
    XCTAssertTrue(small.layers.isEmpty, "nothing was allocated")
    // The public initialiser: sizes whose product overflows are inconsistent parameters.
    XCTAssertThrowsError(try Dense(inputCount: 1 << 32, unitCount: 1 << 32, weight: [], bias: [])) {
      XCTAssertEqual(
        $0 as? NNError,
        .invalidParameters(
          layer: "dense", detail: "weight has 0 values and bias 0 for [4294967296, 4294967296]"))
    }
  }

  /// A label too large for `Int` is a bad label, not a conversion trap.
  func testEvaluateRejectsAHugeLabel() throws {
    var net = try NeuralNetwork(sequential: [.dense(units: 2)])
    var rng = PCG64(seed: 1)
    try net.build(
      featureCount: 2, outputCount: 2, task: .classification, classes: [0, 1], using: &rng)
    let x = try Tensor(rows: [[0.0, 1.0], [1.0, 0.0]])
    XCTAssertThrowsError(try net.evaluate(x, Tensor([0.0, 1e300]))) {
      XCTAssertEqual($0 as? ModelError, .nonIntegerLabel(model: net.kind, index: 1, value: 1e300))
    }
    guard case .classification = try net.evaluate(x, Tensor([0.0, 1.0])) else {
      return XCTFail("expected a classification report")
    }
  }

  func testConstructorsRejectBadOptions() {
    XCTAssertThrowsError(try NeuralNetwork(mlp: [0])) {
      XCTAssertEqual("\($0)", "'units' is 0, expected at least 1")
    }
    XCTAssertThrowsError(try NeuralNetwork(mlp: [4], dropout: 1)) {
      XCTAssertEqual("\($0)", "'rate' is 1.0, expected in [0, 1)")
    }
    XCTAssertThrowsError(try NeuralNetwork(sequential: [.activation(.relu)]))
  }
}
