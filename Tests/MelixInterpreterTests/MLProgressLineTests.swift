import MelixML
import XCTest

@testable import MelixInterpreter

/// The per-epoch progress line of `train` (shown on a terminal, or with `verbose: true`).
final class MLProgressLineTests: XCTestCase {
  func testProgressLineShowsEpochLossMetricTimeAndETA() {
    let withValidation = EpochSummary(
      epoch: 2, epochs: 10, trainLoss: 0.51234, validationLoss: 0.49811,
      metricName: "accuracy", metric: 0.93333, elapsed: 0.3)
    XCTAssertEqual(
      BuiltinTable.progressLine(withValidation),
      "epoch 3/10  loss 0.5123  val_loss 0.4981  val_accuracy 0.9333  0.3s  eta 0.7s")
    let trainOnly = EpochSummary(
      epoch: 0, epochs: 2, trainLoss: 2, validationLoss: nil, metricName: "mae", metric: 1.5,
      elapsed: 1)
    XCTAssertEqual(
      BuiltinTable.progressLine(trainOnly), "epoch 1/2  loss 2.0000  mae 1.5000  1.0s  eta 1.0s")
  }
}
