import MelixInterpreter
import MelixSyntax
import XCTest

/// A tiny vector standing in for a tensor: checks every hook of `NativeValue`.
final class FakeVector: NativeValue {
  var values: [Double]
  init(_ values: [Double]) { self.values = values }

  var typeName: String { "Vector" }
  func display() -> String { "Vector(" + values.map { Value.formatFloat($0) }.joined(separator: ", ") + ")" }
  var memberNames: [String] { ["size"] }
  func member(_ name: String) throws -> Value {
    guard name == "size" else { throw MelixError("Vector has no field '\(name)'") }
    return .int(values.count)
  }
  func callMethod(_ name: String, positional: [Value], keywords: [(String, Value)], context: CallContext) throws -> Value? {
    guard name == "scaled" else { return nil }
    guard let factor = positional.first?.asDouble else { throw MelixError("'scaled' needs a number") }
    return .native(FakeVector(values.map { $0 * factor }))
  }
  func binary(_ op: BinaryOperator, _ other: Value, isLeft: Bool) throws -> Value? {
    switch (op, other) {
    case (.add, .native(let o as FakeVector)):
      guard o.values.count == values.count else {
        throw MelixError("shape mismatch in '+': [\(values.count)] and [\(o.values.count)]")
      }
      return .native(FakeVector(zip(values, o.values).map(+)))
    case (.matmul, .native(let o as FakeVector)):
      return .float(zip(values, o.values).map(*).reduce(0, +))
    case (.multiply, _):
      guard let k = other.asDouble else { return nil }
      return .native(FakeVector(values.map { $0 * k }))
    default:
      return nil
    }
  }
  func negated() throws -> Value? { .native(FakeVector(values.map { -$0 })) }
  func index(_ subscripts: [SubscriptValue]) throws -> Value {
    guard subscripts.count == 1, case .index(.int(let i)) = subscripts[0], values.indices.contains(i) else {
      throw MelixError("bad Vector index")
    }
    return .float(values[i])
  }
  func setIndex(_ subscripts: [SubscriptValue], _ value: Value) throws {
    guard case .index(.int(let i)) = subscripts[0], let v = value.asDouble else { throw MelixError("bad Vector index") }
    values[i] = v
  }
  var length: Int? { values.count }
  func formatted(spec: String) throws -> String? {
    "Vector[" + values.map { Value.formatFloat($0) + ":" + spec }.joined(separator: " ") + "]"
  }
  func elements() throws -> [Value]? { values.map { .float($0) } }
}

final class NativeValueTests: XCTestCase {
  func run(_ code: String) -> (String, RunResult) {
    let buffer = OutputBuffer()
    let vector = Builtin("vec", [BuiltinParameter("values", .list)], returns: "Vector", doc: "A test vector.", example: "vec([1, 2])") { args, _ in
      guard case .list(let l) = args[0] else { return .null }
      return .native(FakeVector(l.items.compactMap(\.asDouble)))
    }
    let session = Session(output: { buffer.text += $0 }, extraBuiltins: [vector])
    let result = session.run(SourceFile(path: "n.mlx", text: code))
    return (buffer.text, result)
  }

  func testHooks() {
    let (out, result) = run("""
      let v = vec([1, 2, 3])
      let w = v + vec([1, 1, 1])
      w[0] = 10
      print(w, v.size, v @ v, 2 * v, -v, len(v), type(v), v[1])
      print(v.scaled(2), sum(v), 2.0 in v, v == v, v == w)
      for x in vec([7]) { print(x) }
      print("{vec([1]):.2f}")
      """)
    guard case .success = result else { return XCTFail("\(result)") }
    XCTAssertEqual(out, """
      Vector(10.0, 3.0, 4.0) 3 14.0 Vector(2.0, 4.0, 6.0) Vector(-1.0, -2.0, -3.0) 3 Vector 2.0
      Vector(2.0, 4.0, 6.0) 6.0 true true false
      7.0
      Vector[1.0:.2f]

      """)
  }

  func testErrorsFromNativesGetTheOperatorsPlace() {
    let (_, result) = run("let v = vec([1, 2])\nprint(v + vec([1]))")
    guard case .runtimeError(let failure) = result else { return XCTFail("\(result)") }
    XCTAssertEqual(failure.message, "shape mismatch in '+': [2] and [1]")
    XCTAssertEqual(failure.line, 2)
    XCTAssertEqual(failure.column, 7)
  }

  func testUnknownMethodAndField() {
    if case .runtimeError(let failure) = run("vec([1]).nope()").1 {
      XCTAssertEqual(failure.message, "Vector has no method 'nope' and there is no built-in 'nope'")
    } else {
      XCTFail("expected an error")
    }
    if case .runtimeError(let failure) = run("print(vec([1]).nope)").1 {
      XCTAssertEqual(failure.message, "Vector has no field 'nope'")
    } else {
      XCTFail("expected an error")
    }
    if case .runtimeError(let failure) = run("print(vec([1]) - 1)").1 {
      XCTAssertEqual(failure.message, "unsupported operand types for '-': Vector and Int")
    } else {
      XCTFail("expected an error")
    }
  }
}

final class SessionStateTests: XCTestCase {
  final class Counter { var count = 0 }

  func testStateIsPerSessionAndPerType() {
    let counting = Builtin("tick", [], returns: "Int", doc: "Counts calls.", example: "tick()") { _, context in
      let counter = context.state(Counter.self) { Counter() }
      counter.count += 1
      return .int(counter.count)
    }
    let buffer = OutputBuffer()
    let a = Session(output: { buffer.text += $0 }, extraBuiltins: [counting])
    let b = Session(output: { buffer.text += $0 }, extraBuiltins: [counting])
    _ = a.run(SourceFile(path: "a", text: "tick()\nprint(tick())"))
    _ = b.run(SourceFile(path: "b", text: "print(tick())"))
    XCTAssertEqual(buffer.text, "2\n1\n")
    XCTAssertEqual(a.context.state(Counter.self)?.count, 2)
  }
}
