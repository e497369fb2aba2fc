import Foundation

extension Metrics {
  /// Validates a regression pair: equal non-zero lengths, finite values.
  static func checkRegression(_ metric: String, _ yTrue: [Double], _ yPred: [Double]) throws {
    try checkPaired(metric, yTrue.count, yPred.count)
    try checkFinite(metric, "yTrue", yTrue)
    try checkFinite(metric, "yPred", yPred)
  }

  static func mean(_ values: [Double]) -> Double {
    values.reduce(0, +) / Double(values.count)
  }

  /// Mean squared error `(1/n) Σ (y - ŷ)²` (scikit-learn's `mean_squared_error`).
  ///
  /// - Parameters:
  ///   - yTrue: True values, `[nSamples]`.
  ///   - yPred: Predicted values, `[nSamples]`.
  /// - Returns: The error, in squared target units, >= 0.
  /// - Throws: `MetricError.lengthMismatch`, `.emptyInput`, `.nonFiniteValue`.
  public static func meanSquaredError(yTrue: [Double], yPred: [Double]) throws -> Double {
    try checkRegression("mean_squared_error", yTrue, yPred)
    return mean(zip(yTrue, yPred).map { ($0 - $1) * ($0 - $1) })
  }

  /// Root mean squared error `sqrt(MSE)` (scikit-learn's `root_mean_squared_error`).
  ///
  /// - Parameters: as `meanSquaredError`.
  /// - Returns: The error, in target units, >= 0.
  /// - Throws: as `meanSquaredError`.
  public static func rootMeanSquaredError(yTrue: [Double], yPred: [Double]) throws -> Double {
    try checkRegression("root_mean_squared_error", yTrue, yPred)
    return mean(zip(yTrue, yPred).map { ($0 - $1) * ($0 - $1) }).squareRoot()
  }

  /// Mean absolute error `(1/n) Σ |y - ŷ|` (scikit-learn's `mean_absolute_error`).
  ///
  /// - Parameters: as `meanSquaredError`.
  /// - Returns: The error, in target units, >= 0.
  /// - Throws: as `meanSquaredError`.
  public static func meanAbsoluteError(yTrue: [Double], yPred: [Double]) throws -> Double {
    try checkRegression("mean_absolute_error", yTrue, yPred)
    return mean(zip(yTrue, yPred).map { abs($0 - $1) })
  }

  /// Mean absolute percentage error `(1/n) Σ |y - ŷ| / max(|y|, ε)` with
  /// `ε = Double.ulpOfOne` (scikit-learn's `mean_absolute_percentage_error`).
  ///
  /// The result is a fraction, not a percentage (0.1 means 10 %). A true value of 0
  /// divides by `ε`, so the error becomes huge rather than infinite, as scikit-learn.
  ///
  /// - Parameters: as `meanSquaredError`.
  /// - Returns: The error as a fraction, >= 0.
  /// - Throws: as `meanSquaredError`.
  public static func meanAbsolutePercentageError(yTrue: [Double], yPred: [Double]) throws
    -> Double
  {
    try checkRegression("mean_absolute_percentage_error", yTrue, yPred)
    return mean(zip(yTrue, yPred).map { abs($1 - $0) / max(abs($0), Double.ulpOfOne) })
  }

  /// Median absolute error (scikit-learn's `median_absolute_error`).
  ///
  /// - Parameters: as `meanSquaredError`.
  /// - Returns: The median of `|y - ŷ|`, in target units.
  /// - Throws: as `meanSquaredError`.
  public static func medianAbsoluteError(yTrue: [Double], yPred: [Double]) throws -> Double {
    try checkRegression("median_absolute_error", yTrue, yPred)
    let errors = zip(yTrue, yPred).map { abs($0 - $1) }.sorted()
    let n = errors.count
    return n % 2 == 1 ? errors[n / 2] : (errors[n / 2 - 1] + errors[n / 2]) / 2
  }

  /// The largest absolute error (scikit-learn's `max_error`).
  ///
  /// - Parameters: as `meanSquaredError`.
  /// - Returns: `max |y - ŷ|`, in target units.
  /// - Throws: as `meanSquaredError`.
  public static func maxError(yTrue: [Double], yPred: [Double]) throws -> Double {
    try checkRegression("max_error", yTrue, yPred)
    return zip(yTrue, yPred).map { abs($0 - $1) }.max() ?? 0
  }

  /// The coefficient of determination `R² = 1 - Σ (y - ŷ)² / Σ (y - ȳ)²`
  /// (scikit-learn's `r2_score`).
  ///
  /// Constant `yTrue` makes the denominator 0. With `forceFinite` (the default, as
  /// scikit-learn) the score is then 1 for perfect predictions and 0 otherwise; without
  /// it the score is NaN (perfect) or `-infinity`. With one sample the score is NaN and
  /// a `MetricWarning.tooFewSamples` is emitted.
  ///
  /// - Parameters:
  ///   - yTrue: True values, `[nSamples]`.
  ///   - yPred: Predicted values, `[nSamples]`.
  ///   - forceFinite: Replace the NaN/-inf of constant targets by 1 or 0.
  ///   - onWarning: Receives warnings.
  /// - Returns: The score, at most 1 (can be negative).
  /// - Throws: `MetricError.lengthMismatch`, `.emptyInput`, `.nonFiniteValue`.
  public static func r2(
    yTrue: [Double], yPred: [Double], forceFinite: Bool = true,
    onWarning: (MetricWarning) -> Void = { _ in }
  ) throws -> Double {
    try checkRegression("r2_score", yTrue, yPred)
    if yTrue.count < 2 {
      onWarning(.tooFewSamples(metric: "r2_score"))
      return .nan
    }
    let average = mean(yTrue)
    let numerator = zip(yTrue, yPred).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
    let denominator = yTrue.reduce(0.0) { $0 + ($1 - average) * ($1 - average) }
    return explainedFraction(numerator, denominator, forceFinite: forceFinite)
  }

  /// The explained variance `1 - Var(y - ŷ) / Var(y)` (scikit-learn's
  /// `explained_variance_score`). Unlike R² it ignores a constant bias in the predictions.
  ///
  /// Constant `yTrue` is handled as in `r2(yTrue:yPred:forceFinite:)`.
  ///
  /// - Parameters:
  ///   - yTrue: True values, `[nSamples]`.
  ///   - yPred: Predicted values, `[nSamples]`.
  ///   - forceFinite: Replace the NaN/-inf of constant targets by 1 or 0.
  /// - Returns: The score, at most 1.
  /// - Throws: `MetricError.lengthMismatch`, `.emptyInput`, `.nonFiniteValue`.
  public static func explainedVariance(
    yTrue: [Double], yPred: [Double], forceFinite: Bool = true
  ) throws -> Double {
    try checkRegression("explained_variance_score", yTrue, yPred)
    let residuals = zip(yTrue, yPred).map { $0 - $1 }
    let residualMean = mean(residuals)
    let numerator = mean(residuals.map { ($0 - residualMean) * ($0 - residualMean) })
    let average = mean(yTrue)
    let denominator = mean(yTrue.map { ($0 - average) * ($0 - average) })
    return explainedFraction(numerator, denominator, forceFinite: forceFinite)
  }

  /// `1 - numerator / denominator` with scikit-learn's `force_finite` rule.
  static func explainedFraction(_ numerator: Double, _ denominator: Double, forceFinite: Bool)
    -> Double
  {
    if !forceFinite { return 1 - numerator / denominator }
    if numerator == 0 { return 1 }
    if denominator == 0 { return 0 }
    return 1 - numerator / denominator
  }
}
