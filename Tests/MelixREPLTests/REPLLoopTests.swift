import MelixSyntax
import Testing

@testable import MelixREPL

@Suite struct MultiLineInputTests {
  @Test func unfinishedConstructContinuesWithDotsPrompt() {
    let engine = FakeEngine()
    let input = ScriptedInput(lines: ["fn add(a, b) {", "  return a + b", "}", "add(1, 2)"])
    let captured = Captured()
    #expect(makeLoop(engine, input, captured).run() == 0)
    #expect(engine.runs.map(\.text) == ["fn add(a, b) {\n  return a + b\n}", "add(1, 2)"])
    #expect(input.prompts == [">>> ", "... ", "... ", ">>> ", ">>> "])
    #expect(engine.runs.map(\.path) == ["<repl:1>", "<repl:2>"])
    #expect(engine.runs.allSatisfy { $0.display })
  }

  @Test func pastedBlockRunsAsOne() {
    let engine = FakeEngine()
    let input = ScriptedInput(lines: ["let a = 1", "let b = 2", "a + b"])
    input.pendingAnswers = [true, true, false]
    let captured = Captured()
    _ = makeLoop(engine, input, captured).run()
    #expect(engine.runs.map(\.text) == ["let a = 1\nlet b = 2\na + b"])
  }

  @Test func trailingOperatorContinues() {
    let engine = FakeEngine()
    let input = ScriptedInput(lines: ["1 +", "2"])
    _ = makeLoop(engine, input, Captured()).run()
    #expect(engine.runs.map(\.text) == ["1 +\n2"])
  }

  @Test func ctrlCDropsTheUnfinishedEntry() {
    let engine = FakeEngine()
    let input = ScriptedInput([.line("if x {"), .line("  y"), .interrupt, .line("3")])
    _ = makeLoop(engine, input, Captured()).run()
    #expect(engine.runs.map(\.text) == ["3"])
    #expect(input.prompts == [">>> ", "... ", "... ", ">>> ", ">>> "])
  }

  @Test func ctrlDInsideAnEntryRunsWhatThereIs() {
    let engine = FakeEngine()
    let input = ScriptedInput([.line("f(1,"), .endOfInput])
    engine.outcome = { _ in .compileErrors(rendered: "<repl:1>:1:5: error: expected ')'\n") }
    let captured = Captured()
    _ = makeLoop(engine, input, captured).run()
    #expect(engine.runs.map(\.text) == ["f(1,"])
    #expect(captured.err == "<repl:1>:1:5: error: expected ')'\n")
  }

  @Test func twoBlankLinesEndAnUnfinishedEntry() {
    let engine = FakeEngine()
    let input = ScriptedInput(lines: ["while true {", "", "", "7"])
    _ = makeLoop(engine, input, Captured()).run()
    #expect(engine.runs.map(\.text) == ["while true {\n\n", "7"])
  }

  @Test func blankLinesAtThePromptRunNothing() {
    let engine = FakeEngine()
    let input = ScriptedInput(lines: ["", "   ", "1"])
    _ = makeLoop(engine, input, Captured()).run()
    #expect(engine.runs.map(\.text) == ["1"])
  }

  @Test func everyLineGoesToHistory() {
    let engine = FakeEngine()
    let input = ScriptedInput(lines: ["fn f() {", "}", ":vars"])
    _ = makeLoop(engine, input, Captured()).run()
    #expect(input.remembered == ["fn f() {", "}", ":vars"])
  }
}

@Suite struct DisplayTests {
  @Test func valueIsShownAndNilIsNot() {
    let engine = FakeEngine()
    engine.outcome = { $0.text == "x" ? .success(display: "[1, 2, 3]") : .success(display: nil) }
    let captured = Captured()
    _ = makeLoop(engine, ScriptedInput(lines: ["let x = [1, 2, 3]", "x"]), captured).run()
    #expect(captured.out == "[1, 2, 3]\n\n")  // the value, then the newline after Ctrl-D
    #expect(captured.err == "")
  }

  @Test func errorsAreShownAndTheSessionCarriesOn() {
    let engine = FakeEngine()
    engine.outcome = { source in
      switch source.text {
      case "1 / 0":
        return .runtimeError(rendered: "<repl:2>:1:3: runtime error: division by zero\n")
      case "let = ": return .compileErrors(rendered: "<repl:3>:1:5: error: expected a name\n")
      default: return .success(display: "7")
      }
    }
    let captured = Captured()
    let input = ScriptedInput(lines: ["let k = 7", "1 / 0", "let = ", "k"])
    _ = makeLoop(engine, input, captured).run()
    #expect(engine.runs.count == 4)
    #expect(
      captured.err
        == "<repl:2>:1:3: runtime error: division by zero\n<repl:3>:1:5: error: expected a name\n")
    #expect(captured.out == "7\n7\n\n")
  }

  @Test func endOfInputLeavesWithStatusZero() {
    let captured = Captured()
    let status = makeLoop(FakeEngine(), ScriptedInput([]), captured).run()
    #expect(status == 0)
    #expect(captured.out == "\n")
  }
}
