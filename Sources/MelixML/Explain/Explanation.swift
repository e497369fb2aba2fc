import MelixNumerics

/// A model closure as the explainers see it: features `[nRows, nFeatures]` in, outputs
/// `[nRows]` or `[nRows, nOutputs]` out (float64).
public typealias ModelFunction = (_ x: Tensor) throws -> Tensor

/// SHAP values for some rows of data, with what is needed to read them.
///
/// For output `k` and row `i`, `baseValues[k] + Σⱼ values[k][i][j]` equals the model's output
/// `k` for row `i` in `outputSpace` (additivity, Lundberg & Lee 2017, property 1). The
/// initializer checks this for every row and output and throws when it fails.
public struct Explanation: Sendable {
  /// SHAP values, `[nOutputs][nRows, nFeatures]`: one matrix per model output (one per class
  /// for a multi-class classifier, one for a regressor or a binary log-odds model).
  public let values: [[[Double]]]
  /// The expected model output over the background, `[nOutputs]`.
  public let baseValues: [Double]
  /// The explained rows, `[nRows, nFeatures]`.
  public let data: [[Double]]
  /// Feature names, `[nFeatures]`.
  public let featureNames: [String]
  /// Output names, `[nOutputs]` (class names, or `["output"]`).
  public let outputNames: [String]
  /// The space the values add up in: `"raw"` (model output), `"log-odds"` (a binary
  /// logistic model), `"score (x·w + b)"` (each class's linear score of a multi-class
  /// logistic model, `linearScoreSpace`) or `"probability"`.
  public let outputSpace: String

  /// The output space of a multi-class logistic model: each class's linear score `x·w + b`
  /// (its log-probability up to a per-row constant; softmax turns the scores into
  /// probabilities), not log-odds.
  public static let linearScoreSpace = "score (x·w + b)"
  /// The model outputs the values add up to, `[nOutputs][nRows]`.
  public let modelOutputs: [[Double]]

  /// Creates an explanation and checks its additivity.
  ///
  /// - Parameters:
  ///   - values: `[nOutputs][nRows, nFeatures]`.
  ///   - baseValues: `[nOutputs]`.
  ///   - data: The explained rows, `[nRows, nFeatures]`.
  ///   - featureNames: `[nFeatures]`; empty gives `x0`, `x1`, ….
  ///   - outputNames: `[nOutputs]`; empty gives `output` or `output 0`, ….
  ///   - outputSpace: Where the values add up (`"raw"`, `"log-odds"`, `"probability"`).
  ///   - modelOutputs: The model's outputs for `data`, `[nOutputs][nRows]`.
  ///   - tolerance: Allowed |base + Σφ − f(x)| relative to `max(1, |f(x)|)`. Default 1e-6.
  /// - Throws: `ExplainError.additivityFailed` naming the row and output;
  ///   `.lengthMismatch` when the shapes disagree.
  public init(
    values: [[[Double]]], baseValues: [Double], data: [[Double]], featureNames: [String] = [],
    outputNames: [String] = [], outputSpace: String, modelOutputs: [[Double]],
    tolerance: Double = 1e-6
  ) throws {
    let nOutputs = values.count
    let nFeatures = data.first?.count ?? 0
    guard baseValues.count == nOutputs else {
      throw ExplainError.lengthMismatch(
        input: "base_values", expected: nOutputs, got: baseValues.count)
    }
    guard modelOutputs.count == nOutputs else {
      throw ExplainError.lengthMismatch(
        input: "model outputs", expected: nOutputs, got: modelOutputs.count)
    }
    guard featureNames.isEmpty || featureNames.count == nFeatures else {
      throw ExplainError.lengthMismatch(
        input: "feature_names", expected: nFeatures, got: featureNames.count)
    }
    guard outputNames.isEmpty || outputNames.count == nOutputs else {
      throw ExplainError.lengthMismatch(
        input: "output names", expected: nOutputs, got: outputNames.count)
    }
    for k in 0..<nOutputs {
      guard values[k].count == data.count, modelOutputs[k].count == data.count else {
        throw ExplainError.lengthMismatch(
          input: "values", expected: data.count, got: values[k].count)
      }
      for (i, row) in values[k].enumerated() {
        guard row.count == nFeatures else {
          throw ExplainError.lengthMismatch(
            input: "values row \(i)", expected: nFeatures, got: row.count)
        }
        let sum = baseValues[k] + row.reduce(0, +)
        let f = modelOutputs[k][i]
        guard abs(sum - f) <= tolerance * max(1, abs(f)) else {
          throw ExplainError.additivityFailed(row: i, output: k, modelOutput: f, shapSum: sum)
        }
      }
    }
    self.values = values
    self.baseValues = baseValues
    self.data = data
    self.featureNames =
      featureNames.isEmpty ? (0..<nFeatures).map { "x\($0)" } : featureNames
    self.outputNames =
      outputNames.isEmpty
      ? (nOutputs == 1 ? ["output"] : (0..<nOutputs).map { "output \($0)" }) : outputNames
    self.outputSpace = outputSpace
    self.modelOutputs = modelOutputs
  }

  /// The number of explained rows.
  public var rowCount: Int { data.count }
  /// The number of features.
  public var featureCount: Int { featureNames.count }
  /// The number of model outputs.
  public var outputCount: Int { values.count }

  /// Mean |SHAP| per feature, summed over outputs (the ranking of `summary` and `bar`).
  ///
  /// - Returns: `[nFeatures]`, in the model's units of `outputSpace`.
  public var meanAbsoluteValues: [Double] {
    var totals = [Double](repeating: 0, count: featureCount)
    for matrix in values {
      for row in matrix { for j in row.indices { totals[j] += abs(row[j]) } }
    }
    let n = Double(max(rowCount, 1))
    return totals.map { $0 / n }
  }
}
