import MelixInterpreter
import MelixSyntax
import XCTest

/// A tensor error raised by an operator points at the operator itself (one caret under `@`,
/// `+`, `==` ...), while errors raised by calls and indexing cover the call or index.
final class TensorCaretTests: XCTestCase {
  private func rendered(_ code: String) -> String {
    let (_, result) = runMelix(code, path: "t.mlx")
    guard case .runtimeError(let failure) = result else {
      XCTFail("expected a runtime error")
      return ""
    }
    return failure.rendered(color: false)
  }

  func testMatmulShapeErrorPointsAtTheOperator() {
    XCTAssertEqual(rendered("let a = zeros([2, 3])\nlet b = zeros([2, 3])\nlet c = a @ b\n"), """
      t.mlx:3:11: runtime error: matmul needs [m, k] × [k, n], got [2, 3] × [2, 3]
        |
      3 | let c = a @ b
        |           ^
        at <script> (t.mlx:3)

      """)
  }

  func testBroadcastErrorPointsAtTheOperatorAfterAParenthesisedOperand() {
    XCTAssertEqual(rendered("let a = zeros([2, 3])\nprint((a * 2) + ones(4))\n"), """
      t.mlx:2:15: runtime error: cannot broadcast [2, 3] with [4] in '+'
        |
      2 | print((a * 2) + ones(4))
        |               ^
        at <script> (t.mlx:2)

      """)
  }

  func testOperatorOnANewLineIsFound() {
    let failure = rendered("let a = zeros([2, 3])\nlet c = (a\n  ** ones(4))\n")
    XCTAssertTrue(failure.hasPrefix("t.mlx:3:3: runtime error: cannot broadcast [2, 3] with [4] in '**'"), failure)
    XCTAssertTrue(failure.contains("3 |   ** ones(4))\n  |   ^^\n"), failure)
  }

  func testComparisonErrorPointsAtTheOperator() {
    let failure = rendered("let t = zeros(3)\nlet m = t == zeros(2)\n")
    XCTAssertTrue(failure.hasPrefix("t.mlx:2:11: runtime error: cannot broadcast [3] with [2] in '=='"), failure)
  }

  func testIntegerErrorsStillCoverTheExpression() {
    let failure = rendered("let n = 2\nprint(n // 0)\n")
    XCTAssertTrue(failure.contains("2 | print(n // 0)\n  |       ^^^^^^\n"), failure)
  }

  func testCompoundAssignmentPointsAtItsOperator() {
    let failure = rendered("var t = zeros([2, 3])\nt += zeros(4)\n")
    XCTAssertTrue(failure.contains("2 | t += zeros(4)\n  |   ^^\n"), failure)
  }

  func testIndexErrorsCoverTheSubscriptedExpression() {
    let failure = rendered("let t = zeros([2, 3])\nprint(t[7])\n")
    XCTAssertTrue(failure.hasPrefix("t.mlx:2:7: runtime error: index 7 is out of range for axis 0 with size 2"), failure)
    XCTAssertTrue(failure.contains("2 | print(t[7])\n  |       ^^^^\n"), failure)
  }

  func testCallErrorCoversTheCall() {
    let failure = rendered("let a = zeros([2, 3])\nprint(matmul(a, a))\n")
    XCTAssertTrue(failure.hasPrefix("t.mlx:2:7: runtime error: matmul needs [m, k] × [k, n], got [2, 3] × [2, 3]"), failure)
  }
}
