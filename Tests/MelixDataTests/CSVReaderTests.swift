import Foundation
import XCTest

@testable import MelixData

final class CSVReaderTests: XCTestCase {
  func write(_ text: String, name: String) throws -> String {
    let path = TestPaths.temporary(name)
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  /// The two-thread path must give exactly the sequential result (or error) on every file.
  func testTwoThreadParseEqualsSequentialParse() throws {
    var parallel = CSVReader(chunkSize: 64)
    parallel.parallelThreshold = 1
    let sequential = CSVReader()
    let files =
      ["iris", "penguins", "titanic", "breast_cancer", "diabetes", "wine"].map {
        TestPaths.example("\($0).csv")
      }
      + [
        "bom_crlf.csv", "no_final_newline.csv", "quoted_fields.csv", "ragged_short_row.csv",
        "ragged_long_row.csv",
        "non_numeric.csv", "header_only.csv", "empty.csv",
      ].map { TestPaths.bad($0) }
    for file in files {
      let expected = Result { try sequential.readTable(path: file) }
      let got = Result { try parallel.readTable(path: file) }
      switch (expected, got) {
      case (.success(let a), .success(let b)):
        // Compared as text so NaN equals NaN and a failure prints a short message.
        XCTAssertTrue("\(a)" == "\(b)", "two-thread parse differs for \(file)")
      case (.failure(let a), .failure(let b)):
        XCTAssertEqual(a as? DataError, b as? DataError, file)
      default: XCTFail("\(file): sequential \(expected) vs two-thread \(got)")
      }
    }
  }

  func testTwoThreadPathIsTakenForPlainFilesAndRefusedAcrossAQuotedNewline() throws {
    let reader = CSVReader(chunkSize: 64)
    for name in ["iris", "penguins", "titanic"] {
      XCTAssertNotNil(try reader.readTableInTwoParts(path: TestPaths.example("\(name).csv")), name)
    }
    // A quoted field with a line break straddling the middle: the first half cannot end on
    // a record boundary, so the reader falls back to one pass.
    let rows =
      (1...20).map { "\($0),plain" } + ["21,\"" + String(repeating: "x\n", count: 200) + "\""]
      + (22...40).map { "\($0),plain" }
    let path = try write("id,note\n" + rows.joined(separator: "\n") + "\n", name: "straddle.csv")
    XCTAssertNil(try reader.readTableInTwoParts(path: path))
    var parallel = reader
    parallel.parallelThreshold = 1
    let table = try parallel.readTable(path: path)
    XCTAssertEqual(table.rowCount, 40)
    XCTAssertEqual(table.lines[21], 223)
  }

  /// `readDataset` builds all-numeric features row-major while streaming; with 64-byte
  /// chunks that switch happens early in every file, and the result (or error) must equal
  /// the column-wise path's.
  func testRowMajorDatasetPathEqualsTablePath() throws {
    let files: [(String, String?)] =
      [
        ("iris", "species"), ("wine", "target"), ("breast_cancer", "diagnosis"),
        ("digits", "label"),
        ("diabetes", "target"), ("penguins", "species"), ("titanic", "survived"), ("digits", nil),
      ].map { (TestPaths.example("\($0.0).csv"), $0.1) }
      + [
        ("ragged_short_row.csv", nil), ("non_numeric.csv", "species"),
        ("quoted_fields.csv", "survived"),
        ("bom_crlf.csv", "species"),
      ].map { (TestPaths.bad($0.0), $0.1) }
    let small = CSVReader(chunkSize: 64)
    var switched = 0
    for (file, target) in files {
      let expected = Result {
        try Dataset(table: CSVReader().readTable(path: file), target: target)
      }
      let got = Result { try small.readDataset(path: file, target: target) }
      switch (expected, got) {
      case (.success(let a), .success(let b)): XCTAssertEqual(a, b, file)
      case (.failure(let a), .failure(let b)):
        XCTAssertEqual(a as? DataError, b as? DataError, file)
      default: XCTFail("\(file): table path \(expected) vs row-major path \(got)")
      }
      // Count the files where the parser really switched to the row-major buffer.
      let descriptor = open(file, O_RDONLY)
      defer { close(descriptor) }
      var parser = CSVReader.Parser(file: file, options: CSVOptions())
      parser.buildsRowMajor = true
      parser.rowMajorTarget = target
      let size = Int(lseek(descriptor, 0, SEEK_END))
      if (try? small.stream(
        descriptor, path: file, from: 0, to: size, isFileEnd: true, into: &parser)) != nil,
        parser.rowMajorWidth > 0
      {
        switched += 1
      }
    }
    XCTAssertEqual(switched, 7)  // iris, wine, breast_cancer, digits (twice), diabetes, bom_crlf
  }

  func testErrorInSecondHalfReportsTheFileLine() throws {
    var lines = ["a,b"] + (1...400).map { "\($0),\($0 * 2)" }
    lines[350] = "350,x7"
    let path = try write(lines.joined(separator: "\n") + "\n", name: "late-error.csv")
    var parallel = CSVReader(chunkSize: 128)
    parallel.parallelThreshold = 1
    for reader in [parallel, CSVReader()] {
      XCTAssertThrowsError(try reader.readTable(path: path)) { error in
        XCTAssertEqual(
          error as? DataError,
          .notANumber(file: path, line: 351, row: 350, column: "b", value: "x7"))
      }
    }
  }

  func testMissingTokensTypeOverridesAndBools() throws {
    let text = "x,flag,code,city\n1,true,01,Oslo\nNA,False,02,?\n?,TRUE,10,\"NA\"\nnull,,3,Rome\n"
    let path = try write(text, name: "tokens.csv")
    let table = try CSVReader().readTable(path: path)
    guard case .number(let x) = table.columns[0], case .bool(let flags) = table.columns[1],
      case .number(let codes) = table.columns[2],
      case .category(let cityCodes, let cities) = table.columns[3]
    else { return XCTFail("types: \(table.columns.map(\.type))") }
    XCTAssertEqual(x[0], 1)
    XCTAssertTrue(x[1].isNaN && x[2].isNaN && x[3].isNaN)
    XCTAssertEqual(flags[0...2], [1, 0, 1])
    XCTAssertTrue(flags[3].isNaN)
    XCTAssertEqual(codes, [1, 2, 10, 3])
    XCTAssertEqual(cities, ["NA", "Oslo", "Rome"])  // quoted "NA" is text, unquoted ? is missing
    XCTAssertEqual(cityCodes, [1, -1, 0, 2])

    let overridden = try CSVReader(
      options: CSVOptions(
        types: ["code": .category, "flag": .category], levels: ["code": ["10", "01"]])
    ).readTable(path: path)
    XCTAssertEqual(
      overridden.columns[2], .category(codes: [1, 2, 0, 3], levels: ["10", "01", "02", "3"]))
    XCTAssertEqual(overridden.columns[1].type, .category)
    // An override for a column that does not exist is an error, not silently ignored.
    XCTAssertThrowsError(
      try CSVReader(options: CSVOptions(types: ["cod": .category])).readTable(path: path)
    ) { error in
      XCTAssertEqual(
        error as? DataError, .unknownColumn(name: "cod", available: ["x", "flag", "code", "city"]))
    }
    // With only "" missing, 'NA' in a number column is an error naming it.
    XCTAssertThrowsError(
      try CSVReader(options: CSVOptions(missingValues: [""])).readTable(path: path)
    ) { error in
      XCTAssertEqual(
        error as? DataError, .notANumber(file: path, line: 3, row: 2, column: "x", value: "NA"))
    }
  }

  func testTargetErrorsAndOtherDelimiters() throws {
    let path = try write("a;label\n1;x\n2;\n", name: "semicolon.csv")
    let semicolon = CSVOptions(delimiter: UInt8(ascii: ";"))
    XCTAssertThrowsError(try readCSV(path: path, target: "label", options: semicolon)) { error in
      XCTAssertEqual(
        error as? DataError, .missingTarget(file: path, line: 3, row: 2, column: "label"))
      XCTAssertEqual("\(error)", "\(path):3: data row 2: target column 'label' is missing")
    }
    XCTAssertThrowsError(try readCSV(path: path, target: "species", options: semicolon)) { error in
      XCTAssertEqual(
        error as? DataError, .unknownColumn(name: "species", available: ["a", "label"]))
    }
    let tabs = try write("a\tb\n1\t2\n3\t4\n", name: "tabs.tsv")
    let data = try readCSV(path: tabs, options: CSVOptions(delimiter: 9))
    XCTAssertEqual(data.features.values, [1, 2, 3, 4])
    XCTAssertEqual(try data[1..<2].features.values, [3, 4])
    XCTAssertEqual(try data["b"], .numeric([2, 4]))
  }

  func testNumberParsingIsExact() throws {
    let values = [
      "0.916700006", "1e-300", "-2.5E+3", "123456789012345678901234", "0.1", "4.9e-324",
      "1.7976931348623157e308", "+7", "  3.25 ", "1234567890.0987654321",
    ]
    for text in values {
      let parsed = Array(text.utf8).withUnsafeBufferPointer { NumberParser.parse($0) }
      XCTAssertEqual(parsed, Double(text.trimmingCharacters(in: .whitespaces)), text)
    }
    for text in ["", "-", "1e", "0x10", "3.O", "1,5", "nan", "1 2"] {
      XCTAssertNil(Array(text.utf8).withUnsafeBufferPointer { NumberParser.parse($0) }, text)
    }
  }

  func testNumberParsingAgreesWithSwiftOnRandomValues() {
    // Random bit patterns (shortest round-trip text) and short decimals, against
    // Double(String), which is correctly rounded.
    var generator = SeededGenerator(seed: 99)
    for k in 0..<20_000 {
      let bits = generator.next()
      var value = Double(bitPattern: bits)
      if !value.isFinite { continue }
      if k % 2 == 0 { value = Double(Int64(bitPattern: bits) % 10_000_000) / 1000 }
      for text in ["\(value)", String(format: "%.6f", value), String(format: "%.3e", value)] {
        let parsed = Array(text.utf8).withUnsafeBufferPointer { NumberParser.parse($0) }
        XCTAssertEqual(parsed?.bitPattern, Double(text)?.bitPattern, text)
      }
    }
  }

  func testUnterminatedQuoteAndTextAfterQuote() throws {
    let open = try write("a,b\n1,\"oops\n2,3\n", name: "open-quote.csv")
    XCTAssertThrowsError(try CSVReader().readTable(path: open)) { error in
      XCTAssertEqual(error as? DataError, .unterminatedQuote(file: open, line: 2))
    }
    let after = try write("a,b\n1,\"x\"y\n", name: "after-quote.csv")
    XCTAssertThrowsError(try CSVReader().readTable(path: after)) { error in
      XCTAssertEqual(
        error as? DataError, .textAfterQuote(file: after, line: 2, row: 1, column: "b"))
    }
    let duplicate = try write("a,a\n1,2\n", name: "duplicate.csv")
    XCTAssertThrowsError(try CSVReader().readTable(path: duplicate)) { error in
      XCTAssertEqual(error as? DataError, .duplicateColumn(file: duplicate, name: "a"))
    }
  }

  func testWriterQuotesAndRoundTrips() throws {
    XCTAssertEqual(CSVWriter.format(181), "181")
    XCTAssertEqual(CSVWriter.format(39.1), "39.1")
    XCTAssertEqual(CSVWriter.format(.nan), "")
    XCTAssertEqual(CSVWriter.quote("a, \"b\""), "\"a, \"\"b\"\"\"")
    XCTAssertEqual(CSVWriter.quote("NA"), "\"NA\"")
    let table = try CSVReader().readTable(path: TestPaths.bad("quoted_fields.csv"))
    let data = try Dataset(table: table, target: "survived")
    let path = TestPaths.temporary("quoted-roundtrip.csv")
    try data.writeCSV(path: path)
    XCTAssertEqual(try readCSV(path: path, target: "survived"), data)
  }
}
