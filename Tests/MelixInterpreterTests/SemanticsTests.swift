import MelixInterpreter
import MelixSyntax
import XCTest

final class SemanticsTests: XCTestCase {
  func testArithmeticFollowsPython() {
    XCTAssertEqual(output("print(7 / 2, -7 // 2, -7 % 2, 7 % -2, 2 ** 10, 2 ** -1, -2 ** 2)"), "3.5 -4 1 -1 1024 0.5 -4\n")
    XCTAssertEqual(output("print(1 + 2.0, 0.1 + 0.2, 1.0 / 0, -7.5 // 2, -7.5 % 2)"), "3.0 0.30000000000000004 inf -4.0 0.5\n")
    XCTAssertEqual(output("print(1e-5, 1e16, 1e15, 2.0 ** 0.5, nan, -inf)"), "1e-05 1e+16 1000000000000000.0 1.4142135623730951 nan -inf\n")
  }

  func testIntegerOverflowAndDivisionByZeroAreErrors() {
    XCTAssertEqual(runtimeError("let x = 9223372036854775807\nprint(x + 1)"), "integer overflow in '+'")
    XCTAssertEqual(runtimeError("print(-9223372036854775807 - 2)"), "integer overflow in '-'")
    XCTAssertEqual(runtimeError("print(4611686018427387904 * 2)"), "integer overflow in '*'")
    XCTAssertEqual(runtimeError("print(2 ** 63)"), "integer overflow in '**'")
    XCTAssertEqual(runtimeError("print(1 // 0)"), "integer division by zero")
    XCTAssertEqual(runtimeError("print(1 % 0)"), "integer modulo by zero")
    XCTAssertEqual(runtimeError("print(1 / 0)"), "division by zero")
    XCTAssertEqual(output("print(9223372036854775807, -9223372036854775807 - 1)"), "9223372036854775807 -9223372036854775808\n")
  }

  func testTruthinessIsBoolOnly() {
    XCTAssertEqual(runtimeError("if 1 { print(1) }"), "expected Bool, got Int")
    XCTAssertEqual(runtimeError("print(not \"a\")"), "expected Bool, got String")
    XCTAssertEqual(runtimeError("print(true and 1)"), "expected Bool, got Int")
    XCTAssertEqual(output("print(false and 1, true or 1)"), "false true\n", "short-circuit skips the right side")
  }

  func testListsAreSharedByReference() {
    XCTAssertEqual(output("let xs = [1, 2, 3]\nlet ys = xs\nappend(xs, 4)\nys[0] = 9\nprint(xs, len(ys))"), "[9, 2, 3, 4] 4\n")
    XCTAssertEqual(output("let xs = [1]\nxs.append(2)\nprint(xs, xs.contains(2), pop(xs), xs)"), "[1] true 2 [1]\n", "print shows the list after 'pop'")
  }

  func testDictsKeepInsertionOrder() {
    XCTAssertEqual(output("let d = {\"b\": 1, \"a\": 2}\nd[\"c\"] = 3\nd[\"b\"] = 4\nprint(d, keys(d), values(d), \"a\" in d)"), "{\"b\": 4, \"a\": 2, \"c\": 3} [\"b\", \"a\", \"c\"] [4, 2, 3] true\n")
    XCTAssertEqual(runtimeError("let d = {\"a\": 1}\nprint(d[\"z\"])"), "key \"z\" not found in dict")
    XCTAssertEqual(output("let d = {1: \"int\"}\nprint(d[1.0])"), "int\n")
  }

  func testPrintQuotesStringsOnlyInsideContainers() {
    XCTAssertEqual(output("print(\"a\", [\"a\", 1], (\"t\",), {\"k\": nil})"), "a [\"a\", 1] (\"t\",) {\"k\": nil}\n")
  }

  func testIndexingAndSlicing() {
    XCTAssertEqual(output("let xs = [0, 1, 2, 3, 4, 5]\nprint(xs[-1], xs[1:3], xs[::2], xs[::-1], xs[4:1:-1], xs[:-4])"), "5 [1, 2] [0, 2, 4] [5, 4, 3, 2, 1, 0] [4, 3, 2] [0, 1]\n")
    XCTAssertEqual(output("let s = \"héllo\"\nprint(s[1], s[1:3], s[::-1], len(s))"), "é él olléh 5\n")
    XCTAssertEqual(runtimeError("let xs = [1, 2, 3]\nprint(xs[3])"), "index 3 out of range for List of length 3")
    XCTAssertEqual(runtimeError("let xs = [1, 2, 3]\nprint(xs[::0])"), "slice step cannot be zero")
  }

  func testClosuresCaptureVariablesAndFreshLoopBindings() {
    XCTAssertEqual(output("""
      fn counter() {
        var n = 0
        return fn() {
          n += 1
          return n
        }
      }
      let c = counter()
      c()
      c()
      print(c())
      """), "3\n")
    XCTAssertEqual(output("""
      let fs = []
      for i in 0..<3 {
        let j = i * 10
        append(fs, fn() => i + j)
      }
      print(map(fn(f) => f(), fs))
      """), "[0, 11, 22]\n")
    XCTAssertEqual(output("""
      fn outer() {
        var x = 1
        fn middle() {
          fn inner() { x += 1 }
          inner()
          return x
        }
        return middle()
      }
      print(outer())
      """), "2\n")
  }

  func testKeywordArgumentsAndDefaults() {
    XCTAssertEqual(output("fn f(a, b = 2, c = a + b) => [a, b, c]\nprint(f(1), f(1, c: 5), f(b: 3, a: 0))"), "[1, 2, 3] [1, 2, 5] [0, 3, 3]\n")
    XCTAssertEqual(output("fn f(xs = []) { append(xs, 1)\nreturn xs }\nprint(f(), f())"), "[1] [1]\n", "defaults are evaluated at each call")
    XCTAssertEqual(runtimeError("fn f(a, b) => a\nf(1, 2, 3)"), "'f' takes 2 arguments but 3 were given")
    XCTAssertEqual(runtimeError("fn f(a, b) => a\nf(1)"), "missing argument 'b' in call to 'f'")
    XCTAssertEqual(runtimeError("fn f(a) => a\nf(1, c: 2)"), "'f' has no parameter named 'c'")
  }

  func testBuiltinsAreCheckedAgainstTheirTable() {
    XCTAssertEqual(runtimeError("sqrt(\"x\")"), "argument 'x' of 'sqrt': expected Int or Float, got String")
    XCTAssertEqual(runtimeError("len(1, 2)"), "'len' takes 1 argument but 2 were given")
    XCTAssertEqual(runtimeError("sorted([1], reversed: true)"), "'sorted' has no parameter named 'reversed'")
    XCTAssertEqual(output("print(sorted([3, 1, 2], reverse: true), sorted([\"bb\", \"a\", \"ccc\"], key: len))"), "[3, 2, 1] [\"a\", \"bb\", \"ccc\"]\n")
    XCTAssertEqual(output("print(min(3, 1, 2), max([4, 9]), sum([1, 2.5]), abs(-3), round(2.5), round(3.14159, 2))"), "1 9 3.5 3 2 3.14\n")
    XCTAssertEqual(output("print(int(\"42\"), int(-3.9), float(2), str(1.5), type(1.0), type([]), floor(-1.5), ceil(1.2))"), "42 -3 2.0 1.5 Float List -2 2\n")
    XCTAssertEqual(output("print(join(split(\"a b  c\"), \"-\"), upper(\"ab\"), \"x,y\".split(\",\"), replace(\"a-b\", \"-\", \"+\"))"), "a-b-c AB [\"x\", \"y\"] a+b\n")
  }

  func testRecursionDepthIsAnError() {
    XCTAssertEqual(runtimeError("fn f(n) => f(n + 1)\nf(0)"), "recursion depth exceeded")
  }

  func testDestructuring() {
    XCTAssertEqual(output("let (a, (b, c)) = (1, [2, 3])\nprint(a + b + c)"), "6\n")
    XCTAssertEqual(output("for (i, x) in [(0, \"a\"), (1, \"b\")] { print(i, x) }"), "0 a\n1 b\n")
    XCTAssertEqual(runtimeError("let (a, b) = (1, 2, 3)"), "cannot unpack 3 values into 2 names")
  }

  func testLoopsBreakContinueAndRanges() {
    XCTAssertEqual(output("""
      var s = 0
      for i in 1...10 {
        if i % 2 == 0 { continue }
        if i > 7 { break }
        s += i
      }
      var k = 0
      while k < 3 { k += 1 }
      print(s, k, list(range(1, 10, 3)), 0..<3, 1...3)
      """), "16 3 [1, 4, 7] 0..<3 1...3\n")
  }

  func testDisplayOfTrailingExpressionAndUnderscore() {
    let buffer = OutputBuffer()
    let session = Session(output: { buffer.text += $0 })
    guard case .success(let shown) = session.run(SourceFile(path: "<repl:1>", text: "let x = 2\nx * 21"), display: true) else {
      return XCTFail("run failed")
    }
    XCTAssertEqual(shown, "42")
    guard case .success(let again) = session.run(SourceFile(path: "<repl:2>", text: "_ + 1"), display: true) else {
      return XCTFail("run failed")
    }
    XCTAssertEqual(again, "43")
    guard case .success(let none) = session.run(SourceFile(path: "<repl:3>", text: "print(\"s\")"), display: true) else {
      return XCTFail("run failed")
    }
    XCTAssertNil(none, "a nil value is not displayed")
    guard case .success(let quoted) = session.run(SourceFile(path: "<repl:4>", text: "\"hi\""), display: true) else {
      return XCTFail("run failed")
    }
    XCTAssertEqual(quoted, "\"hi\"")
  }

  func testInterruptStopsALoop() {
    let session = Session(output: { _ in })
    let stopper = Thread { [session] in
      Thread.sleep(forTimeInterval: 0.2)
      session.interrupt()
    }
    stopper.start()
    let result = session.run(SourceFile(path: "loop.mlx", text: "var i = 0\nwhile true {\n  i += 1\n}"))
    guard case .runtimeError(let failure) = result else { return XCTFail("expected interrupted, got \(result)") }
    XCTAssertEqual(failure.message, "interrupted")
    XCTAssertEqual(failure.line, 2)
  }
}

final class DeepValueTests: XCTestCase {
  func testDeeplyNestedValuesPrintAndFreeWithoutCrashing() {
    XCTAssertEqual(output("var x = []\nfor i in 0..<200000 { x = [x] }\nprint(len(str(x)))\nx = nil\nprint(\"freed\")"), "2005\nfreed\n")
    XCTAssertEqual(output("var d = {}\nfor i in 0..<200000 { d = {\"a\": (d,)} }\nd = nil\nprint(\"freed\")"), "freed\n")
    XCTAssertEqual(output("let xs = [1]\nappend(xs, xs)\nprint(xs)\nlet d = {\"n\": 1}\nd[\"self\"] = d\nprint(d)"), "[1, [...]]\n{\"n\": 1, \"self\": {...}}\n")
  }
}
