import Foundation

/// Every regression metric of one set of predictions, as `evaluate` returns it.
///
/// Values equal scikit-learn's `mean_squared_error`, `root_mean_squared_error`,
/// `mean_absolute_error`, `r2_score`, `mean_absolute_percentage_error`,
/// `explained_variance_score`, `median_absolute_error` and `max_error`.
public struct RegressionReport: Equatable, Sendable, CustomStringConvertible {
  /// Number of samples scored.
  public var sampleCount: Int
  /// Mean squared error, in squared target units.
  public var mse: Double
  /// Root mean squared error, in target units.
  public var rmse: Double
  /// Mean absolute error, in target units.
  public var mae: Double
  /// Coefficient of determination R² (with `forceFinite`), at most 1.
  public var r2: Double
  /// Mean absolute percentage error as a fraction (0.1 = 10 %).
  public var mape: Double
  /// Explained variance score (with `forceFinite`), at most 1.
  public var explainedVariance: Double
  /// Median absolute error, in target units.
  public var medianAbsoluteError: Double
  /// Largest absolute error, in target units.
  public var maxError: Double
  /// Warnings raised while computing the metrics.
  public var warnings: [MetricWarning]

  /// Computes the report.
  ///
  /// - Parameters:
  ///   - yTrue: True values, `[nSamples]`.
  ///   - yPred: Predicted values, `[nSamples]`.
  /// - Throws: `MetricError.lengthMismatch`, `.emptyInput`, `.nonFiniteValue`.
  public init(yTrue: [Double], yPred: [Double]) throws {
    var warnings: [MetricWarning] = []
    sampleCount = yTrue.count
    mse = try Metrics.meanSquaredError(yTrue: yTrue, yPred: yPred)
    rmse = try Metrics.rootMeanSquaredError(yTrue: yTrue, yPred: yPred)
    mae = try Metrics.meanAbsoluteError(yTrue: yTrue, yPred: yPred)
    r2 = try Metrics.r2(yTrue: yTrue, yPred: yPred) { warnings.append($0) }
    mape = try Metrics.meanAbsolutePercentageError(yTrue: yTrue, yPred: yPred)
    explainedVariance = try Metrics.explainedVariance(yTrue: yTrue, yPred: yPred)
    medianAbsoluteError = try Metrics.medianAbsoluteError(yTrue: yTrue, yPred: yPred)
    maxError = try Metrics.maxError(yTrue: yTrue, yPred: yPred)
    self.warnings = warnings
  }

  /// A two-column table of metric names and values (6 significant digits).
  public var description: String {
    let rows: [(String, Double)] = [
      ("rmse", rmse), ("mse", mse), ("mae", mae), ("r2", r2), ("mape", mape),
      ("explained variance", explainedVariance), ("median absolute error", medianAbsoluteError),
      ("max error", maxError),
    ]
    var lines = rows.map { name, value in
      name.padding(toLength: 22, withPad: " ", startingAt: 0) + String(format: "%.6g", value)
    }
    lines.append("samples".padding(toLength: 22, withPad: " ", startingAt: 0) + "\(sampleCount)")
    for warning in warnings { lines.append("warning: \(warning)") }
    return lines.joined(separator: "\n")
  }
}
