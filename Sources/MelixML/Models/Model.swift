/// A model as the language holds it: a configuration plus the current fitted state,
/// if any. `fit` replaces the state in place (as Keras users expect); `predict` before
/// `fit` throws `ModelError.notFitted`, whose message says to fit first.
public struct Model<E: Estimator>: Sendable {
  /// The configuration.
  public let estimator: E
  /// The learned state, nil until `fit` succeeds.
  public private(set) var fitted: E.Fitted?

  /// Creates an unfitted model.
  ///
  /// - Parameter estimator: The configuration.
  public init(_ estimator: E) {
    self.estimator = estimator
  }

  /// Whether `fit` has succeeded at least once.
  public var isFitted: Bool { fitted != nil }

  /// Fits the configuration and keeps the result; on error the previous state is kept.
  ///
  /// - Parameters:
  ///   - x: Features, `[nSamples, nFeatures]`.
  ///   - y: Targets, `[nSamples]`.
  /// - Throws: The estimator's `fit` errors.
  public mutating func fit(_ x: [[Double]], _ y: E.Target) throws {
    fitted = try estimator.fit(x, y)
  }

  /// The fitted state.
  ///
  /// - Returns: The learned state.
  /// - Throws: `ModelError.notFitted` before `fit`.
  public func requireFitted() throws -> E.Fitted {
    guard let fitted else { throw ModelError.notFitted(model: E.modelName) }
    return fitted
  }

  /// Predicts one value per row with the fitted state.
  ///
  /// - Parameter x: Features, `[nSamples, nFeatures]`.
  /// - Returns: Predictions, `[nSamples]`.
  /// - Throws: `ModelError.notFitted` before `fit`; the fitted model's `predict` errors.
  public func predict(_ x: [[Double]]) throws -> [E.Fitted.Prediction] {
    try requireFitted().predict(x)
  }
}

extension Model where E.Fitted: FittedClassifier {
  /// Class probabilities with the fitted state.
  ///
  /// - Parameter x: Features, `[nSamples, nFeatures]`.
  /// - Returns: Probabilities, `[nSamples, nClasses]`.
  /// - Throws: `ModelError.notFitted` before `fit`; the fitted model's errors.
  public func predictProbabilities(_ x: [[Double]]) throws -> [[Double]] {
    try requireFitted().predictProbabilities(x)
  }
}
