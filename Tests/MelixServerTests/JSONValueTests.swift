import Foundation
import XCTest

@testable import MelixServer

/// The server's JSON parser: exact numbers, and errors with offsets.
final class JSONValueTests: XCTestCase {
  func testNumbersRoundTripExactly() throws {
    var generator = SystemRandomNumberGenerator()
    let values =
      (0..<2000).map { _ in Double.random(in: -10...10, using: &generator) } + [
        Double.leastNonzeroMagnitude, Double.greatestFiniteMagnitude, -0.0, 123_456_789_012_345_680,
      ]
    let text = "[" + values.map(\.description).joined(separator: ",") + "]"
    guard case .array(let parsed) = try JSONValue.parse(Array(text.utf8)) else {
      return XCTFail("not an array")
    }
    XCTAssertEqual(parsed, values.map { JSONValue.number($0) })
  }

  func testStructureAndEscapes() throws {
    let doc = try JSONValue.parse(
      Array(#" {"a": [1, -2.5e3, true, null], "s": "x\"\u00e9\n\ud83d\ude00"} "#.utf8))
    XCTAssertEqual(doc["a"], .array([.number(1), .number(-2500), .bool(true), .null]))
    XCTAssertEqual(doc["s"], .string("x\"é\n😀"))
  }

  func testMalformedDocumentsThrowWithOffsets() {
    for (text, offset) in [
      ("{\"a\": }", 6), ("[1, 2", 5), ("[01]", 3), ("[1.]", 3), ("nul", 0), ("[1] x", 4),
      ("\"abc", 4),
    ] {
      XCTAssertThrowsError(try JSONValue.parse(Array(text.utf8)), text) {
        XCTAssertEqual(($0 as? JSONParseError)?.offset, offset, text)
      }
    }
    let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
    XCTAssertThrowsError(try JSONValue.parse(Array(deep.utf8)))
  }
}
