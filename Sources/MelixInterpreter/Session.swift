// CONTRACT STUB (replace with the real implementation, keep these public signatures).
import MelixSyntax

/// A runtime error with its place and the Melix call trace.
public struct RuntimeFailure: Error, Sendable {
  /// Lower-case message, e.g. `integer division by zero`.
  public let message: String
  /// The source the failing node came from.
  public let source: SourceFile
  /// 1-based line and column of the operator or call that failed.
  public let line: Int
  public let column: Int
  /// One entry per Melix frame, innermost first: function name, path, line.
  public let trace: [(function: String, path: String, line: Int)]

  /// `path:line:col: runtime error: message`, source line, caret, `  at f (path:line)` lines.
  public func rendered(color: Bool) -> String {
    "\(source.path):\(line):\(column): runtime error: \(message)"
  }
}

/// What running a piece of source produced.
public enum RunResult: Sendable {
  /// Ran to the end. `display` is the printed form of the value of a trailing expression
  /// statement when `display: true` was asked and the value is not nil.
  case success(display: String?)
  /// Lexing, parsing or resolving failed; nothing ran.
  case compileErrors([Diagnostic])
  /// A runtime error stopped the run (includes an interrupt by Ctrl-C).
  case runtimeError(RuntimeFailure)
}

/// One interpreter session: its globals, RNG, output. Many can exist side by side.
public final class Session {
  /// - Parameters:
  ///   - output: receives everything Melix code prints (already newline-terminated).
  ///   - searchPaths: extra folders searched by `import` after the importing file's folder
  ///     (the driver passes the `stdlib/` folder).
  public init(output: @escaping (String) -> Void, searchPaths: [String] = []) {}

  /// Parses, resolves and runs `source` in this session. Globals persist across calls
  /// (the REPL runs each entry through here). Runs on a thread with a large stack.
  public func run(_ source: SourceFile, display: Bool = false) -> RunResult { .success(display: nil) }

  /// Parses and resolves only (`melix check`).
  public func check(_ source: SourceFile) -> [Diagnostic] { [] }

  /// Asks a running `run` to stop at the next loop back-edge or call with an
  /// `interrupted` runtime error. Safe to call from any thread (a SIGINT handler's).
  public func interrupt() {}

  /// Names visible at the top level (globals, built-ins, keywords): for REPL completion.
  public func completionNames() -> [String] { [] }

  /// `(name, kind, summary)` for each user global, e.g. `("xs", "List", "len 3")`.
  public func globalsSummary() -> [(name: String, kind: String, summary: String)] { [] }

  /// The built-in's doc text and example for `:help NAME`, or nil if unknown.
  public func help(for name: String) -> String? { nil }

  /// Every built-in name with its one-line summary, for `:help` with no argument.
  public func builtinSummaries() -> [(name: String, summary: String)] { [] }

  /// True when `text` ends inside an unfinished construct (open bracket or brace, a block
  /// still open, a trailing binary operator, an unterminated string): the REPL then shows a
  /// `...` prompt and keeps reading lines before calling `run`.
  public func needsMoreInput(_ text: String) -> Bool { false }

  /// Context-aware completions for the word under the cursor (`cursor` is a character
  /// offset into `line`): names in scope, built-ins and keywords; keyword arguments
  /// (`epochs:`) inside a call's parentheses; members after a dot (`report.` lists its
  /// fields) when the receiver is a global whose value is known.
  public func completions(for line: String, cursor: Int) -> [String] { [] }

  /// Forgets every user global (`:reset`); built-ins and the prelude stay.
  public func reset() {}
}
