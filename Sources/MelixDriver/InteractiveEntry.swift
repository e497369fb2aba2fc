import Foundation
import MelixInterpreter
import MelixREPL
import MelixSyntax

/// What `melix` does with no arguments. The one place the REPL gets wired in.
enum InteractiveEntry {
  /// When stdin is not a terminal, runs it like `melix run -`; otherwise opens the libedit
  /// REPL (`MelixREPL`) on a fresh session and returns its exit status.
  static func start(_ context: DriverContext) -> ExitStatus {
    guard isatty(STDIN_FILENO) != 0 else {
      let source: SourceFile
      do {
        source = try InputReader.read("-")
      } catch let error as DriverError {
        context.console.report(error)
        return error.exitStatus
      } catch {
        return .usage
      }
      return context.runner.run(source)
    }
    let session = context.runner.makeSession(output: { context.console.out($0) })
    return ExitStatus(rawValue: REPL.run(session: session)) ?? .success
  }
}
