import Foundation

/// A parsed Python-style format spec, the subset used in `"{x:.3f}"`:
/// `[[fill]align][sign][0][width][,|_][.precision][type]` with types `d f F e E g G % s x o b`.
///
/// Source: Python's "Format Specification Mini-Language"
/// (https://docs.python.org/3/library/string.html#formatspec).
struct FormatSpec {
  var fill: Character = " "
  var align: Character? = nil
  var sign: Character = "-"
  var zeroPad = false
  var width = 0
  var grouping: Character? = nil
  var precision: Int? = nil
  var type: Character? = nil

  /// Parses `spec`.
  ///
  /// - Throws: `MelixError` naming the spec when it is malformed.
  init(_ spec: String) throws {
    let chars = Array(spec)
    var i = 0
    func isAlign(_ c: Character) -> Bool { c == "<" || c == ">" || c == "^" || c == "=" }
    if chars.count >= 2 && isAlign(chars[1]) {
      fill = chars[0]
      align = chars[1]
      i = 2
    } else if let first = chars.first, isAlign(first) {
      align = first
      i = 1
    }
    if i < chars.count && (chars[i] == "+" || chars[i] == "-" || chars[i] == " ") {
      sign = chars[i]
      i += 1
    }
    if i < chars.count && chars[i] == "0" {
      zeroPad = true
      i += 1
    }
    var digits = ""
    while i < chars.count, chars[i].isASCII, chars[i].isNumber {
      digits.append(chars[i])
      i += 1
    }
    guard digits.count < 7 else { throw MelixError("invalid format spec '\(spec)': width too large") }
    width = Int(digits) ?? 0
    if i < chars.count && (chars[i] == "," || chars[i] == "_") {
      grouping = chars[i]
      i += 1
    }
    if i < chars.count && chars[i] == "." {
      i += 1
      var p = ""
      while i < chars.count, chars[i].isASCII, chars[i].isNumber {
        p.append(chars[i])
        i += 1
      }
      guard let value = Int(p) else { throw MelixError("invalid format spec '\(spec)': missing precision after '.'") }
      guard value <= 300 else { throw MelixError("invalid format spec '\(spec)': precision too large") }
      precision = value
    }
    if i < chars.count {
      let t = chars[i]
      guard "dfFeEgGsxob%".contains(t) else { throw MelixError("invalid format spec '\(spec)': unknown type '\(t)'") }
      type = t
      i += 1
    }
    if i != chars.count { throw MelixError("invalid format spec '\(spec)'") }
  }

  /// Formats `value` by this spec.
  ///
  /// - Throws: `MelixError` when the type does not fit the value (`'d'` on a Float).
  func apply(to value: Value) throws -> String {
    switch value {
    case .int(let n):
      switch type {
      case nil, "d": return pad(number: n.magnitude.description, negative: n < 0, canGroup: true)
      case "x": return pad(number: String(n.magnitude, radix: 16), negative: n < 0, canGroup: false)
      case "o": return pad(number: String(n.magnitude, radix: 8), negative: n < 0, canGroup: false)
      case "b": return pad(number: String(n.magnitude, radix: 2), negative: n < 0, canGroup: false)
      case "s": throw MelixError("format type 's' needs a String, got Int")
      default: return try formatFloat(Double(n))
      }
    case .float(let f):
      if let type, "dxob".contains(type) { throw MelixError("format type '\(type)' needs an Int, got Float") }
      if type == "s" { throw MelixError("format type 's' needs a String, got Float") }
      return try formatFloat(f)
    default:
      if let type, type != "s" {
        throw MelixError("format type '\(type)' needs a number, got \(value.typeName)")
      }
      var text = value.displayText
      if let precision { text = String(text.prefix(precision)) }
      return padText(text, defaultAlign: "<")
    }
  }

  private func formatFloat(_ f: Double) throws -> String {
    // Python keeps the sign of -0.0 (`format(-0.0, '.1f') == '-0.0'`).
    let negative = f.sign == .minus
    let magnitude = Swift.abs(f)
    var body: String
    if magnitude.isNaN {
      body = "nan"
    } else if magnitude.isInfinite {
      body = "inf"
    } else {
      switch type {
      case "f", "F": body = String(format: "%.*f", Int32(precision ?? 6), magnitude)
      case "e", "E": body = String(format: "%.*e", Int32(precision ?? 6), magnitude)
      case "g", "G": body = String(format: "%.*g", Int32(max(precision ?? 6, 1)), magnitude)
      case "%": body = String(format: "%.*f", Int32(precision ?? 6), magnitude * 100) + "%"
      default:
        if let precision {
          body = String(format: "%.*g", Int32(max(precision, 1)), magnitude)
          if !body.contains(".") && !body.contains("e") { body += ".0" }
        } else {
          body = Value.formatFloat(magnitude)
        }
      }
      if type == "E" || type == "G" || type == "F" { body = body.uppercased() }
    }
    return pad(number: body, negative: negative && !f.isNaN, canGroup: true)
  }

  /// Applies sign, grouping of the integer digits, and padding to a number's digits.
  private func pad(number: String, negative: Bool, canGroup: Bool) -> String {
    var digits = number
    if let grouping, canGroup {
      let intEnd = digits.firstIndex(where: { !($0.isASCII && $0.isNumber) }) ?? digits.endIndex
      let intPart = String(digits[..<intEnd])
      let rest = String(digits[intEnd...])
      var grouped = ""
      for (offset, c) in intPart.enumerated() {
        if offset > 0 && (intPart.count - offset) % 3 == 0 { grouped.append(grouping) }
        grouped.append(c)
      }
      digits = grouped + rest
    }
    let signText = negative ? "-" : (sign == "+" ? "+" : (sign == " " ? " " : ""))
    if zeroPad && align == nil {
      let zeros = max(0, width - signText.count - digits.count)
      return signText + String(repeating: "0", count: zeros) + digits
    }
    if align == "=" {
      let fillCount = max(0, width - signText.count - digits.count)
      return signText + String(repeating: fill, count: fillCount) + digits
    }
    return padText(signText + digits, defaultAlign: ">")
  }

  private func padText(_ text: String, defaultAlign: Character) -> String {
    let missing = width - text.count
    guard missing > 0 else { return text }
    switch align ?? defaultAlign {
    case "<": return text + String(repeating: fill, count: missing)
    case "^":
      let left = missing / 2
      return String(repeating: fill, count: left) + text + String(repeating: fill, count: missing - left)
    default: return String(repeating: fill, count: missing) + text
    }
  }
}
