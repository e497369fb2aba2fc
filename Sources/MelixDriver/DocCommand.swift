import ArgumentParser
import Foundation

/// `melix doc [--output FILE]`: writes the Markdown reference of every built-in
/// (`BuiltinReference`), generated from the built-in table.
struct DocCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "doc",
    abstract: "Write the Markdown reference of every built-in, generated from the built-in table.",
    discussion: "Without --output the reference goes to standard output. The repository keeps "
      + "it in docs/builtins.md: regenerate it with '\(BuiltinReference.regenerateCommand)' "
      + "after changing a built-in.")

  @Option(
    name: .shortAndLong,
    help: ArgumentHelp(
      "Write to FILE (replaced atomically) instead of standard output.", valueName: "file"))
  var output: String?

  func run() throws {
    let text = BuiltinReference().markdown()
    guard let output else {
      FileHandle.standardOutput.write(Data(text.utf8))
      return
    }
    do {
      try text.write(toFile: output, atomically: true, encoding: .utf8)
    } catch {
      let console = Console(environment: ProcessInfo.processInfo.environment)
      console.err("melix: error: cannot write '\(output)': \(Self.reason(error))")
      throw ExitCode(ExitStatus.usage.rawValue)
    }
  }

  /// The lower-case reason Foundation gives for a failed write (the POSIX error when known).
  private static func reason(_ error: Error) -> String {
    let nsError = error as NSError
    if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
      underlying.domain == NSPOSIXErrorDomain,
      let message = strerror(Int32(underlying.code)).map({ String(cString: $0) })
    {
      return message.lowercased()
    }
    return nsError.localizedDescription.lowercased()
  }
}
