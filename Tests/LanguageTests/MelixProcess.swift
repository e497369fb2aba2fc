import Foundation
import XCTest

/// Runs the built `melix` executable as a subprocess and captures what it did.
struct MelixProcess {
  struct Result {
    let status: Int32
    let stdout: String
    let stderr: String
  }

  let binary: URL

  /// Finds the binary or fails the calling test with a hint.
  static func locate(file: StaticString = #filePath, line: UInt = #line) throws -> MelixProcess {
    guard let binary = RepositoryPaths.melixBinary() else {
      XCTFail("melix binary not found beside the test bundle; run 'swift build --product melix'",
        file: file, line: line)
      throw XCTSkip("no melix binary")
    }
    return MelixProcess(binary: binary)
  }

  /// Runs `melix arguments...` with `stdin` as standard input, `NO_COLOR` set and the
  /// repository's stdlib, from the folder `directory`.
  func run(
    _ arguments: [String], stdin: String = "", environment extra: [String: String] = [:],
    directory: URL = RepositoryPaths.root, timeout: Double = 60
  ) throws -> Result {
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.currentDirectoryURL = directory
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = "1"
    environment["MELIX_STDLIB"] = RepositoryPaths.stdlib.path
    // A crash should end the child at once rather than run the runtime's backtracer, which
    // can take minutes on a very deep stack.
    environment["SWIFT_BACKTRACE"] = "enable=no"
    for (key, value) in extra { environment[key] = value }
    process.environment = environment
    let input = Pipe()
    let output = Pipe()
    let errors = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    // A hung child (an interpreter deadlock) is killed after `timeout` seconds so the suite
    // reports it instead of hanging; the test then sees status 9 (SIGKILL).
    let pid = process.processIdentifier
    let watchdog = DispatchWorkItem { kill(pid, SIGKILL) }
    DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
    defer { watchdog.cancel() }
    input.fileHandleForWriting.write(Data(stdin.utf8))
    try input.fileHandleForWriting.close()
    // Drain stderr on another thread while reading stdout, so neither pipe can fill up
    // and block the child.
    let errBox = DataBox()
    let group = DispatchGroup()
    DispatchQueue.global().async(group: group) {
      errBox.data = errors.fileHandleForReading.readDataToEndOfFile()
    }
    let outData = output.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    let errData = errBox.data
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus,
      stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
  }
}

/// Holds bytes read on another thread; written once before `DispatchGroup.wait` returns.
private final class DataBox: @unchecked Sendable {
  var data = Data()
}
