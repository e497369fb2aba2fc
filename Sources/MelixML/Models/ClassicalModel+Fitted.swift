import MelixNumerics

/// Dispatch from a fitted state to its model, shared by `ClassicalModel` and the
/// checkpoint's `ClassicalState`, so both predict and evaluate through one path.
extension ClassicalModel.Fitted {
  /// Predictions of the fitted model: `[nSamples]` int64 labels or float64 values.
  func predict(_ x: Tensor) throws -> Tensor {
    switch self {
    case .linearRegression(let model): return try model.predict(x)
    case .logisticRegression(let model): return try model.predict(x)
    case .knnClassifier(let model): return try model.predict(x)
    case .knnRegressor(let model): return try model.predict(x)
    }
  }

  /// Class probabilities `[nSamples, nClasses]`; `name` is the model's name for the
  /// `notAClassifier` error of a regressor.
  func predictProbabilities(_ x: Tensor, name: String) throws -> Tensor {
    switch self {
    case .logisticRegression(let model): return try model.predictProbabilities(x)
    case .knnClassifier(let model): return try model.predictProbabilities(x)
    case .linearRegression, .knnRegressor: throw ModelError.notAClassifier(model: name)
    }
  }

  /// A classification or regression report on labelled data.
  func evaluate(_ x: Tensor, _ y: Tensor, targetNames: [String]?) throws -> Evaluation {
    let model = "evaluate"
    switch self {
    case .linearRegression(let fitted):
      return .regression(
        try fitted.evaluate(Inputs.rows(x, model: model), Inputs.vector(y, model: model)))
    case .knnRegressor(let fitted):
      return .regression(
        try fitted.evaluate(Inputs.rows(x, model: model), Inputs.vector(y, model: model)))
    case .logisticRegression(let fitted):
      return .classification(
        try fitted.evaluate(
          Inputs.rows(x, model: model), Inputs.labels(y, model: model), targetNames: targetNames))
    case .knnClassifier(let fitted):
      return .classification(
        try fitted.evaluate(
          Inputs.rows(x, model: model), Inputs.labels(y, model: model), targetNames: targetNames))
    }
  }
}
