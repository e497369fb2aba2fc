/// A minimal JSON writer for the server's responses. Numbers use Swift's shortest
/// round-trip representation, so a client parsing them gets the served doubles bit for bit.
struct JSONText {
  private(set) var text = ""

  init() { text.reserveCapacity(256) }

  static func string(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }

  /// A double as JSON (integral values without a fraction when `integral`).
  static func number(_ x: Double, integral: Bool = false) -> String {
    if integral, x == x.rounded(), abs(x) < 9.0e15 { return String(Int64(x)) }
    return x.description
  }

  static func numbers(_ xs: some Collection<Double>, integral: Bool = false) -> String {
    var out = "["
    var first = true
    for x in xs {
      if !first { out += "," }
      first = false
      out += number(x, integral: integral)
    }
    return out + "]"
  }

  static func strings(_ xs: [String]) -> String {
    "[" + xs.map(string).joined(separator: ",") + "]"
  }

  static func ints(_ xs: [Int]) -> String { "[" + xs.map(String.init).joined(separator: ",") + "]" }

  /// `{"k": v, ...}` from already-encoded values, in order.
  static func object(_ fields: [(String, String)]) -> String {
    "{" + fields.map { string($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
  }
}
