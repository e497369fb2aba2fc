/// The dataset bridge's own runtime error messages, in one place so the code and the golden
/// tests share the wording (STYLE.md section 5). Errors from MelixData (`DataError`) keep the
/// library's wording, which names the file, line, row and column.
enum DataMessages {
  /// `Dataset has no field 'labels'`.
  static func noField(_ type: String, _ name: String) -> String { "\(type) has no field '\(name)'" }
  /// `ds.y` of a dataset read without `target:`.
  static let noTarget = "dataset has no target: read it with 'target:' to get 'y'"
  /// A tensor could not be made from a dataset's values (an internal shape error).
  static func tensorFailed(shape: [Int], reason: String) -> String {
    "cannot make a tensor of shape \(shape): \(reason)"
  }
  /// `ds[0, 1]`.
  static func subscriptCount(_ count: Int) -> String {
    "Dataset takes one subscript (rows or a column name), got \(count)"
  }
  /// `ds[150]` on 150 rows.
  static func rowOutOfRange(_ row: Int, count: Int) -> String {
    "row \(row) out of range for Dataset of \(count) rows"
  }
  /// A mask list holding something other than Bools.
  static func maskElement(_ role: String, got type: String) -> String {
    "\(role): expected Bool mask, got a List containing \(type)"
  }
  /// A mask tensor that is not 1-D Bool.
  static func maskTensor(_ role: String, shape: [Int], dtype: String) -> String {
    "\(role): expected a 1-D Bool tensor, got Tensor\(shape) \(dtype)"
  }
  /// `ds[2.5]`.
  static func badSubscript(_ role: String, got type: String) -> String {
    "\(role): expected an Int, a String, a slice or a Bool mask, got \(type)"
  }
  /// `describe(ds)[0]`.
  static let descriptionSubscript = "Description is indexed by a column name"
  /// `sc.mean_` on a standard scaler.
  static func transformerNoField(_ transformer: String, _ field: String) -> String {
    "Transformer '\(transformer)' has no field '\(field)'"
  }
  /// `transform` before `fit`.
  static func notFitted(_ transformer: String) -> String {
    "'\(transformer)' is not fitted: call 'fit' first"
  }
  /// `sc.fit(ds, y: 1)`.
  static func methodKeyword(_ method: String, of transformer: String, _ label: String) -> String {
    "'\(method)' of '\(transformer)' has no parameter named '\(label)'"
  }
  /// `sc.fit(a, b)`.
  static func methodArity(_ method: String, of transformer: String, got count: Int) -> String {
    "'\(method)' of '\(transformer)' takes 1 argument but \(count) were given"
  }
  /// `inverse_transform` on a transformer without one.
  static func noInverse(_ transformer: String) -> String {
    "'\(transformer)' has no 'inverse_transform'"
  }
  /// A label encoder given a dataset with neither a class target nor `column:`.
  static func labelSource(_ method: String) -> String {
    "'\(method)' of 'label_encoder' needs a class target or 'label_encoder(column: ...)'"
  }
  /// `dataset(X)` with X not 2-D.
  static func datasetFeatures(shape: [Int]) -> String {
    "argument 'X' of 'dataset': expected a tensor of shape [n_samples, n_features], got shape \(shape)"
  }
  /// `dataset(X, y:)` with a label count that differs from the rows of X.
  static func labelCount(_ role: String, rows: Int, got count: Int) -> String {
    "\(role): expected \(rows) labels (one per row of 'X'), got \(count)"
  }
  /// Text labels with `task: "regression"`.
  static func textRegression(_ role: String) -> String {
    "\(role): text labels cannot be a regression target"
  }
  /// A numeric target whose shape differs from `[rows]`.
  static func targetShape(_ role: String, rows: Int, shape: [Int]) -> String {
    "\(role): expected shape [\(rows)] (one value per row of 'X'), got \(shape)"
  }
  /// Fractional class labels.
  static func wholeLabels(_ role: String) -> String {
    "\(role): class labels must be whole numbers"
  }
  /// `read_csv(delimiter: ";;")`.
  static let delimiter = "argument 'delimiter' of 'read_csv': expected one ASCII character"
  /// A `delimiter:` of `read_csv` that RFC 4180 reserves: the quote or a line break.
  static let delimiterReserved =
    "argument 'delimiter' of 'read_csv': a quote or a line break cannot separate fields"
  /// A `levels:` list of `read_csv` that names one level twice.
  static func repeatedLevel(_ level: String, column: String) -> String {
    "argument 'levels' of 'read_csv': level '\(level)' of column '\(column)' appears twice"
  }
  /// A `types:` or `levels:` key of `read_csv` that is not a column of the file.
  static func optionForUnknownColumn(_ argument: String, _ reason: String) -> String {
    "argument '\(argument)' of 'read_csv': \(reason)"
  }
  /// A `types:` entry of `read_csv` that is not name → "number"/"category"/"bool".
  static func columnType(key: String, value: String) -> String {
    "argument 'types' of 'read_csv': expected a dict of column name to \"number\", \"category\" or \"bool\", got \(key): \(value)"
  }
  /// A `levels:` key of `read_csv` that is not a column name.
  static func levelOrder(key: String) -> String {
    "argument 'levels' of 'read_csv': expected a dict of column name to a list of levels, got key \(key)"
  }
  /// `with_column(ds, target_name, ...)`.
  static func replaceTarget(_ name: String) -> String {
    "'with_column' cannot replace the target column '\(name)'"
  }
  /// A new column whose length differs from the dataset's rows.
  static func columnLength(_ role: String, rows: Int, got count: Int) -> String {
    "\(role): expected \(rows) values (one per row), got \(count)"
  }
  /// A new column mixing strings and numbers (or holding other values).
  static func mixedColumn(_ role: String, got type: String) -> String {
    "\(role): expected all numbers or all strings (nil = missing), got a \(type)"
  }
  /// A string argument outside its allowed values: `expected "a", "b" or "c", got "d"`.
  static func choice(_ function: String, _ parameter: String, options: [String], got: String)
    -> String
  {
    let quoted = options.map { "\"\($0)\"" }
    let list =
      quoted.count > 1
      ? quoted.dropLast().joined(separator: ", ") + " or " + (quoted.last ?? "") : quoted.joined()
    return "argument '\(parameter)' of '\(function)': expected \(list), got \(got)"
  }
  /// A `filter` predicate that returned something other than a Bool.
  static func predicateResult(got type: String, row: Int) -> String {
    "'filter' predicate must return Bool, got \(type) (row \(row))"
  }
}
