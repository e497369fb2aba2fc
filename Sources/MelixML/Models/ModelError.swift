/// An error thrown by a model when its inputs or state do not allow the request.
///
/// Messages follow the style guide: lower case, no trailing period, code in single quotes.
public enum ModelError: Error, Equatable, Sendable, CustomStringConvertible {
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
  /// The feature named `feature` holds NaN or an infinity at `row` (a `nonFiniteValue` of
  /// `X` whose column was mapped back to the dataset's feature name).
  case nonFiniteFeature(model: String, feature: String, row: Int)
  /// A hyper-parameter is outside its valid range.
  case invalidHyperparameter(model: String, name: String, value: String, expected: String)
  /// A classifier was given targets with fewer than two classes.
  case singleClass(model: String, label: Int)
  /// The normal equations are singular (collinear or constant features without ridge).
  case singularSystem(model: String)
  /// The model cannot learn the dataset's task (a classifier on a regression target, or
  /// the other way round).
  case taskMismatch(model: String, modelTask: String, dataTask: String)
  /// `predict_proba` was asked of a regressor.
  case notAClassifier(model: String)
  /// A tensor input has the wrong rank or shape.
  case invalidShape(model: String, input: String, expected: String, got: [Int])
  /// A class label is not an integer (a float target passed to a classifier).
  case nonIntegerLabel(model: String, index: Int, value: Double)

  /// A one-line message naming the model and the facts.
  public var description: String {
    switch self {
    case .notFitted(let model):
      return "'\(model)' is not fitted yet; call 'fit' (or 'train') before predicting"
    case .featureCountMismatch(let model, let expected, let got):
      return "'\(model)' was fitted on \(expected) features, got \(got)"
    case .sampleCountMismatch(let model, let features, let targets):
      return "'\(model)': X has \(features) samples but y has \(targets)"
    case .emptyInput(let model):
      return "'\(model)': X needs at least one sample and one feature"
    case .raggedFeatures(let model, let row, let expected, let got):
      return "'\(model)': row \(row) of X has \(got) features, expected \(expected)"
    case .nonFiniteValue(let model, let input, let row, let column):
      return
        "'\(model)': \(input) holds NaN or infinity at row \(row), column \(column); "
        + "impute or drop missing values first"
    case .nonFiniteFeature(let model, let feature, let row):
      return
        "'\(model)': feature '\(feature)' holds NaN or infinity at row \(row); "
        + "impute or drop missing values first"
    case .invalidHyperparameter(let model, let name, let value, let expected):
      return "'\(model)': '\(name)' is \(value), expected \(expected)"
    case .singleClass(let model, let label):
      return "'\(model)' needs at least two classes in y, got only \(label)"
    case .singularSystem(let model):
      return
        "'\(model)': the normal equations are singular (collinear or constant features); "
        + "use 'alpha' > 0"
    case .taskMismatch(let model, let modelTask, let dataTask):
      let suggestion =
        modelTask == "classification"
        ? "use 'linear_regression' or 'knn'" : "use 'logistic_regression' or 'knn'"
      return
        "'\(model)' does \(modelTask) but the data's task is \(dataTask); \(suggestion)"
    case .notAClassifier(let model):
      return "'\(model)' is a regressor and has no class probabilities"
    case .invalidShape(let model, let input, let expected, let got):
      let shape = "[" + got.map(String.init).joined(separator: ", ") + "]"
      return "'\(model)': \(input) must have shape \(expected), got \(shape)"
    case .nonIntegerLabel(let model, let index, let value):
      return
        "'\(model)': class labels must be integers, y[\(index)] is \(value); "
        + "use a regressor for continuous targets"
    }
  }
}

extension ModelError {
  /// The same error with a column index of `X` replaced by the feature's name.
  ///
  /// - Parameter featureNames: The names of the columns of `X`, `[nFeatures]`; an empty or
  ///   shorter list leaves the error unchanged.
  /// - Returns: `.nonFiniteFeature` for a `.nonFiniteValue` of `X` whose column is named,
  ///   else `self`.
  public func naming(features featureNames: [String]) -> ModelError {
    guard case .nonFiniteValue(let model, "X", let row, let column) = self,
      featureNames.indices.contains(column)
    else { return self }
    return .nonFiniteFeature(model: model, feature: featureNames[column], row: row)
  }
}
