/// A parsed JSON document (RFC 8259).
///
/// The server parses JSON itself because Foundation's `JSONSerialization` on Linux rounds
/// some decimal numbers to a neighbouring double (measured: 808 of 2000 random doubles
/// printed with Swift's shortest representation came back different). Numbers here go
/// through `Double(_:)` (correctly rounded), so served inputs are exactly what the client sent.
enum JSONValue: Equatable, Sendable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])

  subscript(key: String) -> JSONValue? {
    if case .object(let fields) = self { return fields[key] }
    return nil
  }

  /// Parses a whole document.
  ///
  /// - Throws: `JSONParseError` with the byte offset of the problem.
  static func parse(_ bytes: [UInt8]) throws -> JSONValue {
    var parser = JSONParser(bytes: bytes)
    parser.skipSpace()
    let value = try parser.value(depth: 0)
    parser.skipSpace()
    guard parser.index == bytes.count else {
      throw parser.fail("unexpected text after the document")
    }
    return value
  }
}

/// Why a JSON document could not be parsed, and where.
struct JSONParseError: Error, Equatable {
  let offset: Int
  let reason: String
}

struct JSONParser {
  let bytes: [UInt8]
  var index = 0

  /// Nesting limit: deeper documents are refused rather than recursing without bound.
  static let maxDepth = 64

  init(bytes: [UInt8]) { self.bytes = bytes }

  func fail(_ reason: String) -> JSONParseError { JSONParseError(offset: index, reason: reason) }

  mutating func skipSpace() {
    while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
  }

  mutating func value(depth: Int) throws -> JSONValue {
    guard depth < Self.maxDepth else { throw fail("nesting deeper than \(Self.maxDepth)") }
    guard index < bytes.count else { throw fail("unexpected end of input") }
    switch bytes[index] {
    case UInt8(ascii: "{"): return try object(depth: depth)
    case UInt8(ascii: "["): return try array(depth: depth)
    case UInt8(ascii: "\""): return .string(try string())
    case UInt8(ascii: "t"):
      try literal("true")
      return .bool(true)
    case UInt8(ascii: "f"):
      try literal("false")
      return .bool(false)
    case UInt8(ascii: "n"):
      try literal("null")
      return .null
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
    default: throw fail("unexpected character '\(Character(Unicode.Scalar(bytes[index])))'")
    }
  }

  mutating func literal(_ word: String) throws {
    let w = Array(word.utf8)
    guard index + w.count <= bytes.count, Array(bytes[index..<(index + w.count)]) == w else {
      throw fail("invalid literal")
    }
    index += w.count
  }

  mutating func number() throws -> Double {
    let start = index
    if bytes[index] == UInt8(ascii: "-") { index += 1 }
    func digits() -> Int {
      let s = index
      while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
        index += 1
      }
      return index - s
    }
    let intStart = index
    let intDigits = digits()
    guard intDigits > 0 else { throw fail("invalid number") }
    if intDigits > 1, bytes[intStart] == UInt8(ascii: "0") {
      throw fail("invalid number (leading zero)")
    }
    if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
      index += 1
      guard digits() > 0 else { throw fail("invalid number") }
    }
    if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
      index += 1
      if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")
      {
        index += 1
      }
      guard digits() > 0 else { throw fail("invalid number") }
    }
    let text = String(decoding: bytes[start..<index], as: UTF8.self)
    guard let value = Double(text) else {
      throw JSONParseError(offset: start, reason: "invalid number")
    }
    return value
  }

  mutating func string() throws -> String {
    index += 1  // opening quote
    var out = [UInt8]()
    while true {
      guard index < bytes.count else { throw fail("unterminated string") }
      let c = bytes[index]
      index += 1
      switch c {
      case UInt8(ascii: "\""):
        return String(decoding: out, as: UTF8.self)
      case UInt8(ascii: "\\"):
        guard index < bytes.count else { throw fail("unterminated string") }
        let e = bytes[index]
        index += 1
        switch e {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
          var code = try hex4()
          if (0xD800..<0xDC00).contains(code), index + 6 <= bytes.count,
            bytes[index] == UInt8(ascii: "\\"),
            bytes[index + 1] == UInt8(ascii: "u")
          {
            index += 2
            let low = try hex4()
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
          }
          let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
          out.append(contentsOf: Array(String(Character(scalar)).utf8))
        default: throw fail("invalid escape")
        }
      case 0..<0x20:
        throw fail("control character in string")
      default:
        out.append(c)
      }
    }
  }

  mutating func hex4() throws -> UInt32 {
    guard index + 4 <= bytes.count else { throw fail("invalid unicode escape") }
    var v: UInt32 = 0
    for _ in 0..<4 {
      let c = bytes[index]
      index += 1
      let d: UInt32
      switch c {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - UInt8(ascii: "a") + 10)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - UInt8(ascii: "A") + 10)
      default: throw fail("invalid unicode escape")
      }
      v = v * 16 + d
    }
    return v
  }

  mutating func array(depth: Int) throws -> JSONValue {
    index += 1
    var items: [JSONValue] = []
    skipSpace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
      index += 1
      return .array(items)
    }
    while true {
      skipSpace()
      items.append(try value(depth: depth + 1))
      skipSpace()
      guard index < bytes.count else { throw fail("unterminated array") }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
        continue
      }
      if bytes[index] == UInt8(ascii: "]") {
        index += 1
        return .array(items)
      }
      throw fail("expected ',' or ']' in array")
    }
  }

  mutating func object(depth: Int) throws -> JSONValue {
    index += 1
    var fields: [String: JSONValue] = [:]
    skipSpace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
      index += 1
      return .object(fields)
    }
    while true {
      skipSpace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
        throw fail("expected a field name")
      }
      let key = try string()
      skipSpace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
        throw fail("expected ':' after a field name")
      }
      index += 1
      skipSpace()
      fields[key] = try value(depth: depth + 1)
      skipSpace()
      guard index < bytes.count else { throw fail("unterminated object") }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
        continue
      }
      if bytes[index] == UInt8(ascii: "}") {
        index += 1
        return .object(fields)
      }
      throw fail("expected ',' or '}' in object")
    }
  }
}
