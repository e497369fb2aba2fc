import MelixInterpreter
import MelixSyntax
import XCTest

final class SessionREPLTests: XCTestCase {
  func session() -> Session { Session(output: { _ in }) }

  func testNeedsMoreInput() {
    let s = session()
    XCTAssertTrue(s.needsMoreInput("fn f(x) {"))
    XCTAssertTrue(s.needsMoreInput("let xs = [1,"))
    XCTAssertTrue(s.needsMoreInput("let y = 1 +"))
    XCTAssertTrue(s.needsMoreInput("if x {\n  print(1)"))
    XCTAssertFalse(s.needsMoreInput("print(1)"))
    XCTAssertFalse(s.needsMoreInput("fn f(x) {\n  return x\n}"))
    XCTAssertFalse(s.needsMoreInput(""))
  }

  func testGlobalsPersistAcrossEntriesAndSummaries() {
    let s = session()
    _ = s.run(SourceFile(path: "<repl:1>", text: "let xs = [1, 2, 3]\nvar name = \"ada\"\nfn add(a, b) => a + b"))
    guard case .success = s.run(SourceFile(path: "<repl:2>", text: "append(xs, add(2, 2))")) else { return XCTFail("second entry failed") }
    let summary = s.globalsSummary()
    XCTAssertEqual(summary.map(\.name), ["xs", "name", "add"])
    XCTAssertEqual(summary.map(\.kind), ["List", "String", "Function"])
    XCTAssertEqual(summary.map(\.summary), ["len 4", "\"ada\"", "fn(a, b)"])
  }

  func testREPLEntriesMayRedeclareGlobals() {
    let s = session()
    _ = s.run(SourceFile(path: "<repl:1>", text: "let x = 1"))
    guard case .success(let shown) = s.run(SourceFile(path: "<repl:2>", text: "let x = x + 1\nx"), display: true) else {
      return XCTFail("redeclaration failed")
    }
    XCTAssertEqual(shown, "2")
  }

  func testCompletions() {
    let s = session()
    _ = s.run(SourceFile(path: "<repl:1>", text: "let learning_rate = 0.1"))
    XCTAssertEqual(s.completions(for: "print(learn", cursor: 11), ["learning_rate"])
    XCTAssertTrue(s.completions(for: "sorted(xs, rev", cursor: 14).contains("reverse:"))
    XCTAssertTrue(s.completionNames().contains("while"))
    _ = s.run(SourceFile(path: "<repl:2>", text: "let xs = [1]"))
    let methods = s.completions(for: "xs.ap", cursor: 5)
    XCTAssertEqual(methods, ["append"])
    XCTAssertFalse(s.completions(for: "xs.", cursor: 3).contains("upper"), "upper takes a String")
    XCTAssertTrue(s.completionNames().contains("sqrt"))
  }

  func testHelpComesFromTheTable() throws {
    let s = session()
    let help = try XCTUnwrap(s.help(for: "sorted"))
    XCTAssertTrue(help.hasPrefix("sorted(values: an iterable, key: Function or nil = nil, reverse: Bool = false) -> List"), help)
    XCTAssertTrue(help.contains("example:"))
    XCTAssertNil(s.help(for: "no_such_thing"))
    XCTAssertEqual(s.help(for: "while")?.hasPrefix("while condition { ... }"), true)
    XCTAssertTrue(s.builtinSummaries().contains { $0.name == "print" && !$0.summary.isEmpty })
  }

  func testResetForgetsUserGlobals() {
    let s = session()
    _ = s.run(SourceFile(path: "<repl:1>", text: "let x = 1"))
    s.reset()
    XCTAssertEqual(s.globalsSummary().count, 0)
    guard case .compileErrors(let diagnostics) = s.run(SourceFile(path: "<repl:2>", text: "print(x)")) else {
      return XCTFail("x should be gone")
    }
    XCTAssertEqual(diagnostics.map(\.message), ["undefined variable 'x'"])
  }

  func testCheckDoesNotRun() {
    let buffer = OutputBuffer()
    let s = Session(output: { buffer.text += $0 })
    XCTAssertEqual(s.check(SourceFile(path: "c.mlx", text: "print(1)\nprint(y)")).map(\.message), ["undefined variable 'y'"])
    XCTAssertEqual(buffer.text, "")
  }

  func testPreludeAndImports() throws {
    let stdlib = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../../stdlib").standardizedFileURL.path
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("melix-import-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try "print(\"loading\")\nlet answer = 42\nfn twice(x) => 2 * x\n".write(to: folder.appendingPathComponent("lib.mlx"), atomically: true, encoding: .utf8)
    let main = folder.appendingPathComponent("main.mlx").path
    let buffer = OutputBuffer()
    let s = Session(output: { buffer.text += $0 }, searchPaths: [stdlib])
    XCTAssertNil(s.preludeFailure)
    let code = "import \"lib\"\nimport \"lib.mlx\"\nprint(twice(answer), mean([1, 2]), enumerate([\"a\"]))"
    guard case .success = s.run(SourceFile(path: main, text: code)) else { return XCTFail("import failed") }
    XCTAssertEqual(buffer.text, "loading\n84 1.5 [(0, \"a\")]\n", "a file imported twice runs once")
    guard case .compileErrors(let diagnostics) = s.run(SourceFile(path: main, text: "import \"nope\"")) else {
      return XCTFail("missing import should fail")
    }
    XCTAssertEqual(diagnostics.map(\.message), ["cannot find 'nope' to import"])
  }
}

final class NeedsMoreInputStringTests: XCTestCase {
  func testUnterminatedStringDoesNotAskForMoreLines() {
    let s = Session(output: { _ in })
    XCTAssertFalse(s.needsMoreInput("print(\"abc"), "a string cannot continue on the next line")
  }
}

final class MelixFunctionHelpTests: XCTestCase {
  func testHelpShowsTheCommentAboveAMelixFunction() throws {
    let s = Session(output: { _ in })
    _ = s.run(SourceFile(path: "lib.mlx", text: "let k = 1\n# Doubles x.\n#   twice(2)  # 4\nfn twice(x) => 2 * x\n"))
    let help = try XCTUnwrap(s.help(for: "twice"))
    XCTAssertEqual(help, "twice(x)  # Melix function, lib.mlx:4\n\nDoubles x.\n  twice(2)  # 4")
  }
}

final class SessionRecoveryTests: XCTestCase {
  func testASessionKeepsWorkingAfterErrors() {
    let buffer = OutputBuffer()
    let s = Session(output: { buffer.text += $0 })
    _ = s.run(SourceFile(path: "<repl:1>", text: "fn f(n) => f(n + 1)\nvar kept = 1"))
    guard case .runtimeError(let first) = s.run(SourceFile(path: "<repl:2>", text: "f(0)")) else { return XCTFail("expected recursion error") }
    XCTAssertEqual(first.message, "recursion depth exceeded")
    guard case .runtimeError = s.run(SourceFile(path: "<repl:3>", text: "kept = 2\nprint(1 // 0)")) else { return XCTFail("expected division error") }
    guard case .compileErrors = s.run(SourceFile(path: "<repl:4>", text: "print(")) else { return XCTFail("expected syntax error") }
    guard case .success(let shown) = s.run(SourceFile(path: "<repl:5>", text: "kept + 40"), display: true) else { return XCTFail("session broken") }
    XCTAssertEqual(shown, "42", "the assignment before the error stays")
    guard case .runtimeError(let again) = s.run(SourceFile(path: "<repl:6>", text: "f(0)")) else { return XCTFail("expected recursion error") }
    XCTAssertEqual(again.message, "recursion depth exceeded", "depth and stack are reset after an error")
  }
}
