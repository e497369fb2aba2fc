/// A small, fast, seeded random number generator: SplitMix64.
///
/// Algorithm: Steele, Lea & Flood, "Fast Splittable Pseudorandom Number Generators",
/// OOPSLA 2014 (the constants are those of Java's `SplittableRandom` and Vigna's reference
/// `splitmix64.c`). The same seed gives the same stream on every platform and Swift
/// version, which `SystemRandomNumberGenerator` and the standard library's `shuffle` do not
/// promise; every split, fold and sample in MelixData draws from this generator.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
  private var state: UInt64

  /// Creates a generator.
  ///
  /// - Parameter seed: Any 64-bit seed; equal seeds give equal streams.
  public init(seed: UInt64) { state = seed }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A uniform integer in `0..<upperBound`, without modulo bias (Lemire's multiply-shift
  /// with rejection: D. Lemire, "Fast Random Integer Generation in an Interval", ACM TOMACS
  /// 2019).
  ///
  /// - Parameter upperBound: Exclusive bound, > 0.
  /// - Precondition: `upperBound > 0` (callers check user input first).
  public mutating func nextIndex(below upperBound: Int) -> Int {
    precondition(upperBound > 0, "nextIndex(below:) needs a positive bound")
    let bound = UInt64(upperBound)
    var product = next().multipliedFullWidth(by: bound)
    if product.low < bound {
      let threshold = (0 &- bound) % bound
      while product.low < threshold { product = next().multipliedFullWidth(by: bound) }
    }
    return Int(product.high)
  }

  /// A uniform double in `[0, 1)` with 53 random bits.
  public mutating func nextUnit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

  /// Shuffles `values` in place with the Fisher–Yates (Durstenfeld) algorithm.
  ///
  /// - Parameter values: The array to permute.
  public mutating func shuffle<T>(_ values: inout [T]) {
    guard values.count > 1 else { return }
    for i in stride(from: values.count - 1, to: 0, by: -1) {
      let j = nextIndex(below: i + 1)
      if i != j { values.swapAt(i, j) }
    }
  }

  /// A random permutation of `0..<n`.
  ///
  /// - Parameter n: Length, ≥ 0.
  public mutating func permutation(_ n: Int) -> [Int] {
    var values = Array(0..<max(n, 0))
    shuffle(&values)
    return values
  }
}
