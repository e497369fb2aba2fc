/// Batch normalisation over the features of a `[nSamples, nFeatures]` batch, as
/// `torch.nn.BatchNorm1d` (Ioffe & Szegedy 2015).
///
/// Training normalises with the batch mean and biased variance and updates the running
/// statistics as PyTorch does: `running = (1 − momentum)·running + momentum·batch`, the
/// running variance taking the unbiased batch variance. Evaluation uses the running
/// statistics. `y = γ·(x − μ)/√(σ² + ε) + β`.
public struct BatchNorm: Sendable, Equatable {
  /// The number of features normalised.
  public let featureCount: Int
  /// The running-statistics update weight (PyTorch's `momentum`, default 0.1).
  public let momentum: Double
  /// Added to the variance before the square root (default 1e-5).
  public let epsilon: Double
  /// Scale `γ` `[featureCount]`, initially ones.
  public internal(set) var gamma: [Double]
  /// Shift `β` `[featureCount]`, initially zeros.
  public internal(set) var beta: [Double]
  /// Running mean `[featureCount]`, initially zeros.
  public internal(set) var runningMean: [Double]
  /// Running (unbiased) variance `[featureCount]`, initially ones.
  public internal(set) var runningVariance: [Double]

  /// Creates a layer with PyTorch's initial state (γ 1, β 0, running mean 0, variance 1).
  ///
  /// - Parameters:
  ///   - featureCount: Features, at least 1.
  ///   - momentum: In `0...1`.
  ///   - epsilon: Positive.
  public init(featureCount: Int, momentum: Double = 0.1, epsilon: Double = 1e-5) {
    self.featureCount = featureCount
    self.momentum = momentum
    self.epsilon = epsilon
    gamma = Array(repeating: 1, count: featureCount)
    beta = Array(repeating: 0, count: featureCount)
    runningMean = Array(repeating: 0, count: featureCount)
    runningVariance = Array(repeating: 1, count: featureCount)
  }

  /// Restores a layer from saved state.
  ///
  /// - Throws: `NNError.invalidParameters` when an array's length is not `featureCount`.
  public init(
    featureCount: Int, momentum: Double, epsilon: Double, gamma: [Double], beta: [Double],
    runningMean: [Double], runningVariance: [Double]
  ) throws {
    guard featureCount > 0,
      [gamma, beta, runningMean, runningVariance].allSatisfy({ $0.count == featureCount })
    else {
      throw NNError.invalidParameters(
        layer: "batch_norm", detail: "state arrays must each have \(featureCount) values")
    }
    self.init(featureCount: featureCount, momentum: momentum, epsilon: epsilon)
    self.gamma = gamma
    self.beta = beta
    self.runningMean = runningMean
    self.runningVariance = runningVariance
  }

  /// Evaluation-mode forward with the running statistics.
  func forwardEval(_ x: [Double], rows: Int) -> [Double] {
    var out = x
    let n = featureCount
    for j in 0..<n {
      let scale = gamma[j] / (runningVariance[j] + epsilon).squareRoot()
      for r in 0..<rows { out[r * n + j] = (x[r * n + j] - runningMean[j]) * scale + beta[j] }
    }
    return out
  }

  /// Training-mode forward: returns the output, the normalised input `x̂` and `1/√(σ²+ε)`
  /// per feature, and updates the running statistics.
  mutating func forwardTrain(_ x: [Double], rows: Int) -> (
    output: [Double], normalized: [Double], inverseStd: [Double]
  ) {
    let n = featureCount
    var out = x
    var xhat = x
    var inverseStd = Array(repeating: 0.0, count: n)
    for j in 0..<n {
      var mean = 0.0
      for r in 0..<rows { mean += x[r * n + j] }
      mean /= Double(rows)
      var sq = 0.0
      for r in 0..<rows {
        let d = x[r * n + j] - mean
        sq += d * d
      }
      let variance = sq / Double(rows)
      let inv = 1 / (variance + epsilon).squareRoot()
      inverseStd[j] = inv
      for r in 0..<rows {
        let h = (x[r * n + j] - mean) * inv
        xhat[r * n + j] = h
        out[r * n + j] = gamma[j] * h + beta[j]
      }
      let unbiased = rows > 1 ? sq / Double(rows - 1) : variance
      runningMean[j] = (1 - momentum) * runningMean[j] + momentum * mean
      runningVariance[j] = (1 - momentum) * runningVariance[j] + momentum * unbiased
    }
    return (out, xhat, inverseStd)
  }

  /// Gradients: `∂γ = Σ g⊙x̂`, `∂β = Σ g`, and
  /// `∂x = γ·inv/N·(N·g − Σg − x̂·Σ(g⊙x̂))` per feature.
  func backward(normalized xhat: [Double], inverseStd: [Double], gradient g: [Double], rows: Int)
    -> (gamma: [Double], beta: [Double], input: [Double])
  {
    let n = featureCount
    var dGamma = Array(repeating: 0.0, count: n)
    var dBeta = Array(repeating: 0.0, count: n)
    var dx = g
    let count = Double(rows)
    for j in 0..<n {
      var sumG = 0.0
      var sumGH = 0.0
      for r in 0..<rows {
        sumG += g[r * n + j]
        sumGH += g[r * n + j] * xhat[r * n + j]
      }
      dGamma[j] = sumGH
      dBeta[j] = sumG
      let k = gamma[j] * inverseStd[j] / count
      for r in 0..<rows {
        dx[r * n + j] = k * (count * g[r * n + j] - sumG - xhat[r * n + j] * sumGH)
      }
    }
    return (dGamma, dBeta, dx)
  }
}
