import XCTest

@testable import MelixServer

/// The infer decoder's messages name the exact field, and nested data must follow the shape.
final class RequestDecodingTests: XCTestCase {
  func body(data: String, shape: String?, datatype: String = "FP64") -> [UInt8] {
    let shapeField = shape.map { #""shape": \#($0), "# } ?? ""
    return Array(
      (#"{"inputs": [{"name": "x", "# + shapeField + #""datatype": ""# + datatype + #"", "data": "#
        + data + "}]}").utf8)
  }

  func message(_ body: [UInt8], file: StaticString = #filePath, line: UInt = #line) -> String {
    do {
      let rows = try RequestDecoding.infer(body, width: 4)
      XCTFail("accepted \(rows.values)", file: file, line: line)
      return ""
    } catch let error as ServeError {
      XCTAssertEqual(error.status, 400, file: file, line: line)
      return error.message
    } catch {
      XCTFail("\(error)", file: file, line: line)
      return ""
    }
  }

  func testFP32OverflowNamesTheElement() {
    XCTAssertEqual(
      message(body(data: "[1, 2, 3, 4, 5, 6, 1e300, 8]", shape: "[2, 4]", datatype: "FP32")),
      "field 'inputs[0].data[6]' overflows 'FP32'")
    XCTAssertEqual(
      message(body(data: "[-1e39, 2, 3, 4]", shape: "[1, 4]", datatype: "FP32")),
      "field 'inputs[0].data[0]' overflows 'FP32'")
  }

  func testShapeMessages() {
    XCTAssertEqual(
      message(body(data: "[1, 2, 3, 4]", shape: nil)), "missing field 'inputs[0].shape'")
    XCTAssertEqual(
      message(body(data: "[1, 2, 3, 4]", shape: "[]")),
      "field 'inputs[0].shape' must be a non-empty array of integers, like [n, 4]")
    XCTAssertEqual(
      message(body(data: "[1, 2, 3, 4]", shape: #""1,4""#)),
      "field 'inputs[0].shape' must be a non-empty array of integers, like [n, 4]")
    XCTAssertEqual(
      message(body(data: "[1, 2, 3, 4]", shape: "[1e12, 4]")),
      "field 'inputs[0].shape[0]' is too large (1000000000000, at most 999999999)")
    XCTAssertEqual(
      message(body(data: "[1, 2, 3, 4]", shape: "[-1, 4]")),
      "field 'inputs[0].shape[0]' must be a non-negative integer")
    XCTAssertEqual(
      message(body(data: "[1, 2, 3, 4]", shape: "[1.5, 4]")),
      "field 'inputs[0].shape[0]' must be a non-negative integer")
  }

  func testNestedDataMustFollowTheShape() throws {
    XCTAssertEqual(
      message(body(data: "[[1, 2, 3, 4, 5, 6, 7, 8]]", shape: "[2, 4]")),
      "field 'inputs[0].data' has 1 items, shape [2, 4] needs 2")
    XCTAssertEqual(
      message(body(data: "[[1, 2, 3, 4], [5, 6, 7]]", shape: "[2, 4]")),
      "field 'inputs[0].data[1]' has 3 items, shape [4] needs 4")
    XCTAssertEqual(
      message(body(data: "[[1, 2, 3, 4], 5, 6, 7, 8]", shape: "[2, 4]")),
      "field 'inputs[0].data' has 5 items, shape [2, 4] needs 2")
    XCTAssertEqual(
      message(body(data: "[[1, 2, 3, 4], [5, 6, 7, [8]]]", shape: "[2, 4]")),
      "field 'inputs[0].data[1][3]' is not a number")
    XCTAssertEqual(
      message(body(data: "[[1, 2, 3, 4]]", shape: "[4]")),
      "field 'inputs[0].data' has 1 items, shape [4] needs 4")

    // Nested data that follows the shape, and flat data, decode to the same rows.
    let nested = try RequestDecoding.infer(
      body(data: "[[1, 2, 3, 4], [5, 6, 7, 8.5]]", shape: "[2, 4]"), width: 4)
    let flat = try RequestDecoding.infer(
      body(data: "[1, 2, 3, 4, 5, 6, 7, 8.5]", shape: "[2, 4]"), width: 4)
    XCTAssertEqual(nested.values, [1, 2, 3, 4, 5, 6, 7, 8.5])
    XCTAssertEqual(nested.count, 2)
    XCTAssertEqual(flat.values, nested.values)
  }
}
