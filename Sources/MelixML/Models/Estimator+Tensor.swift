import MelixNumerics

// The estimators on MelixNumerics tensors, as the language passes them: features
// `[nSamples, nFeatures]` of any numeric dtype, class labels `[nSamples]` as int64 (or
// integral floats, or bool), regression targets `[nSamples]` of any numeric dtype.

extension Inputs {
  static func rows(_ x: Tensor, model: String) throws -> [[Double]] {
    guard x.rank == 2 else {
      throw ModelError.invalidShape(
        model: model, input: "X", expected: "[nSamples, nFeatures]", got: x.shape)
    }
    let values = x.scalars
    let cols = x.shape[1]
    return (0..<x.shape[0]).map { Array(values[($0 * cols)..<(($0 + 1) * cols)]) }
  }

  static func vector(_ y: Tensor, model: String) throws -> [Double] {
    guard y.rank == 1 else {
      throw ModelError.invalidShape(model: model, input: "y", expected: "[nSamples]", got: y.shape)
    }
    return y.scalars
  }

  static func labels(_ y: Tensor, model: String) throws -> [Int] {
    let values = try vector(y, model: model)
    return try values.enumerated().map { index, value in
      guard value.isFinite, value.rounded() == value, abs(value) < 9.0e15 else {
        throw ModelError.nonIntegerLabel(model: model, index: index, value: value)
      }
      return Int(value)
    }
  }
}

extension Estimator where Target == [Int] {
  /// Learns from tensors.
  ///
  /// - Parameters:
  ///   - x: Features, `[nSamples, nFeatures]`, any numeric dtype.
  ///   - y: Class labels, `[nSamples]`, int64 (or integral float, or bool).
  /// - Returns: The fitted model.
  /// - Throws: `ModelError.invalidShape` for wrong ranks, `.nonIntegerLabel`, and the
  ///   errors of `fit(_:_:)` on arrays.
  public func fit(_ x: Tensor, _ y: Tensor) throws -> Fitted {
    try fit(Inputs.rows(x, model: Self.modelName), Inputs.labels(y, model: Self.modelName))
  }
}

extension Estimator where Target == [Double] {
  /// Learns from tensors.
  ///
  /// - Parameters:
  ///   - x: Features, `[nSamples, nFeatures]`, any numeric dtype.
  ///   - y: Targets, `[nSamples]`, any numeric dtype.
  /// - Returns: The fitted model.
  /// - Throws: `ModelError.invalidShape` for wrong ranks, and the errors of `fit(_:_:)` on
  ///   arrays.
  public func fit(_ x: Tensor, _ y: Tensor) throws -> Fitted {
    try fit(Inputs.rows(x, model: Self.modelName), Inputs.vector(y, model: Self.modelName))
  }
}

extension FittedModel where Prediction == Int {
  /// Predicts class labels for a feature tensor.
  ///
  /// - Parameter x: Features, `[nSamples, featureCount]`.
  /// - Returns: An int64 tensor of labels, `[nSamples]`.
  /// - Throws: `ModelError.invalidShape`, `.featureCountMismatch` naming both counts.
  public func predict(_ x: Tensor) throws -> Tensor {
    Tensor(try predict(Inputs.rows(x, model: "predict")))
  }
}

extension FittedModel where Prediction == Double {
  /// Predicts values for a feature tensor.
  ///
  /// - Parameter x: Features, `[nSamples, featureCount]`.
  /// - Returns: A float64 tensor of predictions, `[nSamples]`.
  /// - Throws: `ModelError.invalidShape`, `.featureCountMismatch` naming both counts.
  public func predict(_ x: Tensor) throws -> Tensor {
    Tensor(try predict(Inputs.rows(x, model: "predict")))
  }
}

extension FittedClassifier {
  /// Class probabilities for a feature tensor.
  ///
  /// - Parameter x: Features, `[nSamples, featureCount]`.
  /// - Returns: A float64 tensor `[nSamples, nClasses]`, columns in `classes` order.
  /// - Throws: `ModelError.invalidShape`, `.featureCountMismatch` naming both counts.
  public func predictProbabilities(_ x: Tensor) throws -> Tensor {
    let rows = try predictProbabilities(Inputs.rows(x, model: "predict_proba"))
    return try Tensor(shape: [rows.count, classes.count], scalars: rows.flatMap { $0 })
  }
}

extension Model where E.Target == [Int] {
  /// Fits on tensors and keeps the result; on error the previous state is kept.
  ///
  /// - Parameters:
  ///   - x: Features, `[nSamples, nFeatures]`.
  ///   - y: Class labels, `[nSamples]`.
  /// - Throws: as `Estimator.fit(_:_:)` on tensors.
  public mutating func fit(_ x: Tensor, _ y: Tensor) throws {
    try fit(Inputs.rows(x, model: E.modelName), Inputs.labels(y, model: E.modelName))
  }
}

extension Model where E.Target == [Double] {
  /// Fits on tensors and keeps the result; on error the previous state is kept.
  ///
  /// - Parameters:
  ///   - x: Features, `[nSamples, nFeatures]`.
  ///   - y: Targets, `[nSamples]`.
  /// - Throws: as `Estimator.fit(_:_:)` on tensors.
  public mutating func fit(_ x: Tensor, _ y: Tensor) throws {
    try fit(Inputs.rows(x, model: E.modelName), Inputs.vector(y, model: E.modelName))
  }
}
