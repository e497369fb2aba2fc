import Foundation
import MelixInterpreter
import MelixSyntax

/// `melix` with no arguments: the interactive REPL, a notebook at the terminal.
///
/// At a terminal it edits lines with libedit (emacs keys, `~/.editrc`, history in
/// `~/.melix_history` or `$MELIX_HISTORY`, Tab completion, Ctrl-R search), runs each entry
/// in one long-lived session, shows the value of expression statements, and returns to the
/// prompt after any error or Ctrl-C. When standard input is not a terminal it prints no
/// prompt and no escape codes and runs the whole input as one script, like `melix run -`.
public enum REPL {
  /// Runs the REPL on `session` until `:quit`, Ctrl-D or the end of input.
  ///
  /// - Parameters:
  ///   - session: the session every entry runs in; its `output` should write to standard
  ///     output (the REPL flushes C `stdout` before each prompt).
  ///   - environment: read for `MELIX_HISTORY`, `HOME`, `NO_COLOR` and `TERM`.
  /// - Returns: the exit status: 0 after an interactive session; when standard input is
  ///   not a terminal, 0 on success, 1 after a runtime error, 2 after compile errors, 64
  ///   when the input is not UTF-8 (the driver's usage-level status).
  public static func run(
    session: Session, environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> Int32 {
    run(engine: SessionEngine(session: session), environment: environment)
  }

  /// Runs the REPL on any engine (the real session's adapter, or a test's fake).
  ///
  /// - Parameters:
  ///   - engine: runs the entries.
  ///   - environment: read for `MELIX_HISTORY`, `HOME`, `NO_COLOR` and `TERM`.
  /// - Returns: the exit status, as for `run(session:environment:)`.
  public static func run(engine: REPLEngine, environment: [String: String]) -> Int32 {
    let relay = InterruptRelay(engine: engine)
    guard isatty(STDIN_FILENO) != 0 else {
      let console = Console.standard(color: false, errorColor: false)
      guard let text = String(data: FileHandle.standardInput.readDataToEndOfFile(), encoding: .utf8)
      else {
        console.writeError("melix: error: '<stdin>' is not valid UTF-8 text\n")
        return 64
      }
      return runScript(text, engine: engine, console: console, relay: relay)
    }
    let console = Console.standard(
      color: ColorPolicy.allowsColor(
        isTerminal: isatty(STDOUT_FILENO) != 0, environment: environment),
      errorColor: ColorPolicy.allowsColor(
        isTerminal: isatty(STDERR_FILENO) != 0, environment: environment))
    let historyFile = HistoryFile.path(in: environment).map { HistoryFile(path: $0, limit: 1000) }
    let input: LineSource =
      LineEditor(
        historyFile: historyFile,
        complete: { [unowned engine] line, cursor in
          REPLCompleter(engine: engine).completions(for: line, cursor: cursor)
        },
        warn: console.writeError) ?? PlainLineSource()
    console.write(banner(color: console.color))
    let loop = REPLLoop(engine: engine, input: input, console: console, relay: relay)
    return loop.run()
  }

  /// Runs `text` as one script named `<stdin>` without showing values.
  ///
  /// - Returns: 0 on success, 1 after a runtime error, 2 after compile errors.
  static func runScript(
    _ text: String, engine: REPLEngine, console: Console, relay: InterruptRelay?
  ) -> Int32 {
    let source = SourceFile(path: "<stdin>", text: text)
    let run = { engine.run(source, display: false, color: console.errorColor) }
    switch relay?.whileRunning(run).result ?? run() {
    case .success:
      return 0
    case .runtimeError(let rendered):
      console.writeError(rendered)
      return 1
    case .compileErrors(let rendered):
      console.writeError(rendered)
      return 2
    }
  }

  static func banner(color: Bool) -> String {
    "Melix " + paint("·", .dim, enabled: color) + " :help for help, Tab completes, Ctrl-D leaves\n"
  }
}

/// Reads lines without editing, when libedit cannot start on the terminal.
final class PlainLineSource: LineSource {
  func readLine(prompt: String) -> LineEvent {
    fputs(prompt, stdout)
    fflush(stdout)
    guard let line = Swift.readLine(strippingNewline: true) else { return .endOfInput }
    return .line(line)
  }

  func hasPendingInput() -> Bool { false }

  func remember(_ line: String) {}
}
