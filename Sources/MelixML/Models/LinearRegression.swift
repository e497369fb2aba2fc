/// Ordinary least squares and ridge regression (`linear_regression(alpha:)` in Melix).
///
/// Minimises `‖y - X·w - b‖² + alpha·‖w‖²`; the intercept `b` is not penalised, as
/// scikit-learn's `Ridge` and `LinearRegression` (alpha 0). The data are centred
/// (`Xc = X - mean(X)`, `yc = y - mean(y)`), the normal equations
/// `(Xcᵀ·Xc + alpha·I)·w = Xcᵀ·yc` are solved by Cholesky factorisation, and
/// `b = mean(y) - mean(X)·w`.
///
/// ```
/// let model = linear_regression(alpha: 1.0)
/// train(model, diabetes_train)
/// evaluate(model, diabetes_test).r2
/// ```
public struct LinearRegression: Estimator {
  /// The model's name in messages and in Melix.
  public static let modelName = "linear_regression"

  /// The ridge penalty `alpha` >= 0; 0 gives ordinary least squares.
  public let alpha: Double
  /// Whether to fit an intercept (otherwise the line passes through the origin).
  public let fitIntercept: Bool

  /// Creates the configuration.
  ///
  /// - Parameters:
  ///   - alpha: The ridge penalty, >= 0 (checked in `fit`).
  ///   - fitIntercept: Whether to fit an unpenalised intercept.
  public init(alpha: Double = 0, fitIntercept: Bool = true) {
    self.alpha = alpha
    self.fitIntercept = fitIntercept
  }

  /// Fits the coefficients.
  ///
  /// - Parameters:
  ///   - x: Features, `[nSamples, nFeatures]`.
  ///   - y: Targets, `[nSamples]`.
  /// - Returns: The fitted model.
  /// - Throws: `ModelError.invalidHyperparameter` for a negative or non-finite `alpha`,
  ///   `.singularSystem` when `alpha` is 0 and the features are collinear, and the input
  ///   errors of `Estimator.fit`.
  /// - Complexity: O(nSamples·nFeatures² + nFeatures³).
  public func fit(_ x: [[Double]], _ y: [Double]) throws -> FittedLinearRegression {
    let name = Self.modelName
    guard alpha >= 0, alpha.isFinite else {
      throw ModelError.invalidHyperparameter(
        model: name, name: "alpha", value: "\(alpha)", expected: "a finite number >= 0")
    }
    var matrix = try Inputs.matrix(x, model: name)
    try Inputs.checkSampleCount(name, matrix.rows, y.count)
    try Inputs.checkFinite(name, y)
    let n = matrix.rows
    let p = matrix.cols
    var xMean = Array(repeating: 0.0, count: p)
    var yMean = 0.0
    if fitIntercept {
      for i in 0..<n {
        for j in 0..<p { xMean[j] += matrix[i, j] }
      }
      xMean = xMean.map { $0 / Double(n) }
      yMean = y.reduce(0, +) / Double(n)
      for i in 0..<n {
        for j in 0..<p { matrix[i, j] -= xMean[j] }
      }
    }
    let centred = DenseMatrix(rows: n, cols: 1, values: y.map { $0 - yMean })
    var gram = matrix.transposedTimes(matrix)
    for j in 0..<p { gram[j, j] += alpha }
    let rhs = matrix.transposedTimes(centred)
    guard let solution = gram.choleskySolve(rhs) else {
      throw ModelError.singularSystem(model: name)
    }
    let coefficients = solution.values
    var intercept = 0.0
    if fitIntercept {
      intercept = yMean - zip(xMean, coefficients).reduce(0.0) { $0 + $1.0 * $1.1 }
    }
    return FittedLinearRegression(coefficients: coefficients, intercept: intercept)
  }
}

/// A fitted linear model `ŷ = X·w + b`.
public struct FittedLinearRegression: FittedModel, Equatable {
  /// The weights `w`, `[nFeatures]`.
  public let coefficients: [Double]
  /// The intercept `b` (0 when not fitted).
  public let intercept: Double

  /// Creates a fitted model from known parameters (for example a loaded checkpoint).
  ///
  /// - Parameters:
  ///   - coefficients: The weights, `[nFeatures]`.
  ///   - intercept: The intercept.
  public init(coefficients: [Double], intercept: Double) {
    self.coefficients = coefficients
    self.intercept = intercept
  }

  /// The number of features seen in `fit`.
  public var featureCount: Int { coefficients.count }

  /// Predicts `X·w + b`.
  ///
  /// - Parameter x: Features, `[nSamples, nFeatures]`.
  /// - Returns: Predictions, `[nSamples]`, in target units.
  /// - Throws: `ModelError.featureCountMismatch` naming both counts, and input errors.
  public func predict(_ x: [[Double]]) throws -> [Double] {
    let matrix = try Inputs.matrix(
      x, model: LinearRegression.modelName, expectedColumns: featureCount)
    let w = DenseMatrix(rows: featureCount, cols: 1, values: coefficients)
    return matrix.times(w).values.map { $0 + intercept }
  }
}
