import XCTest

@testable import MelixML

/// Average precision of a two-column probability matrix is the binary score of its second
/// column, as scikit-learn's `average_precision_score(y, p[:, 1])` (and as `rocAUC`), not
/// the mean over both classes.
final class AveragePrecisionBinaryTests: XCTestCase {
  /// scikit-learn 1.9.1: `average_precision_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])`
  /// = 0.8333333333333333 (the example of its documentation; also in
  /// `Tests/Golden/ml/make_reference.py`). The mean over both classes would be 0.7916….
  func testTwoColumnsScoreTheSecondColumn() throws {
    let probabilities = [[0.9, 0.1], [0.6, 0.4], [0.65, 0.35], [0.2, 0.8]]
    let ap = try Metrics.averagePrecision(yTrue: [0, 0, 1, 1], probabilities: probabilities)
    XCTAssertEqual(ap, 0.8333333333333333, accuracy: 1e-15)
    XCTAssertEqual(
      ap, try Metrics.averagePrecision(yTrue: [0, 0, 1, 1], scores: [0.1, 0.4, 0.35, 0.8]),
      accuracy: 1e-15)
  }

  /// The column of `labels[1]` is the positive one: with the labels listed as [1, 0] the
  /// matrix's second column scores class 0.
  func testTheSecondLabelIsPositive() throws {
    let probabilities = [[0.1, 0.9], [0.4, 0.6], [0.35, 0.65], [0.8, 0.2]]
    let ap = try Metrics.averagePrecision(
      yTrue: [0, 0, 1, 1], probabilities: probabilities, labels: [1, 0])
    XCTAssertEqual(
      ap, try Metrics.averagePrecision(
        yTrue: [0, 0, 1, 1], scores: [0.9, 0.6, 0.65, 0.2], positiveLabel: 0),
      accuracy: 1e-15)
  }

  /// scikit-learn 1.9.1: `average_precision_score([0, 0], [0.2, 0.4])` is 0.0 (with a
  /// warning), not -0.0.
  func testNoPositiveSampleIsPositiveZero() throws {
    var warnings: [MetricWarning] = []
    let ap = try Metrics.averagePrecision(
      yTrue: [0, 0], scores: [0.2, 0.4], positiveLabel: 1) { warnings.append($0) }
    XCTAssertEqual(ap, 0)
    XCTAssertEqual(ap.sign, .plus)
    XCTAssertEqual(warnings, [.noPositiveSamples(metric: "precision_recall_curve")])
  }
}
