import MelixSyntax

extension Value {
  /// The text `print` shows: strings raw, everything else as `repr`.
  public var displayText: String {
    if case .string(let s) = self { return s }
    return repr
  }

  /// The text shown inside containers and by the REPL: strings quoted with escapes.
  public var repr: String {
    var visiting: Set<ObjectIdentifier> = []
    return repr(visiting: &visiting)
  }

  /// `repr`, printing a container that contains itself as `[...]` / `{...}` (as Python), and
  /// containers nested deeper than 1,000 levels as `...` (the stack is finite).
  func repr(visiting: inout Set<ObjectIdentifier>) -> String {
    if visiting.count > 1_000 {
      switch self {
      case .list, .dict, .tuple: return "..."
      default: break
      }
    }
    switch self {
    case .list(let l):
      guard visiting.insert(ObjectIdentifier(l)).inserted else { return "[...]" }
      defer { visiting.remove(ObjectIdentifier(l)) }
      var parts: [String] = []
      for item in l.items { parts.append(item.repr(visiting: &visiting)) }
      return "[" + parts.joined(separator: ", ") + "]"
    case .dict(let d):
      guard visiting.insert(ObjectIdentifier(d)).inserted else { return "{...}" }
      defer { visiting.remove(ObjectIdentifier(d)) }
      if d.count == 0 { return "{}" }
      var parts: [String] = []
      for i in 0..<d.count {
        parts.append(d.keys[i].repr(visiting: &visiting) + ": " + d.values[i].repr(visiting: &visiting))
      }
      return "{" + parts.joined(separator: ", ") + "}"
    case .tuple(let t):
      // Tuples cannot contain themselves, but count toward the nesting depth.
      visiting.insert(ObjectIdentifier(t))
      defer { visiting.remove(ObjectIdentifier(t)) }
      var parts: [String] = []
      for item in t.items { parts.append(item.repr(visiting: &visiting)) }
      if parts.count == 1 { return "(" + parts[0] + ",)" }
      return "(" + parts.joined(separator: ", ") + ")"
    default:
      return shallowRepr
    }
  }

  private var shallowRepr: String {
    switch self {
    case .null: return "nil"
    case .bool(let b): return b ? "true" : "false"
    case .int(let i): return String(i)
    case .float(let f): return Value.formatFloat(f)
    case .string(let s): return Value.quote(s)
    case .list(let l): return "[" + l.items.map(\.repr).joined(separator: ", ") + "]"
    case .tuple(let t):
      if t.items.count == 1 { return "(" + t.items[0].repr + ",)" }
      return "(" + t.items.map(\.repr).joined(separator: ", ") + ")"
    case .dict(let d):
      if d.count == 0 { return "{}" }
      var parts: [String] = []
      for i in 0..<d.count { parts.append(d.keys[i].repr + ": " + d.values[i].repr) }
      return "{" + parts.joined(separator: ", ") + "}"
    case .range(let r):
      if r.step != 1 {
        // A stepped closed range has no literal form; show its exclusive equivalent.
        let bound = r.closedForm ? r.end &+ (r.step > 0 ? 1 : -1) : r.end
        return "range(\(r.start), \(bound), \(r.step))"
      }
      return r.closedForm ? "\(r.start)...\(r.end)" : "\(r.start)..<\(r.end)"
    case .function(let c): return c.name == "<fn>" ? "<fn>" : "<fn \(c.name)>"
    case .builtin(let b): return "<built-in \(b.name)>"
    case .native(let n): return n.display()
    }
  }

  /// Shortest round-trip float text with `.0` for integral values: `1.0`,
  /// `0.30000000000000004`, `1e-05`, `1e+16`, `inf`, `-inf`, `nan` (as Python's `repr`).
  ///
  /// - Parameter f: The float.
  /// - Returns: Its text.
  public static func formatFloat(_ f: Double) -> String {
    if f.isNaN { return "nan" }
    if f.isInfinite { return f < 0 ? "-inf" : "inf" }
    // Swift's description is the shortest round-trip form; it already matches Python's
    // switch to exponent form below 1e-4 and from 1e16 on.
    var text = f.description
    if let e = text.firstIndex(of: "e") {
      // Python writes at least two exponent digits: 1e-05, 1e+16.
      let mantissa = text[..<e]
      var exponent = String(text[text.index(after: e)...])
      var sign = "+"
      if exponent.hasPrefix("-") { sign = "-"; exponent.removeFirst() }
      else if exponent.hasPrefix("+") { exponent.removeFirst() }
      if exponent.count < 2 { exponent = "0" + exponent }
      var m = String(mantissa)
      if m.hasSuffix(".0") { m.removeLast(2) }
      text = m + "e" + sign + exponent
    }
    return text
  }

  /// `s` in double quotes with `\n`, `\t`, `\\`, `\"` escaped.
  static func quote(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case "\r": out += "\\r"
      case "\0": out += "\\0"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }
}
