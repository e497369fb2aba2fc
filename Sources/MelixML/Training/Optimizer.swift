import Foundation

/// An optimizer's update rule and hyper-parameters, as PyTorch defines them
/// (`torch.optim.SGD`, `Adam`, `AdamW`, `RMSprop`; see each case).
public enum OptimizerRule: Sendable, Equatable {
  /// SGD: `g += wd·p`; with momentum `b = μ·b + g` (`b = g` on the first step);
  /// Nesterov `g += μ·b`, else `g = b`; `p −= lr·g`.
  case sgd(momentum: Double, nesterov: Bool, weightDecay: Double)
  /// Adam with L2 `g += wd·p`: `m = β₁m + (1−β₁)g`, `v = β₂v + (1−β₂)g²`,
  /// `p −= (lr/(1−β₁ᵗ))·m/(√v/√(1−β₂ᵗ) + ε)`.
  case adam(beta1: Double, beta2: Double, epsilon: Double, weightDecay: Double)
  /// AdamW: decoupled decay `p ·= 1 − lr·wd`, then the Adam step without L2.
  case adamw(beta1: Double, beta2: Double, epsilon: Double, weightDecay: Double)
  /// RMSprop: `v = αv + (1−α)g²`; `p −= lr·g/(√v + ε)` (with momentum:
  /// `b = μb + g/(√v + ε)`, `p −= lr·b`); `g += wd·p` first.
  case rmsprop(alpha: Double, epsilon: Double, momentum: Double, weightDecay: Double)

  /// The Melix name (`"sgd"`, `"adam"`, `"adamw"`, `"rmsprop"`).
  public var name: String {
    switch self {
    case .sgd: return "sgd"
    case .adam: return "adam"
    case .adamw: return "adamw"
    case .rmsprop: return "rmsprop"
    }
  }
}

/// An optimizer configuration: rule, base learning rate, schedule, warm-up and clipping.
/// The state (moments, step count) lives in `OptimizerState`, created fresh by each
/// `train`.
public struct Optimizer: Sendable, Equatable {
  /// The update rule.
  public var rule: OptimizerRule
  /// The base learning rate (per step), positive.
  public var learningRate: Double
  /// The per-epoch schedule applied to `learningRate`.
  public var schedule: Schedule
  /// Epochs of linear warm-up: in 0-based epoch `e < warmupEpochs` the rate is multiplied
  /// by `(e + 1)/warmupEpochs` (0 for none).
  public var warmupEpochs: Int
  /// If set, gradients are rescaled so their global L2 norm is at most this
  /// (`torch.nn.utils.clip_grad_norm_`: factor `max/(norm + 1e-6)` when below 1).
  public var clipNorm: Double?

  /// Creates an optimizer configuration.
  ///
  /// - Parameters:
  ///   - rule: The update rule and its coefficients.
  ///   - learningRate: The base learning rate (per step), positive and finite.
  ///   - schedule: The per-epoch schedule applied to `learningRate`.
  ///   - warmupEpochs: Epochs of linear warm-up, non-negative (0 for none).
  ///   - clipNorm: If set, the largest global L2 norm of the gradients, positive.
  /// - Throws: `NNError.invalidOption` for a non-positive learning rate or clip norm, a
  ///   negative warm-up, or invalid rule or schedule options.
  public init(
    _ rule: OptimizerRule, learningRate: Double, schedule: Schedule = .constant,
    warmupEpochs: Int = 0, clipNorm: Double? = nil
  ) throws {
    guard learningRate.isFinite, learningRate > 0 else {
      throw NNError.invalidOption(name: "lr", value: "\(learningRate)", expected: "positive")
    }
    guard warmupEpochs >= 0 else {
      throw NNError.invalidOption(
        name: "warmup", value: "\(warmupEpochs)", expected: "non-negative")
    }
    if let clipNorm, !(clipNorm > 0) {
      throw NNError.invalidOption(name: "clip_norm", value: "\(clipNorm)", expected: "positive")
    }
    try schedule.validate()
    try Optimizer.validate(rule)
    self.rule = rule
    self.learningRate = learningRate
    self.schedule = schedule
    self.warmupEpochs = warmupEpochs
    self.clipNorm = clipNorm
  }

  /// Adam with PyTorch's defaults (lr 0.001, β 0.9/0.999, ε 1e-8).
  ///
  /// - Parameter learningRate: The learning rate per step, positive and finite.
  /// - Returns: The optimizer, with a constant schedule, no warm-up and no clipping.
  /// - Throws: `NNError.invalidOption` for a learning rate that is not positive and finite.
  public static func adam(learningRate: Double = 0.001) throws -> Optimizer {
    try Optimizer(
      .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0),
      learningRate: learningRate)
  }

  static func validate(_ rule: OptimizerRule) throws {
    func check(_ name: String, _ value: Double, _ ok: Bool, _ expected: String) throws {
      guard value.isFinite, ok else {
        throw NNError.invalidOption(name: name, value: "\(value)", expected: expected)
      }
    }
    switch rule {
    case .sgd(let momentum, let nesterov, let wd):
      try check("momentum", momentum, momentum >= 0 && momentum < 1, "in [0, 1)")
      try check("weight_decay", wd, wd >= 0, "non-negative")
      if nesterov && momentum == 0 {
        throw NNError.invalidOption(
          name: "nesterov", value: "true with momentum 0", expected: "momentum > 0")
      }
    case .adam(let b1, let b2, let eps, let wd), .adamw(let b1, let b2, let eps, let wd):
      try check("beta1", b1, b1 >= 0 && b1 < 1, "in [0, 1)")
      try check("beta2", b2, b2 >= 0 && b2 < 1, "in [0, 1)")
      try check("eps", eps, eps > 0, "positive")
      try check("weight_decay", wd, wd >= 0, "non-negative")
    case .rmsprop(let alpha, let eps, let momentum, let wd):
      try check("alpha", alpha, alpha >= 0 && alpha < 1, "in [0, 1)")
      try check("eps", eps, eps > 0, "positive")
      try check("momentum", momentum, momentum >= 0 && momentum < 1, "in [0, 1)")
      try check("weight_decay", wd, wd >= 0, "non-negative")
    }
  }

  /// The learning rate of a 0-based epoch: schedule, then warm-up.
  ///
  /// - Parameter epoch: 0-based epoch.
  /// - Returns: The per-step learning rate for that epoch.
  public func rate(epoch: Int) -> Double {
    var lr = schedule.rate(base: learningRate, epoch: epoch)
    if epoch < warmupEpochs { lr *= Double(epoch + 1) / Double(warmupEpochs) }
    return lr
  }
}

/// An optimizer's per-parameter state (moment estimates, step count).
public struct OptimizerState: Sendable {
  /// Steps taken so far.
  public private(set) var step = 0
  var first: [[Double]] = []
  var second: [[Double]] = []

  /// Creates empty state (zero moments, created at the first step).
  public init() {}

  /// Rescales gradients in place so their global L2 norm is at most `maxNorm`.
  ///
  /// - Returns: The norm before clipping.
  static func clip(_ grads: inout [[Double]], maxNorm: Double) -> Double {
    var sq = 0.0
    for g in grads { for v in g { sq += v * v } }
    let norm = sq.squareRoot()
    let coef = maxNorm / (norm + 1e-6)
    if coef < 1 { for i in grads.indices { for j in grads[i].indices { grads[i][j] *= coef } } }
    return norm
  }

  /// Applies one step of `rule` to `params[index]` given its gradient.
  ///
  /// - Parameters:
  ///   - rule: The update rule.
  ///   - lr: This step's learning rate.
  ///   - index: The parameter array's index (selects its moment state).
  ///   - param: The parameters, updated in place.
  ///   - grad: Their gradient, same length.
  mutating func update(
    _ rule: OptimizerRule, lr: Double, index: Int, param p: inout [Double], grad: [Double]
  ) {
    while first.count <= index {
      first.append([])
      second.append([])
    }
    let t = Double(step)
    // Work on local arrays (moved out of the state) so the loops index flat buffers.
    var m = first[index]
    var v = second[index]
    first[index] = []
    second[index] = []
    defer {
      first[index] = m
      second[index] = v
    }
    let n = p.count
    switch rule {
    case .sgd(let momentum, let nesterov, let wd):
      var g = grad
      if wd != 0 { for i in 0..<n { g[i] += wd * p[i] } }
      if momentum != 0 {
        if m.isEmpty {
          m = g
        } else {
          for i in 0..<n { m[i] = momentum * m[i] + g[i] }
        }
        if nesterov {
          for i in 0..<n { g[i] += momentum * m[i] }
        } else {
          g = m
        }
      }
      for i in 0..<n { p[i] -= lr * g[i] }
    case .adam(let b1, let b2, let eps, let wd), .adamw(let b1, let b2, let eps, let wd):
      let decoupled: Bool = { if case .adamw = rule { return true } else { return false } }()
      if m.isEmpty {
        m = Array(repeating: 0, count: n)
        v = Array(repeating: 0, count: n)
      }
      if decoupled && wd != 0 { for i in 0..<n { p[i] *= 1 - lr * wd } }
      let bc1 = 1 - pow(b1, t)
      let bc2 = 1 - pow(b2, t)
      let stepSize = lr / bc1
      let bc2Root = bc2.squareRoot()
      let l2 = decoupled ? 0 : wd
      p.withUnsafeMutableBufferPointer { pp in
        m.withUnsafeMutableBufferPointer { mp in
          v.withUnsafeMutableBufferPointer { vp in
            grad.withUnsafeBufferPointer { gp in
              guard let pb = pp.baseAddress, let mb = mp.baseAddress, let vb = vp.baseAddress,
                let gb = gp.baseAddress
              else { return }
              Self.adamKernel(
                n: n, p: pb, m: mb, v: vb, g: gb, l2: l2, b1: b1, b2: b2, eps: eps,
                stepSize: stepSize, bc2Root: bc2Root)
            }
          }
        }
      }
    case .rmsprop(let alpha, let eps, let momentum, let wd):
      if v.isEmpty {
        v = Array(repeating: 0, count: n)
        m = Array(repeating: 0, count: n)
      }
      for i in 0..<n {
        var g = grad[i]
        if wd != 0 { g += wd * p[i] }
        v[i] = alpha * v[i] + (1 - alpha) * g * g
        let avg = v[i].squareRoot() + eps
        if momentum > 0 {
          m[i] = momentum * m[i] + g / avg
          p[i] -= lr * m[i]
        } else {
          p[i] -= lr * g / avg
        }
      }
    }
  }

  /// The Adam update of `n` parameters, four lanes at a time (the compiler does not
  /// vectorise the scalar loop: it cannot prove the four buffers do not overlap). Same
  /// formula and operation order as the scalar tail, so results do not depend on `n`.
  static func adamKernel(
    n: Int, p: UnsafeMutablePointer<Double>, m: UnsafeMutablePointer<Double>,
    v: UnsafeMutablePointer<Double>, g: UnsafePointer<Double>, l2: Double, b1: Double,
    b2: Double, eps: Double, stepSize: Double, bc2Root: Double
  ) {
    typealias V4 = SIMD4<Double>
    var i = 0
    while i + 4 <= n {
      let pv = UnsafeRawPointer(p + i).loadUnaligned(as: V4.self)
      let gv = UnsafeRawPointer(g + i).loadUnaligned(as: V4.self) + l2 * pv
      let mv = b1 * UnsafeRawPointer(m + i).loadUnaligned(as: V4.self) + (1 - b1) * gv
      let vv = b2 * UnsafeRawPointer(v + i).loadUnaligned(as: V4.self) + (1 - b2) * gv * gv
      let denom = vv.squareRoot() / bc2Root + eps
      UnsafeMutableRawPointer(m + i).storeBytes(of: mv, as: V4.self)
      UnsafeMutableRawPointer(v + i).storeBytes(of: vv, as: V4.self)
      UnsafeMutableRawPointer(p + i).storeBytes(of: pv - stepSize * mv / denom, as: V4.self)
      i += 4
    }
    while i < n {
      let gi = g[i] + l2 * p[i]
      m[i] = b1 * m[i] + (1 - b1) * gi
      v[i] = b2 * v[i] + (1 - b2) * gi * gi
      let denom = v[i].squareRoot() / bc2Root + eps
      p[i] -= stepSize * m[i] / denom
      i += 1
    }
  }

  /// Counts a step (call once per batch, before the per-parameter updates).
  mutating func beginStep() { step += 1 }
}
