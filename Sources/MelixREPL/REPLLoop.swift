import Foundation
import MelixSyntax

/// The interactive read–run–show loop, on one long-lived engine.
///
/// Each entry is either a command (`:help`, `:run FILE`, ...) or Melix code. Code keeps
/// reading lines with a `...` prompt while the engine says the construct is unfinished or
/// more pasted input is waiting, then runs as one entry; the value of a trailing
/// expression is shown, errors are shown with their caret, and the session carries on.
final class REPLLoop {
  /// The prompt for a new entry.
  static let prompt = ">>> "
  /// The prompt while an entry continues on further lines.
  static let continuationPrompt = "... "

  let engine: REPLEngine
  let input: LineSource
  let console: Console
  let relay: InterruptRelay?
  /// Reads a script for `:load`, `:run` and `:cells`.
  let readFile: (String) throws(ScriptReadError) -> String
  /// A monotonic clock in nanoseconds, for `:time`.
  let now: () -> UInt64
  /// Numbers the entries: their source path is `<repl:N>`.
  private var entryCount = 0

  init(
    engine: REPLEngine, input: LineSource, console: Console, relay: InterruptRelay?,
    readFile: @escaping (String) throws(ScriptReadError) -> String = REPLLoop.readScript,
    now: @escaping () -> UInt64 = { DispatchTime.now().uptimeNanoseconds }
  ) {
    self.engine = engine
    self.input = input
    self.console = console
    self.relay = relay
    self.readFile = readFile
    self.now = now
  }

  /// Reads and runs entries until `:quit` or end of input.
  ///
  /// - Returns: the exit status, 0.
  func run() -> Int32 {
    while let entry = readEntry() {
      if case .quit = handle(entry) { break }
    }
    return 0
  }

  // MARK: - Reading entries

  /// Reads one whole entry; nil at end of input on an empty prompt.
  func readEntry() -> String? {
    var lines: [String] = []
    while true {
      let prompt = lines.isEmpty ? REPLLoop.prompt : REPLLoop.continuationPrompt
      switch input.readLine(prompt: paintedPrompt(prompt)) {
      case .endOfInput:
        if lines.isEmpty {
          console.write("\n")
          return nil
        }
        // Ctrl-D inside an unfinished entry runs it, so the engine reports what is open.
        return lines.joined(separator: "\n")
      case .interrupt:
        lines = []
      case .line(let line):
        input.remember(line)
        if lines.isEmpty && line.isBlank { continue }
        if lines.isEmpty && Command.isCommand(line) { return line }
        // Two blank lines in a row end an entry even if it looks unfinished, so a
        // stray open construct never traps the user.
        let forced = line.isBlank && lines.last?.isBlank == true
        lines.append(line)
        let text = lines.joined(separator: "\n")
        if !forced && (engine.needsMoreInput(text) || input.hasPendingInput()) { continue }
        return text
      }
    }
  }

  private func paintedPrompt(_ prompt: String) -> String {
    guard console.color else { return prompt }
    // \u{1} brackets the escape codes so libedit does not count them as columns. libedit
    // drops invisible text at the very end of a prompt, so the reset goes before the
    // prompt's final blank.
    let mark = prompt.trimmingBlanksAtEnd()
    let blanks = String(prompt.dropFirst(mark.count))
    return "\u{1}\u{1B}[1;32m\u{1}\(mark)\u{1}\u{1B}[0m\u{1}\(blanks)"
  }

  // MARK: - Running entries

  /// What handling an entry asks of the loop.
  enum Next { case proceed, quit }

  /// Runs one entry: a command or Melix code.
  @discardableResult
  func handle(_ entry: String) -> Next {
    guard Command.isCommand(entry) else {
      runCode(entry)
      return .proceed
    }
    do {
      return execute(try Command.parse(entry))
    } catch {
      console.error(error.message, help: error.help)
      return .proceed
    }
  }

  /// Runs Melix code as the next `<repl:N>` entry and shows its value or its error.
  ///
  /// - Returns: true when it ran without error.
  @discardableResult
  func runCode(_ code: String, display: Bool = true) -> Bool {
    entryCount += 1
    return runSource(SourceFile(path: "<repl:\(entryCount)>", text: code), display: display)
  }

  /// Runs a source with SIGINT relayed to the engine; shows the value or the error.
  ///
  /// - Returns: true when it ran without error.
  @discardableResult
  func runSource(_ source: SourceFile, display: Bool) -> Bool {
    let run = { self.engine.run(source, display: display, color: self.console.errorColor) }
    let outcome: EngineOutcome
    if let relay {
      let (result, interrupted) = relay.whileRunning(run)
      // The terminal echoed '^C' where the cursor was; start the report on a fresh line.
      if interrupted { console.write("\n") }
      outcome = result
    } else {
      outcome = run()
    }
    switch outcome {
    case .success(let shown):
      if let shown { console.write(shown.hasSuffix("\n") ? shown : shown + "\n") }
      return true
    case .compileErrors(let rendered), .runtimeError(let rendered):
      console.writeError(rendered)
      return false
    }
  }

  /// Reads a script as UTF-8, expanding a leading `~`.
  ///
  /// - Throws: `ScriptReadError` naming the path: missing, a folder, unreadable, or not
  ///   UTF-8.
  static func readScript(_ path: String) throws(ScriptReadError) -> String {
    let expanded = (path as NSString).expandingTildeInPath
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: expanded, isDirectory: &isDirectory) else {
      throw .noSuchFile(path: path)
    }
    if isDirectory.boolValue { throw .isDirectory(path: path) }
    guard let data = FileManager.default.contents(atPath: expanded) else {
      throw .unreadable(path: path)
    }
    guard let text = String(data: data, encoding: .utf8) else { throw .notUTF8(path: path) }
    return text
  }
}

extension String {
  /// True when the string is empty or only whitespace.
  var isBlank: Bool { allSatisfy(\.isWhitespace) }
}

/// Why a script named in `:load`, `:run` or `:cells` could not be read.
enum ScriptReadError: Error, Equatable {
  case noSuchFile(path: String)
  case isDirectory(path: String)
  case unreadable(path: String)
  case notUTF8(path: String)

  /// The message, lower case, naming the path.
  var message: String {
    switch self {
    case .noSuchFile(let path): return "no such file '\(path)'"
    case .isDirectory(let path): return "'\(path)' is a folder, not a script"
    case .unreadable(let path): return "cannot read '\(path)'"
    case .notUTF8(let path): return "'\(path)' is not UTF-8 text"
    }
  }

  /// Where a relative path was looked for (the REPL's working folder), or nil.
  ///
  /// - Parameter workingDirectory: The folder relative paths are read from.
  func help(workingDirectory: String) -> String? {
    guard case .noSuchFile(let path) = self, !path.hasPrefix("/"), !path.hasPrefix("~") else {
      return nil
    }
    return "looked in '\(workingDirectory)', the folder melix was started in"
  }
}
