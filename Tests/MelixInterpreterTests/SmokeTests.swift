import MelixInterpreter
import MelixSyntax
import XCTest

final class SmokeTests: XCTestCase {
  func testBasics() {
    XCTAssertEqual(output("print(1 + 2)"), "3\n")
    XCTAssertEqual(output("""
      fn fib(n) {
        if n < 2 { return n }
        return fib(n - 1) + fib(n - 2)
      }
      print(fib(20))
      """), "6765\n")
    XCTAssertEqual(output("""
      var fs = []
      for i in 0..<3 { append(fs, fn() => i) }
      print(map(fn(f) => f(), fs))
      """), "[0, 1, 2]\n")
    XCTAssertEqual(output("let x = 0.1 + 0.2\nprint(\"{x:.3f} {x}\", [\"a\", 1])"), "0.300 0.30000000000000004 [\"a\", 1]\n")
  }
}
