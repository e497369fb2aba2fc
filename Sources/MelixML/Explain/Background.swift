import MelixNumerics

/// Background data for Kernel SHAP: reference rows with weights, `[nBackground, nFeatures]`.
///
/// Features left out of a coalition take their values from these rows, and the model's
/// output is averaged with the weights (shap's `DenseData`).
public struct Background: Sendable {
  /// Reference rows, `[nBackground, nFeatures]`.
  public let rows: [[Double]]
  /// Weights, `[nBackground]`, summing to 1.
  public let weights: [Double]

  /// Uses rows as they are, with equal or given weights.
  ///
  /// - Parameters:
  ///   - rows: `[nBackground, nFeatures]`, finite.
  ///   - weights: `[nBackground]`, non-negative with a positive sum; default equal.
  /// - Throws: `ExplainError.emptyInput`, `.featureCountMismatch`, `.nonFiniteValue`,
  ///   `.lengthMismatch`, `.invalidArgument` for negative weights or a zero sum.
  public init(_ rows: [[Double]], weights: [Double]? = nil) throws {
    _ = try FeatureRows(rows, input: "background")
    let w = weights ?? [Double](repeating: 1, count: rows.count)
    guard w.count == rows.count else {
      throw ExplainError.lengthMismatch(
        input: "background weights", expected: rows.count, got: w.count)
    }
    let total = w.reduce(0, +)
    guard w.allSatisfy({ $0 >= 0 && $0.isFinite }), total > 0 else {
      throw ExplainError.invalidArgument(
        name: "weights", value: "\(w.prefix(3))…", expected: "non-negative with a positive sum")
    }
    self.rows = rows
    self.weights = w.map { $0 / total }
  }

  /// Summarises data by k-means: the centroids, weighted by cluster sizes, as `shap.kmeans`
  /// does (without its rounding to data values, `round_values=False`).
  ///
  /// Each start seeds with k-means++ (Arthur & Vassilvitskii 2007) and runs Lloyd's
  /// algorithm; the start with the lowest inertia (sum of squared distances to the nearest
  /// centroid) is kept, as scikit-learn's `KMeans(n_init=10)` which `shap.kmeans` calls.
  ///
  /// - Parameters:
  ///   - data: `[nSamples, nFeatures]`, finite.
  ///   - k: Clusters, `1...nSamples`.
  ///   - seed: Seed of the k-means++ seeding (one generator for all starts).
  ///   - iterations: At most this many Lloyd iterations per start. Default 100.
  ///   - restarts: Starts, at least 1. Default 10.
  ///   - shouldStop: Polled before each start, each k-means++ seed and each Lloyd iteration
  ///     (Ctrl-C at the REPL); true ends the work.
  /// - Returns: `k` weighted centroids (empty clusters dropped), in lexicographic order of
  ///   their coordinates, so the result does not depend on the order clusters were seeded.
  /// - Throws: the input errors of `init`, `.invalidArgument` for `k` out of range;
  ///   `CancellationError` once `shouldStop` returns true.
  /// - Complexity: `restarts · iterations · nSamples · k · nFeatures`.
  public static func kMeans(
    _ data: [[Double]], k: Int, seed: UInt64, iterations: Int = 100, restarts: Int = 10,
    shouldStop: () -> Bool = { false }
  ) throws -> Background {
    let x = try FeatureRows(data, input: "data")
    guard k >= 1, k <= x.rows else {
      throw ExplainError.invalidArgument(name: "k", value: "\(k)", expected: "1...\(x.rows)")
    }
    var rng = PCG64(seed: seed)
    var best: (centers: [[Double]], assignment: [Int], inertia: Double)? = nil
    for _ in 0..<max(restarts, 1) {
      if shouldStop() { throw CancellationError() }
      let run = try lloyd(x, k: k, iterations: iterations, rng: &rng, shouldStop: shouldStop)
      if best == nil || run.inertia < (best?.inertia ?? .infinity) { best = run }
    }
    guard let best else { throw ExplainError.emptyInput(input: "data") }
    var counts = [Double](repeating: 0, count: k)
    for a in best.assignment { counts[a] += 1 }
    let kept = (0..<k).filter { counts[$0] > 0 }.sorted {
      best.centers[$0].lexicographicallyPrecedes(best.centers[$1])
    }
    return try Background(kept.map { best.centers[$0] }, weights: kept.map { counts[$0] })
  }

  /// One k-means start: k-means++ seeds, then Lloyd iterations until no row changes cluster;
  /// `CancellationError` when `shouldStop` returns true before a seed or an iteration.
  private static func lloyd(
    _ x: FeatureRows, k: Int, iterations: Int, rng: inout PCG64, shouldStop: () -> Bool
  ) throws -> (centers: [[Double]], assignment: [Int], inertia: Double) {
    func distance(_ i: Int, _ c: [Double]) -> Double {
      var s = 0.0
      for j in 0..<x.width {
        let d = x[i, j] - c[j]
        s += d * d
      }
      return s
    }
    var centers: [[Double]] = [Array(x.row(Int(rng.nextBounded(UInt64(x.rows)))))]
    var nearest = (0..<x.rows).map { distance($0, centers[0]) }
    while centers.count < k {
      if shouldStop() { throw CancellationError() }
      let total = nearest.reduce(0, +)
      var pick = 0
      if total > 0 {
        var target = rng.nextUniform() * total
        for i in 0..<x.rows {
          target -= nearest[i]
          if target <= 0 {
            pick = i
            break
          }
          pick = i
        }
      } else {
        pick = Int(rng.nextBounded(UInt64(x.rows)))
      }
      let c = Array(x.row(pick))
      centers.append(c)
      for i in 0..<x.rows { nearest[i] = min(nearest[i], distance(i, c)) }
    }
    var assignment = [Int](repeating: -1, count: x.rows)
    var inertia = 0.0
    for _ in 0..<max(iterations, 1) {
      if shouldStop() { throw CancellationError() }
      var changed = false
      inertia = 0
      for i in 0..<x.rows {
        var best = 0
        var bestDistance = Double.infinity
        for (c, center) in centers.enumerated() {
          let d = distance(i, center)
          if d < bestDistance {
            bestDistance = d
            best = c
          }
        }
        inertia += bestDistance
        if assignment[i] != best {
          assignment[i] = best
          changed = true
        }
      }
      if !changed { break }
      var sums = [[Double]](repeating: [Double](repeating: 0, count: x.width), count: k)
      var counts = [Int](repeating: 0, count: k)
      for i in 0..<x.rows {
        counts[assignment[i]] += 1
        for j in 0..<x.width { sums[assignment[i]][j] += x[i, j] }
      }
      for c in 0..<k where counts[c] > 0 {
        centers[c] = sums[c].map { $0 / Double(counts[c]) }
      }
    }
    return (centers, assignment, inertia)
  }

  /// Draws `count` rows without replacement (all rows when `count` ≥ their number).
  ///
  /// - Parameters:
  ///   - data: `[nSamples, nFeatures]`.
  ///   - count: Rows to keep, ≥ 1.
  ///   - seed: Seed of the draw.
  /// - Returns: An equally weighted background.
  /// - Throws: the input errors of `init`, `.invalidArgument` for `count` < 1.
  public static func sample(_ data: [[Double]], count: Int, seed: UInt64) throws -> Background {
    guard count >= 1 else {
      throw ExplainError.invalidArgument(name: "count", value: "\(count)", expected: "at least 1")
    }
    var rng = PCG64(seed: seed)
    var order = Array(data.indices)
    for i in stride(from: order.count - 1, to: 0, by: -1) {
      order.swapAt(i, Int(rng.nextBounded(UInt64(i + 1))))
    }
    return try Background(order.prefix(count).map { data[$0] })
  }
}
