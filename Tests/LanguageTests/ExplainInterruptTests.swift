import Foundation
import XCTest

/// Ctrl-C stops the long explanation built-ins of the `melix` binary: a first SIGINT during
/// `shap` of a knn on the 1797-row digits background, `permutation_importance` with 50
/// repeats or `kmeans_background` with k = 1000 was ignored (they ran on for minutes), and
/// only a second one killed the process.
final class ExplainInterruptTests: XCTestCase {
  private var scratch = FileManager.default.temporaryDirectory

  override func setUpWithError() throws {
    scratch = FileManager.default.temporaryDirectory
      .appendingPathComponent("melix-explain-interrupt-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(at: scratch)
  }

  /// Runs a script whose line 5 is `call` (after training a knn on digits and saving it as
  /// `ready.h5`, the sign that line 5 has begun), sends one SIGINT a second later, and checks
  /// that melix stops within 10 s with status 130 and `runtime error: interrupted` at line 5.
  private func assertInterrupts(
    _ call: String, file: StaticString = #filePath, line: UInt = #line
  ) throws {
    let melix = try MelixProcess.locate()
    let digits = RepositoryPaths.examples.appendingPathComponent("data/digits.csv").path
    let ready = scratch.appendingPathComponent("ready.h5")
    try? FileManager.default.removeItem(at: ready)
    let path = scratch.appendingPathComponent("slow.mlx").path
    let text = """
      let d = read_csv("\(digits)", target: "label")
      let m = knn(k: 3)
      train(m, d)
      save(m, "ready.h5")
      \(call)
      print("finished")

      """
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    let process = Process()
    process.executableURL = melix.binary
    process.arguments = ["run", path]
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = "1"
    environment["MELIX_STDLIB"] = RepositoryPaths.stdlib.path
    process.environment = environment
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = Pipe()
    try process.run()
    let startDeadline = Date().addingTimeInterval(60)
    while !FileManager.default.fileExists(atPath: ready.path) && process.isRunning
      && Date() < startDeadline
    {
      Thread.sleep(forTimeInterval: 0.05)
    }
    guard process.isRunning, FileManager.default.fileExists(atPath: ready.path) else {
      process.terminate()
      process.waitUntilExit()
      let stderr = String(
        decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      return XCTFail("the script did not reach line 5: \(stderr)", file: file, line: line)
    }
    Thread.sleep(forTimeInterval: 1)
    XCTAssertTrue(process.isRunning, "'\(call)' finished within a second", file: file, line: line)
    let sent = Date()
    process.interrupt()
    let deadline = sent.addingTimeInterval(10)
    while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
    if process.isRunning {
      process.terminate()
      process.waitUntilExit()
      return XCTFail("'\(call)' did not stop within 10 s of SIGINT", file: file, line: line)
    }
    let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    XCTAssertEqual(process.terminationStatus, 130, stderr, file: file, line: line)
    XCTAssertTrue(stderr.contains("runtime error: interrupted"), stderr, file: file, line: line)
    XCTAssertTrue(stderr.contains("\(path):5:"), stderr, file: file, line: line)
    XCTAssertFalse(stderr.contains("interrupted again"), stderr, file: file, line: line)
  }

  func testCtrlCStopsKernelSHAP() throws {
    try assertInterrupts("let ex = shap(m, d.X[0:50], background: d)")
  }

  func testCtrlCStopsPermutationImportance() throws {
    try assertInterrupts("let pi = permutation_importance(m, d, repeats: 50)")
  }

  func testCtrlCStopsKMeansBackground() throws {
    try assertInterrupts("let bg = kmeans_background(d, 1000)")
  }
}
