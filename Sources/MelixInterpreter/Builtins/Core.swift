import Foundation

extension BuiltinTable {
  /// print, len, range, str, int, float, type, repr, assert, error, time, abs, round.
  static func core() -> [Builtin] {
    [
      Builtin(
        "print", [BuiltinParameter("values", variadic: true), BuiltinParameter("sep", .string, default: "\" \""), BuiltinParameter("end", .string, default: "\"\\n\"")],
        returns: "Nil",
        doc: "Prints the values separated by 'sep' and followed by 'end'. Strings print raw; inside lists they are quoted.",
        example: "print(\"x\", 1, [\"a\"])  # x 1 [\"a\"]"
      ) { args, context in
        guard case .list(let values) = args[0], case .string(let sep) = args[1], case .string(let end) = args[2] else { return .null }
        context.write(values.items.map(\.displayText).joined(separator: sep) + end)
        return .null
      },
      Builtin(
        "len", [BuiltinParameter("x", .sized)], returns: "Int",
        doc: "The number of elements of a list, tuple, dict, range or string (in characters).",
        example: "len([1, 2, 3])  # 3"
      ) { args, _ in
        switch args[0] {
        case .list(let l): return .int(l.items.count)
        case .tuple(let t): return .int(t.items.count)
        case .dict(let d): return .int(d.count)
        case .string(let s): return .int(s.count)
        case .range(let r):
          guard let count = r.exactCount else { throw MelixError(Messages.integerOverflow("len")) }
          return .int(count)
        case .native(let n):
          if let length = n.length { return .int(length) }
          throw MelixError("'len' does not apply to \(n.typeName)")
        default: throw MelixError("'len' does not apply to \(args[0].typeName)")
        }
      },
      Builtin(
        "range", [BuiltinParameter("start", .int), BuiltinParameter("stop", .optional(.int), default: "nil"), BuiltinParameter("step", .int, default: "1")],
        returns: "Range",
        doc: "The integers from 'start' up to but not including 'stop', by 'step'. With one argument it counts from 0 to that value, as in Python.",
        example: "range(3)  # 0..<3\nrange(1, 10, 3)  # range(1, 10, 3)"
      ) { args, _ in
        guard case .int(let a) = args[0], case .int(let step) = args[2] else { return .null }
        if step == 0 { throw MelixError(Messages.zeroStep) }
        if case .int(let b) = args[1] { return .range(RangeRef(start: a, end: b, step: step)) }
        return .range(RangeRef(start: 0, end: a, step: step))
      },
      Builtin(
        "str", [BuiltinParameter("x", .any)], returns: "String",
        doc: "The text 'print' would show for x.", example: "str(1.5)  # \"1.5\""
      ) { args, _ in .string(args[0].displayText) },
      Builtin(
        "repr", [BuiltinParameter("x", .any)], returns: "String",
        doc: "The text the REPL shows for x: strings quoted.", example: "repr(\"a\")  # \"\\\"a\\\"\""
      ) { args, _ in .string(args[0].repr) },
      Builtin(
        "int", [BuiltinParameter("x", .oneOf([.number, .string, .bool]))], returns: "Int",
        doc: "Converts a Float (truncating toward zero), a String of digits or a Bool to Int.",
        example: "int(3.9)  # 3\nint(\"42\")  # 42"
      ) { args, _ in
        switch args[0] {
        case .int: return args[0]
        case .bool(let b): return .int(b ? 1 : 0)
        case .float(let f):
          if f.isNaN || f.isInfinite { throw MelixError("cannot convert \(Value.formatFloat(f)) to Int") }
          guard let i = Int(exactly: f.rounded(.towardZero)) else { throw MelixError("integer overflow in 'int'") }
          return .int(i)
        case .string(let s):
          let trimmed = s.trimmingCharacters(in: .whitespaces)
          guard let i = Int(trimmed.filter { $0 != "_" }) else { throw MelixError("invalid literal for 'int': \(Value.quote(s))") }
          return .int(i)
        default: return .null
        }
      },
      Builtin(
        "float", [BuiltinParameter("x", .oneOf([.number, .string]))], returns: "Float",
        doc: "Converts an Int or a String (\"1.5\", \"inf\", \"nan\") to Float.", example: "float(2)  # 2.0"
      ) { args, _ in
        switch args[0] {
        case .int(let i): return .float(Double(i))
        case .float: return args[0]
        case .string(let s):
          guard let f = Double(s.trimmingCharacters(in: .whitespaces)) else { throw MelixError("invalid literal for 'float': \(Value.quote(s))") }
          return .float(f)
        default: return .null
        }
      },
      Builtin(
        "bool", [BuiltinParameter("x", .bool)], returns: "Bool",
        doc: "Returns the Bool unchanged (Melix has no truthiness: compare explicitly).", example: "bool(1 > 0)  # true"
      ) { args, _ in args[0] },
      Builtin(
        "type", [BuiltinParameter("x", .any)], returns: "String",
        doc: "The name of x's type: Nil, Bool, Int, Float, String, List, Dict, Tuple, Range, Function, ...",
        example: "type(1.0)  # \"Float\""
      ) { args, _ in .string(args[0].typeName) },
      Builtin(
        "assert", [BuiltinParameter("condition", .bool), BuiltinParameter("message", .optional(.any), default: "nil")],
        returns: "Nil",
        doc: "Stops with the runtime error 'assertion failed: message' when the condition is false.",
        example: "assert(1 + 1 == 2, \"math is broken\")"
      ) { args, _ in
        guard case .bool(false) = args[0] else { return .null }
        if case .null = args[1] { throw MelixError(Messages.assertionFailed) }
        throw MelixError(Messages.assertionFailed + ": " + args[1].displayText)
      },
      Builtin(
        "error", [BuiltinParameter("message", .any)], returns: "Nil",
        doc: "Stops with a runtime error carrying the message.", example: "error(\"bad input\")"
      ) { args, _ in throw MelixError(args[0].displayText) },
      Builtin(
        "time", [], returns: "Float",
        doc: "Seconds since the Unix epoch, with sub-microsecond resolution. Subtract two readings to time code.",
        example: "let t0 = time()"
      ) { _, _ in .float(Date().timeIntervalSince1970) },
      Builtin(
        "abs", [BuiltinParameter("x", .number)], returns: "Int or Float",
        doc: "The absolute value.", example: "abs(-3)  # 3"
      ) { args, _ in
        switch args[0] {
        case .int(let i):
          if i == Int.min { throw MelixError(Messages.integerOverflow("abs")) }
          return .int(Swift.abs(i))
        case .float(let f): return .float(Swift.abs(f))
        default: return .null
        }
      },
      Builtin(
        "round", [BuiltinParameter("x", .number), BuiltinParameter("digits", .optional(.int), default: "nil")],
        returns: "Int or Float",
        doc: "Rounds half to even, as Python. Without 'digits' returns an Int; with 'digits' a Float rounded to that many decimals (of its exact binary value).",
        example: "round(2.5)  # 2\nround(3.14159, 2)  # 3.14"
      ) { args, _ in
        let x = args[0].asDouble ?? 0
        if case .int(let digits) = args[1] {
          if case .int = args[0], digits >= 0 { return .float(x) }
          if x.isNaN || x.isInfinite { return .float(x) }
          // CPython's bounds (floatobject.c, NDIGITS_MAX / NDIGITS_MIN): past 323 digits every
          // Double is already exact; below -308 every finite Double rounds to a signed zero.
          // Checking first also keeps '-digits' from overflowing for Int.min.
          if digits > 323 { return .float(x) }
          if digits < -308 { return .float(0.0 * x) }
          if digits >= 0 {
            return .float(Double(String(format: "%.*f", Int32(digits), x)) ?? x)
          }
          let scale = Foundation.pow(10.0, Double(-digits))
          return .float((x / scale).rounded(.toNearestOrEven) * scale)
        }
        if case .int = args[0] { return args[0] }
        if x.isNaN || x.isInfinite { throw MelixError("cannot round \(Value.formatFloat(x)) to Int") }
        guard let i = Int(exactly: x.rounded(.toNearestOrEven)) else { throw MelixError("integer overflow in 'round'") }
        return .int(i)
      },
    ]
  }
}
