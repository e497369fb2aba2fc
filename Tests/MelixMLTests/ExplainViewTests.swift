import Foundation
import XCTest

@testable import MelixML

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// The text and SVG views of an explanation.
final class ExplainViewTests: XCTestCase {
  func example() throws -> Explanation {
    try LinearSHAP.explain(
      coefficients: [[2, -1, 0.5]], intercepts: [1], data: [[1, 2, 3], [3, 0, 1]],
      background: Background([[0, 0, 0], [2, 2, 2]]), featureNames: ["age", "bmi", "bp"])
  }

  func testSummaryRanksByMeanAbsoluteShap() throws {
    let ex = try example()
    // mean = [1, 1, 1]; phi = [[0, -1, 1], [4, 1, 0]] → mean |phi| = [2, 1, 0.5].
    XCTAssertEqual(ex.meanAbsoluteValues, [2, 1, 0.5])
    XCTAssertEqual(
      ex.summary(),
      """
      mean |shap| over 2 rows (raw output)
      rank  feature  mean |shap|
         1  age                2
         2  bmi                1
         3  bp               0.5
      """)
  }

  func testWaterfallListsContributionsAndOutput() throws {
    let ex = try example()
    let text = try ex.waterfall(row: 1)
    XCTAssertEqual(
      text,
      """
      output (raw), row 1
      base value          2.5
      age = 3              +4  ++++++++++++++++++++
      bmi = 0              +1  +++++
      bp = 1                0
      f(x)                7.5
      """)
    XCTAssertThrowsError(try ex.waterfall(row: 2)) {
      XCTAssertEqual("\($0)", "argument 'row' is 2, expected 0..<2")
    }
  }

  func testSVGFilesAreWellFormed() throws {
    let ex = try example()
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "melix-explain-\(getpid())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    for kind in Explanation.PlotKind.allCases {
      let path = dir.appendingPathComponent("\(kind.rawValue).svg").path
      try ex.writeSVG(to: path, kind: kind)
      let data = try Data(contentsOf: URL(fileURLWithPath: path))
      let parser = XMLParser(data: data)
      XCTAssertTrue(
        parser.parse(), "\(kind) is not well-formed XML: \(String(describing: parser.parserError))")
      let text = String(decoding: data, as: UTF8.self)
      XCTAssertTrue(text.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""))
      XCTAssertTrue(text.contains(">age</text>"))
      if kind == .beeswarm { XCTAssertEqual(text.components(separatedBy: "<circle").count - 1, 6) }
    }
    XCTAssertThrowsError(try ex.writeSVG(to: "/nonexistent-dir/x.svg", kind: .bar)) {
      XCTAssertTrue("\($0)".hasPrefix("cannot write '/nonexistent-dir/x.svg'"))
    }
  }
}
