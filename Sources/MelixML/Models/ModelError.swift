/// An error thrown by a model when its inputs or state do not allow the request.
///
/// Messages follow the style guide: lower case, no trailing period, code in single quotes.
public enum ModelError: Error, Equatable, CustomStringConvertible {
  /// `predict` (or a fitted attribute) was used before `fit`.
  case notFitted(model: String)
  /// The feature count at prediction differs from the one seen in `fit`.
  case featureCountMismatch(model: String, expected: Int, got: Int)
  /// `X` and `y` have different numbers of samples.
  case sampleCountMismatch(model: String, features: Int, targets: Int)
  /// `X` has no rows or no columns.
  case emptyInput(model: String)
  /// A row of `X` has a different length than the first row.
  case raggedFeatures(model: String, row: Int, expected: Int, got: Int)
  /// `X` or `y` holds NaN or an infinity (impute missing values first).
  case nonFiniteValue(model: String, input: String, row: Int, column: Int)
  /// A hyper-parameter is outside its valid range.
  case invalidHyperparameter(model: String, name: String, value: String, expected: String)
  /// A classifier was given targets with fewer than two classes.
  case singleClass(model: String, label: Int)
  /// The normal equations are singular (collinear or constant features without ridge).
  case singularSystem(model: String)
  /// A classifier's target holds a class it was not fitted on (only for scoring helpers).
  case unknownClass(model: String, label: Int)

  /// A one-line message naming the model and the facts.
  public var description: String {
    switch self {
    case let .notFitted(model):
      return "'\(model)' is not fitted yet; call 'fit' (or 'train') before predicting"
    case let .featureCountMismatch(model, expected, got):
      return "'\(model)' was fitted on \(expected) features, got \(got)"
    case let .sampleCountMismatch(model, features, targets):
      return "'\(model)': X has \(features) samples but y has \(targets)"
    case let .emptyInput(model):
      return "'\(model)': X needs at least one sample and one feature"
    case let .raggedFeatures(model, row, expected, got):
      return "'\(model)': row \(row) of X has \(got) features, expected \(expected)"
    case let .nonFiniteValue(model, input, row, column):
      return
        "'\(model)': \(input) holds NaN or infinity at row \(row), column \(column); "
        + "impute or drop missing values first"
    case let .invalidHyperparameter(model, name, value, expected):
      return "'\(model)': '\(name)' is \(value), expected \(expected)"
    case let .singleClass(model, label):
      return "'\(model)' needs at least two classes in y, got only \(label)"
    case let .singularSystem(model):
      return
        "'\(model)': the normal equations are singular (collinear or constant features); "
        + "use 'alpha' > 0"
    case let .unknownClass(model, label):
      return "'\(model)': class \(label) was not seen in 'fit'"
    }
  }
}
