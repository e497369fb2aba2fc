import Foundation

/// Limited-memory BFGS minimisation of a smooth function (Nocedal & Wright, Numerical
/// Optimization, 2nd ed., Algorithm 7.5 with the two-loop recursion of Algorithm 7.4),
/// with a line search satisfying the strong Wolfe conditions (Algorithms 3.5 and 3.6,
/// cubic interpolation by equation 3.59).
struct LBFGS {
  /// Number of correction pairs kept (`m`; scipy's `maxcor` default is 10).
  var memory = 10
  /// Maximum number of iterations (line searches).
  var maxIterations = 1000
  /// Stop when `max |∇f| <= gradientTolerance`.
  var gradientTolerance = 1e-8
  /// Stop when the relative decrease `(f_k - f_{k+1}) / max(|f_k|, |f_{k+1}|, 1)` is at most
  /// this (scipy's `ftol`; scikit-learn passes `64·ε`).
  var functionTolerance = 64 * Double.ulpOfOne
  /// Sufficient-decrease constant `c1` and curvature constant `c2` of the Wolfe conditions.
  var c1 = 1e-4
  var c2 = 0.9
  /// Maximum function evaluations per line search (scikit-learn uses 50).
  var maxLineSearchSteps = 50

  struct Result {
    var x: [Double]
    var value: Double
    var gradient: [Double]
    var iterations: Int
    var converged: Bool
  }

  /// Minimises `objective`, which returns the value and the gradient at a point.
  func minimize(from start: [Double], _ objective: ([Double]) -> (Double, [Double])) -> Result {
    var x = start
    var (f, g) = objective(x)
    var pairs: [(s: [Double], y: [Double], rho: Double)] = []
    var iteration = 0
    while iteration < maxIterations {
      if maxAbs(g) <= gradientTolerance {
        return Result(x: x, value: f, gradient: g, iterations: iteration, converged: true)
      }
      let direction = searchDirection(g, pairs)
      let slope = dot(g, direction)
      guard slope < 0 else { break }  // lost descent to rounding: nothing more to gain
      // The first step has no curvature information: scale it to a unit move.
      let initialStep = pairs.isEmpty ? min(1, 1 / max(norm(g), .leastNormalMagnitude)) : 1
      guard
        let step = lineSearch(
          x: x, f: f, direction: direction, slope: slope, initialStep: initialStep,
          objective)
      else { break }
      iteration += 1
      let s = direction.map { $0 * step.alpha }
      let y = zip(step.gradient, g).map { $0 - $1 }
      let previous = f
      x = zip(x, s).map { $0 + $1 }
      f = step.value
      g = step.gradient
      let curvature = dot(s, y)
      if curvature > 1e-10 * dot(y, y) {  // keep the update positive definite
        pairs.append((s, y, 1 / curvature))
        if pairs.count > memory { pairs.removeFirst() }
      }
      if (previous - f) / max(abs(previous), abs(f), 1) <= functionTolerance {
        // No further progress is representable: converged in value (as scipy's ftol).
        return Result(x: x, value: f, gradient: g, iterations: iteration, converged: true)
      }
    }
    return Result(
      x: x, value: f, gradient: g, iterations: iteration, converged: maxAbs(g) <= gradientTolerance)
  }

  /// `-H·g` by the two-loop recursion (Algorithm 7.4), `H0 = γ·I`, `γ = sᵀy / yᵀy`.
  func searchDirection(_ g: [Double], _ pairs: [(s: [Double], y: [Double], rho: Double)])
    -> [Double]
  {
    var q = g
    var alphas = Array(repeating: 0.0, count: pairs.count)
    for i in stride(from: pairs.count - 1, through: 0, by: -1) {
      let (s, y, rho) = pairs[i]
      let a = rho * dot(s, q)
      alphas[i] = a
      for j in q.indices { q[j] -= a * y[j] }
    }
    if let last = pairs.last {
      let gamma = dot(last.s, last.y) / dot(last.y, last.y)
      for j in q.indices { q[j] *= gamma }
    }
    for i in pairs.indices {
      let (s, y, rho) = pairs[i]
      let b = rho * dot(y, q)
      for j in q.indices { q[j] += s[j] * (alphas[i] - b) }
    }
    return q.map { -$0 }
  }

  struct Step {
    var alpha: Double
    var value: Double
    var gradient: [Double]
    var slope: Double
  }

  /// A step length satisfying the strong Wolfe conditions (Algorithm 3.5), or nil.
  func lineSearch(
    x: [Double], f: Double, direction: [Double], slope: Double, initialStep: Double,
    _ objective: ([Double]) -> (Double, [Double])
  ) -> Step? {
    func evaluate(_ alpha: Double) -> Step {
      let point = zip(x, direction).map { $0 + alpha * $1 }
      let (value, gradient) = objective(point)
      return Step(alpha: alpha, value: value, gradient: gradient, slope: dot(gradient, direction))
    }
    var previous = Step(alpha: 0, value: f, gradient: [], slope: slope)
    var alpha = initialStep
    for evaluations in 1...maxLineSearchSteps {
      let current = evaluate(alpha)
      let budget = maxLineSearchSteps - evaluations
      if !current.value.isFinite || current.value > f + c1 * alpha * slope
        || (evaluations > 1 && current.value >= previous.value)
      {
        return zoom(low: previous, high: current, f: f, slope: slope, budget: budget, evaluate)
      }
      if abs(current.slope) <= -c2 * slope { return current }
      if current.slope >= 0 {
        return zoom(low: current, high: previous, f: f, slope: slope, budget: budget, evaluate)
      }
      previous = current
      alpha *= 2
    }
    return nil
  }

  /// Algorithm 3.6: narrows `[low, high]` to a strong-Wolfe step within `budget`
  /// evaluations.
  func zoom(
    low: Step, high: Step, f: Double, slope: Double, budget: Int, _ evaluate: (Double) -> Step
  ) -> Step? {
    var low = low
    var high = high
    var best: Step? = low.alpha > 0 ? low : nil
    var remaining = budget
    while remaining > 0 {
      remaining -= 1
      let alpha = interpolate(low, high)
      let current = evaluate(alpha)
      if !current.value.isFinite || current.value > f + c1 * alpha * slope
        || current.value >= low.value
      {
        high = current
      } else {
        if abs(current.slope) <= -c2 * slope { return current }
        if current.slope * (high.alpha - low.alpha) >= 0 { high = low }
        low = current
        best = current
      }
      if abs(high.alpha - low.alpha) <= 1e-16 * max(1, abs(low.alpha)) { break }
    }
    // Out of evaluations: accept the best step with sufficient decrease, if any.
    return best
  }

  /// The minimiser of the cubic through both ends (Nocedal & Wright eq. 3.59), kept
  /// inside the middle 80 % of the interval; bisection when the cubic is unusable.
  func interpolate(_ a: Step, _ b: Step) -> Double {
    let lo = min(a.alpha, b.alpha)
    let hi = max(a.alpha, b.alpha)
    let margin = 0.1 * (hi - lo)
    if a.value.isFinite && b.value.isFinite {
      let d1 = a.slope + b.slope - 3 * (a.value - b.value) / (a.alpha - b.alpha)
      let radicand = d1 * d1 - a.slope * b.slope
      if radicand >= 0 {
        let d2 = (b.alpha > a.alpha ? 1.0 : -1.0) * radicand.squareRoot()
        let candidate =
          b.alpha - (b.alpha - a.alpha) * (b.slope + d2 - d1) / (b.slope - a.slope + 2 * d2)
        if candidate.isFinite && candidate >= lo + margin && candidate <= hi - margin {
          return candidate
        }
      }
    }
    return (lo + hi) / 2
  }

  func dot(_ a: [Double], _ b: [Double]) -> Double {
    var sum = 0.0
    for i in a.indices { sum += a[i] * b[i] }
    return sum
  }

  func norm(_ a: [Double]) -> Double { dot(a, a).squareRoot() }

  func maxAbs(_ a: [Double]) -> Double { a.reduce(0) { max($0, abs($1)) } }
}
