import MelixSyntax
import XCTest

final class CellsAndRenderingTests: XCTestCase {
  func testCellsAreNumberedFromOneAndKeepLineNumbers() {
    let source = SourceFile(path: "s.mlx", text: "let a = 1\n#%% Load\nprint(a)\n#%%   Train  \nprint(2)\n")
    let cells = Cells.split(source)
    XCTAssertEqual(cells.map(\.index), [1, 2])
    XCTAssertEqual(cells.map(\.title), ["Load", "Train"])
    XCTAssertEqual(cells.map(\.startLine), [2, 4])
    XCTAssertEqual(cells[1].text.split(separator: "\n", omittingEmptySubsequences: false)[4], "print(2)")
    XCTAssertEqual(Cells.preamble(source), "let a = 1")
    XCTAssertEqual(Cells.split(SourceFile(path: "n.mlx", text: "print(1)\n")).count, 0)
  }

  func testRendererAlignsTheGutterAndCoversTheSpan() {
    let text = String(repeating: "\n", count: 11) + "model = train(data, epochs: 10\n"
    let source = SourceFile(path: "examples/iris.mlx", text: text)
    let span = Span(start: 11 + 8, end: 11 + 13, line: 12, column: 9)
    let diagnostic = Diagnostic(error: "undefined variable 'train'", at: span, help: "did you mean 'rain'?")
    XCTAssertEqual(DiagnosticRenderer.render(diagnostic, in: source, color: false), """
      examples/iris.mlx:12:9: error: undefined variable 'train'
         |
      12 | model = train(data, epochs: 10
         |         ^^^^^
      help: did you mean 'rain'?

      """)
  }

  func testLineAndColumnOnlyDiagnosticGetsOneCaret() {
    let source = SourceFile(path: "a.mlx", text: "abc\n")
    let diagnostic = Diagnostic(severity: .warning, message: "w", line: 1, column: 2)
    XCTAssertEqual(DiagnosticRenderer.render(diagnostic, in: source, color: false), "a.mlx:1:2: warning: w\n  |\n1 | abc\n  |  ^\n")
  }
}
