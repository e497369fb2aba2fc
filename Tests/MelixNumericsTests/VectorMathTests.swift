import Foundation
import XCTest

@testable import MelixNumerics

final class VectorMathTests: XCTestCase {
  /// Distance in units in the last place between two doubles of the same sign.
  func ulps(_ a: Double, _ b: Double) -> Double {
    if a == b { return 0 }
    if a.isNaN || b.isNaN || a.sign != b.sign { return .infinity }
    return Double(Swift.max(a.bitPattern, b.bitPattern) - Swift.min(a.bitPattern, b.bitPattern))
  }

  func sweep(_ lo: Double, _ hi: Double, count: Int) -> [Double] {
    (0..<count).map { lo + (hi - lo) * Double($0) / Double(count - 1) }
  }

  func check(
    _ name: String, _ xs: [Double], _ ours: (Tensor) -> Tensor, _ libm: (Double) -> Double,
    maxUlps: Double
  ) throws {
    let y = ours(Tensor(xs)).scalars
    var worst = 0.0
    for (x, v) in zip(xs, y) {
      let r = libm(x)
      if r.isNaN {
        XCTAssertTrue(v.isNaN, "\(name)(\(x))")
        continue
      }
      let d = ulps(v, r)
      worst = Swift.max(worst, d)
      XCTAssertLessThanOrEqual(d, maxUlps, "\(name)(\(x)) = \(v), libm \(r)")
    }
    XCTAssertLessThanOrEqual(worst, maxUlps)
  }

  func testExpAgainstLibm() throws {
    var xs = sweep(-745.2, 709.8, count: 40_001) + sweep(-1, 1, count: 10_001)
    xs += [
      0, -0.0, 1e-300, -1e-300, 709.782712893384, 709.79, -745.13, -745.14, -708.4, -740,
      .infinity, -.infinity, .nan, 1e-20,
    ]
    try check("exp", xs, { $0.exp() }, Foundation.exp, maxUlps: 2)
  }

  func testLogAgainstLibm() throws {
    var xs = sweep(1e-3, 1e3, count: 20_001) + sweep(0.5, 2, count: 10_001)
    xs += [
      0, -0.0, -1, 5e-324, 2.2e-308, 1e-310, 1, Double.greatestFiniteMagnitude, .infinity,
      -.infinity, .nan,
    ]
    xs += (0..<200).map { Foundation.pow(10, Double($0 - 100) * 3) }
    try check("log", xs, { $0.log() }, Foundation.log, maxUlps: 2)
  }

  func testTanhAgainstLibm() throws {
    var xs = sweep(-25, 25, count: 40_001) + sweep(-0.01, 0.01, count: 2001)
    xs += [0, -0.0, 1e-300, -1e-300, 5e-324, 19, 22, 23, 700, .infinity, -.infinity, .nan]
    try check("tanh", xs, { $0.tanh() }, Foundation.tanh, maxUlps: 3)
  }

  func testSpecialValues() {
    XCTAssertEqual(VectorMath.exp(710), .infinity)
    XCTAssertEqual(VectorMath.exp(-746), 0)
    XCTAssertEqual(VectorMath.exp(-745.1), 5e-324)
    XCTAssertEqual(VectorMath.log(0), -.infinity)
    XCTAssertTrue(VectorMath.log(-1).isNaN)
    XCTAssertEqual(VectorMath.tanh(-.infinity), -1)
    XCTAssertEqual(VectorMath.tanh(-0.0).sign, .minus)
  }
}
