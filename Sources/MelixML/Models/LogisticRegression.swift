import Foundation
import MelixNumerics

/// L2-regularised logistic regression, binary or multinomial
/// (`logistic_regression(C:, max_iter:)` in Melix).
///
/// Minimises scikit-learn's objective (`LogisticRegression(solver="lbfgs")`)
/// `(1/n)·Σ_i loss_i + ‖W‖² / (2·C·n)`, where `loss_i` is the negative log-likelihood of
/// sample `i`: `softplus(z) - y·z` with `z = x·w + b` for two classes, and
/// `logsumexp(z) - z_y` with `z = W·x + b` (one row of `W` per class) for more. The
/// intercepts are not penalised; `C` scales the data term (larger `C`, weaker penalty).
/// Solved with L-BFGS (Nocedal & Wright, Algorithm 7.5) and a strong-Wolfe line search.
///
/// ```
/// let model = logistic_regression(C: 1.0, max_iter: 1000)
/// train(model, breast_cancer_train)
/// evaluate(model, breast_cancer_test).roc_auc
/// ```
public struct LogisticRegression: Estimator {
  /// The model's name in messages and in Melix.
  public static let modelName = "logistic_regression"

  /// Inverse regularisation strength, > 0.
  public let C: Double
  /// Maximum number of L-BFGS iterations.
  public let maxIter: Int
  /// Convergence threshold on the largest absolute gradient entry of the objective.
  public let tolerance: Double
  /// Whether to fit (unpenalised) intercepts.
  public let fitIntercept: Bool

  /// Creates the configuration.
  ///
  /// - Parameters:
  ///   - C: Inverse regularisation strength, > 0 (scikit-learn's `C`).
  ///   - maxIter: Maximum L-BFGS iterations, >= 1. The default is higher than
  ///     scikit-learn's 100 because the default `tolerance` is tighter.
  ///   - tolerance: Stop when every gradient entry is at most this in absolute value.
  ///     scikit-learn's `tol` defaults to 1e-4; 1e-8 gets coefficients close to the exact
  ///     optimum.
  ///   - fitIntercept: Whether to fit intercepts.
  public init(
    C: Double = 1, maxIter: Int = 1000, tolerance: Double = 1e-8, fitIntercept: Bool = true
  ) {
    self.C = C
    self.maxIter = maxIter
    self.tolerance = tolerance
    self.fitIntercept = fitIntercept
  }

  /// Fits the coefficients.
  ///
  /// - Parameters:
  ///   - x: Features, `[nSamples, nFeatures]` (scale them first for fast convergence).
  ///   - y: Class labels, `[nSamples]`, at least two distinct values.
  /// - Returns: The fitted model; check `converged`.
  /// - Throws: `ModelError.invalidHyperparameter` for `C <= 0`, `maxIter < 1` or a
  ///   negative tolerance, `.singleClass`, and the input errors of `Estimator.fit`.
  /// - Complexity: O(iterations · nSamples · nFeatures · nClasses).
  public func fit(_ x: [[Double]], _ y: [Int]) throws -> FittedLogisticRegression {
    let name = Self.modelName
    guard C > 0, C.isFinite else {
      throw ModelError.invalidHyperparameter(
        model: name, name: "C", value: "\(C)", expected: "a finite number > 0")
    }
    guard maxIter >= 1 else {
      throw ModelError.invalidHyperparameter(
        model: name, name: "max_iter", value: "\(maxIter)", expected: "an integer >= 1")
    }
    guard tolerance >= 0 else {
      throw ModelError.invalidHyperparameter(
        model: name, name: "tolerance", value: "\(tolerance)", expected: "a number >= 0")
    }
    let matrix = try Inputs.matrix(x, model: name)
    try Inputs.checkSampleCount(name, matrix.rows, y.count)
    let classes = Array(Set(y)).sorted()
    guard classes.count >= 2 else { throw ModelError.singleClass(model: name, label: y[0]) }
    var index: [Int: Int] = [:]
    for (k, label) in classes.enumerated() { index[label] = k }
    let encoded = y.map { index[$0] ?? 0 }
    let loss = LogisticLoss(
      x: matrix, classIndex: encoded, classCount: classes.count,
      penalty: 1 / (C * Double(matrix.rows)), fitIntercept: fitIntercept)
    let solver = LBFGS(maxIterations: maxIter, gradientTolerance: tolerance)
    let result = solver.minimize(from: Array(repeating: 0, count: loss.parameterCount)) {
      loss.valueAndGradient($0)
    }
    let (weights, intercepts) = loss.unpack(result.x)
    return FittedLogisticRegression(
      classes: classes, coefficients: weights, intercepts: intercepts,
      iterations: result.iterations, converged: result.converged)
  }
}

/// A fitted logistic regression.
public struct FittedLogisticRegression: FittedClassifier, Equatable {
  /// The classes seen in `fit`, sorted.
  public let classes: [Int]
  /// Weights, `[1, nFeatures]` for two classes (for `classes[1]`, as scikit-learn's
  /// `coef_`), else `[nClasses, nFeatures]`.
  public let coefficients: [[Double]]
  /// Intercepts, `[1]` or `[nClasses]`.
  public let intercepts: [Double]
  /// L-BFGS iterations used.
  public let iterations: Int
  /// Whether the gradient tolerance (or the function tolerance) was met within `maxIter`.
  public let converged: Bool

  /// Creates a fitted model from known parameters (for example a loaded checkpoint).
  ///
  /// - Parameters:
  ///   - classes: Sorted classes, `[nClasses]`.
  ///   - coefficients: `[1, nFeatures]` for two classes, else `[nClasses, nFeatures]`.
  ///   - intercepts: `[1]` or `[nClasses]`.
  ///   - iterations: Iterations used to fit.
  ///   - converged: Whether fitting converged.
  public init(
    classes: [Int], coefficients: [[Double]], intercepts: [Double], iterations: Int = 0,
    converged: Bool = true
  ) {
    self.classes = classes
    self.coefficients = coefficients
    self.intercepts = intercepts
    self.iterations = iterations
    self.converged = converged
  }

  /// The number of features seen in `fit`.
  public var featureCount: Int { coefficients.first?.count ?? 0 }

  /// The linear scores `X·Wᵀ + b`.
  ///
  /// - Parameter x: Features, `[nSamples, nFeatures]`.
  /// - Returns: `[nSamples, 1]` for two classes (log-odds of `classes[1]`), else
  ///   `[nSamples, nClasses]`.
  /// - Throws: `ModelError.featureCountMismatch` naming both counts, and input errors.
  public func decisionFunction(_ x: [[Double]]) throws -> [[Double]] {
    let matrix = try Inputs.matrix(
      x, model: LogisticRegression.modelName, expectedColumns: featureCount)
    let weights = DenseMatrix(
      rows: coefficients.count, cols: featureCount, values: coefficients.flatMap { $0 })
    let scores = matrix.timesTransposed(weights)
    return (0..<scores.rows).map { i in
      (0..<scores.cols).map { k in scores[i, k] + intercepts[k] }
    }
  }

  /// Class probabilities: `[1 - σ(z), σ(z)]` for two classes, `softmax(z)` for more.
  ///
  /// - Parameter x: Features, `[nSamples, nFeatures]`.
  /// - Returns: `[nSamples, nClasses]`, rows summing to 1.
  /// - Throws: as `decisionFunction`.
  public func predictProbabilities(_ x: [[Double]]) throws -> [[Double]] {
    try decisionFunction(x).map { z in
      if z.count == 1 {
        let p = LogisticLoss.sigmoid(z[0])
        return [1 - p, p]
      }
      return LogisticLoss.softmax(z)
    }
  }

  /// The most probable class per row (`classes[1]` when the log-odds are > 0).
  ///
  /// - Parameter x: Features, `[nSamples, nFeatures]`.
  /// - Returns: Class labels, `[nSamples]`.
  /// - Throws: as `decisionFunction`.
  public func predict(_ x: [[Double]]) throws -> [Int] {
    try decisionFunction(x).map { z in
      if z.count == 1 { return classes[z[0] > 0 ? 1 : 0] }
      var best = 0
      for k in z.indices where z[k] > z[best] { best = k }
      return classes[best]
    }
  }
}
