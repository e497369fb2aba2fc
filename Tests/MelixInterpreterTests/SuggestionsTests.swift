@testable import MelixInterpreter
import MelixSyntax
import XCTest

/// Did-you-mean distance: optimal string alignment, so a swap of two letters is one edit.
final class SuggestionsTests: XCTestCase {
  func testTranspositionIsOneEdit() {
    XCTAssertEqual(Suggestions.distance("modle", "model"), 1)
    XCTAssertEqual(Suggestions.distance("mdoel", "model"), 1)
    XCTAssertEqual(Suggestions.distance("ab", "ba"), 1)
  }

  func testLevenshteinCasesAreUnchanged() {
    XCTAssertEqual(Suggestions.distance("kitten", "sitting"), 3)
    XCTAssertEqual(Suggestions.distance("", "abc"), 3)
    XCTAssertEqual(Suggestions.distance("Model", "model"), 0)
    XCTAssertEqual(Suggestions.distance("flaw", "lawn"), 2)
  }

  /// OSA edits no substring twice: `ca` → `abc` is 3 (true Damerau–Levenshtein gives 2).
  func testRestrictedEditDistance() {
    XCTAssertEqual(Suggestions.distance("ca", "abc"), 3)
  }

  func testNearestSuggestsTheTransposedName() {
    XCTAssertEqual(Suggestions.nearest("modle", among: ["model", "data", "train"]), "model")
    XCTAssertEqual(Suggestions.nearest("metrc", among: ["metric", "epochs"]), "metric")
  }

  func testUndefinedTransposedNameGetsAHelpLine() {
    let (_, result) = runMelix("let model = 1\nlet data = 2\nprint(modle, data)")
    guard case .compileErrors(let diagnostics) = result else { return XCTFail("expected compile errors, got \(result)") }
    XCTAssertEqual(diagnostics.map(\.message), ["undefined variable 'modle'"])
    XCTAssertEqual(diagnostics.first?.help, "did you mean 'model'?")
  }
}
