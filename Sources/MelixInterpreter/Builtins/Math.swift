import Foundation

extension BuiltinTable {
  /// sqrt exp log sin cos tan floor ceil pow isnan isinf, and the constants pi e inf nan.
  static func math() -> [Builtin] {
    func unary(_ name: String, doc: String, example: String, _ f: @escaping (Double) -> Double, domain: ((Double) -> String?)? = nil) -> Builtin {
      Builtin(name, [BuiltinParameter("x", .number)], returns: "Float", doc: doc, example: example) { args, _ in
        let x = args[0].asDouble ?? .nan
        if let domain, let problem = domain(x) { throw MelixError(problem) }
        return .float(f(x))
      }
    }
    return [
      unary("sqrt", doc: "The square root. Negative input is an error.", example: "sqrt(2.0)  # 1.4142135623730951", Foundation.sqrt) {
        $0 < 0 ? "'sqrt' of a negative number (\(Value.formatFloat($0)))" : nil
      },
      unary("exp", doc: "e raised to x.", example: "exp(1)  # 2.718281828459045", Foundation.exp),
      Builtin(
        "log", [BuiltinParameter("x", .number), BuiltinParameter("base", .optional(.number), default: "nil")], returns: "Float",
        doc: "The natural logarithm, or the logarithm in 'base'. Zero or negative input is an error.",
        example: "log(e)  # 1.0\nlog(8, base: 2)  # 3.0"
      ) { args, _ in
        let x = args[0].asDouble ?? .nan
        if x <= 0 { throw MelixError("'log' of a non-positive number (\(args[0].repr))") }
        if let base = args[1].asDouble {
          if base <= 0 || base == 1 { throw MelixError("'log' base must be positive and not 1, got \(args[1].repr)") }
          return .float(Foundation.log(x) / Foundation.log(base))
        }
        return .float(Foundation.log(x))
      },
      unary("sin", doc: "The sine of x radians.", example: "sin(0)  # 0.0", Foundation.sin),
      unary("cos", doc: "The cosine of x radians.", example: "cos(0)  # 1.0", Foundation.cos),
      unary("tan", doc: "The tangent of x radians.", example: "tan(0)  # 0.0", Foundation.tan),
      Builtin(
        "floor", [BuiltinParameter("x", .number)], returns: "Int",
        doc: "The largest Int not greater than x.", example: "floor(-1.5)  # -2"
      ) { args, _ in try toInt(args[0], .down, "floor") },
      Builtin(
        "ceil", [BuiltinParameter("x", .number)], returns: "Int",
        doc: "The smallest Int not less than x.", example: "ceil(1.2)  # 2"
      ) { args, _ in try toInt(args[0], .up, "ceil") },
      Builtin(
        "pow", [BuiltinParameter("x", .number), BuiltinParameter("y", .number)], returns: "Float",
        doc: "x raised to y, as a Float (use '**' to keep Ints).", example: "pow(2, 10)  # 1024.0"
      ) { args, _ in .float(Foundation.pow(args[0].asDouble ?? .nan, args[1].asDouble ?? .nan)) },
      Builtin(
        "isnan", [BuiltinParameter("x", .number)], returns: "Bool",
        doc: "Whether x is nan.", example: "isnan(nan)  # true"
      ) { args, _ in .bool(args[0].asDouble?.isNaN ?? false) },
      Builtin(
        "isinf", [BuiltinParameter("x", .number)], returns: "Bool",
        doc: "Whether x is inf or -inf.", example: "isinf(-inf)  # true"
      ) { args, _ in .bool(args[0].asDouble?.isInfinite ?? false) },
      Builtin(constant: "pi", .float(Double.pi), doc: "The ratio of a circle's circumference to its diameter, 3.141592653589793."),
      Builtin(constant: "e", .float(M_E), doc: "Euler's number, 2.718281828459045."),
      Builtin(constant: "inf", .float(Double.infinity), doc: "Positive infinity."),
      Builtin(constant: "nan", .float(Double.nan), doc: "Not a number (IEEE 754 quiet NaN)."),
    ]
  }

  private static func toInt(_ value: Value, _ rule: FloatingPointRoundingRule, _ name: String) throws -> Value {
    if case .int = value { return value }
    let x = value.asDouble ?? .nan
    guard let i = Int(exactly: x.rounded(rule)) else {
      throw MelixError("cannot convert \(Value.formatFloat(x)) to Int in '\(name)'")
    }
    return .int(i)
  }
}
