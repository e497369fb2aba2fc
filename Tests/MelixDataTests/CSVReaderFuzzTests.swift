import Foundation
import XCTest

@testable import MelixData

/// Random RFC 4180 files written and parsed by Python's csv module
/// (Fixtures/make_csv_fuzz.py): Melix must get the same rows, with buffers small enough
/// that records, quotes and CRLF pairs straddle chunk boundaries, on one and two threads.
final class CSVReaderFuzzTests: XCTestCase {
  func testMatchesPythonCSVModule() throws {
    let data = try Data(contentsOf: TestPaths.fixtures.appendingPathComponent("csv_fuzz.json"))
    let cases = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] ?? []
    XCTAssertEqual(cases.count, 60)
    for (index, entry) in cases.enumerated() {
      guard let text = entry["text"] as? String, let rows = entry["rows"] as? [[String]],
        let header = rows.first
      else { return XCTFail("case \(index): bad fixture") }
      let path = TestPaths.temporary("fuzz-\(index).csv")
      try Data(text.utf8).write(to: URL(fileURLWithPath: path))
      // Every column as text, nothing missing: the strings must come back exactly.
      let options = CSVOptions(
        missingValues: [], types: Dictionary(uniqueKeysWithValues: header.map { ($0, .category) }))
      var twoThreads = CSVReader(options: options, chunkSize: 64)
      twoThreads.parallelThreshold = 1
      for reader in [CSVReader(options: options, chunkSize: 64), twoThreads] {
        let table = try reader.readTable(path: path)
        XCTAssertEqual(table.names, header, "case \(index)")
        XCTAssertEqual(table.rowCount, rows.count - 1, "case \(index)")
        var got: [[String]] = []
        for row in 0..<table.rowCount {
          got.append(
            table.columns.map { column in
              guard case .category(let codes, let levels) = column else { return "<not text>" }
              return codes[row] < 0 ? "<missing>" : levels[codes[row]]
            })
        }
        XCTAssertEqual(got, Array(rows.dropFirst()), "case \(index)")
      }
    }
  }
}
