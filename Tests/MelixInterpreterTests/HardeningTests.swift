import Foundation
import MelixInterpreter
import MelixSyntax
import XCTest

/// Defects found by attacking the interpreter with hostile input: each test fails on the
/// code before its fix.
final class HardeningTests: XCTestCase {
  /// `sum` over a huge range used to build the whole list first (gigabytes) and ignored
  /// Ctrl-C until it finished.
  func testInterruptStopsSumOfAHugeRange() {
    let session = Session(output: { _ in })
    let stopper = Thread { [session] in
      Thread.sleep(forTimeInterval: 0.3)
      session.interrupt()
    }
    stopper.start()
    let started = Date()
    let result = session.run(SourceFile(path: "sum.mlx", text: "let n = 1000000000000\nprint(sum(range(n)))"))
    guard case .runtimeError(let failure) = result else { return XCTFail("expected interrupted, got \(result)") }
    XCTAssertEqual(failure.message, "interrupted")
    XCTAssertEqual(failure.line, 2)
    XCTAssertLessThan(Date().timeIntervalSince(started), 10)
  }

  /// `map` with a callback that neither loops nor calls never polled Ctrl-C: it ran over the
  /// whole range.
  func testInterruptStopsMapOverARange() {
    let session = Session(output: { _ in })
    let stopper = Thread { [session] in
      Thread.sleep(forTimeInterval: 0.2)
      session.interrupt()
    }
    stopper.start()
    let started = Date()
    let code = "let ys = map(fn(x) => \"{x}-{x}-{x}\", 0..<3000000)\nprint(len(ys))"
    let result = session.run(SourceFile(path: "map.mlx", text: code))
    guard case .runtimeError(let failure) = result else { return XCTFail("expected interrupted, got \(result)") }
    XCTAssertEqual(failure.message, "interrupted")
    XCTAssertEqual(failure.line, 1)
    XCTAssertLessThan(Date().timeIntervalSince(started), 10)
  }

  /// A file whose import failed stayed marked as loaded: importing it again after a fix (at
  /// the REPL) silently did nothing.
  func testAFailedImportCanBeRetried() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("melix-retry-\(getpid())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let module = folder.appendingPathComponent("module.mlx")
    try "let q = 1 // 0\n".write(to: module, atomically: true, encoding: .utf8)
    var printed = ""
    let session = Session(output: { printed += $0 })
    let importLine = "import \"\(module.path)\""
    guard case .runtimeError(let failure) = session.run(SourceFile(path: "<repl:1>", text: importLine)) else {
      return XCTFail("expected the import to fail")
    }
    XCTAssertEqual(failure.message, "integer division by zero")
    try "let q = 42\n".write(to: module, atomically: true, encoding: .utf8)
    guard case .success = session.run(SourceFile(path: "<repl:2>", text: importLine)) else {
      return XCTFail("expected the second import to succeed")
    }
    _ = session.run(SourceFile(path: "<repl:3>", text: "print(q)"))
    XCTAssertEqual(printed, "42\n")
  }

  /// `melix check`: a missing import inside an imported file was rendered against the checked
  /// file (its line 2 there, the wrong text under the caret).
  func testCheckNamesTheFileOfANestedMissingImport() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("melix-nested-\(getpid())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let module = folder.appendingPathComponent("module.mlx")
    try "let x = 1\nimport \"no_such_module\"\n".write(to: module, atomically: true, encoding: .utf8)
    let main = folder.appendingPathComponent("main.mlx")
    let session = Session(output: { _ in })
    let diagnostics = session.check(SourceFile(path: main.path, text: "import \"module.mlx\"\nprint(x)\n"))
    XCTAssertEqual(diagnostics.map(\.message), ["cannot find 'no_such_module' to import"])
    XCTAssertEqual(diagnostics.first?.file?.path, module.path)
    XCTAssertEqual(diagnostics.first?.line, 2)
  }
}
