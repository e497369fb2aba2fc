import XCTest

@testable import MelixData

/// Each file in Fixtures/bad (copied from the shared data) gives exactly the documented result.
final class BadFileTests: XCTestCase {
  private func csvError(_ name: String, target: String? = nil) -> DataError? {
    do {
      _ = try readCSV(path: TestPaths.bad(name), target: target)
      XCTFail("\(name) loaded without error")
      return nil
    } catch {
      return error as? DataError
    }
  }

  func testRaggedShortRow() {
    let path = TestPaths.bad("ragged_short_row.csv")
    let error = csvError("ragged_short_row.csv")
    XCTAssertEqual(error, .raggedRow(file: path, line: 6, row: 5, expected: 5, found: 4))
    XCTAssertEqual(error?.description, "\(path):6: data row 5: expected 5 fields, found 4")
  }

  func testRaggedLongRow() {
    let path = TestPaths.bad("ragged_long_row.csv")
    XCTAssertEqual(
      csvError("ragged_long_row.csv"),
      .raggedRow(file: path, line: 4, row: 3, expected: 5, found: 6))
  }

  func testNonNumericValueNamesLineRowColumnAndValue() {
    let path = TestPaths.bad("non_numeric.csv")
    let error = csvError("non_numeric.csv", target: "species")
    XCTAssertEqual(
      error, .notANumber(file: path, line: 104, row: 103, column: "sepal_width", value: "3.O"))
    XCTAssertEqual(
      error?.description, "\(path):104: data row 103, column 'sepal_width': '3.O' is not a number")
  }

  func testNonNumericColumnCanBeReadAsCategoryWhenAsked() throws {
    let data = try readCSV(
      path: TestPaths.bad("non_numeric.csv"), target: "species",
      options: CSVOptions(types: ["sepal_width": .category]))
    XCTAssertEqual(data.categoricalNames, ["sepal_width"])
    XCTAssertTrue(data.categorical[0].levels.contains("3.O"))
  }

  func testHeaderOnly() {
    XCTAssertEqual(csvError("header_only.csv"), .noDataRows(file: TestPaths.bad("header_only.csv")))
  }

  func testEmptyFile() {
    XCTAssertEqual(csvError("empty.csv"), .emptyFile(file: TestPaths.bad("empty.csv")))
  }

  func testBOMAndCRLFLoadLikeIris() throws {
    let iris = try readCSV(path: TestPaths.example("iris.csv"), target: "species")
    let bom = try readCSV(path: TestPaths.bad("bom_crlf.csv"), target: "species")
    XCTAssertEqual(bom.featureNames.first, "sepal_length")
    XCTAssertEqual(bom.classNames, ["setosa", "versicolor", "virginica"])
    XCTAssertEqual(bom, iris)
  }

  func testNoFinalNewlineKeepsLastRow() throws {
    let iris = try readCSV(path: TestPaths.example("iris.csv"), target: "species")
    let data = try readCSV(path: TestPaths.bad("no_final_newline.csv"), target: "species")
    XCTAssertEqual(data.count, 150)
    XCTAssertEqual(data, iris)
  }

  func testQuotedFields() throws {
    let table = try CSVReader().readTable(path: TestPaths.bad("quoted_fields.csv"))
    XCTAssertEqual(table.names, ["name", "age", "note", "survived"])
    XCTAssertEqual(table.rowCount, 5)
    XCTAssertEqual(table.lines, [2, 3, 4, 6, 8])
    guard case .category(let codes, let levels) = table.columns[2],
      case .category(let nameCodes, let names) = table.columns[0],
      case .number(let ages) = table.columns[1]
    else { return XCTFail("unexpected column types: \(table.columns.map(\.type))") }
    let notes = codes.map { levels[$0] }
    XCTAssertEqual(notes[0], "plain")
    XCTAssertEqual(notes[1], "says \"hello\"")
    XCTAssertEqual(notes[2], "line one\nline two")
    XCTAssertEqual(notes[3], "comma, and\nnewline")
    XCTAssertEqual(notes[4], "")
    XCTAssertEqual(names[nameCodes[0]], "Allen, Miss. Elisabeth Walton")
    XCTAssertEqual(ages[1], 0.916700006)
  }

  func testTruncatedHDF5() {
    let path = TestPaths.bad("truncated.h5")
    XCTAssertThrowsError(try Dataset.readHDF5(path: path)) { error in
      guard case .hdf5(.corruptFile(let file, let reason))? = error as? DataError else {
        return XCTFail("unexpected error \(error)")
      }
      XCTAssertEqual(file, path)
      XCTAssertTrue(reason.contains("truncated file"), reason)
    }
  }

  func testNotHDF5() {
    let path = TestPaths.bad("not_hdf5.h5")
    XCTAssertThrowsError(try Dataset.readHDF5(path: path)) { error in
      XCTAssertEqual(error as? DataError, .hdf5(.notHDF5(file: path)))
      XCTAssertEqual("\(error)", "'\(path)' is not an HDF5 file (no HDF5 signature)")
    }
  }

  func testMismatchedXY() {
    let path = TestPaths.bad("mismatched_xy.h5")
    XCTAssertThrowsError(try Dataset.readHDF5(path: path)) { error in
      XCTAssertEqual(
        error as? DataError,
        .lengthMismatch(file: path, path: "/X", count: 150, otherPath: "/y", otherCount: 149))
      XCTAssertEqual("\(error)", "'\(path)': '/X' has 150 rows but '/y' has 149 elements")
    }
  }

  func testMissingFile() {
    XCTAssertThrowsError(try readCSV(path: "/nonexistent/x.csv")) { error in
      guard case .cannotRead(let file, _)? = error as? DataError else { return XCTFail("\(error)") }
      XCTAssertEqual(file, "/nonexistent/x.csv")
    }
    XCTAssertThrowsError(try Dataset.readHDF5(path: "/nonexistent/x.h5")) { error in
      XCTAssertEqual(error as? DataError, .hdf5(.fileNotFound(file: "/nonexistent/x.h5")))
    }
  }
}
