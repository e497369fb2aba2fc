import MelixInterpreter
import MelixSyntax
import Testing

@testable import MelixREPL

/// The `help:` lines of runtime errors (the golden runner checks only the message): each
/// points a NumPy habit or a misspelt member at what works.
@Suite struct RuntimeHelpTests {
  private func rendered(_ code: String) -> String {
    let engine = SessionEngine(session: Session(output: { _ in }))
    let text = "let a = tensor([1.0, 2.0, 3.0])\n" + code
    switch engine.run(SourceFile(path: "<repl:1>", text: text), display: true, color: false) {
    case .runtimeError(let rendered), .compileErrors(let rendered): return rendered
    case .success(let shown): return "success: \(shown ?? "nil")"
    }
  }

  @Test func tensorsInWordOperatorsAndConditionsNameTheElementWiseForm() {
    #expect(rendered("(a > 1) and (a < 3)").contains(
      "help: combine bool tensors element-wise with '&': '(a > 1) & (a < 5)'; 'all(t)' or 'any(t)' gives one Bool"))
    #expect(rendered("(a > 1) or (a < 3)").contains("help: combine bool tensors element-wise with '|'"))
    #expect(rendered("not (a > 1)").contains(
      "help: negate a bool tensor element-wise with '~': '~mask'; 'all(t)' or 'any(t)' gives one Bool"))
    #expect(rendered("if a == 1 { print(1) }").contains(
      "help: a tensor holds many truth values: 'all(t)' or 'any(t)' gives one Bool"))
    #expect(rendered("while a > 0 { break }").contains("'all(t)' or 'any(t)' gives one Bool"))
    #expect(!rendered("not 1").contains("help:"), "no tensor, no tensor help")
  }

  @Test func masksOfTheWrongKindNameComparisons() {
    #expect(rendered("a & a").contains(
      "help: make masks with comparisons: '(a > 1) & (a < 5)'; logical_and, logical_or, logical_xor, logical_not treat nonzero as true"))
    #expect(rendered("2 ^ 3").contains("help: for a power write '**'"))
    let power = rendered("a ^ 2")
    #expect(power.contains("runtime error: '^' needs bool tensors (masks), got a float64 tensor"), "\(power)")
    #expect(power.contains("help: for a power write '**'"), "\(power)")
  }

  @Test func misspeltMembersAndMethodsSuggest() {
    #expect(rendered("a.shap").contains("help: did you mean 'shape'?"))
    #expect(rendered("a.reshap([3, 1])").contains("help: did you mean 'reshape'?"))
    #expect(rendered("a.exp").contains("help: 'exp' is a method: call it, '.exp()'"))
    #expect(rendered("a.shape()").contains("help: 'shape' is a field, not a method"))
    #expect(rendered("[1].apend(2)").contains("help: did you mean 'append'?"))
    #expect(rendered("a.sqrt()").hasPrefix("success"), "a method from an overload for tensors")
  }
}
