import Foundation
import XCTest

@testable import MelixNumerics

/// Loads the JSON fixtures written by `Fixtures/make_fixtures.py` (NumPy reference values).
enum Fixture {
  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

  static func load(_ name: String) throws -> Any {
    let data = try Data(contentsOf: directory.appendingPathComponent(name))
    return try JSONSerialization.jsonObject(with: data)
  }

  /// Decodes `{shape, dtype, data}` into a tensor.
  static func tensor(_ object: Any?) throws -> Tensor {
    guard let dict = object as? [String: Any], let shape = dict["shape"] as? [Int],
      let dtypeName = dict["dtype"] as? String, let data = dict["data"] as? [Any]
    else { throw FixtureError.malformed }
    let values: [Double] = data.map { item in
      if let s = item as? String { return Double(s) ?? .nan }
      if let b = item as? Bool, dtypeName == "bool" { return b ? 1 : 0 }
      return (item as? NSNumber)?.doubleValue ?? .nan
    }
    let base = try Tensor(shape: shape, scalars: values)
    switch dtypeName {
    case "int64":
      let ints = data.map { ($0 as? NSNumber)?.int64Value ?? 0 }
      return try Tensor(shape: shape, scalars: ints)
    default: return base.cast(to: try DType.named(dtypeName))
    }
  }

  /// A float written as text by the fixture script (exact, unlike JSON number parsing).
  static func double(_ object: Any?) throws -> Double {
    guard let s = object as? String, let d = Double(s) else { throw FixtureError.malformed }
    return d
  }

  enum FixtureError: Error { case malformed }
}

/// Asserts equal shape and dtype and element-wise closeness (NaN matches NaN, infinities
/// match exactly; with `signedZeros`, an expected zero must have the same sign).
func assertClose(
  _ actual: Tensor, _ expected: Tensor, rtol: Double = 1e-12, atol: Double = 1e-12,
  checkDType: Bool = true, signedZeros: Bool = false, _ message: String = "",
  file: StaticString = #filePath, line: UInt = #line
) {
  XCTAssertEqual(actual.shape, expected.shape, "shape \(message)", file: file, line: line)
  if checkDType {
    XCTAssertEqual(actual.dtype, expected.dtype, "dtype \(message)", file: file, line: line)
  }
  guard actual.shape == expected.shape else { return }
  for (i, (a, e)) in zip(actual.scalars, expected.scalars).enumerated() {
    if e.isNaN {
      XCTAssertTrue(
        a.isNaN, "element \(i): expected nan, got \(a) \(message)", file: file, line: line)
    } else if signedZeros && e == 0 {
      XCTAssertTrue(
        a == 0 && a.sign == e.sign, "element \(i): expected \(e), got \(a) \(message)",
        file: file, line: line)
    } else if e.isInfinite {
      XCTAssertEqual(a, e, "element \(i) \(message)", file: file, line: line)
    } else {
      XCTAssertLessThanOrEqual(
        Swift.abs(a - e), atol + rtol * Swift.abs(e), "element \(i): \(a) vs \(e) \(message)",
        file: file, line: line)
    }
  }
}
