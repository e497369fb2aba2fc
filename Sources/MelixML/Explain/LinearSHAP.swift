/// Exact SHAP values for a linear model, interventional (features independent), relative to
/// the background mean: `φᵢⱼ = wⱼ (xᵢⱼ − μⱼ)` and base value `b + w·μ`.
///
/// This is `shap.LinearExplainer` with the default `"interventional"` feature perturbation
/// (Lundberg & Lee 2017, section 4.1, "Linear SHAP"). For logistic regression the values add
/// up in the decision function's space, as shap's: log-odds for two classes, each class's
/// score `x·w + b` for more.
public enum LinearSHAP {
  /// Explains rows of a linear model `f(x) = W x + b`.
  ///
  /// - Parameters:
  ///   - coefficients: `W`, `[nOutputs, nFeatures]`.
  ///   - intercepts: `b`, `[nOutputs]`.
  ///   - data: Rows to explain, `[nRows, nFeatures]`.
  ///   - background: Rows whose (weighted) column means are the reference.
  ///   - featureNames: `[nFeatures]` or empty.
  ///   - outputNames: `[nOutputs]` or empty.
  ///   - outputSpace: `"raw"` for a regressor, `"log-odds"` for a binary logistic model,
  ///     `Explanation.linearScoreSpace` for a multi-class one.
  /// - Returns: The explanation, `values` `[nOutputs][nRows, nFeatures]`.
  /// - Throws: `ExplainError.emptyInput`, `.featureCountMismatch`, `.nonFiniteValue` for bad
  ///   inputs, `.lengthMismatch` when `intercepts` disagree with `coefficients`.
  public static func explain(
    coefficients: [[Double]], intercepts: [Double], data: [[Double]], background: Background,
    featureNames: [String] = [], outputNames: [String] = [], outputSpace: String = "raw"
  ) throws -> Explanation {
    guard let width = coefficients.first?.count, width > 0 else {
      throw ExplainError.emptyInput(input: "coefficients")
    }
    guard intercepts.count == coefficients.count else {
      throw ExplainError.lengthMismatch(
        input: "intercepts", expected: coefficients.count, got: intercepts.count)
    }
    let x = try FeatureRows(data, input: "data", width: width)
    let bg = try FeatureRows(background.rows, input: "background", width: width)
    var mean = [Double](repeating: 0, count: width)
    let equal = Set(background.weights).count == 1
    for i in 0..<bg.rows {
      for j in 0..<width { mean[j] += equal ? bg[i, j] : background.weights[i] * bg[i, j] }
    }
    if equal { mean = mean.map { $0 / Double(bg.rows) } }

    var values: [[[Double]]] = []
    var bases: [Double] = []
    var outputs: [[Double]] = []
    for (k, w) in coefficients.enumerated() {
      guard w.count == width else {
        throw ExplainError.featureCountMismatch(
          input: "coefficients", row: k, expected: width, got: w.count)
      }
      var base = intercepts[k]
      for j in 0..<width { base += w[j] * mean[j] }
      bases.append(base)
      var matrix: [[Double]] = []
      var f: [Double] = []
      for i in 0..<x.rows {
        var phi = [Double](repeating: 0, count: width)
        var out = intercepts[k]
        for j in 0..<width {
          phi[j] = w[j] * (x[i, j] - mean[j])
          out += w[j] * x[i, j]
        }
        matrix.append(phi)
        f.append(out)
      }
      values.append(matrix)
      outputs.append(f)
    }
    return try Explanation(
      values: values, baseValues: bases, data: x.matrix, featureNames: featureNames,
      outputNames: outputNames, outputSpace: outputSpace, modelOutputs: outputs)
  }
}
