import MelixNumerics
import XCTest

@testable import MelixML

/// Optimizers, schedules and clipping against NumPy (PyTorch's formulas), and the training
/// loop's contract: reproducibility, early stopping, interruption, accuracy on iris.
final class TrainingTests: XCTestCase {
  func runSteps(_ rule: OptimizerRule, _ f: [String: Any]) throws -> [[Double]] {
    var p = try NNFixtures.doubles(f["p0"])
    let grads = try XCTUnwrap(f["grads"] as? [[Double]])
    var state = OptimizerState()
    var steps: [[Double]] = []
    for g in grads {
      state.beginStep()
      state.update(rule, lr: 0.1, index: 0, param: &p, grad: g)
      steps.append(p)
    }
    return steps
  }

  func testOptimizerStepsMatchPyTorchFormulas() throws {
    let f = try NNFixtures.section("optimizers")
    let cases: [(String, OptimizerRule)] = [
      ("sgd", .sgd(momentum: 0, nesterov: false, weightDecay: 0)),
      ("sgd_momentum", .sgd(momentum: 0.9, nesterov: false, weightDecay: 0)),
      ("sgd_nesterov_wd", .sgd(momentum: 0.9, nesterov: true, weightDecay: 0.01)),
      ("adam", .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0)),
      ("adam_wd", .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0.01)),
      ("adamw", .adamw(beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0.01)),
      ("rmsprop", .rmsprop(alpha: 0.99, epsilon: 1e-8, momentum: 0, weightDecay: 0)),
      ("rmsprop_momentum", .rmsprop(alpha: 0.99, epsilon: 1e-8, momentum: 0.5, weightDecay: 0.01)),
    ]
    for (key, rule) in cases {
      let expected = try XCTUnwrap(f[key] as? [[Double]], key)
      let got = try runSteps(rule, f)
      for (step, (a, b)) in zip(got, expected).enumerated() {
        nnAssertClose(a, b, tolerance: 1e-14, "\(key) step \(step + 1)")
      }
    }
  }

  func testSchedulesWarmUpAndClippingMatchPyTorchFormulas() throws {
    let f = try NNFixtures.section("schedules")
    let step = try Optimizer(
      .sgd(momentum: 0, nesterov: false, weightDecay: 0), learningRate: 0.1,
      schedule: .step(stepSize: 3, gamma: 0.5))
    nnAssertClose((0..<10).map { step.rate(epoch: $0) }, try NNFixtures.doubles(f["step"]), "step")
    let cosine = try Optimizer(
      .sgd(momentum: 0, nesterov: false, weightDecay: 0), learningRate: 0.1,
      schedule: .cosine(epochs: 10, minimum: 0.001))
    nnAssertClose(
      (0..<12).map { cosine.rate(epoch: $0) }, try NNFixtures.doubles(f["cosine"]), "cosine")
    let warm = try Optimizer(
      .sgd(momentum: 0, nesterov: false, weightDecay: 0), learningRate: 0.1, warmupEpochs: 4)
    nnAssertClose(
      (0..<6).map { warm.rate(epoch: $0) }, try NNFixtures.doubles(f["warmup_constant_4"]), "warmup"
    )

    let c = try NNFixtures.section("clip")
    var grads = try XCTUnwrap(c["grads"] as? [[Double]])
    let norm = OptimizerState.clip(&grads, maxNorm: 1)
    XCTAssertEqual(norm, try XCTUnwrap(c["norm"] as? Double), accuracy: 1e-14)
    let expected = try XCTUnwrap(c["clipped"] as? [[Double]])
    nnAssertClose(grads.flatMap { $0 }, expected.flatMap { $0 }, tolerance: 1e-14, "clip")
  }

  func testOptimizerRejectsBadOptions() {
    XCTAssertThrowsError(try Optimizer.adam(learningRate: 0)) {
      XCTAssertEqual("\($0)", "'lr' is 0.0, expected positive")
    }
    XCTAssertThrowsError(
      try Optimizer(.sgd(momentum: 0, nesterov: true, weightDecay: 0), learningRate: 0.1))
    XCTAssertThrowsError(try EarlyStopping(patience: 0))
    XCTAssertThrowsError(try EarlyStopping(patience: 3, metric: "val_f1")) {
      XCTAssertTrue("\($0)".hasPrefix("unknown early-stopping metric 'val_f1'"))
    }
  }

  func options(epochs: Int = 60, seed: Int = 42, early: EarlyStopping? = nil) throws
    -> TrainingOptions
  {
    try TrainingOptions(
      epochs: epochs, batchSize: 16, optimizer: try Optimizer.adam(learningRate: 0.01),
      validation: .fraction(0.2), earlyStopping: early, seed: seed)
  }

  func testSameSeedGivesBitIdenticalWeightsAndHistory() throws {
    let (x, y) = try NNFixtures.scaledIris()
    var a = try NeuralNetwork(mlp: [8], activation: .relu, dropout: 0.1)
    var b = try NeuralNetwork(mlp: [8], activation: .relu, dropout: 0.1)
    var c = try NeuralNetwork(mlp: [8], activation: .relu, dropout: 0.1)
    let ha = try a.train(x, y, task: .classification, options: try options(epochs: 20))
    let hb = try b.train(x, y, task: .classification, options: try options(epochs: 20))
    _ = try c.train(x, y, task: .classification, options: try options(epochs: 20, seed: 43))
    XCTAssertEqual(a.layers, b.layers)
    XCTAssertEqual(ha.trainLoss, hb.trainLoss)
    XCTAssertEqual(ha.validationMetric, hb.validationMetric)
    XCTAssertNotEqual(a.layers, c.layers)
  }

  func testMLPLearnsIrisAndPredictsLabelsAndProbabilities() throws {
    let (x, y) = try NNFixtures.scaledIris()
    var net = try NeuralNetwork(mlp: [16], activation: .tanh)
    let history = try net.train(x, y, task: .classification, options: try options(epochs: 80))
    XCTAssertEqual(history.epochCount, 80)
    XCTAssertEqual(history.validationLoss.count, 80)
    XCTAssertLessThan(history.trainLoss[79], history.trainLoss[0] / 4)
    XCTAssertEqual(history.metricName, "accuracy")
    guard case .classification(let report) = try net.evaluate(x, y) else {
      return XCTFail("classification report expected")
    }
    XCTAssertGreaterThanOrEqual(report.accuracy, 0.95)
    let p = try net.predictProbabilities(x)
    XCTAssertEqual(p.shape, [150, 3])
    for r in 0..<150 {
      XCTAssertEqual((0..<3).map { p.scalars[r * 3 + $0] }.reduce(0, +), 1, accuracy: 1e-12)
    }
    XCTAssertEqual(try net.predict(x).dtype, .int64)
    XCTAssertThrowsError(try net.predict(try Tensor(shape: [1, 3], scalars: [1.0, 2, 3]))) {
      XCTAssertEqual("\($0)", "'mlp' was fitted on 4 features, got 3")
    }
  }

  func testEarlyStoppingStopsAndRestoresTheBestWeights() throws {
    let (x, y) = try NNFixtures.scaledIris()
    var net = try NeuralNetwork(mlp: [32], activation: .relu)
    let early = try EarlyStopping(patience: 3, minDelta: 0.05)
    let history = try net.train(
      x, y, task: .classification, options: try options(epochs: 500, early: early))
    XCTAssertTrue(history.stoppedEarly)
    XCTAssertEqual(history.epochCount, history.bestEpoch + 4)
    // The restored weights give the best epoch's validation loss again.
    var replay = try NeuralNetwork(mlp: [32], activation: .relu)
    var replayOptions = try options(epochs: history.bestEpoch + 1)
    replayOptions.earlyStopping = nil
    _ = try replay.train(x, y, task: .classification, options: replayOptions)
    XCTAssertEqual(replay.layers, net.layers)
  }

  func testShouldStopEndsTrainingCleanlyWithTheHistorySoFar() throws {
    let (x, y) = try NNFixtures.scaledIris()
    var net = try NeuralNetwork(mlp: [8])
    var polls = 0
    let history = try net.train(
      x, y, task: .classification, options: try options(epochs: 100),
      shouldStop: {
        polls += 1
        return polls > 8 * 3 + 2  // 120 training rows / 16 = 8 batches per epoch
      })
    XCTAssertTrue(history.interrupted)
    XCTAssertEqual(history.epochCount, 3)
    XCTAssertTrue(net.isBuilt)
    XCTAssertNoThrow(try net.predict(x))
  }

  func testProgressIsCalledOncePerEpoch() throws {
    let (x, y) = try NNFixtures.scaledIris()
    var net = try NeuralNetwork(mlp: [4])
    var seen: [Int] = []
    _ = try net.train(
      x, y, task: .classification, options: try options(epochs: 5),
      progress: { seen.append($0.epoch) })
    XCTAssertEqual(seen, [0, 1, 2, 3, 4])
  }

  func testRegressionWithSequentialBatchNormAndSGD() throws {
    // y = 2·x0 − x1 + 0.5 on a grid: a linear network reaches a tiny loss.
    var rows: [[Double]] = []
    var targets: [Double] = []
    for i in 0..<10 {
      for j in 0..<10 {
        rows.append([Double(i) / 5 - 1, Double(j) / 5 - 1])
        targets.append(2 * (Double(i) / 5 - 1) - (Double(j) / 5 - 1) + 0.5)
      }
    }
    var net = try NeuralNetwork(
      sequential: [.dense(units: 8), .batchNorm(momentum: 0.1, epsilon: 1e-5), .dense(units: 1)])
    let opts = try TrainingOptions(
      epochs: 150, batchSize: 20,
      optimizer: try Optimizer(
        .sgd(momentum: 0.9, nesterov: true, weightDecay: 0), learningRate: 0.02,
        schedule: .cosine(epochs: 150, minimum: 0), clipNorm: 5),
      seed: 1)
    let x = try Tensor(rows: rows)
    let history = try net.train(x, Tensor(targets), task: .regression, options: opts)
    XCTAssertEqual(history.metricName, "mae")
    // Batch statistics make the training-mode loss noisy (batches of 20): check the trend.
    XCTAssertLessThan(history.trainLoss.last ?? 1, history.trainLoss[0] / 5)
    guard case .regression(let report) = try net.evaluate(x, Tensor(targets)) else {
      return XCTFail("regression report expected")
    }
    XCTAssertGreaterThan(report.r2, 0.99)
  }

  func testLossTaskMismatchAndOutputMismatchAreClearErrors() throws {
    let (x, y) = try NNFixtures.scaledIris()
    var net = try NeuralNetwork(mlp: [4])
    var opts = try options(epochs: 1)
    opts.loss = .mse
    XCTAssertThrowsError(try net.train(x, y, task: .classification, options: opts)) {
      XCTAssertEqual(
        "\($0)", "loss 'mse' is for regression; use 'cross_entropy' for classes")
    }
    var seq = try NeuralNetwork(sequential: [.dense(units: 10)])
    XCTAssertThrowsError(
      try seq.train(x, y, task: .classification, options: try options(epochs: 1))
    ) {
      XCTAssertEqual("\($0)", "the last layer has 10 units but the classification data needs 3")
    }
    XCTAssertFalse(seq.isBuilt)
  }
}
