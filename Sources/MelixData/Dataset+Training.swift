/// Checks a model's training data must pass before its feature matrix is used.
extension Dataset {
  /// Refuses a dataset whose features include categorical (string) columns.
  ///
  /// `features` holds only the numeric columns, so fitting on it would silently leave the
  /// categorical ones out; scikit-learn refuses strings in `X` the same way
  /// ("could not convert string to float").
  ///
  /// - Parameter operation: The operation named in the error (`"train"`).
  /// - Throws: `DataError.categoricalFeatures` naming every categorical column, in file
  ///   order.
  public func requireNumericFeatures(for operation: String) throws {
    guard categorical.isEmpty else {
      throw DataError.categoricalFeatures(operation: operation, columns: categoricalNames)
    }
  }
}
