import Foundation
import MelixInterpreter
import MelixSyntax
import XCTest

/// Runs every `examples/*.mlx` that has a `.expected` file beside it and compares stdout.
final class ExamplesTests: XCTestCase {
  func testExamplesMatchTheirExpectedOutput() throws {
    let examples = RepositoryPaths.files(under: RepositoryPaths.examples, ext: "mlx")
      .filter { FileManager.default.fileExists(atPath: Self.expectedFile(for: $0).path) }
    XCTAssertFalse(examples.isEmpty, "no examples/*.mlx with a .expected file")
    for example in examples {
      let text = try String(contentsOf: example, encoding: .utf8)
      let expected = try String(contentsOf: Self.expectedFile(for: example), encoding: .utf8)
      var printed = ""
      let session = Session(
        output: { printed += $0 }, searchPaths: [RepositoryPaths.stdlib.path])
      let result = session.run(SourceFile(path: example.path, text: text))
      if case .success = result {} else {
        XCTFail("\(example.lastPathComponent) did not run to the end: \(result)")
      }
      let want = GoldenRunner.lines(of: expected)
      let got = GoldenRunner.lines(of: printed)
      if want != got {
        let difference = GoldenRunner.difference(
          expected: Self.expectations(output: want),
          actual: .init(output: got, compileErrors: [], runtimeError: nil)) ?? ""
        XCTFail("\(example.lastPathComponent)\n\(difference)")
      }
    }
  }

  private static func expectedFile(for example: URL) -> URL {
    example.deletingPathExtension().appendingPathExtension("expected")
  }

  private static func expectations(output: [String]) -> GoldenExpectations {
    var expectations = GoldenExpectations(parsing: "")
    expectations.output = output
    return expectations
  }
}
