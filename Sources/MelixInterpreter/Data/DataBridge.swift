import Foundation
import MelixData
import MelixNumerics

/// Helpers shared by the dataset built-ins: reading arguments, resolving paths, and turning
/// `DataError`s into Melix runtime errors.
enum DataBridge {
  /// Resolves `path` as `import` does: an absolute path as is; a relative one against the
  /// folder of the running file, or the working directory at the REPL (`<repl:3>`, `<-e>`).
  ///
  /// A function defined in an imported file resolves against the file that is running, not
  /// the one it was defined in.
  ///
  /// - Parameters:
  ///   - path: The path the user wrote.
  ///   - context: The running interpreter (its `currentPath`).
  /// - Returns: The path to open.
  static func resolve(_ path: String, context: CallContext) -> String {
    if path.hasPrefix("/") { return path }
    let current = context.currentPath
    if current.isEmpty || current.hasPrefix("<") { return path }
    let folder = (current as NSString).deletingLastPathComponent
    return folder.isEmpty ? path : (folder as NSString).appendingPathComponent(path)
  }

  /// Runs `body`, converting a `DataError` into a `MelixError` with the library's message;
  /// the resolved path is shown as the user wrote it.
  ///
  /// - Parameters:
  ///   - resolved: The resolved path, if a file is involved.
  ///   - written: The path as the user wrote it.
  ///   - body: The library call.
  /// - Returns: The body's result.
  /// - Throws: `MelixError` with the library's message (an unknown column gets a
  ///   did-you-mean help); other errors unchanged.
  static func run<T>(
    path resolved: String? = nil, as written: String? = nil, _ body: () throws -> T
  ) throws -> T {
    do {
      return try body()
    } catch let error as DataError {
      var message = error.description
      if let resolved, let written, resolved != written {
        message = message.replacingOccurrences(of: resolved, with: written)
      }
      var converted = MelixError(message)
      if case .unknownColumn(let name, let available) = error {
        converted.help = Suggestions.nearest(name, among: available).map { "did you mean '\($0)'?" }
      }
      throw converted
    }
  }

  /// The dataset an argument holds.
  ///
  /// - Parameters:
  ///   - value: The argument.
  ///   - function: The built-in's name, for the error.
  ///   - parameter: The parameter's name, for the error.
  /// - Returns: The dataset.
  /// - Throws: `MelixError` `argument 'p' of 'f': expected Dataset, got T`.
  static func dataset(_ value: Value, _ function: String, _ parameter: String = "dataset") throws
    -> Dataset
  {
    if case .native(let native) = value, let wrapped = native as? DatasetValue {
      return wrapped.dataset
    }
    throw MelixError(
      Messages.argumentType(function, parameter, expected: "Dataset", got: value.typeName))
  }

  /// A list of strings from a List or Tuple of Strings (or one String).
  ///
  /// - Throws: `MelixError` naming the parameter for any other element.
  static func strings(_ value: Value, _ function: String, _ parameter: String) throws -> [String] {
    if case .string(let single) = value { return [single] }
    let items: [Value]
    switch value {
    case .list(let list): items = list.items
    case .tuple(let tuple): items = tuple.items
    default:
      throw MelixError(
        Messages.argumentType(function, parameter, expected: "List of String", got: value.typeName))
    }
    return try items.map { item in
      guard case .string(let text) = item else {
        throw MelixError(
          Messages.argumentType(
            function, parameter, expected: "List of String", got: "List containing \(item.typeName)"
          ))
      }
      return text
    }
  }

  /// Optional strings: nil for `nil`.
  static func optionalStrings(_ value: Value, _ function: String, _ parameter: String) throws
    -> [String]?
  {
    if case .null = value { return nil }
    return try strings(value, function, parameter)
  }

  /// A seed as the library's `UInt64`: an Int's bit pattern (so negative seeds work too),
  /// or for `nil` the next draw of the session's generator (`SessionRandom`, which starts
  /// from seed 0 and which `set_seed` restarts), so unseeded scripts still repeat exactly.
  ///
  /// - Parameters:
  ///   - value: The `seed:` argument, an Int or nil.
  ///   - context: The calling interpreter (owner of the session's generator).
  static func seed(_ value: Value, _ context: CallContext) -> UInt64 {
    if case .int(let i) = value { return UInt64(bitPattern: Int64(i)) }
    return SessionRandom.of(context).generator.next()
  }

  /// An Int argument (the table has already checked the type).
  static func int(_ value: Value) -> Int {
    if case .int(let i) = value { return i }
    return 0
  }

  /// A Bool argument (the table has already checked the type).
  static func bool(_ value: Value) -> Bool {
    if case .bool(let b) = value { return b }
    return false
  }

  /// A String argument, or nil for `nil`.
  static func string(_ value: Value) -> String? {
    if case .string(let s) = value { return s }
    return nil
  }

  /// A Melix list of strings.
  static func list(_ texts: [String]) -> Value { .list(ListRef(texts.map { .string($0) })) }

  /// A Melix list of floats.
  static func list(_ numbers: [Double]) -> Value { .list(ListRef(numbers.map { .float($0) })) }

  /// A number cell as a Melix value: nil when missing (NaN).
  static func cell(_ number: Double) -> Value { number.isNaN ? .null : .float(number) }
}

extension DataBridge {
  /// The library's unknown-column error as a `MelixError`.
  static func unknownColumn(_ name: String, _ available: [String]) -> MelixError {
    var error = MelixError(DataError.unknownColumn(name: name, available: available).description)
    error.help = Suggestions.nearest(name, among: available).map { "did you mean '\($0)'?" }
    return error
  }
}

extension DataBridge {
  /// Ints from a List or Tuple of Ints, or an integer tensor.
  ///
  /// - Throws: `MelixError` naming the parameter for anything else.
  static func ints(_ value: Value, _ function: String, _ parameter: String) throws -> [Int] {
    if let t = value.tensorValue, t.dtype == .int64 { return t.toArray(Int64.self).map { Int($0) } }
    let items: [Value]
    switch value {
    case .list(let list): items = list.items
    case .tuple(let tuple): items = tuple.items
    default:
      throw MelixError(
        Messages.argumentType(function, parameter, expected: "List of Int", got: value.typeName))
    }
    return try items.map { item in
      guard case .int(let i) = item else {
        throw MelixError(
          Messages.argumentType(
            function, parameter, expected: "List of Int", got: "List containing \(item.typeName)"))
      }
      return i
    }
  }
}
