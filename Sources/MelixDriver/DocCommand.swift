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
      console.err("melix: error: cannot write '\(output)': \(Self.reason(error, path: output))")
      throw ExitCode(ExitStatus.usage.rawValue)
    }
  }

  /// Why writing `path` failed, in lower case without a trailing period: a missing or
  /// unwritable folder is named; otherwise the POSIX error, else Foundation's description.
  private static func reason(_ error: Error, path: String) -> String {
    let folder = (path as NSString).deletingLastPathComponent
    let directory = folder.isEmpty ? "." : folder
    var isDirectory: ObjCBool = false
    if !FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
      return "no such folder '\(directory)'"
    }
    if !isDirectory.boolValue { return "'\(directory)' is not a folder" }
    if !FileManager.default.isWritableFile(atPath: directory) {
      return "folder '\(directory)' is not writable"
    }
    let nsError = error as NSError
    var text = nsError.localizedDescription
    if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
      underlying.domain == NSPOSIXErrorDomain,
      let message = strerror(Int32(underlying.code)).map({ String(cString: $0) })
    {
      text = message
    }
    text = text.lowercased()
    while text.hasSuffix(".") { text.removeLast() }
    return text
  }
}
