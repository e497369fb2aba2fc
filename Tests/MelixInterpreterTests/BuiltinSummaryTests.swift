import MelixInterpreter
import XCTest

/// `:help`'s one-line summaries (issues #23 and #24).
final class BuiltinSummaryTests: XCTestCase {
  private func summaries() -> [String: String] {
    var out: [String: String] = [:]
    for (name, summary) in Session(output: { _ in }).builtinSummaries() { out[name] = summary }
    return out
  }

  func testPeriodsInsideNumbersAndCodeDoNotEndTheSummary() {
    let all = summaries()
    XCTAssertEqual(all["e"], "Euler's number, 2.718281828459045")
    XCTAssertEqual(all["pi"], "The ratio of a circle's circumference to its diameter, 3.141592653589793")
    XCTAssertEqual(all["choice"], "Draws 'size' values from 0..<a (an Int) or rows of a tensor, with or without replacement")
  }

  func testASentenceEndsAtPeriodSpaceOrTheEnd() {
    let all = summaries()
    XCTAssertEqual(all["inf"], "Positive infinity")
    let seed = all["set_seed"] ?? ""
    XCTAssertTrue(seed.hasSuffix("from 'seed'"), seed)
  }

  func testOverloadedNamesShowEveryOverload() throws {
    let split = try XCTUnwrap(summaries()["split"])
    let parts = split.components(separatedBy: " | ")
    XCTAssertGreaterThanOrEqual(parts.count, 2, split)
    XCTAssertTrue(parts[0].hasPrefix("The pieces of the text between separators"), split)
    XCTAssertTrue(parts.contains { $0.lowercased().contains("train") || $0.lowercased().contains("test") }, split)
  }
}
