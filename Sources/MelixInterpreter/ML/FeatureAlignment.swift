import MelixNumerics

/// Matching a Dataset's feature columns to a model's by name.
///
/// A model remembers the feature names of its training data (`model.feature_names`, kept in
/// checkpoints). A Dataset whose columns hold the same names in another order (a CSV written
/// by another tool, `ds.select([...])`) is reordered into the model's order before any
/// prediction; scoring it by position would silently feed petal widths where the model
/// expects sepal lengths. A Dataset with a different set of names is an error naming the
/// missing and unexpected columns (scikit-learn refuses it too: "The feature names should
/// match those that were passed during fit"). A plain tensor has no names and is taken by
/// position, as scikit-learn takes a NumPy array.
extension MLBridge {
  /// The column of the data that feeds each of the model's features, or nil when the data
  /// is already in the model's order (or either side has no names).
  ///
  /// - Parameters:
  ///   - dataNames: The Dataset's feature names, `[nFeatures]`.
  ///   - modelNames: The model's feature names, `[nFeatures]`.
  ///   - function: The built-in, for errors.
  ///   - parameter: The argument, for errors.
  /// - Returns: `order[j]` is the data column of the model's feature `j`; nil for no change.
  /// - Throws: `MelixError` naming the missing and unexpected columns when the two sets of
  ///   names differ.
  static func featureOrder(
    _ dataNames: [String], to modelNames: [String], _ function: String, _ parameter: String
  ) throws -> [Int]? {
    guard !dataNames.isEmpty, !modelNames.isEmpty, dataNames != modelNames else { return nil }
    var column: [String: Int] = [:]
    for (i, name) in dataNames.enumerated() where column[name] == nil { column[name] = i }
    let known = Set(modelNames)
    let missing = modelNames.filter { column[$0] == nil }
    let unexpected = dataNames.filter { !known.contains($0) }
    guard missing.isEmpty, unexpected.isEmpty, dataNames.count == modelNames.count else {
      var parts: [String] = []
      if !missing.isEmpty { parts.append("lacks the model's feature(s) \(quoted(missing))") }
      if !unexpected.isEmpty {
        parts.append("has feature(s) the model was not trained on: \(quoted(unexpected))")
      }
      if parts.isEmpty { parts.append("repeats a feature name") }
      var error = MelixError(
        "argument '\(parameter)' of '\(function)' "
          + parts.joined(separator: " and ") + "; the model's features are \(quoted(modelNames))")
      if missing.isEmpty {
        error.help =
          "select the model's columns by name: 'ds.select(model.feature_names)' (columns are "
          + "matched by name, in any order)"
      }
      throw error
    }
    let order = modelNames.map { column[$0] ?? 0 }
    return order == Array(0..<order.count) ? nil : order
  }

  /// The columns of `x` `[nSamples, nFeatures]` taken in `order` (see `featureOrder`).
  ///
  /// - Throws: `MelixError` when `x` is not rank 2 with `order.count` columns.
  static func reorderedColumns(_ x: Tensor, _ order: [Int]) throws -> Tensor {
    guard x.rank == 2, x.shape[1] == order.count else {
      throw MelixError(
        "feature matrix of shape \(x.shape) cannot be reordered into \(order.count) columns")
    }
    let rows = x.shape[0]
    let columns = x.shape[1]
    let values = x.scalars
    var out: [Double] = []
    out.reserveCapacity(values.count)
    for r in 0..<rows {
      let base = r * columns
      for c in order { out.append(values[base + c]) }
    }
    return try run { try Tensor(shape: [rows, columns], scalars: out) }
  }

  /// Features for a model: a Dataset's columns matched to the model's feature names (see
  /// the extension's summary); a tensor or list of rows by position.
  ///
  /// - Parameters:
  ///   - value: A Dataset, a tensor `[nSamples, nFeatures]` or a list of rows.
  ///   - model: The model the features are for.
  ///   - function: The built-in, for errors.
  ///   - parameter: The argument, for errors.
  /// - Returns: The features `[nSamples, nFeatures]` in the model's column order.
  /// - Throws: `MelixError` when a Dataset's names differ from the model's, or the value is
  ///   not features.
  static func features(
    _ value: Value, for model: ModelValue, _ function: String, _ parameter: String = "x"
  ) throws -> Tensor {
    guard case .native(let n) = value, let wrapped = n as? DatasetValue else {
      return try features(value, function, parameter)
    }
    let order = try featureOrder(
      wrapped.dataset.featureNames, to: model.featureNames, function, parameter)
    let x = try features(value, function, parameter)
    guard let order else { return x }
    return try reorderedColumns(x, order)
  }

  /// Labelled data with its feature columns in the order of `modelNames` (see
  /// `featureOrder`); data without feature names (a tuple `(X, y)`) is returned unchanged.
  ///
  /// - Throws: `MelixError` when the data's feature names differ from `modelNames`.
  static func featuresAligned(
    _ data: Labelled, to modelNames: [String], _ function: String, _ parameter: String
  ) throws -> Labelled {
    guard let order = try featureOrder(data.featureNames, to: modelNames, function, parameter)
    else { return data }
    var result = data
    result.x = try reorderedColumns(data.x, order)
    result.featureNames = modelNames
    return result
  }

  /// `'a', 'b'`.
  private static func quoted(_ names: [String]) -> String {
    names.map { "'\($0)'" }.joined(separator: ", ")
  }
}
