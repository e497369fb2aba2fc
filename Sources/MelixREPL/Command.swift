/// A REPL command: an entry that starts with `:`.
enum Command: Equatable, Sendable {
  /// `:help` lists commands and built-ins; `:help NAME` shows one built-in or command.
  case help(topic: String?)
  /// `:vars` lists the user's globals with their kinds and shapes.
  case vars
  /// `:time STATEMENT` runs the statement and prints the wall-clock time it took.
  case time(statement: String)
  /// `:load FILE` runs a script in this session so its definitions stay.
  case load(path: String)
  /// `:run FILE [--cell N]` runs a script (or one cell after its preamble) in this session,
  /// showing the value of each cell's last expression.
  case run(path: String, cell: Int?)
  /// `:cells FILE` lists a script's notebook cells.
  case cells(path: String)
  /// `:reset` forgets every user global.
  case reset
  /// `:quit` (or `:q`) leaves the REPL.
  case quit

  /// One command's name, arguments and one-line summary, for `:help` and suggestions.
  struct Spec: Sendable {
    /// The name without the colon.
    let name: String
    /// The arguments, as shown in `:help` (may be empty).
    let arguments: String
    /// One line saying what the command does.
    let summary: String
  }

  /// Every command, in the order `:help` lists them.
  static let specs: [Spec] = [
    Spec(name: "help", arguments: "[NAME]", summary: "list commands and built-ins, or show one"),
    Spec(name: "vars", arguments: "", summary: "list your variables with their kinds and shapes"),
    Spec(
      name: "time", arguments: "STATEMENT", summary: "run a statement and show how long it took"),
    Spec(name: "load", arguments: "FILE", summary: "run a script here, keeping its definitions"),
    Spec(
      name: "run", arguments: "FILE [--cell N]",
      summary: "run a script or one of its cells, showing each cell's value"),
    Spec(name: "cells", arguments: "FILE", summary: "list the #%% cells of a script"),
    Spec(name: "reset", arguments: "", summary: "forget every variable you defined"),
    Spec(name: "quit", arguments: "", summary: "leave (Ctrl-D works too)"),
  ]

  /// True when `entry` is a command rather than Melix code: its first non-blank
  /// character is `:`.
  static func isCommand(_ entry: String) -> Bool {
    entry.first(where: { !$0.isWhitespace }) == ":"
  }

  /// Parses a command entry such as `:run exp.mlx --cell 2`.
  ///
  /// - Parameter entry: the whole entry, starting (after blanks) with `:`.
  /// - Returns: the command.
  /// - Throws: `CommandError` naming the problem: an unknown command (with the nearest
  ///   known one), a missing or extra argument, or a bad cell number.
  static func parse(_ entry: String) throws(CommandError) -> Command {
    let trimmed = entry.trimmingBlanks()
    let body = trimmed.dropFirst()  // the ':'
    let name = String(body.prefix(while: { !$0.isWhitespace }))
    let rest = String(body.dropFirst(name.count)).trimmingBlanks()
    switch name {
    case "help", "h", "?":
      return .help(topic: rest.isEmpty ? nil : rest)
    case "vars":
      try noArguments(rest, command: name)
      return .vars
    case "time":
      guard !rest.isEmpty else { throw .missingArgument(command: name, argument: "STATEMENT") }
      return .time(statement: rest)
    case "load":
      return .load(path: try singlePath(rest, command: name))
    case "cells":
      return .cells(path: try singlePath(rest, command: name))
    case "run":
      return try parseRun(rest)
    case "reset":
      try noArguments(rest, command: name)
      return .reset
    case "quit", "q", "exit":
      try noArguments(rest, command: name)
      return .quit
    default:
      let suggestion = EditDistance.nearest(to: name, in: specs.map(\.name))
      throw .unknownCommand(name: name, suggestion: suggestion)
    }
  }

  private static func noArguments(_ rest: String, command: String) throws(CommandError) {
    if !rest.isEmpty { throw .unexpectedArgument(command: command, argument: rest) }
  }

  private static func singlePath(_ rest: String, command: String) throws(CommandError) -> String {
    let words = try Words.split(rest)
    guard let path = words.first else {
      throw .missingArgument(command: command, argument: "FILE")
    }
    if words.count > 1 { throw .unexpectedArgument(command: command, argument: words[1]) }
    return path
  }

  private static func parseRun(_ rest: String) throws(CommandError) -> Command {
    var words = try Words.split(rest)[...]
    var path: String?
    var cell: Int?
    while let word = words.popFirst() {
      var value: String?
      if word == "--cell" {
        guard let next = words.popFirst() else {
          throw .missingArgument(command: "run", argument: "N after '--cell'")
        }
        value = next
      } else if word.hasPrefix("--cell=") {
        value = String(word.dropFirst("--cell=".count))
      } else if path == nil {
        path = word
        continue
      } else {
        throw .unexpectedArgument(command: "run", argument: word)
      }
      guard let text = value, let number = Int(text), number >= 1 else {
        throw .badCellNumber(value ?? "")
      }
      cell = number
    }
    guard let path else { throw .missingArgument(command: "run", argument: "FILE") }
    return .run(path: path, cell: cell)
  }
}

/// Why a command entry could not be parsed.
enum CommandError: Error, Equatable, Sendable {
  /// No command has this name; `suggestion` is the nearest one, if any is close.
  case unknownCommand(name: String, suggestion: String?)
  /// A required argument is missing.
  case missingArgument(command: String, argument: String)
  /// The command takes no (further) argument, but got this one.
  case unexpectedArgument(command: String, argument: String)
  /// `--cell` needs a whole number from 1 up.
  case badCellNumber(String)
  /// A quoted argument has no closing quote.
  case unterminatedQuote

  /// The message, lower case, code in single quotes (STYLE.md section 5).
  var message: String {
    switch self {
    case .unknownCommand(let name, _):
      return "unknown command ':\(name)'"
    case .missingArgument(let command, let argument):
      return "':\(command)' needs \(argument)"
    case .unexpectedArgument(let command, let argument):
      return "unexpected argument '\(argument)' to ':\(command)'"
    case .badCellNumber(let text):
      return "cell number must be a whole number from 1 up, got '\(text)'"
    case .unterminatedQuote:
      return "missing closing quote in command arguments"
    }
  }

  /// A suggestion for the fix, shown on a `help:` line, or nil.
  var help: String? {
    switch self {
    case .unknownCommand(_, let suggestion?):
      return "did you mean ':\(suggestion)'?"
    case .unknownCommand(_, nil):
      return "':help' lists the commands"
    case .missingArgument(let command, _), .unexpectedArgument(let command, _):
      guard let spec = Command.specs.first(where: { $0.name == command }) else { return nil }
      return "usage: :\(spec.name) \(spec.arguments)"
    case .badCellNumber, .unterminatedQuote:
      return nil
    }
  }
}

/// Splits command arguments at blanks; double or single quotes keep blanks in one word.
enum Words {
  static func split(_ text: String) throws(CommandError) -> [String] {
    var words: [String] = []
    var current = ""
    var quote: Character?
    var inWord = false
    for ch in text {
      if let open = quote {
        if ch == open { quote = nil } else { current.append(ch) }
      } else if ch == "\"" || ch == "'" {
        quote = ch
        inWord = true
      } else if ch.isWhitespace {
        if inWord { words.append(current) }
        current = ""
        inWord = false
      } else {
        current.append(ch)
        inWord = true
      }
    }
    if quote != nil { throw .unterminatedQuote }
    if inWord { words.append(current) }
    return words
  }
}

extension String {
  /// The string without leading and trailing whitespace and newlines.
  func trimmingBlanks() -> String {
    guard let first = firstIndex(where: { !$0.isWhitespace }),
      let last = lastIndex(where: { !$0.isWhitespace })
    else { return "" }
    return String(self[first...last])
  }
}
