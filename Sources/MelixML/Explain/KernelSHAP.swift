import MelixNumerics

/// Kernel SHAP (Lundberg & Lee 2017, section 4.1, theorem 2) for any model given as a closure.
///
/// For each explained row it evaluates the model on coalitions of features (present features
/// from the row, absent ones from every background row, averaged with the background weights)
/// and fits the SHAP values by weighted least squares with the Shapley kernel, the efficiency
/// constraint `Σφ = f(x) − E[f]` enforced by eliminating the last varying feature. The
/// coalition plan follows shap's `KernelExplainer` (shap/explainers/_kernel.py): subset sizes
/// are enumerated completely, smallest (and their complements) first, while the budget allows;
/// the rest is sampled from the kernel's size distribution. With `2^M − 2 ≤ samples` (M ≤ 11
/// varying features at the default budget) every coalition is enumerated and the values are
/// the exact Shapley values of the background-averaged model. shap's optional L1 feature
/// selection is not done (shap's `l1_reg=False`); features equal to every background row get 0.
public struct KernelSHAP {
  /// The model, `[nRows, nFeatures]` → `[nRows]` or `[nRows, nOutputs]`.
  public let model: ModelFunction
  /// The background data.
  public let background: Background
  /// Coalition budget per row; nil means shap's default `2M + 2048`.
  public let samples: Int?
  /// Seed for the sampled coalitions (unused when all are enumerated).
  public let seed: UInt64

  /// Creates an explainer.
  ///
  /// - Parameters:
  ///   - model: The prediction closure.
  ///   - background: Reference rows and weights.
  ///   - samples: Coalitions evaluated per row (nil: `2M + 2048`); at least 2.
  ///   - seed: Seed for sampling.
  public init(
    model: @escaping ModelFunction, background: Background, samples: Int? = nil, seed: UInt64 = 0
  ) {
    self.model = model
    self.background = background
    self.samples = samples
    self.seed = seed
  }

  /// Explains rows.
  ///
  /// - Parameters:
  ///   - data: `[nRows, nFeatures]`, finite, as wide as the background.
  ///   - featureNames: `[nFeatures]` or empty.
  ///   - outputNames: `[nOutputs]` or empty.
  ///   - outputSpace: The name of what the model returns (`"raw"`, `"probability"`).
  ///   - shouldStop: Polled before each row and before each batch of at most
  ///     `Self.batchRows` model rows (Ctrl-C at the REPL); true ends the work.
  /// - Returns: The explanation, `values` `[nOutputs][nRows, nFeatures]`.
  /// - Throws: `ExplainError` for bad data, `.badModelOutput` when the closure returns the
  ///   wrong shape, `.invalidArgument` for `samples` < 2, `.additivityFailed`;
  ///   `CancellationError` once `shouldStop` returns true; and anything the closure throws.
  /// - Complexity: per row, `min(samples, 2^M − 2) · nBackground` model rows.
  public func explain(
    _ data: [[Double]], featureNames: [String] = [], outputNames: [String] = [],
    outputSpace: String = "raw", shouldStop: () -> Bool = { false }
  ) throws -> Explanation {
    let bg = try FeatureRows(background.rows, input: "background")
    let x = try FeatureRows(data, input: "data", width: bg.width)
    if let samples, samples < 2 {
      throw ExplainError.invalidArgument(
        name: "samples", value: "\(samples)", expected: "at least 2")
    }
    let width = bg.width
    let weights = background.weights
    let bgOut = try evaluateModel(model, bg.values, rows: bg.rows, width: width)
    let k = bgOut.outputs
    var fnull = [Double](repeating: 0, count: k)
    for b in 0..<bg.rows { for o in 0..<k { fnull[o] += weights[b] * bgOut.values[b * k + o] } }
    let fxAll = try evaluateModel(model, x.values, rows: x.rows, width: width)
    guard fxAll.outputs == k else {
      throw ExplainError.badModelOutput(expectedRows: x.rows, got: [x.rows, fxAll.outputs])
    }

    var values = [[[Double]]](
      repeating: [[Double]](repeating: [Double](repeating: 0, count: width), count: x.rows),
      count: k)
    var outputs = [[Double]](repeating: [Double](repeating: 0, count: x.rows), count: k)
    var rng = PCG64(seed: seed)
    for i in 0..<x.rows {
      if shouldStop() { throw CancellationError() }
      let row = Array(x.row(i))
      let fx = (0..<k).map { fxAll.values[i * k + $0] }
      for o in 0..<k { outputs[o][i] = fx[o] }
      let varying = (0..<width).filter { j in
        (0..<bg.rows).contains { b in !Self.isClose(row[j], bg[b, j]) }
      }
      let m = varying.count
      if m == 0 { continue }
      if m == 1 {
        for o in 0..<k { values[o][i][varying[0]] = fx[o] - fnull[o] }
        continue
      }
      let plan = CoalitionPlan(features: m, budget: samples ?? (2 * m + 2048), rng: &rng)
      let ey = try coalitionOutputs(
        plan.masks, row: row, varying: varying, bg: bg, outputs: k, shouldStop: shouldStop)
      for o in 0..<k {
        let phi = try Self.solve(
          masks: plan.masks, weights: plan.weights, ey: ey.map { $0[o] }, fx: fx[o],
          fnull: fnull[o], features: m)
        for (slot, j) in varying.enumerated() { values[o][i][j] = phi[slot] }
      }
    }
    return try Explanation(
      values: values, baseValues: fnull, data: x.matrix, featureNames: featureNames,
      outputNames: outputNames, outputSpace: outputSpace, modelOutputs: outputs)
  }

  /// shap's default closeness test for "this feature equals the background" (`np.isclose`).
  static func isClose(_ a: Double, _ b: Double) -> Bool {
    abs(a - b) <= 1e-8 + 1e-5 * abs(b)
  }

  /// At most this many model rows (coalitions × background rows) go to the model in one
  /// call (at least one coalition's), so memory stays bounded and `shouldStop` is polled
  /// often: shap's default budget on a 1797-row background is 3.7 million rows per explained
  /// row.
  static let batchRows = 8192

  /// E_b[f(x_S, b_¬S)] per coalition, `[nMasks][nOutputs]`, in model calls of at most
  /// `batchRows` rows, polling `shouldStop` before each.
  func coalitionOutputs(
    _ masks: [[Bool]], row: [Double], varying: [Int], bg: FeatureRows, outputs k: Int,
    shouldStop: () -> Bool = { false }
  ) throws -> [[Double]] {
    let width = bg.width
    let perBatch = max(1, Self.batchRows / max(bg.rows, 1))
    let weights = background.weights
    var result: [[Double]] = []
    result.reserveCapacity(masks.count)
    var present: [Int] = []
    present.reserveCapacity(varying.count)
    for first in stride(from: 0, to: masks.count, by: perBatch) {
      if shouldStop() { throw CancellationError() }
      let chunk = masks[first..<min(first + perBatch, masks.count)]
      var batch = [Double]()
      batch.reserveCapacity(chunk.count * bg.rows * width)
      for mask in chunk {
        // The whole background block, then the coalition's features from the row.
        present.removeAll(keepingCapacity: true)
        for (slot, j) in varying.enumerated() where mask[slot] { present.append(j) }
        let start = batch.count
        batch.append(contentsOf: bg.values)
        batch.withUnsafeMutableBufferPointer { out in
          for b in 0..<bg.rows {
            let r = start + b * width
            for j in present { out[r + j] = row[j] }
          }
        }
      }
      let rows = chunk.count * bg.rows
      let out = try evaluateModel(model, batch, rows: rows, width: width)
      guard out.outputs == k else {
        throw ExplainError.badModelOutput(expectedRows: rows, got: [rows, out.outputs])
      }
      for s in 0..<chunk.count {
        var e = [Double](repeating: 0, count: k)
        for b in 0..<bg.rows {
          let base = (s * bg.rows + b) * k
          for o in 0..<k { e[o] += weights[b] * out.values[base + o] }
        }
        result.append(e)
      }
    }
    return result
  }

  /// shap's `KernelExplainer.solve` without L1: weighted least squares on the masks with
  /// the last feature eliminated by the efficiency constraint.
  static func solve(
    masks: [[Bool]], weights: [Double], ey: [Double], fx: Double, fnull: Double, features m: Int
  ) throws -> [Double] {
    let total = fx - fnull
    let n = m - 1
    var gram = [Double](repeating: 0, count: n * n)
    var rhs = [Double](repeating: 0, count: n)
    var e = [Double](repeating: 0, count: n)
    for (s, mask) in masks.enumerated() {
      let last = mask[m - 1] ? 1.0 : 0.0
      for j in 0..<n { e[j] = (mask[j] ? 1.0 : 0.0) - last }
      let y = (ey[s] - fnull) - last * total
      let w = weights[s]
      for a in 0..<n where e[a] != 0 {
        rhs[a] += w * e[a] * y
        for b in 0..<n where e[b] != 0 { gram[a * n + b] += w * e[a] * e[b] }
      }
    }
    let partial = try DenseSolve.symmetric(gram, rhs, size: n)
    return partial + [total - partial.reduce(0, +)]
  }
}

/// The coalitions Kernel SHAP evaluates for `M` features and their kernel weights, as in
/// shap's `KernelExplainer.explain`.
struct CoalitionPlan {
  var masks: [[Bool]] = []
  var weights: [Double] = []

  init(features m: Int, budget: Int, rng: inout PCG64) {
    var nsamples = budget
    if m <= 30 { nsamples = min(nsamples, (1 << m) - 2) }
    let sizes = Int((Double(m - 1) / 2).rounded(.up))
    let paired = (m - 1) / 2
    var kernel = (1...sizes).map { Double(m - 1) / Double($0 * (m - $0)) }
    for i in 0..<paired { kernel[i] *= 2 }
    let kernelSum = kernel.reduce(0, +)
    kernel = kernel.map { $0 / kernelSum }

    var full = 0
    var left = Double(nsamples)
    var remaining = kernel
    for size in 1...sizes {
      var count = Self.binomial(m, size)
      if size <= paired { count *= 2 }
      guard left * remaining[size - 1] / count >= 1 - 1e-8 else { break }
      full += 1
      left -= count
      if remaining[size - 1] < 1 {
        let scale = 1 - remaining[size - 1]
        remaining = remaining.map { $0 / scale }
      }
      var w = kernel[size - 1] / Self.binomial(m, size)
      if size <= paired { w /= 2 }
      Self.forEachSubset(m, size) { subset in
        var mask = [Bool](repeating: false, count: m)
        for j in subset { mask[j] = true }
        masks.append(mask)
        weights.append(w)
        if size <= paired {
          masks.append(mask.map { !$0 })
          weights.append(w)
        }
      }
    }
    let fixed = masks.count
    var samplesLeft = nsamples - fixed
    guard full != sizes, samplesLeft > 0 else { return }
    var draw = kernel
    for i in 0..<paired { draw[i] /= 2 }
    draw = Array(draw[full...])
    let drawSum = draw.reduce(0, +)
    draw = draw.map { $0 / drawSum }
    var used: [[Bool]: Int] = [:]
    var attempts = 0
    while samplesLeft > 0, attempts < 4 * (nsamples - fixed) {
      attempts += 1
      var u = rng.nextUniform()
      var pick = draw.count - 1
      for (i, p) in draw.enumerated() {
        u -= p
        if u < 0 {
          pick = i
          break
        }
      }
      let size = pick + full + 1
      var order = Array(0..<m)
      for i in stride(from: m - 1, to: 0, by: -1) {
        order.swapAt(i, Int(rng.nextBounded(UInt64(i + 1))))
      }
      var mask = [Bool](repeating: false, count: m)
      for j in order.prefix(size) { mask[j] = true }
      let isNew = used[mask] == nil
      if let at = used[mask] {
        weights[at] += 1
      } else {
        used[mask] = masks.count
        masks.append(mask)
        weights.append(1)
        samplesLeft -= 1
      }
      if samplesLeft > 0, size <= paired {
        if isNew {
          masks.append(mask.map { !$0 })
          weights.append(1)
          samplesLeft -= 1
        } else if let at = used[mask] {
          weights[at + 1] += 1
        }
      }
    }
    let weightLeft = kernel[full...].reduce(0, +)
    let sampled = weights[fixed...].reduce(0, +)
    if sampled > 0 {
      for i in fixed..<weights.count { weights[i] *= weightLeft / sampled }
    }
  }

  static func binomial(_ n: Int, _ k: Int) -> Double {
    var r = 1.0
    for i in 0..<k { r = r * Double(n - i) / Double(i + 1) }
    return r.rounded()
  }

  /// Calls `body` with every `size`-subset of `0..<n` in lexicographic order
  /// (`itertools.combinations`).
  static func forEachSubset(_ n: Int, _ size: Int, _ body: ([Int]) -> Void) {
    var idx = Array(0..<size)
    while true {
      body(idx)
      var i = size - 1
      while i >= 0, idx[i] == n - size + i { i -= 1 }
      if i < 0 { return }
      idx[i] += 1
      for j in (i + 1)..<size { idx[j] = idx[j - 1] + 1 }
    }
  }
}

/// A small dense solver for the Kernel SHAP normal equations.
enum DenseSolve {
  /// Solves `A x = b` for `A` `[n, n]` row-major by Gaussian elimination with partial
  /// pivoting; a singular `A` (a feature never varied alone) falls back to a tiny ridge.
  static func symmetric(_ a: [Double], _ b: [Double], size n: Int) throws -> [Double] {
    if n == 0 { return [] }
    var scale = 0.0
    for i in 0..<n { scale = max(scale, abs(a[i * n + i])) }
    for ridge in [0.0, 1e-12 * max(scale, 1)] {
      var m = a
      var x = b
      for i in 0..<n { m[i * n + i] += ridge }
      var singular = false
      for col in 0..<n {
        var pivot = col
        for r in col..<n where abs(m[r * n + col]) > abs(m[pivot * n + col]) { pivot = r }
        if abs(m[pivot * n + col]) <= 1e-300 {
          singular = true
          break
        }
        if pivot != col {
          for c in 0..<n { m.swapAt(col * n + c, pivot * n + c) }
          x.swapAt(col, pivot)
        }
        for r in (col + 1)..<n {
          let f = m[r * n + col] / m[col * n + col]
          if f == 0 { continue }
          for c in col..<n { m[r * n + c] -= f * m[col * n + c] }
          x[r] -= f * x[col]
        }
      }
      if singular { continue }
      for col in stride(from: n - 1, through: 0, by: -1) {
        var s = x[col]
        for c in (col + 1)..<n { s -= m[col * n + c] * x[c] }
        x[col] = s / m[col * n + col]
      }
      return x
    }
    throw ExplainError.invalidArgument(
      name: "samples", value: "too small", expected: "enough coalitions to vary every feature")
  }
}
