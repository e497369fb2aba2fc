import Foundation
import MelixInterpreter
import MelixSyntax
import XCTest

/// Format specs against Python's `format()`: the expected strings come from
/// `Fixtures/make_format_fixtures.py` (run once, output committed as `format_cases.json`).
final class FormatSpecTests: XCTestCase {
  func testInterpolationMatchesPythonFormat() throws {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Fixtures/format_cases.json")
    let cases = try JSONDecoder().decode([[String]].self, from: Data(contentsOf: url))
    XCTAssertGreaterThan(cases.count, 40)
    for entry in cases {
      let (literal, spec, expected) = (entry[0], entry[1], entry[2])
      let got = output("let v = \(literal)\nprint(\"[{v:\(spec)}]\")")
      XCTAssertEqual(got, "[\(expected)]\n", "format(\(literal), '\(spec)')")
    }
  }

  func testFormatBuiltinUsesTheSameSpecs() {
    XCTAssertEqual(output("print(format(1234.5, \",.1f\"))"), "1,234.5\n")
  }

  func testSpecThatDoesNotFitTheValueIsARuntimeError() {
    XCTAssertEqual(runtimeError("let x = 1.5\nprint(\"{x:d}\")"), "format type 'd' needs an Int, got Float")
    XCTAssertEqual(runtimeError("let x = 1.5\nprint(\"{x:q}\")"), "invalid format spec 'q': unknown type 'q'")
  }

  func testLiteralBraces() {
    XCTAssertEqual(output("let x = 1\nprint(\"{{x}} = {x}\")"), "{x} = 1\n")
  }
}
