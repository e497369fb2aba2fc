import MelixInterpreter
import MelixSyntax

/// The `REPLEngine` over a real interpreter `Session`.
public final class SessionEngine: REPLEngine {
  /// The session every entry runs in.
  public let session: Session

  /// Wraps `session`; the REPL runs every entry in it.
  ///
  /// - Parameter session: a session whose `output` already writes to the terminal.
  public init(session: Session) {
    self.session = session
  }

  /// Runs `source` through `Session.run` and renders any error with
  /// `DiagnosticRenderer.render` or `RuntimeFailure.rendered`.
  ///
  /// - Parameters:
  ///   - source: The entry or script text, with the path diagnostics show.
  ///   - display: Whether the value of a final expression is returned for display.
  ///   - color: Whether rendered errors use ANSI colour.
  /// - Returns: Success with the text to show, or the rendered errors (each ending in a
  ///   newline).
  public func run(_ source: SourceFile, display: Bool, color: Bool) -> EngineOutcome {
    switch session.run(source, display: display) {
    case .success(let shown):
      return .success(display: shown)
    case .compileErrors(let diagnostics):
      let text = diagnostics.map {
        terminated(DiagnosticRenderer.render($0, in: source, color: color))
      }.joined()
      return .compileErrors(rendered: text)
    case .runtimeError(let failure):
      return .runtimeError(rendered: terminated(failure.rendered(color: color)))
    }
  }

  /// Runs `Session.check` and renders its errors with `DiagnosticRenderer.render`.
  ///
  /// - Parameters:
  ///   - source: The script text, with the path diagnostics show.
  ///   - color: Whether rendered errors use ANSI colour.
  /// - Returns: The rendered errors (each ending in a newline), or nil when there are none
  ///   (warnings alone do not stop a run, as with `melix run`).
  public func check(_ source: SourceFile, color: Bool) -> String? {
    let diagnostics = session.check(source)
    guard diagnostics.contains(where: { $0.severity == .error }) else { return nil }
    return diagnostics.map {
      terminated(DiagnosticRenderer.render($0, in: source, color: color))
    }.joined()
  }

  /// Forwards to `Session.interrupt()`, which is safe from any thread.
  public func interrupt() { session.interrupt() }

  /// Forwards to `Session.needsMoreInput(_:)`.
  public func needsMoreInput(_ text: String) -> Bool { session.needsMoreInput(text) }

  /// Forwards to `Session.completions(for:cursor:)`.
  public func completions(for line: String, cursor: Int) -> [String] {
    session.completions(for: line, cursor: cursor)
  }

  /// Forwards to `Session.globalsSummary()`.
  public func globalsSummary() -> [(name: String, kind: String, summary: String)] {
    session.globalsSummary()
  }

  /// Forwards to `Session.help(for:)`.
  public func help(for name: String) -> String? { session.help(for: name) }

  /// Forwards to `Session.builtinSummaries()`.
  public func builtinSummaries() -> [(name: String, summary: String)] {
    session.builtinSummaries()
  }

  /// Forwards to `Session.reset()`.
  public func reset() { session.reset() }

  /// The cells found by `Cells.split`.
  public func cells(of source: SourceFile) -> [CellInfo] {
    Cells.split(source).map {
      CellInfo(index: $0.index, title: $0.title, startLine: $0.startLine, text: $0.text)
    }
  }

  private func terminated(_ text: String) -> String {
    text.hasSuffix("\n") ? text : text + "\n"
  }
}
