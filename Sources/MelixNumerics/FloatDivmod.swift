import Foundation

/// Floor division and remainder of floats exactly as NumPy computes them (`npy_divmod` in
/// `numpy/_core/src/npymath/npy_math_internal.h.src`, the same algorithm as CPython's
/// `float.__divmod__`).
///
/// Dividing first and rounding down (`floor(a / b)`) is wrong whenever `a / b` rounds up to
/// an integer: `1.0 // 0.1` is 9 (0.1 is slightly more than 1/10), not 10, and
/// `x == (x // y) * y + x % y` must hold for the pair. So the quotient is derived from the
/// remainder `fmod(a, b)`, which is exact.
public enum FloatDivmod {
  /// `a // b`: `floor(a / b)` computed through the exact remainder, as `np.floor_divide`.
  /// Division by zero gives `a / b` (±inf, or NaN for `0 // 0`); `inf // x` is NaN.
  ///
  /// - Parameters:
  ///   - a: The dividend.
  ///   - b: The divisor.
  /// - Returns: The floored quotient.
  @inline(__always)
  public static func floorDivide<T: BinaryFloatingPoint>(_ a: T, _ b: T) -> T {
    if b == 0 { return a / b }
    return divmod(a, b).quotient
  }

  /// `a % b` with the sign of `b`, as `np.remainder`: a zero result takes `b`'s sign, and
  /// `a % 0` is NaN.
  ///
  /// - Parameters:
  ///   - a: The dividend.
  ///   - b: The divisor.
  /// - Returns: The remainder.
  @inline(__always)
  public static func remainder<T: BinaryFloatingPoint>(_ a: T, _ b: T) -> T {
    if b == 0 { return a.truncatingRemainder(dividingBy: b) }
    return divmod(a, b).remainder
  }

  /// NumPy's `npy_divmod` for a nonzero (or NaN) `b`.
  @inline(__always)
  private static func divmod<T: BinaryFloatingPoint>(_ a: T, _ b: T) -> (quotient: T, remainder: T) {
    var mod = a.truncatingRemainder(dividingBy: b)  // C fmod: exact
    var div = (a - mod) / b  // very nearly an integer
    if mod != 0 {
      // NaN is "nonzero" here, as in C: `if (mod)`.
      if (b < 0) != (mod < 0) {
        mod += b
        div -= 1
      }
    } else {
      mod = T(signOf: b, magnitudeOf: 0)
    }
    var floorDiv: T
    if div != 0 {
      floorDiv = div.rounded(.down)
      if div - floorDiv > 0.5 { floorDiv += 1 }
    } else {
      floorDiv = T(signOf: a / b, magnitudeOf: 0)
    }
    return (floorDiv, mod)
  }
}
