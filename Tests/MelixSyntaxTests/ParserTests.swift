import MelixSyntax
import XCTest

/// Renders an expression as a fully parenthesised S-expression, to check tree shapes.
func sexpr(_ expr: Expr) -> String {
  switch expr.kind {
  case .int(let i): return String(i)
  case .float(let f): return String(f)
  case .string(let s): return "\"\(s)\""
  case .interpolated(let parts): return "(str " + parts.map { part -> String in
      switch part {
      case .text(let t): return "\"\(t)\""
      case .value(let e, let spec): return sexpr(e) + (spec.map { ":" + $0 } ?? "")
      }
    }.joined(separator: " ") + ")"
  case .bool(let b): return String(b)
  case .nilLiteral: return "nil"
  case .name(let n): return n
  case .list(let items): return "[" + items.map(sexpr).joined(separator: " ") + "]"
  case .tuple(let items): return "(tuple " + items.map(sexpr).joined(separator: " ") + ")"
  case .dict(let entries): return "{" + entries.map { sexpr($0.key) + ":" + sexpr($0.value) }.joined(separator: " ") + "}"
  case .unary(let op, let e): return "(\(op.rawValue) \(sexpr(e)))"
  case .binary(let op, let l, let r): return "(\(op.rawValue) \(sexpr(l)) \(sexpr(r)))"
  case .logical(let op, let l, let r): return "(\(op.rawValue) \(sexpr(l)) \(sexpr(r)))"
  case .bitwise(let op, let l, let r): return "(\(op.rawValue) \(sexpr(l)) \(sexpr(r)))"
  case .range(let l, let r, let inclusive): return "(\(inclusive ? "..." : "..<") \(sexpr(l)) \(sexpr(r)))"
  case .call(let callee, let args):
    return "(call \(sexpr(callee))" + args.map { " " + ($0.label.map { $0 + ":" } ?? "") + sexpr($0.value) }.joined() + ")"
  case .index(let object, let subs):
    return "(index \(sexpr(object))" + subs.map { sub -> String in
      switch sub {
      case .index(let e): return " " + sexpr(e)
      case .slice(let lo, let hi, let step, _):
        return " " + (lo.map(sexpr) ?? "_") + ":" + (hi.map(sexpr) ?? "_") + ":" + (step.map(sexpr) ?? "_")
      }
    }.joined() + ")"
  case .member(let object, let name, _): return "(. \(sexpr(object)) \(name))"
  case .function(let decl): return "(fn (\(decl.parameters.map(\.name).joined(separator: " "))) \(decl.body.count))"
  }
}

final class ParserTests: XCTestCase {
  func parse(_ text: String) -> (program: Program, diagnostics: [Diagnostic]) {
    Parser.parse(SourceFile(path: "p.mlx", text: text))
  }

  func expression(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> String {
    let (program, diagnostics) = parse(text)
    XCTAssertEqual(diagnostics.map(\.message), [], file: file, line: line)
    guard let first = program.statements.first, case .expression(let expr) = first.kind else {
      XCTFail("not an expression statement", file: file, line: line)
      return ""
    }
    return sexpr(expr)
  }

  func testPrecedence() {
    XCTAssertEqual(expression("1 + 2 * 3 - 4"), "(- (+ 1 (* 2 3)) 4)")
    XCTAssertEqual(expression("-2 ** 2"), "(- (** 2 2))")
    XCTAssertEqual(expression("2 ** 3 ** 2"), "(** 2 (** 3 2))")
    XCTAssertEqual(expression("2 ** -1"), "(** 2 -1)")
    XCTAssertEqual(expression("a or b and not c == d"), "(or a (and b (not (== c d))))")
    XCTAssertEqual(expression("x in xs and y not in ys"), "(and (in x xs) (not in y ys))")
    XCTAssertEqual(expression("a @ b + c // d % e"), "(+ (@ a b) (% (// c d) e))")
    XCTAssertEqual(expression("0..<n + 1"), "(..< 0 (+ n 1))")
  }

  func testMaskOperatorsHavePythonsPrecedence() {
    XCTAssertEqual(expression("a | b ^ c & d"), "(| a (^ b (& c d)))")
    XCTAssertEqual(expression("a & b & c"), "(& (& a b) c)")
    XCTAssertEqual(expression("1 + 2 & 3"), "(& (+ 1 2) 3)")
    XCTAssertEqual(expression("(x > 1) & (x < 5)"), "(& (> x 1) (< x 5))")
    XCTAssertEqual(expression("x == 1 | y"), "(== x (| 1 y))")
    XCTAssertEqual(expression("~a & -b"), "(& (~ a) (- b))")
    XCTAssertEqual(expression("~x ** 2"), "(~ (** x 2))")
    XCTAssertEqual(expression("not a & b"), "(not (& a b))")
    XCTAssertEqual(expression("0..<n | 1"), "(..< 0 (| n 1))")
  }

  func testUnbracketedMaskComparisonShowsTheBrackets() {
    let (_, diagnostics) = parse("t[t > 0.5 & t <= 2]")
    XCTAssertEqual(diagnostics.map(\.message), ["comparisons cannot be chained"])
    XCTAssertEqual(
      diagnostics.first?.help,
      "'&' binds tighter than comparisons (as in Python and NumPy): write '(t > 0.5) & (t <= 2)'")
  }

  func testVarCalledLikeNumPy() {
    for text in ["print(var(t))", "var(t)", "var(t) + 1"] {
      let (_, diagnostics) = parse(text)
      XCTAssertEqual(diagnostics.map(\.message), ["expected expression, got 'var'"], text)
      XCTAssertEqual(diagnostics.first?.help?.contains("'variance(t)'"), true, text)
    }
    XCTAssertEqual(parse("var (a, b) = (1, 2)").diagnostics.map(\.message), [])
    XCTAssertEqual(parse("var(a, b) = (1, 2)").diagnostics.map(\.message), [])
  }

  func testPostfixCallsIndexesMembers() {
    XCTAssertEqual(expression("f(1, b: 2)(3)"), "(call (call f 1 b:2) 3)")
    XCTAssertEqual(expression("t[:, 1:3][0]"), "(index (index t _:_:_ 1:3:_) 0)")
    XCTAssertEqual(expression("xs[::-1]"), "(index xs _:_:-1)")
    XCTAssertEqual(expression("report.accuracy.x"), "(. (. report accuracy) x)")
    XCTAssertEqual(expression("xs.append(4)"), "(call (. xs append) 4)")
  }

  func testLiterals() {
    XCTAssertEqual(expression("[1, (2,), (), {\"a\": 1,\n \"b\": 2}]"), "[1 (tuple 2) (tuple ) {\"a\":1 \"b\":2}]")
    XCTAssertEqual(expression("\"a{x:.2f}b{f(1)}\""), "(str \"a\" x:.2f \"b\" (call f 1))")
    XCTAssertEqual(expression("fn(x, y = 2) => x * y"), "(fn (x y) 1)")
  }

  func testStatements() {
    let (program, diagnostics) = parse("""
      let (a, b) = pair
      var n = 0
      fn f(x) { return x }
      if a { n = 1 } else if b { n = 2 }
      else { n += 3 }
      while n < 3 { n += 1 }
      for i in 0..<3 { break }
      import "stdlib/metrics"
      xs[0] = 1
      """)
    XCTAssertEqual(diagnostics.map(\.message), [])
    XCTAssertEqual(program.statements.count, 8)
    guard case .binding(true, .tuple(let names, _), _) = program.statements[0].kind else { return XCTFail("let tuple") }
    XCTAssertEqual(names.count, 2)
    guard case .ifElse(_, _, let otherwise?) = program.statements[3].kind, case .ifElse(_, _, let last?) = otherwise[0].kind else {
      return XCTFail("else if chain")
    }
    XCTAssertEqual(last.count, 1)
    guard case .importFile("stdlib/metrics") = program.statements[6].kind else { return XCTFail("import") }
    guard case .assign(_, .assign, _, _) = program.statements[7].kind else { return XCTFail("index assignment") }
  }

  func testRecoveryReportsSeveralErrors() {
    let (program, diagnostics) = parse("let = 3\nprint(1)\nlet y = )\nf(1, 2]\nprint(\"ok\")\n")
    XCTAssertEqual(diagnostics.map(\.message), [
      "expected a name to bind, got '='",
      "expected expression, got ')'",
      "expected ')' to close '(' at 4:2",
    ])
    XCTAssertEqual(diagnostics.map(\.line), [1, 3, 4])
    XCTAssertEqual(program.statements.count, 2, "the two good statements survive")
  }

  func testClosingBracketMessageNamesTheOpening() {
    let (_, diagnostics) = parse("print(1, [2, 3)\n")
    XCTAssertEqual(diagnostics.first?.message, "expected ']' to close '[' at 1:10")
  }

  func testChainedComparisonIsAnError() {
    XCTAssertEqual(parse("a < b < c").diagnostics.map(\.message), ["comparisons cannot be chained"])
  }

  func testInvalidAssignmentTarget() {
    XCTAssertEqual(parse("f() = 3").diagnostics.map(\.message), ["cannot assign to this expression"])
  }

  func testSeveralErrorsInOneRunWithRecoveryInsideBlocks() {
    let (_, diagnostics) = parse("fn f() {\n  let = 1\n  return 2 +\n}\nlet y = )\n")
    XCTAssertEqual(diagnostics.map(\.line), [2, 4, 5])
  }
}

final class ParserLimitTests: XCTestCase {
  /// Runs `body` on a thread with a 256 MiB stack, as `Session` runs the front end.
  func onLargeStack(_ body: @escaping @Sendable () -> Void) {
    let done = expectation(description: "parsed")
    let thread = Thread {
      body()
      done.fulfill()
    }
    thread.stackSize = 256 << 20
    thread.start()
    wait(for: [done], timeout: 120)
  }

  func testDeepNestingIsAnErrorNotACrash() {
    onLargeStack { Self.checkDeepNesting() }
  }

  static func checkDeepNesting() {
    let parens = "print(" + String(repeating: "(", count: 50_000) + "1" + String(repeating: ")", count: 50_000) + ")"
    XCTAssertEqual(Parser.parse(SourceFile(path: "d.mlx", text: parens)).diagnostics.map(\.message), ["expression nested too deeply"])
    let lists = "let x = " + String(repeating: "[", count: 50_000) + String(repeating: "]", count: 50_000)
    XCTAssertEqual(Parser.parse(SourceFile(path: "d.mlx", text: lists)).diagnostics.map(\.message), ["expression nested too deeply"])
    let chain = "let x = 1" + String(repeating: " + 1", count: 200_000)
    XCTAssertEqual(Parser.parse(SourceFile(path: "d.mlx", text: chain)).diagnostics.map(\.message), ["expression nested too deeply"])
    let fine = "print(" + String(repeating: "(", count: 200) + "1" + String(repeating: ")", count: 200) + ")"
    XCTAssertEqual(Parser.parse(SourceFile(path: "d.mlx", text: fine)).diagnostics.map(\.message), [])
  }
}
