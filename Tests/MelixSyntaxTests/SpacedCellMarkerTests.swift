import MelixSyntax
import XCTest

/// `# %%` (VS Code, Jupytext, Spyder) starts a cell like `#%%` (issue #60).
final class SpacedCellMarkerTests: XCTestCase {
  func testBothSpellingsStartCells() {
    let source = SourceFile(path: "nb.mlx", text: "let a = 1\n# %% spaced\nprint(1)\n#%%\nprint(2)\n# %%Tight\nprint(3)")
    let cells = Cells.split(source)
    XCTAssertEqual(cells.map(\.title), ["spaced", "", "Tight"])
    XCTAssertEqual(cells.map(\.startLine), [2, 4, 6])
    XCTAssertEqual(Cells.preamble(source), "let a = 1")
  }

  func testOtherCommentsAreNotMarkers() {
    XCTAssertNil(Cells.markerTitle("# % not a cell"))
    XCTAssertNil(Cells.markerTitle("#  %% two spaces"))
    XCTAssertNil(Cells.markerTitle(" # %% indented"))
    XCTAssertEqual(Cells.markerTitle("# %%"), "")
  }
}
