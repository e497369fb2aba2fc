import MelixML
import MelixNumerics

/// What `shap` returns: SHAP values for some rows, with what is needed to read them.
/// Printing shows a one-line description; `summary(ex)`, `waterfall(ex, row)` and
/// `plot(ex, path)` give the views.
///
/// Fields: `values` (float64 tensor `[nRows, nFeatures]` for a single-output model, else a
/// list of such tensors, one per class), `base_value` (Float, or a list per class),
/// `data` (the explained rows `[nRows, nFeatures]`), `feature_names`, `output_names`,
/// `output_space` (`"raw"`, `"log-odds"` or `"probability"`: where base value plus a
/// row's sum equals the model output).
public final class ExplanationValue: NativeValue {
  let explanation: Explanation

  init(_ explanation: Explanation) { self.explanation = explanation }

  /// `Explanation`.
  public var typeName: String { "Explanation" }

  /// `Explanation of 3 rows, 4 features, 1 output (log-odds)`.
  public func display() -> String {
    let e = explanation
    let outputs = e.outputCount == 1 ? "1 output" : "\(e.outputCount) outputs"
    return
      "Explanation of \(e.rowCount) rows, \(e.featureCount) features, \(outputs) (\(e.outputSpace))"
  }

  /// Fields for completion.
  public var memberNames: [String] {
    ["values", "base_value", "data", "feature_names", "output_names", "output_space"]
  }

  /// Reads a field.
  ///
  /// - Throws: `MelixError` for an unknown field.
  public func member(_ name: String) throws -> Value {
    let e = explanation
    switch name {
    case "values":
      let tensors = try e.values.map { try Self.matrix($0, columns: e.featureCount) }
      return tensors.count == 1 ? tensors[0] : .list(ListRef(tensors))
    case "base_value":
      return e.baseValues.count == 1 ? .float(e.baseValues[0]) : DataBridge.list(e.baseValues)
    case "data": return try Self.matrix(e.data, columns: e.featureCount)
    case "feature_names": return DataBridge.list(e.featureNames)
    case "output_names": return DataBridge.list(e.outputNames)
    case "output_space": return .string(e.outputSpace)
    default: throw MelixError("Explanation has no field '\(name)'")
    }
  }

  /// Rows as a float64 tensor `[rows.count, columns]`.
  static func matrix(_ rows: [[Double]], columns: Int) throws -> Value {
    .tensor(
      try MLBridge.run { try Tensor(shape: [rows.count, columns], scalars: rows.flatMap { $0 }) })
  }
}
