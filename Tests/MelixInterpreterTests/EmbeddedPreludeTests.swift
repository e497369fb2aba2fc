import Foundation
import MelixInterpreter
import MelixSyntax
import XCTest

/// The prelude compiled into the interpreter (issue #20: a binary copied onto PATH).
final class EmbeddedPreludeTests: XCTestCase {
  func testEmbeddedPreludeMatchesStdlibPrelude() throws {
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../../stdlib/prelude.mlx").standardizedFileURL.path
    let onDisk = try String(contentsOfFile: path, encoding: .utf8)
    XCTAssertEqual(
      EmbeddedPrelude.text + "\n", onDisk,
      "Sources/MelixInterpreter/EmbeddedPrelude.swift is stale: run scripts/embed-prelude.sh")
  }

  func testASessionWithoutSearchPathsHasThePrelude() {
    let buffer = OutputBuffer()
    let session = Session(output: { buffer.text += $0 }, searchPaths: ["/nonexistent/stdlib"])
    XCTAssertNil(session.preludeFailure)
    let result = session.run(
      SourceFile(path: "t.mlx", text: "print(enumerate([\"a\"]), zip([1, 2], [3]), reversed([1, 2]))"))
    guard case .success = result else { return XCTFail("expected success, got \(result)") }
    XCTAssertEqual(buffer.text, "[(0, \"a\")] [(1, 3)] [2, 1]\n")
  }

  func testEmbeddedPreludeFunctionsHaveHelpWithoutABuildPath() throws {
    let session = Session(output: { _ in })
    let help = try XCTUnwrap(session.help(for: "enumerate"))
    XCTAssertTrue(help.contains("<prelude>:6"), help)
  }
}
