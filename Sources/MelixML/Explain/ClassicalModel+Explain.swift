import MelixNumerics

extension ClassicalModel.Fitted {
  /// SHAP values for rows: exact linear SHAP for `linear_regression` (raw output) and
  /// `logistic_regression` (one output for two classes, in log-odds of the second class,
  /// output space `"log-odds"`; with more classes one output per class, in that class's score
  /// `x·w + b`, output space `"score (x·w + b)"`), Kernel SHAP for `knn` (class
  /// probabilities, or the predicted value).
  ///
  /// - Parameters:
  ///   - data: Rows to explain, `[nRows, nFeatures]`.
  ///   - background: Reference rows (a sample or `Background.kMeans`).
  ///   - samples: Kernel SHAP coalition budget per row (nil: shap's default `2M + 2048`).
  ///   - seed: Kernel SHAP sampling seed.
  ///   - featureNames: `[nFeatures]` or empty.
  ///   - classNames: Class display names in class order, or empty.
  ///   - shouldStop: Polled by Kernel SHAP between rows and model batches (Ctrl-C).
  /// - Returns: The explanation; additivity is checked.
  /// - Throws: `ExplainError` for bad inputs or a failed additivity check;
  ///   `CancellationError` once `shouldStop` returns true; the model's prediction errors.
  public func shap(
    _ data: [[Double]], background: Background, samples: Int? = nil, seed: UInt64 = 0,
    featureNames: [String] = [], classNames: [String] = [], shouldStop: () -> Bool = { false }
  ) throws -> Explanation {
    switch self {
    case .linearRegression(let model):
      return try LinearSHAP.explain(
        coefficients: [model.coefficients], intercepts: [model.intercept], data: data,
        background: background, featureNames: featureNames, outputSpace: "raw")
    case .logisticRegression(let model):
      let names =
        classNames.count == model.classes.count ? classNames : model.classes.map { "class \($0)" }
      return try LinearSHAP.explain(
        coefficients: model.coefficients, intercepts: model.intercepts, data: data,
        background: background, featureNames: featureNames,
        outputNames: model.coefficients.count == 1 ? [names[1]] : names,
        outputSpace: model.coefficients.count == 1 ? "log-odds" : Explanation.linearScoreSpace)
    case .knnClassifier(let model):
      let names =
        classNames.count == model.classes.count ? classNames : model.classes.map { "class \($0)" }
      return try KernelSHAP(
        model: { try model.predictProbabilities($0) }, background: background, samples: samples,
        seed: seed
      ).explain(
        data, featureNames: featureNames, outputNames: names, outputSpace: "probability",
        shouldStop: shouldStop)
    case .knnRegressor(let model):
      return try KernelSHAP(
        model: { try model.predict($0) }, background: background, samples: samples, seed: seed
      ).explain(data, featureNames: featureNames, outputSpace: "raw", shouldStop: shouldStop)
    }
  }

  /// Permutation importance of the fitted model (scikit-learn's `permutation_importance`).
  ///
  /// - Parameters:
  ///   - x: Features, `[nSamples, nFeatures]`.
  ///   - y: True targets, `[nSamples]` (class labels for a classifier).
  ///   - metric: Default `.accuracy` for a classifier, `.r2` for a regressor (the models'
  ///     `score`).
  ///   - repeats: Shuffles per feature, ≥ 1.
  ///   - seed: Seed of the shuffles.
  ///   - featureNames: `[nFeatures]` or empty.
  /// - Returns: Means and standard deviations of the score drops.
  /// - Throws: `ExplainError` for bad inputs; the model's prediction errors.
  public func permutationImportance(
    _ x: [[Double]], _ y: [Double], metric: ScoreMetric? = nil, repeats: Int = 5, seed: UInt64,
    featureNames: [String] = []
  ) throws -> PermutationImportance {
    let defaultMetric: ScoreMetric
    switch self {
    case .linearRegression, .knnRegressor: defaultMetric = .r2
    case .logisticRegression, .knnClassifier: defaultMetric = .accuracy
    }
    return try PermutationImportance(
      predict: { try self.predictions($0) }, x: x, y: y,
      metric: metric ?? defaultMetric, repeats: repeats, seed: seed, featureNames: featureNames)
  }

  /// Predictions as float64, `[nSamples]`.
  func predictions(_ x: Tensor) throws -> Tensor {
    switch self {
    case .linearRegression(let model): return try model.predict(x)
    case .logisticRegression(let model): return try model.predict(x).cast(to: .float64)
    case .knnClassifier(let model): return try model.predict(x).cast(to: .float64)
    case .knnRegressor(let model): return try model.predict(x)
    }
  }
}

extension ClassicalModel {
  /// SHAP values for rows of the fitted model; see `ClassicalModel.Fitted.shap`.
  ///
  /// - Parameters:
  ///   - data: Rows to explain, `[nRows, nFeatures]`.
  ///   - background: Reference rows.
  ///   - samples: Kernel SHAP coalition budget per row (nil: `2M + 2048`).
  ///   - seed: Kernel SHAP sampling seed.
  ///   - featureNames: `[nFeatures]` or empty.
  ///   - classNames: Class display names in class order, or empty.
  /// - Returns: The explanation.
  /// - Throws: `ModelError.notFitted` before `fit`, and the errors of `Fitted.shap`.
  public func shap(
    _ data: [[Double]], background: Background, samples: Int? = nil, seed: UInt64 = 0,
    featureNames: [String] = [], classNames: [String] = []
  ) throws -> Explanation {
    try requireFitted().shap(
      data, background: background, samples: samples, seed: seed, featureNames: featureNames,
      classNames: classNames)
  }

  /// Permutation importance of the fitted model; see `ClassicalModel.Fitted.permutationImportance`.
  ///
  /// - Parameters:
  ///   - x: Features, `[nSamples, nFeatures]`.
  ///   - y: True targets, `[nSamples]`.
  ///   - metric: Default accuracy for a classifier, r2 for a regressor.
  ///   - repeats: Shuffles per feature, ≥ 1.
  ///   - seed: Seed of the shuffles.
  ///   - featureNames: `[nFeatures]` or empty.
  /// - Returns: Means and standard deviations of the score drops.
  /// - Throws: `ModelError.notFitted` before `fit`, and the errors of the `Fitted` method.
  public func permutationImportance(
    _ x: [[Double]], _ y: [Double], metric: ScoreMetric? = nil, repeats: Int = 5, seed: UInt64,
    featureNames: [String] = []
  ) throws -> PermutationImportance {
    try requireFitted().permutationImportance(
      x, y, metric: metric, repeats: repeats, seed: seed, featureNames: featureNames)
  }
}
