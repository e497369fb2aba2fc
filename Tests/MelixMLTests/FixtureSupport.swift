import Foundation
import XCTest

/// A parsed JSON value from a fixture file. Floats that are NaN or infinite are stored by
/// `make_fixtures.py` as the strings "NaN", "Infinity", "-Infinity".
enum JSONValue: Decodable {
  case number(Double)
  case string(String)
  case bool(Bool)
  case array([JSONValue])
  case object([String: JSONValue])
  case null

  init(from decoder: Decoder) throws {
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .null
    } else if let value = try? container.decode(Bool.self) {
      self = .bool(value)
    } else if let value = try? container.decode(Double.self) {
      self = .number(value)
    } else if let value = try? container.decode(String.self) {
      self = .string(value)
    } else if let value = try? container.decode([JSONValue].self) {
      self = .array(value)
    } else {
      self = .object(try container.decode([String: JSONValue].self))
    }
  }

  subscript(key: String) -> JSONValue? {
    if case .object(let fields) = self { return fields[key] }
    return nil
  }

  var double: Double? {
    switch self {
    case .number(let x): return x
    case .string("NaN"): return .nan
    case .string("Infinity"): return .infinity
    case .string("-Infinity"): return -.infinity
    default: return nil
    }
  }

  var string: String? {
    if case .string(let s) = self { return s }
    return nil
  }

  var array: [JSONValue] {
    if case .array(let items) = self { return items }
    return []
  }

  var doubles: [Double] { array.compactMap(\.double) }
  var strings: [String] { array.compactMap(\.string) }
  var ints: [Int] { array.compactMap { $0.double.map { Int($0) } } }
  var matrix: [[Double]] { array.map(\.doubles) }
  var intMatrix: [[Int]] { array.map(\.ints) }
}

/// Loads a fixture JSON file from the `Fixtures` folder next to this source file.
func loadFixture(_ name: String, filePath: String = #filePath) throws -> JSONValue {
  let url = URL(fileURLWithPath: filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures").appendingPathComponent(name)
  return try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: url))
}

/// The path of a file in the `Fixtures` folder.
func fixturePath(_ name: String, filePath: String = #filePath) -> String {
  URL(fileURLWithPath: filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures").appendingPathComponent(name).path
}

/// Asserts two numbers agree to an absolute-or-relative tolerance; NaN equals NaN and
/// infinities must match exactly.
func assertClose(
  _ actual: Double, _ expected: Double?, tolerance: Double = 1e-9, _ message: String = "",
  file: StaticString = #filePath, line: UInt = #line
) {
  guard let expected else {
    XCTFail("missing expected value: \(message)", file: file, line: line)
    return
  }
  if expected.isNaN {
    XCTAssertTrue(actual.isNaN, "\(message): expected NaN, got \(actual)", file: file, line: line)
  } else if expected.isInfinite {
    XCTAssertEqual(actual, expected, message, file: file, line: line)
  } else {
    let scale = max(1, abs(expected))
    XCTAssertLessThanOrEqual(
      abs(actual - expected), tolerance * scale,
      "\(message): expected \(expected), got \(actual)", file: file, line: line)
  }
}

/// Element-wise `assertClose` with a length check.
func assertClose(
  _ actual: [Double], _ expected: [Double], tolerance: Double = 1e-9, _ message: String = "",
  file: StaticString = #filePath, line: UInt = #line
) {
  XCTAssertEqual(actual.count, expected.count, "\(message): length", file: file, line: line)
  for (i, (a, e)) in zip(actual, expected).enumerated() {
    assertClose(a, e, tolerance: tolerance, "\(message)[\(i)]", file: file, line: line)
  }
}

/// Reads a fixture CSV of numeric features and one target column (no quoting, no missing
/// values: the files in `Fixtures` are plain).
func readFixtureCSV(_ name: String, target: String) throws -> (x: [[Double]], y: [String]) {
  let text = try String(contentsOfFile: fixturePath(name), encoding: .utf8)
  var lines = text.split(separator: "\n").map(String.init)
  let header = lines.removeFirst().split(separator: ",").map(String.init)
  guard let targetColumn = header.firstIndex(of: target) else {
    throw CocoaError(.fileReadCorruptFile)
  }
  var x: [[Double]] = []
  var y: [String] = []
  for line in lines {
    let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    y.append(fields[targetColumn])
    x.append(
      fields.enumerated().filter { $0.offset != targetColumn }.compactMap { Double($0.element) })
  }
  return (x, y)
}
