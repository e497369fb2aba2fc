import Foundation
import MelixSyntax

/// What `melix` does with no arguments. The one place the REPL gets wired in.
enum InteractiveEntry {
  /// When stdin is not a terminal, runs it like `melix run -`; otherwise (until `MelixREPL`
  /// lands) prints a one-line note and succeeds.
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
    context.console.out(
      "melix \(MelixVersion.string): the interactive REPL is coming; for now use "
        + "'melix run FILE' or 'melix -e CODE' (see 'melix --help')\n")
    return .success
  }
}
