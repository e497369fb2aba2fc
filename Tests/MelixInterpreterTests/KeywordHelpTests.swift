import MelixInterpreter
import MelixSyntax
import XCTest

/// Misspelt keyword arguments and wrong arity (issue #12): the runtime error points at the
/// keyword with a did-you-mean; `check` reports them before running.
final class KeywordArgumentTests: XCTestCase {
  func testRuntimeErrorPointsAtTheKeywordWithASuggestion() {
    let (_, result) = runMelix("let t = randn([3, 2], sed: 1)")
    guard case .runtimeError(let failure) = result else { return XCTFail("expected a runtime error, got \(result)") }
    XCTAssertEqual(failure.message, "'randn' has no parameter named 'sed'")
    XCTAssertEqual(failure.column, 23)
    XCTAssertEqual(failure.span?.end, (failure.span?.start ?? 0) + 3)
    XCTAssertEqual(failure.help, "did you mean 'seed'?")
    XCTAssertTrue(failure.rendered(color: false).contains("help: did you mean 'seed'?\n"))
  }

  func testWithoutANearNameTheHelpListsTheParameters() {
    let (_, result) = runMelix("fn g(x, y = 1) => x\ng(1, zzz: 2)")
    guard case .runtimeError(let failure) = result else { return XCTFail("expected a runtime error, got \(result)") }
    XCTAssertEqual(failure.help, "'g' has parameters 'x', 'y'")
    XCTAssertEqual(failure.line, 2)
    XCTAssertEqual(failure.column, 6)
  }

  func testCheckReportsKeywordsAndArityOfBuiltinsAndUserFunctions() {
    let code = """
      fn g(x, y = 1) => x + y
      g(1, 2, 3)
      g(y: 2)
      randn([3, 2], sed: 1)
      len([1], [2])
      split("a b", " ")
      g(1)
      """
    let diagnostics = Session(output: { _ in }).check(SourceFile(path: "kw.mlx", text: code))
    XCTAssertEqual(
      diagnostics.map { "\($0.line):\($0.column) \($0.message)" },
      [
        "2:1 'g' takes 2 arguments but 3 were given",
        "3:1 missing argument 'x' in call to 'g'",
        "4:15 'randn' has no parameter named 'sed'",
        "5:1 'len' takes 1 argument but 2 were given",
      ])
    XCTAssertEqual(diagnostics.map(\.help), [nil, nil, "did you mean 'seed'?", nil])
  }

  func testCheckKnowsPreludeFunctionsAndOverloads() {
    let code = "enumerate([1], strt: 1)\nsplit([1], test: 0.2)\n"
    let diagnostics = Session(output: { _ in }).check(SourceFile(path: "kw.mlx", text: code))
    XCTAssertEqual(diagnostics.map(\.message), ["'enumerate' has no parameter named 'strt'"])
    XCTAssertEqual(diagnostics.first?.help, "did you mean 'start'?")
  }
}
