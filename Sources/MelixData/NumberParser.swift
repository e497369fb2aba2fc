#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Parses decimal numbers from bytes without building a `String`.
///
/// Fast path: Clinger's exact method (W. D. Clinger, "How to Read Floating Point Numbers
/// Accurately", PLDI 1990): when the decimal significand fits in 53 bits and the power of
/// ten is within ±22, `m × 10^e` (or `m / 10^-e`) is one correctly rounded IEEE operation on
/// two exact doubles. Everything else (long significands, large exponents, `inf`) goes to
/// the C library's `strtod`, which is correctly rounded in glibc.
enum NumberParser {
  private static let powersOfTen: [Double] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
  ]

  /// Parses the whole of `bytes` (ASCII spaces around it are ignored) as a float64.
  ///
  /// - Returns: The value, or nil if the bytes are not exactly one number.
  static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
    var start = 0
    var end = bytes.count
    while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
    while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
    if start == end { return nil }
    var i = start
    var negative = false
    if bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
      negative = bytes[i] == UInt8(ascii: "-")
      i += 1
    }
    var mantissa: UInt64 = 0
    var digits = 0
    var significantDigits = 0
    var exponent = 0
    while i < end, bytes[i] &- 48 < 10 {
      if significantDigits < 19 {
        mantissa = mantissa &* 10 &+ UInt64(bytes[i] &- 48)
        if mantissa != 0 { significantDigits += 1 }
      } else {
        exponent += 1
        significantDigits += 1
      }
      digits += 1
      i += 1
    }
    if i < end, bytes[i] == UInt8(ascii: ".") {
      i += 1
      while i < end, bytes[i] &- 48 < 10 {
        if significantDigits < 19 {
          mantissa = mantissa &* 10 &+ UInt64(bytes[i] &- 48)
          if mantissa != 0 { significantDigits += 1 }
          exponent -= 1
        } else {
          significantDigits += 1
        }
        digits += 1
        i += 1
      }
    }
    if digits == 0 { return fallback(bytes, start, end) }
    if i < end, bytes[i] | 0x20 == UInt8(ascii: "e") {
      i += 1
      var exponentNegative = false
      if i < end, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
        exponentNegative = bytes[i] == UInt8(ascii: "-")
        i += 1
      }
      var value = 0
      var exponentDigits = 0
      while i < end, bytes[i] &- 48 < 10 {
        if value < 100_000 { value = value * 10 + Int(bytes[i] &- 48) }
        exponentDigits += 1
        i += 1
      }
      if exponentDigits == 0 { return nil }
      exponent += exponentNegative ? -value : value
    }
    if i != end { return nil }
    if significantDigits > 19 || mantissa > (1 << 53) || exponent < -22 || exponent > 22 {
      return fallback(bytes, start, end)
    }
    var result = Double(mantissa)
    if exponent < 0 {
      result /= powersOfTen[-exponent]
    } else {
      result *= powersOfTen[exponent]
    }
    return negative ? -result : result
  }

  /// `strtod` on a NUL-terminated copy; accepts only if it consumes every byte and the text
  /// has no hex prefix or leading space (which `strtod` would accept but CSV should not).
  private static func fallback(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
    let length = end - start
    if length > 400 { return nil }
    for k in start..<end where bytes[k] | 0x20 == UInt8(ascii: "x") { return nil }
    return withUnsafeTemporaryAllocation(of: CChar.self, capacity: length + 1) { text -> Double? in
      for k in 0..<length { text[k] = CChar(bitPattern: bytes[start + k]) }
      text[length] = 0
      guard let base = text.baseAddress else { return nil }
      var endPointer: UnsafeMutablePointer<CChar>? = nil
      let value = strtod(base, &endPointer)
      guard let endPointer, endPointer - base == length else { return nil }
      // "nan" is a missing-value question, not a number; leave it to the missing tokens.
      if value.isNaN { return nil }
      return value
    }
  }
}
