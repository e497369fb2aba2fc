import MelixInterpreter
import MelixSyntax
import XCTest

/// Python habits get a hint (issues #29 and #42).
final class PythonHabitTests: XCTestCase {
  private func diagnostics(_ code: String) -> [Diagnostic] {
    Session(output: { _ in }).check(SourceFile(path: "py.mlx", text: code))
  }

  func testEqualsKeywordArgumentSaysToUseAColon() {
    let found = diagnostics("let t = tensor([[1.0, 2.0]])\nprint(t.mean(axis=0))")
    XCTAssertEqual(found.map(\.message), ["keyword arguments use ':' in Melix, not '='"])
    XCTAssertEqual(found.first?.help, "write 'axis: 0'")
    XCTAssertEqual(found.first.map { "\($0.line):\($0.column)" }, "2:18")
  }

  func testPythonConstantsSuggestMelixOnes() {
    let found = diagnostics("print(True, False, None)")
    XCTAssertEqual(found.map(\.help), ["did you mean 'true'?", "did you mean 'false'?", "did you mean 'nil'?"])
  }

  func testDefSuggestsFn() {
    let found = diagnostics("def f(x):\n  return x\n")
    XCTAssertEqual(found.map(\.message), ["functions are declared with 'fn' in Melix, not 'def'"])
    XCTAssertEqual(found.first?.help, "'fn name(x) { return x }' or 'fn name(x) => x'")
  }

  func testDefAsAVariableNameStillWorks() {
    let (out, _) = runMelix("let def = 2\nprint(def + 1)")
    XCTAssertEqual(out, "3\n")
  }

  func testAssigningAnUndeclaredNameSaysHowToDeclareIt() {
    let found = diagnostics("fresh = 3")
    XCTAssertEqual(found.map(\.message), ["undefined variable 'fresh'"])
    XCTAssertEqual(found.first?.help, "declare it first: 'var fresh = ...' (or 'let' for a constant)")
  }
}
