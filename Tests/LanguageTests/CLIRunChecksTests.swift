import Foundation
import XCTest

/// `melix run` does `melix check`'s static checks before running anything; `check` reports
/// name and argument errors at once; `run --cell N` names the cell that defines a missing name.
final class CLIRunChecksTests: XCTestCase {
  private var scratch = FileManager.default.temporaryDirectory

  override func setUpWithError() throws {
    scratch = FileManager.default.temporaryDirectory
      .appendingPathComponent("melix-cli-checks-\(UUID().uuidString)")
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

  /// A misspelt keyword stops `run` before the first statement runs (exit 2, no output).
  func testRunReportsAMisspeltKeywordBeforeRunningAnything() throws {
    let path = try script("keyword.mlx", "print(\"started\")\nprint(round(2.5, digts: 1))\n")
    let result = try MelixProcess.locate().run(["run", path])
    XCTAssertEqual(result.status, 2, result.stderr)
    XCTAssertEqual(result.stdout, "", "nothing may run")
    XCTAssertTrue(result.stderr.contains("\(path):2:18: error: 'round' has no parameter named 'digts'"), result.stderr)
    XCTAssertTrue(result.stderr.contains("help: did you mean 'digits'?"), result.stderr)
  }

  func testRunReportsAWrongArgumentCountOfAUserFunctionBeforeRunning() throws {
    let path = try script("arity.mlx", "print(\"started\")\nfn f(a) => a\nprint(f(1, 2))\n")
    let result = try MelixProcess.locate().run(["run", path])
    XCTAssertEqual(result.status, 2, result.stderr)
    XCTAssertEqual(result.stdout, "")
    XCTAssertTrue(result.stderr.contains("error: 'f' takes 1 argument but 2 were given"), result.stderr)
  }

  /// NumPy's `rand(2, 3)` habit: a positional argument for a keyword-only `seed` is found
  /// before anything runs, with the hint that a shape is one list.
  func testRunReportsAPositionalSeedBeforeRunning() throws {
    let path = try script("seed.mlx", "print(\"started\")\nlet a = rand(2, 3)\nlet b = rand([2, 3], seed: 3)\n")
    let result = try MelixProcess.locate().run(["run", path])
    XCTAssertEqual(result.status, 2, result.stderr)
    XCTAssertEqual(result.stdout, "")
    XCTAssertTrue(
      result.stderr.contains(
        "\(path):2:9: error: 'rand' takes 'seed' only as a keyword ('seed: ...'), not as a positional argument"),
      result.stderr)
    XCTAssertTrue(result.stderr.contains("help: a shape is one list, as in NumPy's shape tuples: rand([2, 3])"), result.stderr)
    XCTAssertFalse(result.stderr.contains(":3:"), "the keyword form is fine: \(result.stderr)")
  }

  /// Name errors no longer hide argument errors: both come at once, in source order.
  func testCheckReportsNameAndArgumentErrorsTogetherInOrder() throws {
    let path = try script(
      "both.mlx", "let scores = [1, 2]\nprint(len(scores, 2))\nprint(scroes)\nprint(round(1.5, digts: 1))\n")
    for command in ["check", "run"] {
      let result = try MelixProcess.locate().run([command, path])
      XCTAssertEqual(result.status, 2, result.stderr)
      XCTAssertEqual(result.stdout, "")
      let lines = result.stderr.split(separator: "\n").filter { $0.contains(": error: ") }.map(String.init)
      XCTAssertEqual(
        lines,
        [
          "\(path):2:7: error: 'len' takes 1 argument but 2 were given",
          "\(path):3:7: error: undefined variable 'scroes'",
          "\(path):4:18: error: 'round' has no parameter named 'digts'",
        ], "\(command): \(result.stderr)")
    }
  }

  /// The README's example: `modle` is a transposition of `model`, one edit away.
  func testTransposedNameGetsTheReadmeDidYouMean() throws {
    let folder = scratch.appendingPathComponent("examples")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try "let model = 1\nlet data = 2\ntrain(modle, data)\n".write(
      to: folder.appendingPathComponent("typo.mlx"), atomically: true, encoding: .utf8)
    let result = try MelixProcess.locate().run(["check", "examples/typo.mlx"], directory: scratch)
    XCTAssertEqual(result.status, 2, result.stderr)
    XCTAssertEqual(
      result.stderr,
      """
      examples/typo.mlx:3:7: error: undefined variable 'modle'
        |
      3 | train(modle, data)
        |       ^^^^^
      help: did you mean 'model'?

      """)
  }

  private let notebook = """
    let base = 10
    #%% Train
    let model = base * 2
    fn report(x) => x + 1
    #%% Use
    print(report(model))
    print(base)
    """

  func testCellUsingANameOfAnotherCellSaysWhichCellDefinesIt() throws {
    let path = try script("notebook.mlx", notebook)
    let result = try MelixProcess.locate().run(["run", path, "--cell", "2"])
    XCTAssertEqual(result.status, 2, result.stderr)
    XCTAssertEqual(result.stdout, "")
    XCTAssertTrue(result.stderr.contains("\(path):6:7: error: undefined variable 'report'"), result.stderr)
    XCTAssertTrue(
      result.stderr.contains("help: 'report' is defined in cell 1; run it first, or use the REPL's :run FILE --cell N"),
      result.stderr)
    XCTAssertTrue(
      result.stderr.contains("help: 'model' is defined in cell 1; run it first, or use the REPL's :run FILE --cell N"),
      result.stderr)
  }

  func testTheDefiningCellRunsAndTheWholeFileRuns() throws {
    let path = try script("notebook.mlx", notebook)
    let first = try MelixProcess.locate().run(["run", path, "--cell", "1"])
    XCTAssertEqual(first.status, 0, first.stderr)
    let whole = try MelixProcess.locate().run(["run", path])
    XCTAssertEqual(whole.status, 0, whole.stderr)
    XCTAssertEqual(whole.stdout, "21\n10\n")
  }
}
