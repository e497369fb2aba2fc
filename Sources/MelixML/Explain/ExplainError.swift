/// An error thrown while explaining a model (SHAP values, permutation importance) or while
/// writing an explanation's plot.
///
/// Messages follow the style guide: lower case, no trailing period, code in single quotes.
public enum ExplainError: Error, Equatable, Sendable, CustomStringConvertible {
  /// An input matrix has no rows or no columns.
  case emptyInput(input: String)
  /// A row of an input matrix has a different width than expected.
  case featureCountMismatch(input: String, row: Int, expected: Int, got: Int)
  /// An input holds NaN or an infinity.
  case nonFiniteValue(input: String, row: Int, column: Int)
  /// The model closure returned a result whose shape is not `[nRows]` or `[nRows, nOutputs]`.
  case badModelOutput(expectedRows: Int, got: [Int])
  /// An argument is outside its valid range.
  case invalidArgument(name: String, value: String, expected: String)
  /// The SHAP values of a row do not add up to the model output (base value + Σφ ≠ f(x)).
  case additivityFailed(row: Int, output: Int, modelOutput: Double, shapSum: Double)
  /// Exact linear SHAP was asked of a model that is not linear.
  case notLinear(model: String)
  /// A label or output count does not match another input.
  case lengthMismatch(input: String, expected: Int, got: Int)
  /// Writing a plot file failed.
  case writeFailed(path: String, reason: String)

  /// A one-line message naming the input and the facts.
  public var description: String {
    switch self {
    case .emptyInput(let input):
      return "'\(input)' needs at least one row and one feature"
    case .featureCountMismatch(let input, let row, let expected, let got):
      return "row \(row) of '\(input)' has \(got) features, expected \(expected)"
    case .nonFiniteValue(let input, let row, let column):
      return "'\(input)' holds NaN or infinity at row \(row), column \(column)"
    case .badModelOutput(let rows, let got):
      let shape = "[" + got.map(String.init).joined(separator: ", ") + "]"
      return
        "the model returned shape \(shape) for \(rows) rows, expected [\(rows)] or [\(rows), nOutputs]"
    case .invalidArgument(let name, let value, let expected):
      return "argument '\(name)' is \(value), expected \(expected)"
    case .additivityFailed(let row, let output, let modelOutput, let shapSum):
      return
        "shap values of row \(row) (output \(output)) do not add up: base value + sum is "
        + "\(shapSum), the model gives \(modelOutput)"
    case .notLinear(let model):
      return
        "exact linear shap needs 'linear_regression' or 'logistic_regression', got '\(model)'; use kernel shap"
    case .lengthMismatch(let input, let expected, let got):
      return "'\(input)' has \(got) entries, expected \(expected)"
    case .writeFailed(let path, let reason):
      return "cannot write '\(path)': \(reason)"
    }
  }
}
