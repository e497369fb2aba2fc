import MelixNumerics

/// A fully connected layer `y = x·W + b`, as `torch.nn.Linear` (with `W` stored transposed,
/// `[inputs, units]`, so the forward pass is one product without a transpose).
public struct Dense: Sendable, Equatable {
  /// The number of input features.
  public let inputCount: Int
  /// The number of output units.
  public let unitCount: Int
  /// Weights `[inputCount, unitCount]`, row-major.
  public internal(set) var weight: [Double]
  /// Biases `[unitCount]`.
  public internal(set) var bias: [Double]

  /// Creates a layer with the given weights.
  ///
  /// - Parameters:
  ///   - weight: `[inputCount, unitCount]`, row-major.
  ///   - bias: `[unitCount]`.
  /// - Throws: `NNError.invalidParameters` when the counts do not agree.
  public init(inputCount: Int, unitCount: Int, weight: [Double], bias: [Double]) throws {
    let (weightCount, overflow) = inputCount.multipliedReportingOverflow(by: unitCount)
    guard inputCount > 0, unitCount > 0, !overflow, weight.count == weightCount,
      bias.count == unitCount
    else {
      throw NNError.invalidParameters(
        layer: "dense",
        detail:
          "weight has \(weight.count) values and bias \(bias.count) for [\(inputCount), \(unitCount)]"
      )
    }
    self.inputCount = inputCount
    self.unitCount = unitCount
    self.weight = weight
    self.bias = bias
  }

  /// Creates a layer with random weights and zero biases.
  ///
  /// He (Kaiming) normal, `N(0, 2/fanIn)`, when the layer feeds a ReLU (He et al. 2015,
  /// "Delving deep into rectifiers"); Glorot (Xavier) uniform, `U(−a, a)` with
  /// `a = √(6/(fanIn + fanOut))`, otherwise (Glorot & Bengio 2010).
  ///
  /// - Parameters:
  ///   - inputCount: Input features, at least 1.
  ///   - unitCount: Output units, at least 1.
  ///   - he: Whether to use He initialisation.
  ///   - generator: The seeded generator the weights are drawn from.
  init(inputCount: Int, unitCount: Int, he: Bool, using generator: inout PCG64) {
    self.inputCount = inputCount
    self.unitCount = unitCount
    let n = inputCount * unitCount
    if he {
      let std = (2.0 / Double(inputCount)).squareRoot()
      weight = (0..<n).map { _ in generator.nextNormal() * std }
    } else {
      let a = (6.0 / Double(inputCount + unitCount)).squareRoot()
      weight = (0..<n).map { _ in (2 * generator.nextUniform() - 1) * a }
    }
    bias = Array(repeating: 0, count: unitCount)
  }

  /// `x·W + b`: `[rows, inputCount] → [rows, unitCount]`.
  func forward(_ x: [Double], rows: Int) -> [Double] {
    var out = DenseMatrix.product(
      DenseMatrix(rows: rows, cols: inputCount, values: x).tensor,
      DenseMatrix(rows: inputCount, cols: unitCount, values: weight).tensor
    ).values
    for r in 0..<rows {
      for j in 0..<unitCount { out[r * unitCount + j] += bias[j] }
    }
    return out
  }

  /// Gradients of a batch: `∂W = xᵀ·g` `[inputCount, unitCount]`, `∂b = Σ_rows g`
  /// `[unitCount]`, `∂x = g·Wᵀ` `[rows, inputCount]` (omitted for the first layer).
  func backward(input x: [Double], gradient g: [Double], rows: Int, needsInputGradient: Bool)
    -> (weight: [Double], bias: [Double], input: [Double])
  {
    let xt = DenseMatrix(rows: rows, cols: inputCount, values: x).tensor
    let gt = DenseMatrix(rows: rows, cols: unitCount, values: g).tensor
    let dW = DenseMatrix.product(xt.transposed, gt).values
    var db = Array(repeating: 0.0, count: unitCount)
    for r in 0..<rows {
      for j in 0..<unitCount { db[j] += g[r * unitCount + j] }
    }
    var dx: [Double] = []
    if needsInputGradient {
      let wt = DenseMatrix(rows: inputCount, cols: unitCount, values: weight).tensor
      dx = DenseMatrix.product(gt, wt.transposed).values
    }
    return (dW, db, dx)
  }
}
