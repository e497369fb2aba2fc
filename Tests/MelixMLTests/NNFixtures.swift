import Foundation
import MelixNumerics
import XCTest

@testable import MelixML

/// Fixture access for the neural-network tests: `Fixtures/nn/nn_fixtures.json` (written by
/// `Fixtures/nn/make_nn_fixtures.py`) and a copy of iris.
enum NNFixtures {
  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures/nn")

  static func json() throws -> [String: Any] {
    let data = try Data(contentsOf: directory.appendingPathComponent("nn_fixtures.json"))
    guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
      throw NNError.invalidOption(name: "fixture", value: "json", expected: "an object")
    }
    return object
  }

  static func section(_ name: String) throws -> [String: Any] {
    try XCTUnwrap(try json()[name] as? [String: Any], "fixture section \(name)")
  }

  static func doubles(_ value: Any?) throws -> [Double] {
    if let rows = value as? [[Double]] { return rows.flatMap { $0 } }
    return try XCTUnwrap(value as? [Double], "expected numbers")
  }

  /// Iris as tensors: features `[150, 4]`, labels `[150]` (codes in sorted name order).
  static func iris() throws -> (x: Tensor, y: Tensor) {
    let text = try String(contentsOf: directory.appendingPathComponent("iris.csv"), encoding: .utf8)
    var rows: [[Double]] = []
    var names: [String] = []
    for line in text.split(separator: "\n").dropFirst() {
      let fields = line.split(separator: ",").map(String.init)
      rows.append(fields.prefix(4).compactMap(Double.init))
      names.append(fields[4])
    }
    let classes = Array(Set(names)).sorted()
    let labels = names.map { Int64(classes.firstIndex(of: $0) ?? -1) }
    return (try Tensor(rows: rows), Tensor(labels))
  }

  /// Iris standardised per column (so small networks train quickly).
  static func scaledIris() throws -> (x: Tensor, y: Tensor) {
    let (x, y) = try iris()
    var v = x.scalars
    for j in 0..<4 {
      let col = (0..<150).map { v[$0 * 4 + j] }
      let mean = col.reduce(0, +) / 150
      let std = (col.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 150).squareRoot()
      for i in 0..<150 { v[i * 4 + j] = (v[i * 4 + j] - mean) / std }
    }
    return (try Tensor(shape: [150, 4], scalars: v), y)
  }
}

func nnAssertClose(
  _ a: [Double], _ b: [Double], tolerance: Double = 1e-12, _ message: String = "",
  file: StaticString = #filePath, line: UInt = #line
) {
  XCTAssertEqual(a.count, b.count, "count \(message)", file: file, line: line)
  for (i, (x, y)) in zip(a, b).enumerated() where !(abs(x - y) <= tolerance * max(1, abs(y))) {
    XCTFail("\(message)[\(i)]: \(x) vs \(y)", file: file, line: line)
    return
  }
}
