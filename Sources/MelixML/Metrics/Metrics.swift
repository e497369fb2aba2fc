/// Evaluation metrics on plain Swift arrays, equal to scikit-learn's (version 1.9.1)
/// to 1e-9 on the fixtures in `Tests/MelixMLTests/Fixtures`.
///
/// Labels are any `Hashable & Comparable` type (class indices `Int`, class names `String`).
/// Like scikit-learn, the label set of a call is the sorted union of the labels in
/// `yTrue` and `yPred` unless a `labels` list is passed. Sample weights are not supported.
///
/// Metrics that can be undefined report a `MetricWarning` through an `onWarning`
/// closure (default: ignore) and return scikit-learn's conventional value.
///
/// Edge cases, as scikit-learn 1.9.1 (each has a fixture test):
/// - One class in `yTrue`: ROC AUC is NaN with `MetricWarning.onlyOneClass` (no error);
///   average precision needs an explicit `positiveLabel` (error otherwise) and is 0 with
///   `.noPositiveSamples` when that label is absent.
/// - No predicted (or no true) samples of a class: precision (recall, F) takes the
///   `zeroDivision` value: 0 with `.illDefined` for `.warn`, else 0, 1 or NaN silently;
///   NaN classes are left out of macro and weighted averages.
/// - Log-loss clips probabilities to `[ε, 1 - ε]`, `ε = 2.22e-16`, so 0 and 1 are finite
///   (a confident wrong answer costs about 36.04 nats); rows are not renormalised.
/// - Constant `yTrue` in R² and explained variance: 1 for perfect predictions, else 0
///   (`forceFinite`, the default); NaN or `-infinity` with `forceFinite: false`. R² of a
///   single sample is NaN with `.tooFewSamples`.
/// - MAPE divides by `max(|y|, ε)`: a true 0 gives a huge, finite error.
public enum Metrics {}

// MARK: - Shared validation

extension Metrics {
  /// Throws unless the two arrays have equal, non-zero length.
  static func checkPaired(_ metric: String, _ a: Int, _ b: Int) throws {
    guard a == b else { throw MetricError.lengthMismatch(metric: metric, expected: a, got: b) }
    guard a > 0 else { throw MetricError.emptyInput(metric: metric) }
  }

  /// Throws if any value is NaN or infinite.
  static func checkFinite(_ metric: String, _ name: String, _ values: [Double]) throws {
    if let index = values.firstIndex(where: { !$0.isFinite }) {
      throw MetricError.nonFiniteValue(metric: metric, input: name, index: index)
    }
  }

  /// The sorted union of the labels in both arrays.
  static func sortedLabels<L: Hashable & Comparable>(_ a: [L], _ b: [L] = []) -> [L] {
    Array(Set(a).union(b)).sorted()
  }

  /// Checks a score matrix is rectangular with `columns` columns (when given) and
  /// returns its column count.
  static func checkMatrix(
    _ metric: String, _ rows: [[Double]], columns: Int? = nil
  ) throws -> Int {
    let width = columns ?? rows.first?.count ?? 0
    for (index, row) in rows.enumerated() where row.count != width {
      if columns != nil && index == 0 {
        throw MetricError.classCountMismatch(metric: metric, classes: width, columns: row.count)
      }
      throw MetricError.raggedScores(metric: metric, row: index, expected: width, got: row.count)
    }
    for (index, row) in rows.enumerated() where row.contains(where: { !$0.isFinite }) {
      throw MetricError.nonFiniteValue(metric: metric, input: "scores", index: index)
    }
    return width
  }

  /// The mean of the values that are not NaN, weighted when `weights` is given; the
  /// unweighted mean when all weights of the kept values are zero; NaN when none is kept.
  /// Mirrors scikit-learn's `_nanaverage`.
  static func nanAverage(_ values: [Double], weights: [Double]? = nil) -> Double {
    let kept = values.indices.filter { !values[$0].isNaN }
    guard !kept.isEmpty else { return .nan }
    if let weights {
      let total = kept.reduce(0.0) { $0 + weights[$1] }
      if total != 0 {
        return kept.reduce(0.0) { $0 + values[$1] * weights[$1] } / total
      }
    }
    return kept.reduce(0.0) { $0 + values[$1] } / Double(kept.count)
  }
}
