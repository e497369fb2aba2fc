import MelixNumerics

// Reports from MelixNumerics tensors, as `evaluate` and the metric built-ins receive them.

enum TensorInputs {
  static func vector(_ t: Tensor, metric: String, input: String) throws -> [Double] {
    guard t.rank == 1 else {
      throw MetricError.invalidShape(
        metric: metric, input: input, expected: "[nSamples]", got: t.shape)
    }
    return t.scalars
  }

  static func labels(_ t: Tensor, metric: String, input: String) throws -> [Int] {
    try vector(t, metric: metric, input: input).enumerated().map { index, value in
      guard value.isFinite, value.rounded() == value, abs(value) < 9.0e15 else {
        throw MetricError.nonIntegerLabel(metric: metric, input: input, index: index, value: value)
      }
      return Int(value)
    }
  }

  static func matrix(_ t: Tensor, metric: String, input: String) throws -> [[Double]] {
    guard t.rank == 2 else {
      throw MetricError.invalidShape(
        metric: metric, input: input, expected: "[nSamples, nClasses]", got: t.shape)
    }
    let values = t.scalars
    let cols = t.shape[1]
    return (0..<t.shape[0]).map { Array(values[($0 * cols)..<(($0 + 1) * cols)]) }
  }
}

extension ClassificationReport where Label == Int {
  /// Computes the report from tensors.
  ///
  /// - Parameters:
  ///   - yTrue: True class labels, `[nSamples]`, int64 (or integral floats).
  ///   - yPred: Predicted class labels, `[nSamples]`.
  ///   - probabilities: Optional class probabilities, `[nSamples, nLabels]`.
  ///   - labels: All classes, sorted. Default: the sorted union of `yTrue` and `yPred`.
  ///   - targetNames: Display names for `labels`.
  ///   - zeroDivision: The value of undefined precision, recall or F1.
  /// - Throws: `MetricError.invalidShape`, `.nonIntegerLabel`, and the array initializer's
  ///   errors.
  public init(
    yTrue: Tensor, yPred: Tensor, probabilities: Tensor? = nil, labels: [Int]? = nil,
    targetNames: [String]? = nil, zeroDivision: ZeroDivision = .warn
  ) throws {
    let metric = "classification_report"
    try self.init(
      yTrue: TensorInputs.labels(yTrue, metric: metric, input: "yTrue"),
      yPred: TensorInputs.labels(yPred, metric: metric, input: "yPred"),
      probabilities: probabilities.map {
        try TensorInputs.matrix($0, metric: metric, input: "probabilities")
      }, labels: labels, targetNames: targetNames, zeroDivision: zeroDivision)
  }
}

extension RegressionReport {
  /// Computes the report from tensors.
  ///
  /// - Parameters:
  ///   - yTrue: True values, `[nSamples]`, any numeric dtype.
  ///   - yPred: Predicted values, `[nSamples]`.
  /// - Throws: `MetricError.invalidShape`, and the array initializer's errors.
  public init(yTrue: Tensor, yPred: Tensor) throws {
    let metric = "regression_report"
    try self.init(
      yTrue: TensorInputs.vector(yTrue, metric: metric, input: "yTrue"),
      yPred: TensorInputs.vector(yPred, metric: metric, input: "yPred"))
  }
}
