/// A model the server can serve: immutable, shareable between requests, and able to predict
/// rows of features.
///
/// Conformances must be safe to call from many requests at once (STYLE.md section 7: the
/// server shares only immutable `Sendable` models).
public protocol ServableModel: Sendable {
  /// The model's name in URLs (`/v2/models/{name}`).
  var name: String { get }
  /// Input feature names, `[inputWidth]` (may be empty).
  var featureNames: [String] { get }
  /// Class names in class order for a classifier; empty for a regressor.
  var classNames: [String] { get }
  /// The number of features per row.
  var inputWidth: Int { get }
  /// Whether `predict` returns class probabilities.
  var isClassifier: Bool { get }

  /// Predicts a batch of rows.
  ///
  /// - Parameters:
  ///   - rows: Features row-major, `[count, inputWidth]` flattened, finite.
  ///   - count: The number of rows, ≥ 1.
  /// - Returns: The predictions.
  /// - Throws: The model's errors (shape, non-finite values).
  func predict(_ rows: [Double], count: Int) throws -> ServedPrediction
}

/// The outputs of `ServableModel.predict` for `n` rows.
public struct ServedPrediction: Sendable, Equatable {
  /// Predictions row-major, `[n, predictionWidth]`: class labels (integral values) for a
  /// classifier, values for a regressor.
  public let predictions: [Double]
  /// Values per row in `predictions` (1 except for a multi-output regressor).
  public let predictionWidth: Int
  /// Class probabilities row-major, `[n, nClasses]`, for a classifier; nil for a regressor.
  public let probabilities: [Double]?

  /// Creates a prediction.
  ///
  /// - Parameters:
  ///   - predictions: `[n, predictionWidth]` row-major.
  ///   - predictionWidth: Values per row, ≥ 1.
  ///   - probabilities: `[n, nClasses]` row-major, or nil.
  public init(predictions: [Double], predictionWidth: Int = 1, probabilities: [Double]? = nil) {
    self.predictions = predictions
    self.predictionWidth = predictionWidth
    self.probabilities = probabilities
  }
}
