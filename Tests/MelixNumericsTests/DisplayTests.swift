import XCTest

@testable import MelixNumerics

final class DisplayTests: XCTestCase {
  func testMatchesNumPyRepr() throws {
    let cases = try XCTUnwrap(try Fixture.load("display.json") as? [[String: Any]])
    XCTAssertGreaterThan(cases.count, 20)
    for c in cases {
      let name = c["name"] as? String ?? "?"
      let t = try Fixture.tensor(c["input"])
      XCTAssertEqual(t.numpyRepr, c["numpy"] as? String, "numpy repr of \(name)")
      XCTAssertEqual(t.description, c["melix"] as? String, "description of \(name)")
    }
  }

  func testDescriptionShowsShapeAndDType() throws {
    let t = try Tensor(shape: [2, 2], scalars: [1.0, 2, 3, 4])
    XCTAssertEqual(
      t.description, "tensor([[1., 2.],\n        [3., 4.]], shape=[2, 2], dtype=float64)")
  }
}
