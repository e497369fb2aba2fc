import Foundation

/// NumPy's `FloatingFormat` in its default mode: shortest round-trip digits capped at 8
/// decimals, positional unless the magnitudes span too much, columns padded to align.
struct FloatFormat {
  let values: [Double]
  let isFloat32: Bool
  var expFormat = false
  var padLeft = 0
  var padRight = 0
  var precision = 8
  var expSize = -1

  init(_ values: [Double], isFloat32: Bool) {
    self.values = values
    self.isFloat32 = isFloat32
    let finite = values.filter { $0.isFinite }
    let nonzero = finite.filter { $0 != 0 }.map { Swift.abs($0) }
    if let maxV = nonzero.max(), let minV = nonzero.min() {
      let ratio = isFloat32 ? Double(Float(maxV) / Float(minV)) : maxV / minV
      if maxV >= 1e8 || minV < 0.0001 || ratio > 1000 { expFormat = true }
    }
    if finite.isEmpty {
      padLeft = 0
      padRight = 0
    } else if expFormat {
      let parts = finite.map { scientific($0, precision: 8) }
      expSize = (parts.map { $0.exp.count }.max() ?? 2) - 1
      precision = parts.map { $0.frac.count }.max() ?? 0
      padLeft = parts.map { $0.int.count }.max() ?? 0
      padRight = expSize + 2 + precision
    } else {
      let parts = finite.map { positional($0) }
      padLeft = parts.map { $0.int.count }.max() ?? 0
      padRight = parts.map { $0.frac.count }.max() ?? 0
    }
    if finite.count != values.count {
      let negInf = values.contains { $0 == -.infinity }
      let offset = padRight + 1
      padLeft = Swift.max(padLeft, 3 - offset, 3 + (negInf ? 1 : 0) - offset)
    }
  }

  func format(_ i: Int) -> String {
    let x = values[i]
    if !x.isFinite {
      let s = x.isNaN ? "nan" : (x < 0 ? "-inf" : "inf")
      return ArrayPrinter.pad(s, padLeft + padRight + 1)
    }
    if expFormat {
      var p = scientific(x, precision: precision)
      // NumPy formats every element with `min_digits` = the common precision: an element
      // with fewer shortest digits gets its true further digits, not zeros (a float32
      // 9.053559e-06 beside one needing 8 digits shows as 9.0535586e-06; 5e-324 as
      // 4.94065646e-324). Those are the correctly rounded digits of the exact value.
      if p.frac.count < precision { p = exactScientific(x, precision: precision) }
      var frac = p.frac
      while frac.count < precision { frac += "0" }
      var digits = String(p.exp.dropFirst())
      while digits.count < expSize { digits = "0" + digits }
      return ArrayPrinter.pad(p.int, padLeft) + "." + frac + "e" + String(p.exp.prefix(1)) + digits
    }
    let p = positional(x)
    return ArrayPrinter.pad(p.int, padLeft) + "." + p.frac
      + String(repeating: " ", count: padRight - p.frac.count)
  }

  /// Shortest round-trip decimal digits `d` and point position `p` (value = 0.d × 10^p... as
  /// `d[..<p].d[p...]`), plus the sign.
  func shortest(_ x: Double) -> (negative: Bool, digits: [Character], point: Int) {
    let text = isFloat32 ? Float(x).description : x.description
    var body = Substring(text)
    let negative = body.hasPrefix("-")
    if negative { body = body.dropFirst() }
    var exponent = 0
    if let e = body.firstIndex(where: { $0 == "e" || $0 == "E" }) {
      exponent = Int(body[body.index(after: e)...]) ?? 0
      body = body[..<e]
    }
    let intPart = body.split(separator: ".", omittingEmptySubsequences: false).first ?? ""
    let fracPart =
      body.split(separator: ".", omittingEmptySubsequences: false).dropFirst().first ?? ""
    var digits = Array(intPart) + Array(fracPart)
    var point = intPart.count + exponent
    while digits.count > 1 && digits.first == "0" {
      digits.removeFirst()
      point -= 1
    }
    while digits.count > 1 && digits.last == "0" { digits.removeLast() }
    if digits == ["0"] { point = 1 }
    return (negative, digits, point)
  }

  /// Positional digits with at most 8 decimals, trailing zeros trimmed (keeps the point).
  func positional(_ x: Double) -> (int: String, frac: String) {
    let (negative, digits, point) = shortest(x)
    let sign = negative ? "-" : ""
    if digits.count - point > 8 {
      let text = String(format: "%.8f", Swift.abs(x))
      let parts = text.split(separator: ".")
      var frac = String(parts.count > 1 ? parts[1] : "")
      while frac.last == "0" { frac.removeLast() }
      // NumPy keeps the sign of a value that rounds to zero ("-0.").
      return (sign + String(parts[0]), frac)
    }
    let intDigits: String
    if point <= 0 {
      intDigits = "0"
    } else if point >= digits.count {
      intDigits = String(digits) + String(repeating: "0", count: point - digits.count)
    } else {
      intDigits = String(digits[..<point])
    }
    let frac: String
    if point >= digits.count {
      frac = ""
    } else if point < 0 {
      frac = String(repeating: "0", count: -point) + String(digits)
    } else {
      frac = String(digits[point...])
    }
    return (sign + intDigits, frac)
  }

  /// Scientific digits of the exact value of `x` correctly rounded to `precision` decimals
  /// (C's `%.*e`), parts as ``scientific(_:precision:)``.
  func exactScientific(_ x: Double, precision: Int) -> (int: String, frac: String, exp: String) {
    let text = String(format: "%.\(precision)e", Swift.abs(x))
    let halves = text.split(separator: "e")
    let mantissa = halves.first ?? ""
    let exponent = halves.count > 1 ? Int(halves[1]) ?? 0 : 0
    let parts = mantissa.split(separator: ".")
    let sign = x.sign == .minus ? "-" : ""
    let e = Swift.abs(exponent)
    let expText = (exponent < 0 ? "-" : "+") + (e < 10 ? "0" : "") + String(e)
    return (sign + String(parts.first ?? "0"), parts.count > 1 ? String(parts[1]) : "", expText)
  }

  /// Scientific digits `d.ddd` with at most `precision` decimals, and the exponent with
  /// sign and at least two digits (`-05`).
  func scientific(_ x: Double, precision: Int) -> (int: String, frac: String, exp: String) {
    let (negative, digits, point) = shortest(x)
    let sign = negative ? "-" : ""
    var intDigit = String(digits[0])
    var frac = String(digits.dropFirst())
    var exponent = digits == ["0"] ? 0 : point - 1
    if frac.count > precision {
      let text = String(format: "%.\(precision)e", Swift.abs(x))
      let mantissa = text.split(separator: "e")[0]
      exponent = Int(text.split(separator: "e")[1]) ?? exponent
      let parts = mantissa.split(separator: ".")
      intDigit = String(parts[0])
      frac = parts.count > 1 ? String(parts[1]) : ""
      while frac.last == "0" { frac.removeLast() }
    }
    let e = Swift.abs(exponent)
    let expText = (exponent < 0 ? "-" : "+") + (e < 10 ? "0" : "") + String(e)
    return (sign + intDigit, frac, expText)
  }
}
