import MelixInterpreter
import XCTest

/// Column and field typos on a dataset get a did-you-mean or the list (issues #13, #14).
final class DatasetTypoTests: XCTestCase {
  private let make = "let ds = dataset([[1, 2], [3, 4]], y: [0, 1], feature_names: [\"petal_length\", \"petal_width\"])\n"

  private func failure(_ code: String) -> RuntimeFailure? {
    if case .runtimeError(let failure) = runMelix(make + code).result { return failure }
    XCTFail("expected a runtime error")
    return nil
  }

  func testColumnTypoSuggestsTheNearestColumn() {
    let f = failure("ds[\"petal_lenght\"]")
    XCTAssertEqual(f?.help, "did you mean 'petal_length'?")
  }

  func testFieldTypoSuggestsTheNearestField() {
    let f = failure("ds.clases")
    XCTAssertEqual(f?.message, "Dataset has no field 'clases'")
    XCTAssertEqual(f?.help, "did you mean 'classes'?")
  }

  func testUnknownFieldListsTheFields() throws {
    let help = try XCTUnwrap(failure("ds.Xx")?.help)
    XCTAssertTrue(help.hasPrefix("fields: 'X', 'y', 'shape', "), help)
  }
}
