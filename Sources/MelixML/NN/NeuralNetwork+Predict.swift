import MelixNumerics

extension NeuralNetwork {
  /// Checks `x` is `[nSamples, featureCount]` and finite, and packs it row-major.
  func checkedInput(_ x: Tensor) throws -> (values: [Double], rows: Int) {
    guard isBuilt else { throw ModelError.notFitted(model: kind) }
    guard x.rank == 2 else {
      throw ModelError.invalidShape(
        model: kind, input: "X", expected: "[nSamples, nFeatures]", got: x.shape)
    }
    guard x.shape[1] == featureCount else {
      throw ModelError.featureCountMismatch(model: kind, expected: featureCount, got: x.shape[1])
    }
    let values = x.scalars
    if let bad = values.firstIndex(where: { !$0.isFinite }) {
      throw ModelError.nonFiniteValue(
        model: kind, input: "X", row: bad / featureCount, column: bad % featureCount)
    }
    return (values, x.shape[0])
  }

  /// The network's raw outputs in evaluation mode (dropout off, batch-norm running
  /// statistics): logits for a classifier without a final softmax.
  ///
  /// - Parameter x: Features `[nSamples, featureCount]`.
  /// - Returns: `[nSamples, nOutputs]`, float64.
  /// - Throws: `ModelError.notFitted` before training, `.invalidShape`,
  ///   `.featureCountMismatch` naming both counts, `.nonFiniteValue`.
  public func outputs(_ x: Tensor) throws -> Tensor {
    let (values, rows) = try checkedInput(x)
    return try Tensor(shape: [rows, outputCount], scalars: forwardEvaluation(values, rows: rows))
  }

  /// Class probabilities: the outputs through a softmax (or, for one output unit, a
  /// sigmoid giving `[1 − p, p]`) unless the network already ends in one.
  ///
  /// - Parameter x: Features `[nSamples, featureCount]`.
  /// - Returns: `[nSamples, nClasses]`, rows summing to 1, columns in `classes` order.
  /// - Throws: `ModelError.notAClassifier` for a regressor, and the errors of `outputs`.
  public func predictProbabilities(_ x: Tensor) throws -> Tensor {
    let (values, rows) = try checkedInput(x)
    guard task == .classification else { throw ModelError.notAClassifier(model: kind) }
    let p = probabilityRows(forwardEvaluation(values, rows: rows), rows: rows)
    return try Tensor(shape: [rows, classes.count], scalars: p)
  }

  /// Probabilities `[rows, classes.count]` from raw outputs `[rows, outputCount]`.
  func probabilityRows(_ out: [Double], rows: Int) -> [Double] {
    let endsWith: Activation? = {
      if case .activation(let a) = layers.last { return a }
      return nil
    }()
    if outputCount == 1 {
      let p = endsWith == .sigmoid ? out : out.map(Activation.sigmoid)
      return p.flatMap { [1 - $0, $0] }
    }
    return endsWith == .softmax ? out : Activation.softmaxRows(out, cols: outputCount)
  }

  /// Predictions: class labels (the most probable class, the first on a tie) for a
  /// classifier, values for a regressor.
  ///
  /// - Parameter x: Features `[nSamples, featureCount]`.
  /// - Returns: `[nSamples]`: int64 labels, or float64 values (`[nSamples, nOutputs]` for
  ///   a multi-output regressor).
  /// - Throws: the errors of `outputs`.
  public func predict(_ x: Tensor) throws -> Tensor {
    let (values, rows) = try checkedInput(x)
    let out = forwardEvaluation(values, rows: rows)
    if task == .regression {
      if outputCount == 1 { return Tensor(out) }
      return try Tensor(shape: [rows, outputCount], scalars: out)
    }
    return Tensor(predictedLabels(out, rows: rows).map { Int64($0) })
  }

  /// The most probable class per row from raw outputs.
  func predictedLabels(_ out: [Double], rows: Int) -> [Int] {
    let p = probabilityRows(out, rows: rows)
    let k = classes.count
    return (0..<rows).map { r in
      var best = 0
      for j in 1..<max(k, 1) where p[r * k + j] > p[r * k + best] { best = j }
      return classes[best]
    }
  }

  /// Scores the network on labelled data.
  ///
  /// - Parameters:
  ///   - x: Features `[nSamples, featureCount]`.
  ///   - y: True targets `[nSamples]` (class labels, or values).
  ///   - targetNames: Display names of `classes` (default: the network's `classNames`).
  /// - Returns: A classification report (with ROC AUC, average precision and log-loss) or
  ///   a regression report.
  /// - Throws: the errors of `outputs`, `ModelError.sampleCountMismatch`, metric errors.
  public func evaluate(_ x: Tensor, _ y: Tensor, targetNames: [String]? = nil) throws
    -> Evaluation
  {
    let (values, rows) = try checkedInput(x)
    guard y.rank == 1 else {
      throw ModelError.invalidShape(model: kind, input: "y", expected: "[nSamples]", got: y.shape)
    }
    guard y.shape[0] == rows else {
      throw ModelError.sampleCountMismatch(model: kind, features: rows, targets: y.shape[0])
    }
    let out = forwardEvaluation(values, rows: rows)
    if task == .regression {
      return .regression(try RegressionReport(yTrue: y.scalars, yPred: Array(out.prefix(rows))))
    }
    let labels = try y.scalars.enumerated().map { index, v -> Int in
      // The bound keeps `Int(v)` from trapping on a huge but integral value such as 1e300.
      guard v.isFinite, v.rounded() == v, abs(v) < 9e15 else {
        throw ModelError.nonIntegerLabel(model: kind, index: index, value: v)
      }
      return Int(v)
    }
    let predicted = predictedLabels(out, rows: rows)
    let names = targetNames ?? (classNames.count == classes.count ? classNames : nil)
    guard Set(labels).isSubset(of: classes) else {
      return .classification(try ClassificationReport(yTrue: labels, yPred: predicted))
    }
    let p = probabilityRows(out, rows: rows)
    let k = classes.count
    let probabilities = (0..<rows).map { Array(p[($0 * k)..<(($0 + 1) * k)]) }
    return .classification(
      try ClassificationReport(
        yTrue: labels, yPred: predicted, probabilities: probabilities, labels: classes,
        targetNames: names))
  }
}
