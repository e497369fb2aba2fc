import Foundation

extension Metrics {
  /// The mean negative log-likelihood of the true classes (cross-entropy), as
  /// scikit-learn 1.9's `log_loss`.
  ///
  /// `-(1/n) Σ_i Σ_k y_ik · log(clip(p_ik, ε, 1 - ε))` with `ε = 2.220446049250313e-16`
  /// (`Double.ulpOfOne`, NumPy's `finfo(float64).eps`). Probabilities of exactly 0 or 1
  /// are clipped into that range, so a confident wrong answer costs `-log(ε) ≈ 36.04`
  /// rather than infinity. Rows are not renormalised after clipping (scikit-learn stopped
  /// doing so in 1.5); rows that do not sum to 1 (within `1e-8 + sqrt(ε)`) give a
  /// `MetricWarning.probabilitiesDoNotSumToOne`.
  ///
  /// - Parameters:
  ///   - yTrue: True labels, `[nSamples]`.
  ///   - probabilities: Class probabilities, `[nSamples, nClasses]`; column `k` is the
  ///     probability of `labels[k]`. A single column is taken as the positive-class
  ///     probability `p` and expanded to `[1 - p, p]`.
  ///   - labels: All classes, sorted. Default: the sorted labels of `yTrue`, which must
  ///     then hold at least two.
  ///   - onWarning: Receives warnings.
  /// - Returns: The mean loss in nats, >= 0.
  /// - Throws: `MetricError.singleLabel` when `yTrue` holds one label and `labels` is nil,
  ///   `.classCountMismatch`, `.probabilityOutOfRange`, `.labelNotInLabels`,
  ///   `.lengthMismatch`, `.emptyInput`, `.raggedScores`, `.nonFiniteValue`.
  public static func logLoss<L: Hashable & Comparable>(
    yTrue: [L], probabilities: [[Double]], labels: [L]? = nil,
    onWarning: (MetricWarning) -> Void = { _ in }
  ) throws -> Double {
    let metric = "log_loss"
    try checkPaired(metric, yTrue.count, probabilities.count)
    var rows = probabilities
    let width = try checkMatrix(metric, rows)
    for row in rows {
      for p in row where p < 0 || p > 1 {
        throw MetricError.probabilityOutOfRange(metric: metric, value: p)
      }
    }
    if width == 1 { rows = rows.map { [1 - $0[0], $0[0]] } }
    let classes: [L]
    if let labels {
      classes = Array(Set(labels)).sorted()
      let known = Set(classes)
      if let stray = yTrue.first(where: { !known.contains($0) }) {
        throw MetricError.labelNotInLabels(metric: metric, label: "\(stray)")
      }
    } else {
      classes = sortedLabels(yTrue)
    }
    if classes.count == 1 {
      throw MetricError.singleLabel(metric: metric, label: "\(classes[0])")
    }
    let eps = Double.ulpOfOne
    if rows.contains(where: { abs($0.reduce(0, +) - 1) > 1e-8 + eps.squareRoot() }) {
      onWarning(.probabilitiesDoNotSumToOne(metric: metric))
    }
    guard classes.count == rows[0].count else {
      throw MetricError.classCountMismatch(
        metric: metric, classes: classes.count, columns: rows[0].count)
    }
    var index: [L: Int] = [:]
    for (k, label) in classes.enumerated() { index[label] = k }
    var total = 0.0
    for (label, row) in zip(yTrue, rows) {
      guard let k = index[label] else { continue }
      total -= log(min(max(row[k], eps), 1 - eps))
    }
    return total / Double(yTrue.count)
  }

  /// Log-loss of a binary problem from positive-class probabilities.
  ///
  /// - Parameters:
  ///   - yTrue: True labels, `[nSamples]`.
  ///   - positiveProbabilities: Probability of the larger label (of `labels`, or of
  ///     `yTrue`), `[nSamples]`, in 0...1.
  ///   - labels: Both classes. Default: the labels of `yTrue`.
  ///   - onWarning: Receives warnings.
  /// - Returns: The mean loss in nats.
  /// - Throws: as the matrix overload.
  public static func logLoss<L: Hashable & Comparable>(
    yTrue: [L], positiveProbabilities: [Double], labels: [L]? = nil,
    onWarning: (MetricWarning) -> Void = { _ in }
  ) throws -> Double {
    try logLoss(
      yTrue: yTrue, probabilities: positiveProbabilities.map { [$0] }, labels: labels,
      onWarning: onWarning)
  }
}
