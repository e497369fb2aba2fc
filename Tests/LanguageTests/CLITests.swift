import Foundation
import XCTest

/// Runs the built `melix` executable: exit statuses, stderr rendering, `-e`, `--cell`,
/// `check`, standard input, `--version` and the missing-file error.
final class CLITests: XCTestCase {
  private var scratch = FileManager.default.temporaryDirectory

  override func setUpWithError() throws {
    scratch = FileManager.default.temporaryDirectory
      .appendingPathComponent("melix-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(at: scratch)
  }

  /// Writes `text` to `name` in the scratch folder and returns its path.
  private func script(_ name: String, _ text: String) throws -> String {
    let url = scratch.appendingPathComponent(name)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
  }

  func testVersionPrintsTheVersion() throws {
    let result = try MelixProcess.locate().run(["--version"])
    XCTAssertEqual(result.status, 0)
    XCTAssertEqual(result.stdout, "0.1.0\n")
  }

  func testNULCharactersInOutputAreWrittenNotCutOff() throws {
    let result = try MelixProcess.locate().run(["-e", "print(\"a\\u{0}b\")"])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertEqual(result.stdout, "a\u{0}b\n")
  }

  func testHelpListsTheSubcommands() throws {
    let result = try MelixProcess.locate().run(["--help"])
    XCTAssertEqual(result.status, 0)
    XCTAssertTrue(result.stdout.contains("USAGE: melix"), result.stdout)
    XCTAssertTrue(result.stdout.contains("run"), result.stdout)
    XCTAssertTrue(result.stdout.contains("check"), result.stdout)
  }

  func testMissingFileIsAUsageErrorNamingThePath() throws {
    let result = try MelixProcess.locate().run(["run", "no/such/file.mlx"])
    XCTAssertEqual(result.status, 64)
    XCTAssertEqual(result.stderr, "melix: error: no such file 'no/such/file.mlx'\n")
    XCTAssertEqual(result.stdout, "")
  }

  func testDirectoryIsAUsageError() throws {
    let result = try MelixProcess.locate().run(["check", scratch.path])
    XCTAssertEqual(result.status, 64)
    XCTAssertTrue(result.stderr.contains("is a directory"), result.stderr)
  }

  func testUnknownOptionIsAUsageError() throws {
    let result = try MelixProcess.locate().run(["run", "--frobnicate", "x.mlx"])
    XCTAssertEqual(result.status, 64)
    XCTAssertTrue(result.stderr.contains("--frobnicate"), result.stderr)
  }

  func testInvalidUTF8IsRejected() throws {
    let url = scratch.appendingPathComponent("latin1.mlx")
    try Data([0x70, 0x72, 0x69, 0x6E, 0x74, 0x28, 0xE9, 0x29]).write(to: url)
    let result = try MelixProcess.locate().run(["run", url.path])
    XCTAssertEqual(result.status, 2)
    XCTAssertTrue(result.stderr.contains("not valid UTF-8"), result.stderr)
  }

  func testEvaluatePrintsOutputAndTheTrailingValue() throws {
    let melix = try MelixProcess.locate()
    let printed = try melix.run(["-e", "print(1 + 2)"])
    XCTAssertEqual(printed.status, 0, printed.stderr)
    XCTAssertEqual(printed.stdout, "3\n")
    let shown = try melix.run(["-e", "let x = 20\nx * 2 + 2"])
    XCTAssertEqual(shown.status, 0, shown.stderr)
    XCTAssertEqual(shown.stdout, "42\n")
  }

  /// `-e` shows a trailing value in its quoted form, nothing for nil, and renders errors
  /// against the `<-e>` path.
  func testEvaluateDisplayAndErrors() throws {
    let melix = try MelixProcess.locate()
    XCTAssertEqual(try melix.run(["-e", "\"a\""]).stdout, "\"a\"\n")
    XCTAssertEqual(try melix.run(["-e", "nil"]).stdout, "")
    let failed = try melix.run(["-e", "1 // 0"])
    XCTAssertEqual(failed.status, 1)
    XCTAssertTrue(failed.stderr.hasPrefix("<-e>:1:1: runtime error: integer division by zero\n"), failed.stderr)
    let bad = try melix.run(["-e", "let = 1"])
    XCTAssertEqual(bad.status, 2)
    XCTAssertTrue(bad.stderr.hasPrefix("<-e>:1:5: error: expected a name to bind, got '='\n"), bad.stderr)
  }

  /// `MELIX_STDLIB` chooses the standard library; a folder without `prelude.mlx` is warned
  /// about (the run goes on with the built-in prelude).
  func testStdlibFromTheEnvironment() throws {
    let melix = try MelixProcess.locate()
    let withPrelude = try melix.run(["-e", "print(mean([1, 2]))"])
    XCTAssertEqual(withPrelude.stdout, "1.5\n", withPrelude.stderr)
    let missing = try melix.run(["-e", "print(1)"], environment: ["MELIX_STDLIB": scratch.path])
    XCTAssertEqual(missing.status, 0)
    XCTAssertEqual(missing.stdout, "1\n")
    XCTAssertEqual(
      missing.stderr,
      "warning: MELIX_STDLIB folder '\(scratch.path)' has no prelude.mlx; using the built-in prelude\n")
  }

  func testEvaluateCodeStartingWithAMinus() throws {
    let result = try MelixProcess.locate().run(["-e", "-7 + 10"])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertEqual(result.stdout, "3\n")
  }

  func testRunReadsStandardInputForDash() throws {
    let result = try MelixProcess.locate().run(["run", "-"], stdin: "print(\"from stdin\")\n")
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertEqual(result.stdout, "from stdin\n")
  }

  func testNoArgumentsRunsPipedStandardInput() throws {
    let result = try MelixProcess.locate().run([], stdin: "print(6 * 7)\n")
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertEqual(result.stdout, "42\n")
  }

  func testCompileErrorsAreAllRenderedWithCaretsAndExitTwo() throws {
    let path = try script("two_errors.mlx", "print(\"never runs\")\nlet x = lenght\nprint(undefinedName)\n")
    let result = try MelixProcess.locate().run(["run", path])
    XCTAssertEqual(result.status, 2)
    XCTAssertEqual(result.stdout, "", "nothing runs when there are compile errors")
    XCTAssertTrue(result.stderr.contains("\(path):2:9: error: undefined variable 'lenght'"), result.stderr)
    XCTAssertTrue(result.stderr.contains("\(path):3:7: error: undefined variable 'undefinedName'"), result.stderr)
    XCTAssertTrue(result.stderr.contains("2 | let x = lenght"), result.stderr)
    XCTAssertTrue(result.stderr.contains("|         ^^^^^^"), result.stderr)
    XCTAssertFalse(result.stderr.contains("\u{1B}["), "no colour when NO_COLOR is set")
  }

  func testRuntimeErrorRendersLocationCaretAndTraceAndExitsOne() throws {
    let path = try script(
      "runtime.mlx", "fn half(n) {\n  return n // 0\n}\nprint(\"before\")\nhalf(4)\n")
    let result = try MelixProcess.locate().run(["run", path])
    XCTAssertEqual(result.status, 1)
    XCTAssertEqual(result.stdout, "before\n")
    XCTAssertTrue(
      result.stderr.contains("\(path):2:10: runtime error: integer division by zero"),
      result.stderr)
    XCTAssertTrue(result.stderr.contains("2 |   return n // 0"), result.stderr)
    XCTAssertTrue(result.stderr.contains("^"), result.stderr)
    XCTAssertTrue(result.stderr.contains("  at half (\(path):2)"), result.stderr)
  }

  func testCheckReportsErrorsWithoutRunning() throws {
    let melix = try MelixProcess.locate()
    let good = try script("good.mlx", "print(\"ran\")\n")
    let checked = try melix.run(["check", good])
    XCTAssertEqual(checked.status, 0, checked.stderr)
    XCTAssertEqual(checked.stdout, "", "check must not run the script")
    let bad = try script("bad.mlx", "print(\"ran\")\nlet y = 1\ny = 2\n")
    let failed = try melix.run(["check", bad])
    XCTAssertEqual(failed.status, 2)
    XCTAssertEqual(failed.stdout, "")
    XCTAssertTrue(failed.stderr.contains("\(bad):3:1: error:"), failed.stderr)
  }

  func testCheckReadsStandardInput() throws {
    let result = try MelixProcess.locate().run(["check", "-"], stdin: "print(nope)\n")
    XCTAssertEqual(result.status, 2)
    XCTAssertTrue(result.stderr.contains("<stdin>:1:7: error: undefined variable 'nope'"), result.stderr)
  }

  private let notebook = """
    let base = 10
    #%% First
    print(base + 1)
    #%% Second
    print(base + 2)
    #%% Third
    print(base // 0)
    """

  func testCellRunsThePreambleAndOnlyThatCell() throws {
    let path = try script("notebook.mlx", notebook)
    let result = try MelixProcess.locate().run(["run", path, "--cell", "2"])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertEqual(result.stdout, "12\n")
  }

  func testCellErrorsKeepTheLineNumbersOfTheWholeFile() throws {
    let path = try script("notebook.mlx", notebook)
    let result = try MelixProcess.locate().run(["run", path, "--cell", "3"])
    XCTAssertEqual(result.status, 1)
    XCTAssertTrue(result.stderr.contains("\(path):7:"), result.stderr)
  }

  func testBadCellNumberListsTheCells() throws {
    let path = try script("notebook.mlx", notebook)
    let result = try MelixProcess.locate().run(["run", path, "--cell", "9"])
    XCTAssertEqual(result.status, 64)
    XCTAssertTrue(result.stderr.contains("no cell 9 in '\(path)'"), result.stderr)
    XCTAssertTrue(result.stderr.contains("1  First"), result.stderr)
    XCTAssertTrue(result.stderr.contains("3  Third"), result.stderr)
  }

  /// `--cell -1` was read as a missing value and an unknown option '-1'.
  func testNegativeCellNumberIsNamedAndListsTheCells() throws {
    let path = try script("notebook.mlx", notebook)
    for cell in ["-1", "0"] {
      let result = try MelixProcess.locate().run(["run", path, "--cell", cell])
      XCTAssertEqual(result.status, 64)
      XCTAssertTrue(result.stderr.contains("no cell \(cell) in '\(path)'"), result.stderr)
      XCTAssertTrue(result.stderr.contains("1  First"), result.stderr)
    }
  }

  func testRecursionDepthIsAnErrorNotACrash() throws {
    let path = try script("deep.mlx", "fn down(n) {\n  return down(n + 1)\n}\ndown(0)\n")
    let result = try MelixProcess.locate().run(["run", path])
    XCTAssertEqual(result.status, 1)
    XCTAssertTrue(result.stderr.contains("recursion depth exceeded"), result.stderr)
  }

  func testCtrlCStopsALoopWithLocationAndStatus130() throws {
    let melix = try MelixProcess.locate()
    let path = try script("spin.mlx", "var i = 0\nwhile true {\n  i += 1\n}\n")
    let process = Process()
    process.executableURL = melix.binary
    process.arguments = ["run", path]
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = "1"
    process.environment = environment
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = Pipe()
    try process.run()
    // Send SIGINT only once the driver has installed its handler (SIGINT, bit 1, is then
    // caught or ignored in /proc/PID/status), so a slow start cannot turn the test into a
    // plain kill.
    let statusFile = "/proc/\(process.processIdentifier)/status"
    func mask(_ field: String, in status: String) -> UInt64 {
      status.split(separator: "\n").first { $0.hasPrefix(field) }
        .flatMap { UInt64($0.dropFirst(field.count).trimmingCharacters(in: .whitespaces), radix: 16) }
        ?? 0
    }
    let installDeadline = Date().addingTimeInterval(20)
    while Date() < installDeadline {
      let status = (try? String(contentsOfFile: statusFile, encoding: .utf8)) ?? ""
      if (mask("SigCgt:", in: status) | mask("SigIgn:", in: status)) & 0x2 != 0 { break }
      Thread.sleep(forTimeInterval: 0.05)
    }
    Thread.sleep(forTimeInterval: 0.3)
    process.interrupt()
    let deadline = Date().addingTimeInterval(10)
    while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
    if process.isRunning {
      process.terminate()
      XCTFail("melix did not stop on SIGINT")
      return
    }
    let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    XCTAssertEqual(process.terminationStatus, 130)
    XCTAssertTrue(stderr.contains("runtime error: interrupted"), stderr)
    XCTAssertTrue(stderr.contains("\(path):"), stderr)
  }

  /// Diagnostics are coloured only when stderr is a terminal and NO_COLOR is unset; a
  /// pseudo-terminal comes from util-linux `script`.
  func testColourOnlyOnATerminalWithoutNoColor() throws {
    let melix = try MelixProcess.locate()
    let scriptTool = URL(fileURLWithPath: "/usr/bin/script")
    guard FileManager.default.isExecutableFile(atPath: scriptTool.path) else {
      throw XCTSkip("util-linux 'script' is not installed")
    }
    func runOnTerminal(noColor: Bool) throws -> String {
      let process = Process()
      process.executableURL = scriptTool
      process.arguments = ["-q", "-c", "'\(melix.binary.path)' -e 'print(nope)'", "/dev/null"]
      var environment = ProcessInfo.processInfo.environment
      environment["NO_COLOR"] = noColor ? "1" : nil
      process.environment = environment
      let output = Pipe()
      process.standardOutput = output
      process.standardInput = FileHandle.nullDevice
      try process.run()
      let data = output.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
      return String(decoding: data, as: UTF8.self)
    }
    let coloured = try runOnTerminal(noColor: false)
    XCTAssertTrue(coloured.contains("\u{1B}["), coloured)
    XCTAssertTrue(coloured.contains("undefined variable 'nope'"), coloured)
    let plain = try runOnTerminal(noColor: true)
    XCTAssertFalse(plain.contains("\u{1B}["), plain)
    XCTAssertTrue(plain.contains("<-e>:1:7: error: undefined variable 'nope'"), plain)
  }

  /// The whole rendered compile error, as STYLE.md section 5 shows it: header, gutter,
  /// source line, carets under the span.
  func testCompileErrorRenderingExactly() throws {
    let path = try script("unclosed.mlx", "let xs = [1, 2\nprint(xs)\n")
    let result = try MelixProcess.locate().run(["run", path])
    XCTAssertEqual(result.status, 2)
    XCTAssertEqual(
      result.stderr,
      """
      \(path):2:1: error: expected ']' to close '[' at 1:10
        |
      2 | print(xs)
        | ^^^^^

      """)
  }

  /// A runtime error inside nested calls: header, snippet with carets, then one
  /// `  at <function> (path:line)` line per frame, innermost first, ending at the script.
  func testRuntimeErrorRenderingWithTrace() throws {
    let path = try script(
      "scale.mlx",
      """
      fn scale(values, factor) {
        return map(fn(v) => v // factor, values)
      }
      print(scale([4, 8], 2))
      print(scale([1], 0))

      """)
    let result = try MelixProcess.locate().run(["run", path])
    XCTAssertEqual(result.status, 1)
    XCTAssertEqual(result.stdout, "[2, 4]\n")
    let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    XCTAssertEqual(
      Array(lines.prefix(4)),
      [
        "\(path):2:23: runtime error: integer division by zero",
        "  |",
        "2 |   return map(fn(v) => v // factor, values)",
        "  |                       ^^^^^^^^^^^",
      ], result.stderr)
    let frames = lines.filter { $0.hasPrefix("  at ") }
    XCTAssertEqual(frames.last, "  at <script> (\(path):5)", result.stderr)
    XCTAssertTrue(frames.contains("  at scale (\(path):2)"), result.stderr)
  }

  /// Pathologically deep input must end in an error (or a correct result), never a crash.
  func testDeeplyNestedInputIsAnErrorNotACrash() throws {
    let melix = try MelixProcess.locate()
    let depth = 100_000
    let inputs: [(name: String, text: String, output: String)] = [
      ("parens", "print(" + String(repeating: "(", count: depth) + "1"
        + String(repeating: ")", count: depth) + ")\n", "1\n"),
      ("lists", "let x = " + String(repeating: "[", count: depth)
        + String(repeating: "]", count: depth) + "\nprint(len(x))\n", "1\n"),
      ("chain", "let x = 1" + String(repeating: " + 1", count: 2 * depth) + "\nprint(x)\n",
        "\(2 * depth + 1)\n"),
    ]
    for input in inputs {
      let path = try script("deep_\(input.name).mlx", input.text)
      let result = try melix.run(["run", path])
      XCTAssertTrue(
        result.status == 2 || (result.status == 0 && result.stdout == input.output),
        "\(input.name): status \(result.status), stderr: \(result.stderr.prefix(300))")
    }
  }

  /// Each golden file run through the CLI ends with the status its annotations imply, and
  /// `melix check` on it reports exactly its compile errors.
  func testGoldenFilesExitWithTheStatusTheirAnnotationsImply() throws {
    let melix = try MelixProcess.locate()
    var wrong: [String] = []
    for file in RepositoryPaths.files(under: RepositoryPaths.golden, ext: "mlx") {
      let expected = GoldenExpectations(parsing: try String(contentsOf: file, encoding: .utf8))
      // `run` does `check`'s argument checks first: a `# check error:` stops it with status 2.
      let runStatus = expected.checkErrors.isEmpty ? expected.exitStatus : 2
      let result = try melix.run(["run", file.path])
      if result.status != runStatus {
        wrong.append("run \(file.lastPathComponent): expected \(runStatus), got \(result.status)")
      }
      // `check` finds exactly the compile errors and never runs the file.
      let checked = try melix.run(["check", file.path])
      let checkStatus: Int32 = expected.compileErrors.isEmpty && expected.checkErrors.isEmpty ? 0 : 2
      if checked.status != checkStatus || !checked.stdout.isEmpty {
        wrong.append("check \(file.lastPathComponent): expected \(checkStatus), got \(checked.status)")
      }
      for message in expected.checkErrors where !checked.stderr.contains("error: " + message) {
        wrong.append("check \(file.lastPathComponent): no '\(message)'")
      }
    }
    XCTAssertEqual(wrong, [], wrong.joined(separator: "\n"))
  }
}
