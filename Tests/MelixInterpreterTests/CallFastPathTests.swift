import MelixInterpreter
import MelixSyntax
import XCTest

/// The call fast paths (inline operands, unretained calls of top-level functions) keep the
/// semantics of the general path.
final class CallFastPathTests: XCTestCase {
  /// Runs the entries in one session, REPL-style; returns the output, failing on any error.
  func runEntries(_ entries: [String], file: StaticString = #filePath, line: UInt = #line) -> String {
    let buffer = OutputBuffer()
    let session = Session(output: { buffer.text += $0 })
    for (i, entry) in entries.enumerated() {
      let result = session.run(SourceFile(path: "<repl:\(i + 1)>", text: entry))
      if case .runtimeError(let failure) = result {
        XCTFail("entry \(i + 1): \(failure.rendered(color: false))", file: file, line: line)
      } else if case .compileErrors(let diagnostics) = result {
        XCTFail("entry \(i + 1): \(diagnostics.map(\.message))", file: file, line: line)
      }
    }
    return buffer.text
  }

  /// A top-level function that overwrites its own global while it runs (possible across REPL
  /// entries: the store was compiled while the name was a `var`) finishes normally, and the
  /// next call runs the new value.
  func testFunctionOverwrittenWhileRunningKeepsRunning() {
    let out = runEntries([
      "var h = 0",
      "fn setH() { h = fn(x) => x * 10 }",
      "fn h(n) {\n  let before = [n, n + 1]\n  setH()\n  let after = [n + 2]\n  return before + after\n}",
      "print(h(1))\nprint(h(1))",
    ])
    XCTAssertEqual(out, "[1, 2, 3]\n10\n")
  }

  /// Redeclaring a function in a later entry replaces it for callers compiled earlier.
  func testRedeclaredFunctionIsCalledByEarlierCallers() {
    let out = runEntries([
      "fn f(n) => n + 1",
      "fn g(n) => f(n - 1) * 2",
      "print(g(5))",
      "fn f(n) => n + 100",
      "print(g(5))",
    ])
    XCTAssertEqual(out, "10\n208\n")
  }

  /// Inline operands fall back to the general operator: Float, String and overflow.
  func testInlineOperandsFallBack() {
    XCTAssertEqual(
      output("""
        fn f(a, b) => [a, b]
        fn g(n) => f(n - 1, n + 1)
        print(g(1.5))
        print(g(10))
        """),
      "[0.5, 2.5]\n[9, 11]\n")
    XCTAssertEqual(runtimeError("fn f(x) => x\nfn g(n) => f(n + 1)\nprint(g(9223372036854775807))"), "integer overflow in '+'")
    XCTAssertEqual(runtimeError("fn f(x) => x\nfn g(n) => f(n - 1)\nprint(g(\"a\"))"), "unsupported operand types for '-': String and Int")
  }

  /// Inline index operands (`xs[i]`, `m[i][j]`) fall back for negative indexes, dicts,
  /// strings and out-of-range indexes.
  func testInlineIndexOperandsFallBack() {
    XCTAssertEqual(
      output("""
        fn get(xs, i) {
          return xs[i] * 1
        }
        fn get2(m, i, j) {
          return m[i][j] + 0
        }
        print(get([1, 2, 3], -1))
        print(get({"a": 2}, "a"))
        print(get("ab", 1) + "!")
        print(get2([[1, 2], [3, 4]], 1, -1))
        print(get2([[1, 2], (3, 4)], 1, 0))
        """),
      "3\n2\nb!\n4\n3\n")
    XCTAssertEqual(
      runtimeError("fn get(xs, i) {\n  return xs[i] * 1\n}\nprint(get([1, 2], 5))"),
      "index 5 out of range for List of length 2")
    XCTAssertEqual(
      runtimeError("fn get2(m, i, j) {\n  return m[i][j] + 0\n}\nprint(get2([[1]], 0, 1))"),
      "index 1 out of range for List of length 1")
  }

  /// A failing argument of a two-argument call leaves the value stack balanced: later calls
  /// still see their own arguments.
  func testFailingArgumentLeavesStackBalanced() {
    XCTAssertEqual(
      output("""
        fn pair(a, b) => [a, b]
        fn bad() { error("boom") }
        fn try_it() {
          for i in 0..<3 {
            let p = pair(i, i * 2)
            print(p)
          }
        }
        try_it()
        """),
      "[0, 0]\n[1, 2]\n[2, 4]\n")
    XCTAssertEqual(runtimeError("fn pair(a, b) => [a, b]\nfn bad() { error(\"boom\") }\nprint(pair(1, bad()))"), "boom")
  }

  /// The if/return tail of a body picks the right branch for every comparison and for a
  /// non-Int operand.
  func testTailBranchComparisons() {
    XCTAssertEqual(
      output("""
        fn lt(n) {
          if n < 2 {
            return "y"
          }
          return "n"
        }
        fn le(n) {
          if n <= 2 {
            return "y"
          }
          return "n"
        }
        fn gt(n) {
          if n > 2 {
            return "y"
          }
          return "n"
        }
        fn ge(n) {
          if n >= 2 {
            return "y"
          }
          return "n"
        }
        fn eq(n) {
          if n == 2 {
            return "y"
          }
          return "n"
        }
        fn ne(n) {
          if n != 2 {
            return "y"
          }
          return "n"
        }
        for n in [1, 2, 3, 2.0] {
          print("{lt(n)}{le(n)}{gt(n)}{ge(n)}{eq(n)}{ne(n)}")
        }
        """),
      "yynnny\nnynyyn\nnnyyny\nnynyyn\n")
  }
}
