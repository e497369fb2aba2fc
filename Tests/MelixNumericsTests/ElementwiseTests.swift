import XCTest

@testable import MelixNumerics

final class ElementwiseTests: XCTestCase {
  static let ops: [String: BinaryOp] = [
    "add": .add, "subtract": .subtract, "multiply": .multiply, "divide": .divide,
    "floor_divide": .floorDivide, "remainder": .remainder, "power": .power, "maximum": .maximum,
    "minimum": .minimum, "less": .less, "equal": .equal, "greater_equal": .greaterEqual,
    "not_equal": .notEqual, "logical_and": .logicalAnd, "logical_or": .logicalOr,
    "logical_xor": .logicalXor,
  ]

  func testBinaryOpsMatchNumPy() throws {
    let cases = try XCTUnwrap(try Fixture.load("elementwise.json") as? [[String: Any]])
    for c in cases {
      let name = try XCTUnwrap(c["op"] as? String)
      let op = try XCTUnwrap(Self.ops[name], name)
      let lhs = try Fixture.tensor(c["lhs"])
      let rhs = try Fixture.tensor(c["rhs"])
      let expected = try Fixture.tensor(c["result"])
      let actual = try Tensor.elementwise(op, lhs, rhs)
      // '//' and '%' must match NumPy's npy_divmod exactly, signs of zeros included.
      let exact = op == .floorDivide || op == .remainder
      assertClose(
        actual, expected, rtol: exact ? 0 : 1e-15, atol: 0, signedZeros: exact,
        "\(name) \(lhs.dtype)\(lhs.shape) \(rhs.dtype)\(rhs.shape)")
    }
  }

  func testInt64ArithmeticWrapsOnOverflowLikeNumPy() throws {
    let f = try XCTUnwrap(try Fixture.load("int64_wrap.json") as? [String: Any])
    let cases = try XCTUnwrap(f["binary"] as? [[String: Any]])
    XCTAssertEqual(cases.count, 6)
    for c in cases {
      let name = try XCTUnwrap(c["op"] as? String)
      let op = try XCTUnwrap(Self.ops[name], name)
      let actual = try Tensor.elementwise(
        op, try Fixture.tensor(c["lhs"]), try Fixture.tensor(c["rhs"]))
      // Exact: Int64 values near 2^63 do not survive a trip through Double.
      XCTAssertEqual(actual.dtype, .int64, name)
      XCTAssertEqual(
        actual.toArray(Int64.self), try Fixture.tensor(c["result"]).toArray(Int64.self), name)
    }
    XCTAssertEqual(
      (-(try Fixture.tensor(f["negative_input"]))).toArray(Int64.self),
      try Fixture.tensor(f["negative"]).toArray(Int64.self))
    let x = try Fixture.tensor(f["reduce_input"])
    XCTAssertEqual(x.sum().toArray(Int64.self), [Int64(try XCTUnwrap(f["sum"] as? Int))])
    XCTAssertEqual(try x.prod().toArray(Int64.self), [Int64(try XCTUnwrap(f["prod"] as? Int))])
  }

  func testBroadcastErrorsNameShapesAndOp() throws {
    let cases = try XCTUnwrap(try Fixture.load("broadcast_errors.json") as? [[String: Any]])
    for c in cases {
      let l = try XCTUnwrap(c["lhs"] as? [Int])
      let r = try XCTUnwrap(c["rhs"] as? [Int])
      XCTAssertThrowsError(try Tensor.zeros(l) + Tensor.zeros(r)) { error in
        XCTAssertEqual(
          "\(error)", "cannot broadcast \(formatShape(l)) with \(formatShape(r)) in '+'")
      }
    }
    XCTAssertThrowsError(try Tensor.zeros([3, 4]) + Tensor.zeros([5])) { error in
      XCTAssertEqual(
        (error as? TensorError)?.description, "cannot broadcast [3, 4] with [5] in '+'")
    }
  }

  func testUnaryFunctionsMatchNumPy() throws {
    let cases = try XCTUnwrap(try Fixture.load("unary.json") as? [String: [String: Any]])
    let functions: [String: (Tensor) -> Tensor] = [
      "exp": { $0.exp() }, "log": { $0.log() }, "log1p": { $0.log1p() }, "sqrt": { $0.sqrt() },
      "abs": { $0.abs() }, "tanh": { $0.tanh() }, "sigmoid": { $0.sigmoid() },
      "relu": { $0.relu() },
      "softplus": { $0.softplus() }, "sign": { $0.sign() }, "floor": { $0.floor() },
      "round": { $0.rounded() },
      "isnan": { $0.isNaN() }, "isfinite": { $0.isFinite() }, "exp_float32": { $0.exp() },
      "clip": { $0.clipped(lower: -1, upper: 2) }, "exp_int": { $0.exp() }, "gelu": { $0.gelu() },
    ]
    XCTAssertEqual(Set(functions.keys), Set(cases.keys))
    for (name, c) in cases {
      let f = try XCTUnwrap(functions[name])
      let input = try Fixture.tensor(c["input"])
      let tolerance = name == "exp_float32" ? 1e-6 : 1e-14
      assertClose(f(input), try Fixture.tensor(c["result"]), rtol: tolerance, atol: 0, name)
    }
  }

  func testPromotionRules() throws {
    XCTAssertEqual(DType.arithmetic(.int64, .float64), .float64)
    XCTAssertEqual(DType.arithmetic(.float32, .float64), .float64)
    XCTAssertEqual(DType.arithmetic(.int64, .float32), .float64)
    XCTAssertEqual(DType.arithmetic(.bool, .bool), .int64)
    let f = Tensor([Float(1.5)])
    XCTAssertEqual((f * 2.0).dtype, .float32, "a Swift scalar does not widen float32")
    XCTAssertEqual((try Tensor([1, 2]) / Tensor([2, 2])).dtype, .float64)
  }

  func testWhereAndMaskedAssignment() throws {
    let x = Tensor([1.0, -2.0, 3.0, -4.0])
    let y = try Tensor.where(x > 0, x, Tensor(scalar: 0.0))
    XCTAssertEqual(y.scalars, [1, 0, 3, 0])
    var z = x
    try z.assignMasked(x < 0, values: Tensor([10.0, 20.0]))
    XCTAssertEqual(z.scalars, [1, 10, 3, 20])
    XCTAssertEqual(x.scalars, [1, -2, 3, -4], "copy-on-write keeps the original")
    XCTAssertEqual(try x.masked(by: x > 0).scalars, [1, 3])
  }

  func testIntegerDivisionByZeroDoesNotTrap() throws {
    let r = try Tensor([7, -7]).floorDivided(by: Tensor([0, 0]))
    XCTAssertEqual(r.toArray(Int64.self), [0, 0])
    XCTAssertThrowsError(try Tensor([2]).pow(Tensor([-1])))
  }

  func testLargeParallelAddMatchesSerialValues() throws {
    let n = 300_001
    let a = try Tensor(shape: [n], scalars: (0..<n).map { Double($0) * 0.5 })
    let b = try Tensor(shape: [n], scalars: (0..<n).map { Double($0) })
    let c = try a + b
    let v = c.scalars
    XCTAssertEqual(v[0], 0)
    XCTAssertEqual(v[n - 1], Double(n - 1) * 1.5)
    XCTAssertEqual(v[150_000], 225_000)
    let e = a.exp().scalars
    XCTAssertEqual(e[2], Foundation.exp(1.0), accuracy: 1e-15)
  }
}
