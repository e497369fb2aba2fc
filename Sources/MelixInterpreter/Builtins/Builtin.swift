import MelixSyntax

/// The Melix type a built-in parameter accepts; the interpreter checks arguments against it.
public enum ParameterType: Sendable {
  /// Anything.
  case any
  /// `Int`.
  case int
  /// `Int` or `Float` (built-ins read it with `Value.asDouble`).
  case number
  /// `String`.
  case string
  /// `Bool`.
  case bool
  /// `List`.
  case list
  /// `Dict`.
  case dict
  /// `Tuple` (a shape such as `t.shape`).
  case tuple
  /// A function or built-in.
  case function
  /// Something a `for` loop can visit.
  case iterable
  /// Something with a length: String, List, Tuple, Dict, Range or a native value with one.
  case sized
  /// One of several types.
  case oneOf([ParameterType])
  /// The type or `nil`.
  indirect case optional(ParameterType)
  /// A native value whose `typeName` is the given name (`Dataset`, `Tensor`).
  case native(String)

  /// How the type is named in messages (`Float`, `Int or Float`).
  public var name: String {
    switch self {
    case .any: return "any value"
    case .int: return "Int"
    case .number: return "Int or Float"
    case .string: return "String"
    case .bool: return "Bool"
    case .list: return "List"
    case .dict: return "Dict"
    case .tuple: return "Tuple"
    case .function: return "Function"
    case .iterable: return "an iterable"
    case .sized: return "String, List, Tuple, Dict or Range"
    case .oneOf(let types): return types.map(\.name).joined(separator: " or ")
    case .optional(let type): return type.name + " or nil"
    case .native(let typeName): return typeName
    }
  }

  /// Whether `value` is accepted.
  public func accepts(_ value: Value) -> Bool {
    switch (self, value) {
    case (.any, _): return true
    case (.int, .int): return true
    case (.number, .int), (.number, .float): return true
    case (.string, .string): return true
    case (.bool, .bool): return true
    case (.list, .list): return true
    case (.dict, .dict): return true
    case (.tuple, .tuple): return true
    case (.function, .function), (.function, .builtin): return true
    case (.iterable, .list), (.iterable, .tuple), (.iterable, .dict), (.iterable, .range), (.iterable, .string):
      return true
    case (.iterable, .native(let n)): return n.length != nil
    case (.sized, .list), (.sized, .tuple), (.sized, .dict), (.sized, .range), (.sized, .string): return true
    case (.sized, .native(let n)): return n.length != nil
    case (.oneOf(let types), _): return types.contains { $0.accepts(value) }
    case (.optional, .null): return true
    case (.optional(let type), _): return type.accepts(value)
    case (.native(let typeName), .native(let n)): return n.typeName == typeName
    default: return false
    }
  }
}

/// One parameter of a built-in.
public struct BuiltinParameter: Sendable {
  /// The name (usable as a keyword).
  public let name: String
  /// The accepted type.
  public let type: ParameterType
  /// The default, or nil when the parameter is required.
  public let defaultValue: String?
  /// True for a trailing `values...` parameter that collects the remaining positionals.
  public let isVariadic: Bool
  /// True when the parameter can only be given by keyword (`seed: 0`), as after Python's `*`:
  /// it and every parameter after it take no positional argument, so `rand(2, 3)` (NumPy's
  /// habit) is an error instead of a seed of 3.
  public let isKeywordOnly: Bool

  /// Creates a parameter.
  ///
  /// - Parameters:
  ///   - name: The name.
  ///   - type: The accepted type.
  ///   - defaultValue: The default written as Melix source (`nil`, `1`, `" "`); nil if required.
  ///   - isVariadic: Collects the remaining positional arguments into a list.
  ///   - isKeywordOnly: Takes no positional argument (nor do the parameters after it).
  public init(
    _ name: String, _ type: ParameterType = .any, default defaultValue: String? = nil,
    variadic isVariadic: Bool = false, keywordOnly isKeywordOnly: Bool = false
  ) {
    self.name = name
    self.type = type
    self.defaultValue = defaultValue
    self.isVariadic = isVariadic
    self.isKeywordOnly = isKeywordOnly
  }
}

/// The part of the language a built-in belongs to; the generated reference (`melix doc`)
/// groups entries by it, in this order.
public enum BuiltinArea: String, CaseIterable, Sendable {
  /// Printing, conversions, types, assertions, time.
  case core
  /// Scalar math functions and constants.
  case math
  /// Lists, dicts and other containers.
  case collections
  /// String functions.
  case strings
  /// Tensor creation, math, reductions, shapes, linear algebra, autograd.
  case tensors
  /// Datasets: reading, inspecting, splitting, preprocessing, validation.
  case data
  /// Models, layers, optimizers, training, metrics, checkpoints.
  case ml

  /// The heading the reference uses (`Machine learning`).
  public var title: String {
    switch self {
    case .core: return "Core"
    case .math: return "Math"
    case .collections: return "Collections"
    case .strings: return "Strings"
    case .tensors: return "Tensors"
    case .data: return "Datasets"
    case .ml: return "Machine learning"
    }
  }
}

/// The context a built-in runs in: lets it print and call Melix functions back.
public typealias CallContext = Interpreter

/// One entry of the built-in table: name, parameters, docs, and the implementation.
///
/// Areas add entries in their own `Builtins/<Area>.swift` file (see `BuiltinTable`).
public final class Builtin {
  /// The name users call.
  public let name: String
  /// Parameters, in order.
  public let parameters: [BuiltinParameter]
  /// The result type, for docs (`Float`, `List`).
  public let returns: String
  /// Documentation: first sentence is the summary.
  public let doc: String
  /// A short runnable example with its output as a comment.
  public let example: String
  /// A constant's value (`pi`); such an entry is not callable.
  public let constant: Value?
  /// The implementation: arguments arrive aligned with `parameters` (defaults filled in, a
  /// variadic parameter as a `.list`).
  let body: ([Value], CallContext) throws -> Value
  private let defaults: [Value?]
  /// A variadic or keyword-only parameter: arguments are bound one by one, never by the
  /// all-positional fast path.
  private let needsBinding: Bool
  /// For an entry made by `init(overloading:)`: the entries it chooses from, in order.
  public let overloads: [Builtin]
  /// The area the entry is documented under: `.core` unless the table places it elsewhere
  /// (`BuiltinTable.standard()` tags each area's entries with `inArea(_:)`). An overloaded
  /// entry takes the area of its first entry; each of its `overloads` keeps its own.
  public let area: BuiltinArea

  /// Creates a function entry.
  ///
  /// - Parameters:
  ///   - name: The name users call.
  ///   - parameters: The parameters in order.
  ///   - returns: The result type, for docs.
  ///   - doc: Documentation; the first sentence is the summary.
  ///   - example: A short example.
  ///   - body: The implementation; arguments come aligned with `parameters`.
  public init(
    _ name: String, _ parameters: [BuiltinParameter], returns: String, doc: String, example: String,
    body: @escaping ([Value], CallContext) throws -> Value
  ) {
    self.name = name
    self.parameters = parameters
    self.returns = returns
    self.doc = doc
    self.example = example
    self.constant = nil
    self.body = body
    self.defaults = parameters.map { $0.defaultValue.map(Builtin.parseDefault) }
    self.needsBinding = parameters.contains { $0.isVariadic || $0.isKeywordOnly }
    self.overloads = []
    self.area = .core
  }

  /// Creates one entry from several entries of the same name (`split` of a String and of a
  /// Dataset). A call runs the first entry whose first parameter accepts the first argument
  /// (positional, or given by that parameter's keyword), else the first entry, whose own
  /// checks then report the error. `:help` shows every entry.
  ///
  /// - Parameter entries: Two or more entries sharing a name, most specific first.
  public init(overloading entries: [Builtin]) {
    let first = entries[0]
    self.name = first.name
    self.parameters = first.parameters
    self.returns = first.returns
    self.doc = first.doc
    self.example = entries.map(\.example).joined(separator: "\n")
    self.constant = nil
    self.body = first.body
    self.defaults = first.defaults
    self.needsBinding = first.needsBinding
    self.overloads = entries.flatMap { $0.overloads.isEmpty ? [$0] : $0.overloads }
    self.area = first.area
  }

  /// Creates a constant entry (`pi`, `inf`).
  ///
  /// - Parameters:
  ///   - name: The name.
  ///   - value: The constant's value.
  ///   - doc: Documentation.
  public init(constant name: String, _ value: Value, doc: String) {
    self.name = name
    self.parameters = []
    self.returns = value.typeName
    self.doc = doc
    self.example = "\(name)  # \(value.repr)"
    self.constant = value
    self.body = { _, _ in value }
    self.defaults = []
    self.needsBinding = false
    self.overloads = []
    self.area = .core
  }

  /// A copy of `entry` documented under `area`.
  private init(_ entry: Builtin, area: BuiltinArea) {
    self.name = entry.name
    self.parameters = entry.parameters
    self.returns = entry.returns
    self.doc = entry.doc
    self.example = entry.example
    self.constant = entry.constant
    self.body = entry.body
    self.defaults = entry.defaults
    self.needsBinding = entry.needsBinding
    self.overloads = entry.overloads.map { $0.inArea(area) }
    self.area = area
  }

  /// This entry (and its overloads) documented under `area`; the behaviour is unchanged.
  ///
  /// - Parameter area: The area the reference lists the entry under.
  /// - Returns: A new entry that differs from this one only in `area`.
  public func inArea(_ area: BuiltinArea) -> Builtin {
    area == self.area ? self : Builtin(self, area: area)
  }

  /// The first sentence of `doc`: up to the first period followed by white space or the
  /// end of the text (so `2.718`, `'0'.` inside code and `e.g.` do not end it). For an
  /// overloaded name, every overload's summary, joined by ` | `.
  public var summary: String {
    if !overloads.isEmpty {
      var seen: Set<String> = []
      return overloads.map(\.summary).filter { seen.insert($0).inserted }.joined(separator: " | ")
    }
    return Builtin.firstSentence(of: doc)
  }

  /// The text of `doc` before the first period that is followed by white space or ends the
  /// text, skipping the abbreviations `e.g.` and `i.e.`.
  ///
  /// - Parameter doc: Documentation text.
  /// - Returns: The first sentence without its period (the whole text when there is none).
  static func firstSentence(of doc: String) -> String {
    let characters = Array(doc)
    var i = 0
    while i < characters.count {
      if characters[i] == ".", i + 1 == characters.count || characters[i + 1].isWhitespace {
        let before = String(characters[max(0, i - 3)..<i])
        if before != "e.g" && before != "i.e" { return String(characters[..<i]) }
      }
      i += 1
    }
    return doc
  }

  /// `name(a, b = 1, values...) -> Type`.
  public var signature: String {
    if constant != nil { return "\(name): \(returns)" }
    let params = parameters.map { p -> String in
      if p.isVariadic { return p.name + "..." }
      if p.isKeywordOnly, let d = p.defaultValue { return "\(p.name): \(p.type.name) = \(d) (keyword only)" }
      if let d = p.defaultValue { return "\(p.name): \(p.type.name) = \(d)" }
      return "\(p.name): \(p.type.name)"
    }
    return "\(name)(\(params.joined(separator: ", "))) -> \(returns)"
  }

  /// The `:help` text: signature, doc, example.
  public var helpText: String {
    if !overloads.isEmpty { return overloads.map(\.helpText).joined(separator: "\n\n") }
    return "\(signature)\n\n\(doc)\n\nexample:\n  \(example.replacingOccurrences("\n", with: "\n  "))"
  }

  private static func parseDefault(_ text: String) -> Value {
    switch text {
    case "nil": return .null
    case "true": return .bool(true)
    case "false": return .bool(false)
    default:
      if let i = Int(text) { return .int(i) }
      if let f = Double(text) { return .float(f) }
      if text.hasPrefix("\"") && text.hasSuffix("\"") && text.count >= 2 {
        return .string(String(text.dropFirst().dropLast()).replacingOccurrences("\\n", with: "\n"))
      }
      return .string(text)
    }
  }

  /// Binds arguments to parameters, checks them against the table, and runs the body.
  ///
  /// - Throws: `MelixError` naming this built-in and the parameter for wrong arity, an
  ///   unknown keyword or a wrong type; the body's own errors.
  public func invoke(positional: [Value], keywords: [(String, Value)], context: CallContext) throws -> Value {
    if constant != nil { throw MelixError(Messages.notCallable(returns) + " ('\(name)' is a constant)") }
    if !overloads.isEmpty {
      let chosen = overloads.first { entry in
        guard let parameter = entry.parameters.first, !parameter.isVariadic else { return false }
        guard let value = positional.first ?? keywords.first(where: { $0.0 == parameter.name })?.1 else { return false }
        return parameter.type.accepts(value)
      } ?? (positional.isEmpty && keywords.isEmpty ? overloads.first { entry in
        // A call without arguments (`relu()` as a layer) goes to an entry that needs none.
        entry.parameters.allSatisfy { $0.defaultValue != nil || $0.isVariadic }
      } : nil) ?? overloads[0]
      return try chosen.invoke(positional: positional, keywords: keywords, context: context)
    }
    // Fast path: every parameter given positionally, none variadic (`len(xs)`, `append(xs, v)`).
    if keywords.isEmpty && positional.count == parameters.count && !needsBinding {
      for (parameter, value) in zip(parameters, positional) where !parameter.type.accepts(value) {
        if parameter.defaultValue == "nil", case .null = value { continue }
        throw typeError(parameter, value)
      }
      return try body(positional, context)
    }
    var bound = [Value?](repeating: nil, count: parameters.count)
    var position = 0
    for (i, parameter) in parameters.enumerated() {
      if parameter.isKeywordOnly {
        if position < positional.count {
          var error = MelixError(Messages.keywordOnly(name, parameter.name, value: positional[position].repr))
          if parameters.first?.name == "shape" { error.help = shapeHelp }
          throw error
        }
        break
      }
      if parameter.isVariadic {
        bound[i] = .list(ListRef(Array(positional[min(position, positional.count)...])))
        position = positional.count
        break
      }
      if position < positional.count {
        bound[i] = positional[position]
        position += 1
      }
    }
    if position < positional.count {
      throw MelixError(Messages.tooManyArguments(name, expected: parameters.count, got: positional.count))
    }
    for (label, value) in keywords {
      guard let i = parameters.firstIndex(where: { $0.name == label && !$0.isVariadic }) else {
        var error = MelixError(Messages.unknownKeyword(name, label))
        error.keyword = label
        error.help = Suggestions.keyword(label, of: name, parameters: parameters.filter { !$0.isVariadic }.map(\.name))
        throw error
      }
      if bound[i] != nil { throw MelixError(Messages.duplicateArgument(name, label)) }
      bound[i] = value
    }
    var values: [Value] = []
    values.reserveCapacity(parameters.count)
    for (i, parameter) in parameters.enumerated() {
      guard let value = bound[i] ?? defaults[i] else {
        throw MelixError(Messages.missingArgument(name, parameter.name))
      }
      if !parameter.isVariadic && !parameter.type.accepts(value) && !(parameter.defaultValue == "nil" && isNull(value)) {
        throw typeError(parameter, value)
      }
      values.append(value)
    }
    return try body(values, context)
  }

  /// An argument of the wrong type; a number after a `shape` (NumPy's `zeros(2, 3)` habit)
  /// gets a hint that a shape is one list.
  private func typeError(_ parameter: BuiltinParameter, _ value: Value) -> MelixError {
    var error = MelixError(Messages.argumentType(name, parameter.name, expected: parameter.type.name, got: value.typeName))
    if parameters.first?.name == "shape", parameter.name != "shape", case .int = value {
      error.help = shapeHelp
    }
    return error
  }

  /// The hint for a built-in whose first parameter is a shape, given numbers one by one.
  private var shapeHelp: String { Messages.shapeIsOneList(name) }

  private func isNull(_ value: Value) -> Bool {
    if case .null = value { return true }
    return false
  }
}

extension Array where Element == Builtin {
  /// Every entry documented under `area` (see `Builtin.inArea(_:)`).
  ///
  /// - Parameter area: The area the reference lists the entries under.
  /// - Returns: The entries, in the same order, tagged with `area`.
  public func inArea(_ area: BuiltinArea) -> [Builtin] {
    map { $0.inArea(area) }
  }
}

extension Value {
  /// The number as a Double (Int converted), or nil when not a number.
  public var asDouble: Double? {
    switch self {
    case .int(let i): return Double(i)
    case .float(let f): return f
    default: return nil
    }
  }
}

extension String {
  /// Replaces every occurrence of `target` (Foundation-free).
  func replacingOccurrences(_ target: String, with replacement: String) -> String {
    guard !target.isEmpty else { return self }
    return components(separatedByString: target).joined(separator: replacement)
  }

  /// Splits on every occurrence of `separator` (Foundation-free, keeps empty pieces).
  func components(separatedByString separator: String) -> [String] {
    var pieces: [String] = []
    var current = ""
    var rest = self[...]
    while !rest.isEmpty {
      if rest.hasPrefix(separator) {
        pieces.append(current)
        current = ""
        rest = rest.dropFirst(separator.count)
      } else {
        current.append(rest.removeFirst())
      }
    }
    pieces.append(current)
    return pieces
  }
}
