import Foundation
import MelixInterpreter
import MelixSyntax

/// Runs one golden file on a fresh `Session` and compares what happened with its
/// annotations.
struct GoldenRunner {
  /// Folders passed to `Session` as search paths (the repository's `stdlib/`).
  let searchPaths: [String]
  /// Seconds a file may run before the runner interrupts it.
  var timeout: Double = 20

  /// What one run produced, reduced to what the annotations can state.
  struct Outcome {
    var output: [String]
    var compileErrors: [GoldenExpectations.Located]
    var runtimeError: GoldenExpectations.Located?
    /// The `help:` text of each compile error, parallel to `compileErrors`.
    var compileHelps: [String?] = []
  }

  /// Runs the file at `path` and returns its outcome.
  func run(path: String, text: String) -> Outcome {
    var printed = ""
    let session = Session(output: { printed += $0 }, searchPaths: searchPaths)
    // A golden file that loops forever (an interpreter bug) is stopped after `timeout`
    // seconds and shows up as an 'interrupted' runtime error instead of hanging the suite.
    let watchdog = DispatchWorkItem { [weak session] in session?.interrupt() }
    DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
    let result = session.run(SourceFile(path: path, text: text))
    watchdog.cancel()
    var outcome = Outcome(output: Self.lines(of: printed), compileErrors: [], runtimeError: nil)
    switch result {
    case .success(_):
      break
    case .compileErrors(let diagnostics):
      outcome.compileErrors = diagnostics.filter { $0.severity == .error }
        .map { .init(line: $0.line, message: $0.message) }
      outcome.compileHelps = diagnostics.filter { $0.severity == .error }.map(\.help)
    case .runtimeError(let failure):
      // An error inside an imported module is located, for this file, at the line of the
      // innermost frame that belongs to this file (the import or the call into the module).
      var line = failure.line
      if failure.source.path != path,
        let frame = failure.trace.first(where: { $0.path == path })
      {
        line = frame.line
      }
      outcome.runtimeError = .init(line: line, message: failure.message)
    }
    return outcome
  }

  /// Splits printed text into lines; a final newline does not start an extra empty line.
  static func lines(of text: String) -> [String] {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }
    return lines
  }

  /// Pairs expected and actual compile errors by line and text. An annotation matches a
  /// diagnostic when its text is the message, or `message; help: HELP` when the annotation
  /// also pins the help line (did-you-mean suggestions).
  static func unmatchedCompileErrors(expected: GoldenExpectations, actual: Outcome)
    -> (missing: [GoldenExpectations.Located], extra: [GoldenExpectations.Located])
  {
    var remaining = Array(actual.compileErrors.enumerated())
    var missing: [GoldenExpectations.Located] = []
    for want in expected.compileErrors.sorted() {
      let found = remaining.firstIndex { pair in
        let (index, got) = pair
        guard got.line == want.line else { return false }
        if got.message == want.message { return true }
        let help = index < actual.compileHelps.count ? actual.compileHelps[index] : nil
        return help.map { "\(got.message); help: \($0)" == want.message } ?? false
      }
      if let found { remaining.remove(at: found) } else { missing.append(want) }
    }
    let extra = remaining.map { pair -> GoldenExpectations.Located in
      let (index, got) = pair
      let help = index < actual.compileHelps.count ? actual.compileHelps[index] : nil
      return help.map { .init(line: got.line, message: "\(got.message); help: \($0)") } ?? got
    }
    return (missing, extra.sorted())
  }

  /// A readable report of every way `outcome` differs from `expected`; nil when they agree.
  static func difference(expected: GoldenExpectations, actual: Outcome) -> String? {
    var report: [String] = expected.problems.map { "annotation: \($0)" }
    if expected.output != actual.output {
      report.append("stdout differs (- expected, + actual):")
      let count = max(expected.output.count, actual.output.count)
      for index in 0..<count {
        let want = index < expected.output.count ? expected.output[index] : nil
        let got = index < actual.output.count ? actual.output[index] : nil
        if want == got, let want {
          report.append("    \(want)")
          continue
        }
        if let want { report.append("  - \(want)") }
        if let got { report.append("  + \(got)") }
      }
    }
    let (missing, extra) = unmatchedCompileErrors(expected: expected, actual: actual)
    if !missing.isEmpty || !extra.isEmpty {
      report.append("compile errors differ:")
      report += missing.map { "  - expected \($0)" }
      report += extra.map { "  + got      \($0)" }
    }
    if expected.runtimeError != actual.runtimeError {
      report.append("runtime error differs:")
      report.append("  - expected " + (expected.runtimeError.map(\.description) ?? "none"))
      report.append("  + got      " + (actual.runtimeError.map(\.description) ?? "none"))
    }
    return report.isEmpty ? nil : report.joined(separator: "\n")
  }
}
