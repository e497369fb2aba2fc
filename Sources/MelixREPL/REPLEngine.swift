import MelixSyntax

/// What the REPL needs from an interpreter session.
///
/// The REPL talks to the interpreter only through this protocol, so its logic (multi-line
/// input, commands, display, completion) is tested with a fake engine; `SessionEngine`
/// adapts the real `Session`. Rendering of errors happens in the engine because the error
/// values (`Diagnostic`, `RuntimeFailure`) belong to the interpreter.
public protocol REPLEngine: AnyObject {
  /// Parses, resolves and runs `source`; globals persist across calls.
  ///
  /// - Parameters:
  ///   - source: the entry (or file, or cell) to run.
  ///   - display: when true, the value of a trailing expression statement is returned.
  ///   - color: whether rendered errors may contain ANSI colours.
  /// - Returns: the outcome, with errors already rendered.
  func run(_ source: SourceFile, display: Bool, color: Bool) -> EngineOutcome

  /// Runs `melix check`'s checks on `source` (syntax, names, argument counts and keywords
  /// in calls to built-ins and functions) against the session's current globals, without
  /// running anything: `:run` and `:load` call it first, as `melix run` does.
  ///
  /// - Parameters:
  ///   - source: the script (or the cells of it that will run).
  ///   - color: whether rendered errors may contain ANSI colours.
  /// - Returns: every error rendered with its file:line:col and caret, newline-terminated;
  ///   nil when there is none.
  func check(_ source: SourceFile, color: Bool) -> String?

  /// Asks a running `run` to stop soon. Called from another thread (the SIGINT watcher).
  func interrupt()

  /// True when `text` ends inside an unfinished construct (open bracket, open block,
  /// trailing operator, unterminated string), so the REPL keeps reading lines.
  func needsMoreInput(_ text: String) -> Bool

  /// Completion candidates for the word under `cursor` (a character offset into `line`).
  func completions(for line: String, cursor: Int) -> [String]

  /// `(name, kind, summary)` for each user global, for `:vars`.
  func globalsSummary() -> [(name: String, kind: String, summary: String)]

  /// The doc text and example of a built-in, or nil if `name` is not one.
  func help(for name: String) -> String?

  /// Every built-in with its one-line summary, for `:help`.
  func builtinSummaries() -> [(name: String, summary: String)]

  /// Forgets every user global.
  func reset()

  /// The notebook cells of a script, numbered from 1.
  func cells(of source: SourceFile) -> [CellInfo]
}

/// The outcome of running one entry, with any error already rendered for display.
public enum EngineOutcome: Equatable, Sendable {
  /// Ran to the end; `display` is the shown form of the trailing expression's value, or
  /// nil when there is nothing to show.
  case success(display: String?)
  /// Lexing, parsing or resolving failed and nothing ran; `rendered` holds every
  /// diagnostic with its caret, newline-terminated.
  case compileErrors(rendered: String)
  /// A runtime error (including an interrupt) stopped the run; `rendered` holds the
  /// message, caret and trace, newline-terminated.
  case runtimeError(rendered: String)
}

/// One notebook cell of a script, as the REPL uses it (`:cells`, `:run FILE --cell N`).
public struct CellInfo: Equatable, Sendable {
  /// 1-based cell number.
  public let index: Int
  /// The title written after `#%%` (may be empty).
  public let title: String
  /// 1-based line in the file where the cell's text starts.
  public let startLine: Int
  /// The cell's text, as written.
  public let text: String

  /// Makes a cell description.
  ///
  /// - Parameters:
  ///   - index: 1-based cell number.
  ///   - title: the title after `#%%`.
  ///   - startLine: 1-based line of the cell's first line of text.
  ///   - text: the cell's text.
  public init(index: Int, title: String, startLine: Int, text: String) {
    self.index = index
    self.title = title
    self.startLine = startLine
    self.text = text
  }
}
