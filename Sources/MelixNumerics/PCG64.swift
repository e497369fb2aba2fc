/// The PCG64 random number generator (PCG XSL RR 128/64): a 128-bit linear congruential
/// state with a 64-bit permuted output.
///
/// Algorithm and constants from M. E. O'Neill, "PCG: A Family of Simple Fast Space-Efficient
/// Statistically Good Algorithms for Random Number Generation" (2014) and the reference
/// `pcg_setseq_128_xsl_rr_64` in pcg-c; it is the generator behind NumPy's `PCG64` bit
/// generator. Seeding here is PCG's own `srandom` (not NumPy's SeedSequence), so streams
/// differ from NumPy's but are the same on every machine: only integer arithmetic is used.
public struct PCG64: RandomNumberGenerator, Sendable, Equatable {
  private var stateHigh: UInt64
  private var stateLow: UInt64
  private let incHigh: UInt64
  private let incLow: UInt64

  // The 128-bit LCG multiplier 2549297995355413924 * 2^64 + 4865540595714422341.
  private static let multiplierHigh: UInt64 = 2_549_297_995_355_413_924
  private static let multiplierLow: UInt64 = 4_865_540_595_714_422_341

  /// Creates a generator from a seed and an optional stream number.
  ///
  /// - Parameters:
  ///   - seed: Any 64-bit value; equal seeds give equal sequences.
  ///   - stream: Selects one of 2^63 independent sequences.
  public init(seed: UInt64, stream: UInt64 = 0x5851_F42D_4C95_7F2D) {
    // increment = (stream << 1) | 1, as in pcg_setseq_128_srandom_r.
    incHigh = stream >> 63
    incLow = (stream << 1) | 1
    stateHigh = 0
    stateLow = 0
    step()
    let (low, carry) = stateLow.addingReportingOverflow(seed)
    stateLow = low
    stateHigh &+= carry ? 1 : 0
    step()
  }

  /// Creates a generator from a signed seed (as Melix scripts write `seed: 42`).
  ///
  /// - Parameter seed: The seed; its bit pattern is used.
  public init(seed: Int) { self.init(seed: UInt64(bitPattern: Int64(seed))) }

  private mutating func step() {
    // state = state * multiplier + increment (mod 2^128).
    let low = stateLow.multipliedFullWidth(by: PCG64.multiplierLow)
    var high = low.high &+ stateHigh &* PCG64.multiplierLow &+ stateLow &* PCG64.multiplierHigh
    let (l, carry) = low.low.addingReportingOverflow(incLow)
    high = high &+ incHigh &+ (carry ? 1 : 0)
    stateLow = l
    stateHigh = high
  }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    step()
    // XSL RR: xor the halves, rotate right by the top 6 bits.
    let rotation = stateHigh >> 58
    let xored = stateHigh ^ stateLow
    return (xored >> rotation) | (xored << ((64 - rotation) & 63))
  }

  /// A uniform double in `[0, 1)` with 53 random bits.
  public mutating func nextUniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }

  /// A uniform integer in `0..<bound` without modulo bias (Lemire's multiply-and-reject,
  /// "Fast Random Integer Generation in an Interval", 2019).
  ///
  /// - Parameter bound: Upper bound, > 0.
  public mutating func nextBounded(_ bound: UInt64) -> UInt64 {
    var m = next().multipliedFullWidth(by: bound)
    if m.low < bound {
      let threshold = (0 &- bound) % bound
      while m.low < threshold { m = next().multipliedFullWidth(by: bound) }
    }
    return m.high
  }

  /// A standard normal deviate by the Marsaglia polar method, using ``VectorMath`` `log` so
  /// the values are the same on every platform.
  public mutating func nextNormal() -> Double {
    while true {
      let u = 2 * nextUniform() - 1
      let v = 2 * nextUniform() - 1
      let s = u * u + v * v
      if s > 0 && s < 1 {
        return u * (-2 * VectorMath.log(s) / s).squareRoot()
      }
    }
  }
}
