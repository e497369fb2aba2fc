import Foundation
import XCTest

/// Reads Fixtures/reference.json (written by Fixtures/make_fixtures.py with scikit-learn).
enum Reference {
  static func load() throws -> [String: Any] {
    let data = try Data(contentsOf: TestPaths.fixtures.appendingPathComponent("reference.json"))
    guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
      throw NSError(domain: "reference.json", code: 1)
    }
    return object
  }

  /// Numbers with JSON null as NaN.
  static func doubles(_ value: Any?) -> [Double] {
    (value as? [Any] ?? []).map { ($0 as? NSNumber)?.doubleValue ?? .nan }
  }
}

/// Asserts element-wise closeness, NaN matching NaN.
func assertClose(
  _ actual: [Double], _ expected: [Double], tolerance: Double = 1e-12, _ message: String = "",
  file: StaticString = #filePath, line: UInt = #line
) {
  XCTAssertEqual(actual.count, expected.count, "count " + message, file: file, line: line)
  for (k, (a, e)) in zip(actual, expected).enumerated() {
    if a.isNaN || e.isNaN {
      XCTAssertTrue(a.isNaN && e.isNaN, "\(message)[\(k)]: \(a) vs \(e)", file: file, line: line)
    } else {
      XCTAssertEqual(
        a, e, accuracy: tolerance * max(1, abs(e)), "\(message)[\(k)]", file: file, line: line)
    }
  }
}
