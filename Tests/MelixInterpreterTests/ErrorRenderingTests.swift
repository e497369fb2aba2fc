import MelixInterpreter
import MelixSyntax
import XCTest

final class ErrorRenderingTests: XCTestCase {
  func testRuntimeErrorShowsCaretsAndTraceInnermostFirst() {
    let code = "fn half(n) {\n  return n // 0\n}\nfn outer() => half(4)\nouter()\n"
    let (_, result) = runMelix(code, path: "t.mlx")
    guard case .runtimeError(let failure) = result else { return XCTFail("expected runtime error") }
    XCTAssertEqual(failure.rendered(color: false), """
      t.mlx:2:10: runtime error: integer division by zero
        |
      2 |   return n // 0
        |          ^^^^^^
        at half (t.mlx:2)
        at outer (t.mlx:4)
        at <script> (t.mlx:5)

      """)
  }

  func testAllResolveErrorsAreReportedWithDidYouMean() {
    let (_, result) = runMelix("let learning_rate = 0.1\nprint(learning_rat)\nlet c = 1\nc = 2\nprint(lenn([]))\n")
    guard case .compileErrors(let diagnostics) = result else { return XCTFail("expected compile errors") }
    XCTAssertEqual(diagnostics.map(\.message), [
      "undefined variable 'learning_rat'",
      "cannot assign to 'c': it is declared with 'let'",
      "undefined variable 'lenn'",
    ])
    XCTAssertEqual(diagnostics.map(\.help), ["did you mean 'learning_rate'?", "declare it with 'var' to allow reassignment", "did you mean 'len'?"])
    XCTAssertEqual(diagnostics.map(\.line), [2, 4, 5])
  }

  func testCompileDiagnosticRendering() {
    let source = SourceFile(path: "m.mlx", text: "let total = 1\nprint(totl + 1)\n")
    let (_, result) = runMelix(source.text, path: source.path)
    guard case .compileErrors(let diagnostics) = result, let first = diagnostics.first else { return XCTFail("expected compile errors") }
    XCTAssertEqual(DiagnosticRenderer.render(first, in: source, color: false), """
      m.mlx:2:7: error: undefined variable 'totl'
        |
      2 | print(totl + 1)
        |       ^^^^
      help: did you mean 'total'?

      """)
  }

  func testUsingAGlobalBeforeItsDefinitionIsAResolveError() {
    XCTAssertEqual(compileErrors("print(x)\nlet x = 1"), ["'x' is used before its definition"])
    XCTAssertEqual(output("fn f() => later\nlet later = 5\nprint(f())"), "5\n", "functions may use later globals")
  }
}

final class CallErrorTraceTests: XCTestCase {
  func testArgumentErrorsAreAtTheCallSiteWithoutACalleeFrame() {
    let (_, result) = runMelix("fn f(a, b) { return a }\nprint(f(1, a: 2))\n", path: "c.mlx")
    guard case .runtimeError(let failure) = result else { return XCTFail("expected runtime error") }
    XCTAssertEqual(failure.message, "argument 'a' of 'f' given more than once")
    XCTAssertEqual(failure.trace.map(\.function), ["<script>"])
  }
}

final class ForwardGlobalTests: XCTestCase {
  func testAFunctionRunBeforeALaterGlobalIsDefinedFails() {
    XCTAssertEqual(runtimeError("fn f() => later\nprint(f())\nlet later = 5"), "global 'later' used before its definition")
    XCTAssertEqual(output("fn f() => later\nlet later = 5\nprint(f())"), "5\n")
  }
}

final class RedefinitionTests: XCTestCase {
  func testRedefinitionNotesTheFirstDefinition() {
    let (_, result) = runMelix("let x = 1\nlet x = 2\nfn f(a) {\n  let b = 1\n  let b = 2\n}\n")
    guard case .compileErrors(let diagnostics) = result else { return XCTFail("expected errors") }
    XCTAssertEqual(diagnostics.map(\.message), ["'x' is already defined in this scope", "'b' is already defined in this scope"])
    XCTAssertEqual(diagnostics.map(\.notes), [["'x' was first defined at 1:5"], ["'b' was first defined at 4:7"]])
  }

  func testNoGuessForOneLetterNames() {
    let (_, result) = runMelix("print(x)")
    guard case .compileErrors(let diagnostics) = result else { return XCTFail("expected errors") }
    XCTAssertNil(diagnostics.first?.help)
  }
}

final class CallbackTraceTests: XCTestCase {
  func testAFailingCallbackOfABuiltinHasItsOwnFrame() {
    let code = "fn scale(values, factor) {\n  return map(fn(v) => v // factor, values)\n}\n\nprint(scale([1, 2], 0))\n"
    let (_, result) = runMelix(code, path: "cb.mlx")
    guard case .runtimeError(let failure) = result else { return XCTFail("expected runtime error") }
    XCTAssertEqual(failure.trace.map(\.function), ["<fn>", "scale", "<script>"])
    XCTAssertEqual(failure.trace.map(\.line), [2, 2, 5])
  }
}
