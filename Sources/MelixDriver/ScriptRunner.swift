import MelixInterpreter
import MelixSyntax

/// Runs or checks one source on a fresh session and reports the outcome on the console.
struct ScriptRunner {
  let console: Console
  /// Folders `import` searches after the importing file's folder (the stdlib).
  let searchPaths: [String]

  /// Checks `source` as `melix check` does, then runs it; `display` prints the value of a
  /// trailing expression (used by `-e`).
  ///
  /// - Parameters:
  ///   - source: The code to run.
  ///   - display: Whether to print the value of a trailing expression.
  ///   - explain: Rewrites compile errors before they are shown (help lines for `--cell`).
  /// - Returns: `.success`, `.compileErrors` (all rendered; nothing has run), `.runtimeError` (rendered with
  ///   its trace) or `.interrupted` when Ctrl-C stopped the run.
  func run(
    _ source: SourceFile, display: Bool = false,
    explain: ([Diagnostic]) -> [Diagnostic] = { $0 }
  ) -> ExitStatus {
    let console = self.console
    let session = makeSession(output: { console.out($0) })
    // The checks of `melix check` first: a misspelt keyword or a wrong argument count is
    // reported before anything runs (not after a long training run).
    let diagnostics = session.check(source)
    if diagnostics.contains(where: { $0.severity == .error }) {
      report(explain(diagnostics), in: source)
      return .compileErrors
    }
    let interrupts = InterruptGuard(session: session)
    let result = session.run(source, display: display)
    interrupts.cancel()
    switch result {
    case .success(let shown):
      if let shown { console.out(shown.hasSuffix("\n") ? shown : shown + "\n") }
      return .success
    case .compileErrors(let diagnostics):
      report(explain(diagnostics), in: source)
      return diagnostics.contains { $0.severity == .error } ? .compileErrors : .success
    case .runtimeError(let failure):
      console.err(failure.rendered(color: console.colorDiagnostics))
      return interrupts.wasInterrupted ? .interrupted : .runtimeError
    }
  }

  /// Parses and resolves `source` without running it; renders every diagnostic.
  func check(_ source: SourceFile) -> ExitStatus {
    let session = makeSession(output: { _ in })
    let diagnostics = session.check(source)
    report(diagnostics, in: source)
    return diagnostics.contains { $0.severity == .error } ? .compileErrors : .success
  }

  /// A fresh session on `searchPaths`; a prelude that failed to load is reported on stderr
  /// (the session then runs without it).
  ///
  /// - Parameter output: Receives what Melix code prints.
  /// - Returns: The session.
  func makeSession(output: @escaping (String) -> Void) -> Session {
    let session = Session(
      output: output, searchPaths: searchPaths,
      extraBuiltins: DeployHost.builtins(whenServing: { [console] in console.flushEachWrite() }))
    if let failure = session.preludeFailure {
      console.err("warning: the prelude failed to load; running without it\n" + failure)
    }
    return session
  }

  private func report(_ diagnostics: [Diagnostic], in source: SourceFile) {
    for diagnostic in diagnostics {
      console.err(
        DiagnosticRenderer.render(diagnostic, in: source, color: console.colorDiagnostics))
    }
  }
}
