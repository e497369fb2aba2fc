import Foundation
import MelixInterpreter
import XCTest

/// Every built-in in the interpreter's table is used by at least one golden file, so a new
/// built-in without a golden test fails here.
final class BuiltinCoverageTests: XCTestCase {
  func testEveryBuiltinAppearsInAGoldenFile() throws {
    let session = Session(output: { _ in }, searchPaths: [RepositoryPaths.stdlib.path])
    let names = session.builtinSummaries().map(\.name)
    XCTAssertGreaterThan(names.count, 30, "the built-in table looks empty")
    let texts = try RepositoryPaths.files(under: RepositoryPaths.golden, ext: "mlx")
      .map { try String(contentsOf: $0, encoding: .utf8) }
    let missing = names.filter { name in !texts.contains { Self.mentions($0, word: name) } }
    XCTAssertEqual(missing, [], "built-ins without a golden file: \(missing.joined(separator: ", "))")
  }

  func testWordSearchRespectsIdentifierBoundaries() {
    XCTAssertTrue(Self.mentions("print(len(xs))", word: "len"))
    XCTAssertTrue(Self.mentions("x = pi", word: "pi"))
    XCTAssertFalse(Self.mentions("let length = 3", word: "len"))
    XCTAssertFalse(Self.mentions("spin()", word: "pi"))
  }

  /// True when `word` occurs in `text` as a whole identifier.
  static func mentions(_ text: String, word: String) -> Bool {
    func isIdentifier(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }
    var searchStart = text.startIndex
    while let found = text.range(of: word, range: searchStart..<text.endIndex) {
      let before = found.lowerBound == text.startIndex
        ? nil : text[text.index(before: found.lowerBound)]
      let after = found.upperBound == text.endIndex ? nil : text[found.upperBound]
      if !(before.map(isIdentifier) ?? false) && !(after.map(isIdentifier) ?? false) {
        return true
      }
      searchStart = found.upperBound
    }
    return false
  }
}
