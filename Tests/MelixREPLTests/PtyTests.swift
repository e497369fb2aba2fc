import Foundation
import Testing

/// Drives the real `melix` binary through a pseudo-terminal with `pty/repl_pty.py`
/// (Python standard library only): history across two sessions (Up, prefix search, Ctrl-R,
/// unicode, no repeats), multi-line definitions, a pasted block run as one entry, completion,
/// Ctrl-C on an endless loop and at the prompt, errors that keep variables, commands,
/// `~/.editrc`, notebook cells, piped input.
///
/// The binary is `$MELIX_BINARY`, else `.build/debug/melix` of this package (build it first:
/// `swift build --product melix`). The test prints why it skipped when python3 or the binary
/// is missing, or when the binary does not answer `1 + 1` with `2` at a prompt (the
/// interpreter or the driver's REPL wiring is still a stub).
@Suite struct PtyTests {
  static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  @Test func replThroughAPseudoTerminal() throws {
    let environment = ProcessInfo.processInfo.environment
    let binary =
      environment["MELIX_BINARY"]
      ?? Self.packageRoot.appendingPathComponent(".build/debug/melix").path
    guard FileManager.default.isExecutableFile(atPath: binary) else {
      print("PtyTests skipped: no melix binary at '\(binary)' (run 'swift build --product melix')")
      return
    }
    guard
      let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first(where: {
        FileManager.default.isExecutableFile(atPath: $0)
      })
    else {
      print("PtyTests skipped: python3 not found")
      return
    }
    let script = Self.packageRoot.appendingPathComponent("Tests/MelixREPLTests/pty/repl_pty.py")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python)
    process.arguments = [script.path, binary]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    switch process.terminationStatus {
    case 0:
      print("PtyTests:\n" + output)
    case 77:
      print("PtyTests skipped: " + output.trimmingCharacters(in: .whitespacesAndNewlines))
    default:
      Issue.record("repl_pty.py failed (status \(process.terminationStatus)):\n\(output)")
    }
  }
}
