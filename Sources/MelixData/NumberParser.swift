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
  /// 10^k for k in 0...22, all exactly representable in binary64.
  @inline(__always)
  private static func powerOfTen(_ k: Int) -> Double {
    switch k {
    case 0: return 1e0
    case 1: return 1e1
    case 2: return 1e2
    case 3: return 1e3
    case 4: return 1e4
    case 5: return 1e5
    case 6: return 1e6
    case 7: return 1e7
    case 8: return 1e8
    case 9: return 1e9
    case 10: return 1e10
    case 11: return 1e11
    case 12: return 1e12
    case 13: return 1e13
    case 14: return 1e14
    case 15: return 1e15
    case 16: return 1e16
    case 17: return 1e17
    case 18: return 1e18
    case 19: return 1e19
    case 20: return 1e20
    case 21: return 1e21
    default: return 1e22
    }
  }

  /// Parses the whole of `bytes` (ASCII spaces around it are ignored) as a float64.
  ///
  /// - Returns: The value, or nil if the bytes are not exactly one number.
  static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
    var start = 0
    var end = bytes.count
    if end == 0 { return nil }
    if bytes[0] == 0x20 || bytes[0] == 0x09 || bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 {
      while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
      while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
      if start == end { return nil }
    }
    if let (value, stop) = parsePrefix(bytes, from: start, limit: end, delimiter: 0), stop == end {
      return value
    }
    return fallback(bytes, start, end)
  }

  /// The fast path alone: parses the plain decimal number (`[+-]digits[.digits][e[+-]digits]`)
  /// that starts at `from` and ends at `limit` or at the first `delimiter` byte.
  ///
  /// - Returns: The value and the index where it ended, or nil when the text is not such a
  ///   number or the fast path cannot convert it exactly (more than 19 digits, a significand
  ///   above 2^53 or a power of ten beyond ±22); the caller then uses `parse`, which falls
  ///   back to `strtod`.
  @inline(__always)
  static func parsePrefix(
    _ bytes: UnsafeBufferPointer<UInt8>, from: Int, limit: Int, delimiter: UInt8
  ) -> (Double, Int)? {
    var i = from
    if i >= limit { return nil }
    var negative = false
    if bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
      negative = bytes[i] == UInt8(ascii: "-")
      i += 1
    }
    var mantissa: UInt64 = 0
    let integerStart = i
    while i < limit {
      let digit = bytes[i] &- 48
      if digit >= 10 { break }
      mantissa = mantissa &* 10 &+ UInt64(digit)
      i += 1
    }
    var digits = i - integerStart
    var exponent = 0
    if i < limit, bytes[i] == UInt8(ascii: ".") {
      i += 1
      let fractionStart = i
      while i < limit {
        let digit = bytes[i] &- 48
        if digit >= 10 { break }
        mantissa = mantissa &* 10 &+ UInt64(digit)
        i += 1
      }
      exponent = fractionStart - i
      digits += i - fractionStart
    }
    if digits == 0 { return nil }
    if i < limit, bytes[i] | 0x20 == UInt8(ascii: "e") {
      i += 1
      var exponentNegative = false
      if i < limit, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
        exponentNegative = bytes[i] == UInt8(ascii: "-")
        i += 1
      }
      var value = 0
      let exponentStart = i
      while i < limit {
        let digit = bytes[i] &- 48
        if digit >= 10 { break }
        if value < 100_000 { value = value * 10 + Int(digit) }
        i += 1
      }
      if i == exponentStart { return nil }
      exponent += exponentNegative ? -value : value
    }
    if i != limit && bytes[i] != delimiter { return nil }
    // More than 19 digits may have wrapped the 64-bit mantissa: let strtod decide.
    if digits > 19 || mantissa > (1 << 53) || exponent < -22 || exponent > 22 { return nil }
    var result = Double(mantissa)
    if exponent < 0 {
      result /= powerOfTen(-exponent)
    } else if exponent > 0 {
      result *= powerOfTen(exponent)
    }
    return (negative ? -result : result, i)
  }

  /// `strtod` on a NUL-terminated copy; accepts only if it consumes every byte and the text
  /// has no hex prefix or leading space (which `strtod` would accept but CSV should not).
  private static func fallback(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int)
    -> Double?
  {
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
