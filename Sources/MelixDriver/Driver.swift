import ArgumentParser
import Foundation

/// The `melix` command-line program: parses arguments and runs the chosen command.
public enum Driver {
  /// Runs `melix` with `arguments` (`CommandLine.arguments`, the program name first).
  ///
  /// - Parameter arguments: The full argument vector; the first element is skipped.
  /// - Returns: The process exit status (see `ExitStatus`): help and version text go to
  ///   stdout with 0, argument errors to stderr with 64.
  public static func main(_ arguments: [String]) -> Int32 {
    do {
      var command = try MelixCommand.parseAsRoot(Array(arguments.dropFirst()))
      try command.run()
      fflush(stdout)
      return ExitStatus.success.rawValue
    } catch {
      let code = MelixCommand.exitCode(for: error)
      let message = MelixCommand.fullMessage(for: error)
      if !message.isEmpty {
        if code == .success {
          print(message)
        } else {
          fflush(stdout)
          Console.write(message.hasSuffix("\n") ? message : message + "\n", to: stderr)
        }
      }
      fflush(stdout)
      return code.rawValue
    }
  }
}
