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

  /// The words the hints look for stay ordinary names where they are not the habit.
  func testHabitWordsAreStillOrdinaryNames() {
    let (out, result) = runMelix("""
      let lambda = 1
      let f = 2
      let elif = 3
      var func = 4
      func = func + lambda
      print(lambda, f, elif, func, f + elif)
      let s = "x"
      print([f, s])
      print({lambda: 1}[1], elif - 1)
      """)
    XCTAssertEqual(out, "1 2 3 5 5\n[2, \"x\"]\n1 2\n", "\(result)")
  }

  /// A function named `elif` called at the start of a line is a call, not a habit.
  func testAFunctionNamedElifCanBeCalledAtTheStartOfALine() {
    let (out, result) = runMelix("fn elif(x) { print(x * 2) }\nelif (3)\n")
    XCTAssertEqual(out, "6\n", "\(result)")
  }

  /// `f "x"` with a space is not an f-string: the generic error, not the prefix hint.
  func testSpacedPrefixIsNotTakenForAnFString() {
    let found = diagnostics("let f = 1\nprint(f \"x\")")
    XCTAssertEqual(found.map(\.message), ["expected ')' to close '(' at 2:6"])
  }

  func testElifAfterAClosingBraceAndAtTheStartOfALine() {
    XCTAssertEqual(
      diagnostics("let x = 1\nif x > 2 {\n  print(1)\n} elif x > 0 {\n  print(2)\n}\n").map(\.message),
      ["'elif' is written 'else if' in Melix"])
    let found = diagnostics("let x = 1\nif x > 2 {\n  print(1)\n}\nelif x > 0 {\n  print(2)\n}\n")
    XCTAssertEqual(found.map { "\($0.line):\($0.column) \($0.message)" }, ["5:1 'elif' is written 'else if' in Melix"])
  }

  func testImportOfAPythonModuleDoesNotSuggestAMissingFile() {
    let found = diagnostics("import numpy as np")
    XCTAssertEqual(found.map(\.message), ["expected a string path after 'import', got identifier"])
    XCTAssertEqual(
      found.first?.help,
      "Melix imports a .mlx file by its path: 'import \"helpers.mlx\"'; tensors, datasets and models are built in")
  }
}
