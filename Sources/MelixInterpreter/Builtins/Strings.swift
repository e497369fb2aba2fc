import Foundation

extension BuiltinTable {
  /// join split upper lower replace strip startswith endswith format.
  static func strings() -> [Builtin] {
    [
      Builtin(
        "join", [BuiltinParameter("values", .iterable), BuiltinParameter("separator", .string, default: "\"\"")], returns: "String",
        doc: "The values' texts joined with 'separator' between them.",
        example: "join([\"a\", \"b\"], \", \")  # \"a, b\""
      ) { args, _ in
        guard case .string(let sep) = args[1] else { return .null }
        return .string(try Operators.elements(of: args[0]).map(\.displayText).joined(separator: sep))
      },
      Builtin(
        "split", [BuiltinParameter("text", .string), BuiltinParameter("separator", .optional(.string), default: "nil")], returns: "List",
        doc: "The pieces of the text between separators; without a separator, the words between runs of whitespace.",
        example: "split(\"a,b\", \",\")  # [\"a\", \"b\"]"
      ) { args, _ in
        guard case .string(let text) = args[0] else { return .null }
        if case .string(let sep) = args[1] {
          if sep.isEmpty { throw MelixError("'split' separator is empty") }
          return .list(ListRef(text.components(separatedByString: sep).map { .string($0) }))
        }
        return .list(ListRef(text.split(whereSeparator: { $0.isWhitespace }).map { .string(String($0)) }))
      },
      Builtin("upper", [BuiltinParameter("text", .string)], returns: "String", doc: "The text in upper case.", example: "upper(\"ab\")  # \"AB\"") { args, _ in
        guard case .string(let s) = args[0] else { return .null }
        return .string(s.uppercased())
      },
      Builtin("lower", [BuiltinParameter("text", .string)], returns: "String", doc: "The text in lower case.", example: "lower(\"AB\")  # \"ab\"") { args, _ in
        guard case .string(let s) = args[0] else { return .null }
        return .string(s.lowercased())
      },
      Builtin(
        "replace", [BuiltinParameter("text", .string), BuiltinParameter("old", .string), BuiltinParameter("new", .string)], returns: "String",
        doc: "The text with every occurrence of 'old' replaced by 'new'.", example: "replace(\"a-b\", \"-\", \"+\")  # \"a+b\""
      ) { args, _ in
        guard case .string(let s) = args[0], case .string(let old) = args[1], case .string(let new) = args[2] else { return .null }
        if old.isEmpty { throw MelixError("'replace' needs a non-empty 'old'") }
        return .string(s.replacingOccurrences(old, with: new))
      },
      Builtin("strip", [BuiltinParameter("text", .string)], returns: "String", doc: "The text without leading and trailing whitespace.", example: "strip(\"  a \")  # \"a\"") { args, _ in
        guard case .string(let s) = args[0] else { return .null }
        return .string(s.trimmingCharacters(in: .whitespacesAndNewlines))
      },
      Builtin("startswith", [BuiltinParameter("text", .string), BuiltinParameter("prefix", .string)], returns: "Bool", doc: "Whether the text starts with the prefix.", example: "startswith(\"melix\", \"me\")  # true") { args, _ in
        guard case .string(let s) = args[0], case .string(let p) = args[1] else { return .null }
        return .bool(s.hasPrefix(p))
      },
      Builtin("endswith", [BuiltinParameter("text", .string), BuiltinParameter("suffix", .string)], returns: "Bool", doc: "Whether the text ends with the suffix.", example: "endswith(\"a.mlx\", \".mlx\")  # true") { args, _ in
        guard case .string(let s) = args[0], case .string(let p) = args[1] else { return .null }
        return .bool(s.hasSuffix(p))
      },
      Builtin(
        "format", [BuiltinParameter("value", .any), BuiltinParameter("spec", .string, default: "\"\"")], returns: "String",
        doc: "The value formatted by a Python-style spec, as in \"{x:.3f}\": [[fill]align][sign][0][width][,][.precision][type] with types d f e g % s x o b.",
        example: "format(1234.5, \",.1f\")  # \"1,234.5\""
      ) { args, _ in
        guard case .string(let spec) = args[1] else { return .null }
        if spec.isEmpty { return .string(args[0].displayText) }
        if case .native(let native) = args[0], let text = try native.formatted(spec: spec) { return .string(text) }
        return .string(try FormatSpec(spec).apply(to: args[0]))
      },
    ]
  }
}
