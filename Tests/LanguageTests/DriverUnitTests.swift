import MelixDriver
import MelixSyntax
import XCTest

/// In-process tests of the driver's helpers: stdlib lookup, cell selection, messages.
final class DriverUnitTests: XCTestCase {
  func testStdlibComesFromTheEnvironmentFirst() {
    let found = StdlibLocator.locate(
      environment: ["MELIX_STDLIB": "/opt/melix/stdlib"], executablePath: "/x/.build/debug/melix",
      fileExists: { _ in true })
    XCTAssertEqual(found, "/opt/melix/stdlib")
  }

  func testStdlibIsFoundWalkingUpFromTheExecutable() {
    let found = StdlibLocator.locate(
      environment: [:], executablePath: "/repo/.build/release/melix",
      fileExists: { $0 == "/repo/stdlib/prelude.mlx" })
    XCTAssertEqual(found, "/repo/stdlib")
  }

  func testNoStdlibWhenNothingMatches() {
    let found = StdlibLocator.locate(
      environment: ["MELIX_STDLIB": ""], executablePath: "/a/b/melix", fileExists: { _ in false })
    XCTAssertNil(found)
  }

  func testCellSelectionBlanksOtherCellsAndKeepsLineCount() throws {
    let source = SourceFile(
      path: "nb.mlx", text: "let a = 1\n#%% one\nprint(a)\n#%% two\nprint(a + 1)\nprint(3)")
    let selected = try CellSelector.select(cell: 2, from: source)
    XCTAssertEqual(selected.text, "let a = 1\n\n\n#%% two\nprint(a + 1)\nprint(3)")
    XCTAssertEqual(selected.path, "nb.mlx")
    let first = try CellSelector.select(cell: 1, from: source)
    XCTAssertEqual(first.text, "let a = 1\n#%% one\nprint(a)\n\n\n")
  }

  func testCellOutOfRangeListsTheCells() {
    let source = SourceFile(path: "nb.mlx", text: "#%% Load\nx\n#%%\ny")
    XCTAssertThrowsError(try CellSelector.select(cell: 3, from: source)) { error in
      XCTAssertEqual(
        error as? DriverError,
        .noSuchCell(
          requested: 3, path: "nb.mlx",
          available: [CellSummary(number: 1, title: "Load"), CellSummary(number: 2, title: "")]))
      XCTAssertEqual(
        (error as? DriverError)?.message, "no cell 3 in 'nb.mlx'; its cells are:\n  1  Load\n  2")
    }
    XCTAssertThrowsError(try CellSelector.select(cell: 0, from: source))
  }

  func testScriptWithoutCellsSaysSo() {
    let source = SourceFile(path: "plain.mlx", text: "print(1)")
    XCTAssertThrowsError(try CellSelector.select(cell: 1, from: source)) { error in
      XCTAssertEqual(
        (error as? DriverError)?.message,
        "no cell 1 in 'plain.mlx': it has no cells (a cell starts at a '#%%' or '# %%' line)")
    }
  }

  func testUsageErrorsExitWith64() {
    XCTAssertEqual(DriverError.fileNotFound(path: "a").exitStatus, .usage)
    XCTAssertEqual(DriverError.fileNotFound(path: "a").message, "no such file 'a'")
    XCTAssertEqual(DriverError.notUTF8(path: "a").exitStatus, .compileErrors)
    XCTAssertEqual(ExitStatus.usage.rawValue, 64)
  }
}
