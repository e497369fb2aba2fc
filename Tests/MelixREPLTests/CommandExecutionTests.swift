import Foundation
import MelixSyntax
import Testing

@testable import MelixREPL

@Suite struct CommandExecutionTests {
  @Test func quitStopsReading() {
    let engine = FakeEngine()
    let input = ScriptedInput(lines: [":quit", "1"])
    #expect(makeLoop(engine, input, Captured()).run() == 0)
    #expect(engine.runs.isEmpty)
    #expect(input.events == [.line("1")])
  }

  @Test func unknownCommandSuggestsAndCarriesOn() {
    let engine = FakeEngine()
    let captured = Captured()
    _ = makeLoop(engine, ScriptedInput(lines: [":hlep", "2"]), captured).run()
    #expect(captured.err == "error: unknown command ':hlep'\nhelp: did you mean ':help'?\n")
    #expect(engine.runs.map(\.text) == ["2"])
  }

  @Test func varsListsGlobalsAligned() {
    let engine = FakeEngine()
    engine.globals = [
      ("x", "Tensor", "[150, 4] float64"), ("model_a", "Model", "mlp"), ("n", "Int", ""),
    ]
    let captured = Captured()
    _ = makeLoop(engine, ScriptedInput(lines: [":vars"]), captured).run()
    #expect(
      captured.out
        == "x        Tensor  [150, 4] float64\nmodel_a  Model   mlp\nn        Int\n\n")
  }

  @Test func varsWithNothingDefined() {
    let captured = Captured()
    _ = makeLoop(FakeEngine(), ScriptedInput(lines: [":vars"]), captured).run()
    #expect(captured.out == "no variables yet\n\n")
  }

  @Test func helpIndexListsCommandsAndBuiltins() {
    let captured = Captured()
    _ = makeLoop(FakeEngine(), ScriptedInput(lines: [":help"]), captured).run()
    #expect(captured.out.contains("  :run FILE [--cell N]  run a script or one of its cells"))
    #expect(
      captured.out.contains(
        "built-ins (':help NAME' shows one):\n  len    length\n  print  writes values\n"))
  }

  @Test func helpForABuiltinComesFromTheEngine() {
    let captured = Captured()
    _ = makeLoop(FakeEngine(), ScriptedInput(lines: [":help print"]), captured).run()
    #expect(captured.out == "print(values...)\nexample: print(1)\n\n")
  }

  @Test func helpForACommand() {
    let captured = Captured()
    _ = makeLoop(FakeEngine(), ScriptedInput(lines: [":help :time"]), captured).run()
    #expect(captured.out == ":time STATEMENT\n  run a statement and show how long it took\n\n")
  }

  @Test func helpForACommandThatIsAlsoABuiltin() {
    let engine = FakeEngine()
    engine.helpTexts["time"] = "time() -> Float\nseconds since 1970"
    let captured = Captured()
    _ = makeLoop(engine, ScriptedInput(lines: [":help :time", ":help time"]), captured).run()
    #expect(
      captured.out
        == ":time STATEMENT\n  run a statement and show how long it took\n"
        + "time() -> Float\nseconds since 1970\n(the command: ':help :time')\n\n")
  }

  @Test func helpWrapsAtWordsToTheTerminalWidth() {
    let engine = FakeEngine()
    engine.builtins = [("mean", "the arithmetic mean of the elements over an axis, as NumPy's")]
    engine.helpTexts["mean"] = "mean(x)\n\nthe arithmetic mean of the elements over an axis, as NumPy's"
    let captured = Captured()
    var console = captured.console
    console.columns = { 31 }
    let loop = REPLLoop(
      engine: engine, input: ScriptedInput(lines: [":help", ":help mean"]), console: console,
      relay: nil)
    _ = loop.run()
    #expect(
      captured.out.contains(
        "  mean  the arithmetic mean of\n        the elements over an\n        axis, as NumPy's\n"),
      "\(captured.out)")
    #expect(
      captured.out.hasSuffix(
        "mean(x)\n\nthe arithmetic mean of the\nelements over an axis, as\nNumPy's\n\n"),
      "\(captured.out)")
    #expect(captured.out.contains("keys: Tab completes, Ctrl-R\nsearches history"), "\(captured.out)")
  }

  @Test func wrapKeepsLongWordsWhole() {
    #expect(TextWrap.wrap("short", width: 20) == "short")
    #expect(TextWrap.wrap("aaaa bbbb cccc dddd eeee", width: 14, indent: 2) == "aaaa bbbb cccc\n  dddd eeee")
    #expect(
      TextWrap.wrap("x abcdefghijklmnopqrstuvwxyz y", width: 12) == "x\nabcdefghijklmnopqrstuvwxyz\ny")
  }

  @Test func helpForAnUnknownNameSuggests() {
    let captured = Captured()
    _ = makeLoop(FakeEngine(), ScriptedInput(lines: [":help prnt"]), captured).run()
    #expect(captured.err == "error: no help for 'prnt'\nhelp: did you mean 'print'?\n")
  }

  @Test func resetForgetsGlobals() {
    let engine = FakeEngine()
    let captured = Captured()
    _ = makeLoop(engine, ScriptedInput(lines: [":reset"]), captured).run()
    #expect(engine.resets == 1)
    #expect(captured.out == "all variables forgotten\n\n")
  }

  @Test func timeRunsTheStatementAndReportsTheClock() {
    let engine = FakeEngine()
    engine.outcome = { _ in .success(display: "832040") }
    let captured = Captured()
    let loop = makeLoop(
      engine, ScriptedInput(lines: [":time fib(30)"]), captured, clock: [1_000, 1_501_000])
    _ = loop.run()
    #expect(engine.runs == [.init(path: "<repl:1>", text: "fib(30)", display: true)])
    #expect(captured.out == "832040\ntime: 1.50 ms\n\n")
  }

  @Test func timeOfAFailingStatementShowsOnlyTheError() {
    let engine = FakeEngine()
    engine.outcome = { _ in .runtimeError(rendered: "boom\n") }
    let captured = Captured()
    _ = makeLoop(engine, ScriptedInput(lines: [":time f()"]), captured, clock: [0, 5]).run()
    #expect(captured.err == "boom\n")
    #expect(!captured.out.contains("time:"))
  }

  @Test func loadRunsTheFileWithoutDisplay() {
    let engine = FakeEngine()
    let files = ["lib.mlx": "fn sq(x) { return x * x }\n"]
    _ = makeLoop(engine, ScriptedInput(lines: [":load lib.mlx"]), Captured(), files: files).run()
    #expect(
      engine.runs == [.init(path: "lib.mlx", text: "fn sq(x) { return x * x }\n", display: false)])
  }

  @Test func loadOfAMissingFileSaysSo() {
    let engine = FakeEngine()
    let captured = Captured()
    _ = makeLoop(engine, ScriptedInput(lines: [":load nope.mlx"]), captured).run()
    #expect(engine.runs.isEmpty)
    let folder = FileManager.default.currentDirectoryPath
    #expect(
      captured.err
        == "error: no such file 'nope.mlx'\nhelp: looked in '\(folder)', the folder melix was started in\n")
  }

  @Test func anAbsolutePathNeedsNoFolder() {
    let captured = Captured()
    _ = makeLoop(FakeEngine(), ScriptedInput(lines: [":run /nope/x.mlx"]), captured).run()
    #expect(captured.err == "error: no such file '/nope/x.mlx'\n")
  }

  static let notebook = """
    let seed = 42
    #%% Load
    let a = 1
    a
    #%% Train
    let b = a + 1
    b
    #%% Report
    b * 10
    """

  static let notebookCells = [
    CellInfo(index: 1, title: "Load", startLine: 2, text: ""),
    CellInfo(index: 2, title: "Train", startLine: 5, text: ""),
    CellInfo(index: 3, title: "Report", startLine: 8, text: ""),
  ]

  @Test func runOneCellRunsThePreambleAndThatCellOnFileLines() {
    let engine = FakeEngine()
    engine.cellsToReturn = Self.notebookCells
    let files = ["nb.mlx": Self.notebook]
    _ = makeLoop(engine, ScriptedInput(lines: [":run nb.mlx --cell 2"]), Captured(), files: files)
      .run()
    #expect(engine.checks.map(\.text) == engine.runs.map(\.text))
    #expect(
      engine.runs == [
        .init(
          path: "nb.mlx", text: "let seed = 42\n\n\n\n#%% Train\nlet b = a + 1\nb\n\n",
          display: true)
      ])
  }

  @Test func runWithoutCellRunsPreambleThenEachCell() {
    let engine = FakeEngine()
    engine.cellsToReturn = Self.notebookCells
    engine.outcome = { source in
      source.text.contains("b * 10") ? .success(display: "20") : .success(display: nil)
    }
    let captured = Captured()
    let files = ["nb.mlx": Self.notebook]
    _ = makeLoop(engine, ScriptedInput(lines: [":run nb.mlx"]), captured, files: files).run()
    #expect(engine.runs.count == 4)
    #expect(engine.runs[0].text == "let seed = 42\n\n\n\n\n\n\n\n")
    #expect(engine.runs[3].text == "\n\n\n\n\n\n\n#%% Report\nb * 10")
    #expect(engine.runs.allSatisfy { $0.path == "nb.mlx" && $0.display })
    #expect(captured.out == "20\n\n")
    // The whole file is checked once, before the preamble runs.
    #expect(engine.checks == [.init(path: "nb.mlx", text: Self.notebook, display: false)])
  }

  @Test func runRunsNothingWhenTheChecksFindErrorsAndTheSessionCarriesOn() {
    let engine = FakeEngine()
    engine.cellsToReturn = Self.notebookCells
    engine.checkOutcome = { source in
      source.path == "nb.mlx" ? "nb.mlx:9:1: error: undefined variable 'b'\n" : nil
    }
    let captured = Captured()
    let input = ScriptedInput(lines: [":run nb.mlx", ":run nb.mlx --cell 3", ":load nb.mlx", "1 + 1"])
    _ = makeLoop(engine, input, captured, files: ["nb.mlx": Self.notebook]).run()
    #expect(engine.runs == [.init(path: "<repl:1>", text: "1 + 1", display: true)])
    #expect(engine.checks.count == 3)
    #expect(engine.checks[0].text == Self.notebook)
    // `--cell 3` checks what would run: the preamble and cell 3, on the file's lines.
    #expect(engine.checks[1].text == "let seed = 42\n\n\n\n\n\n\n#%% Report\nb * 10")
    #expect(engine.checks[2].text == Self.notebook)
    #expect(captured.err == String(repeating: "nb.mlx:9:1: error: undefined variable 'b'\n", count: 3))
    #expect(captured.out == "1 + 1\n\n")
  }

  @Test func runStopsAtTheFirstFailingCell() {
    let engine = FakeEngine()
    engine.cellsToReturn = Self.notebookCells
    engine.outcome = { source in
      source.text.contains("a + 1")
        ? .runtimeError(rendered: "nb.mlx:6:11: runtime error: x\n") : .success(display: nil)
    }
    let captured = Captured()
    _ = makeLoop(
      engine, ScriptedInput(lines: [":run nb.mlx"]), captured, files: ["nb.mlx": Self.notebook]
    ).run()
    #expect(engine.runs.count == 3)
    #expect(captured.err == "nb.mlx:6:11: runtime error: x\n")
  }

  @Test func runAScriptWithoutCellsRunsItWhole() {
    let engine = FakeEngine()
    _ = makeLoop(
      engine, ScriptedInput(lines: [":run s.mlx"]), Captured(), files: ["s.mlx": "1 + 1"]
    ).run()
    #expect(engine.runs == [.init(path: "s.mlx", text: "1 + 1", display: true)])
  }

  @Test func runACellThatDoesNotExist() {
    let engine = FakeEngine()
    engine.cellsToReturn = Self.notebookCells
    let captured = Captured()
    let files = ["nb.mlx": Self.notebook, "plain.mlx": "1"]
    let input = ScriptedInput(lines: [":run nb.mlx --cell 4", ":run plain.mlx --cell 1"])
    engine.cellsToReturn = Self.notebookCells
    let loop = makeLoop(engine, input, captured, files: files)
    _ = loop.readEntry().map { loop.handle($0) }
    engine.cellsToReturn = []
    _ = loop.readEntry().map { loop.handle($0) }
    #expect(engine.runs.isEmpty)
    #expect(
      captured.err == """
        error: no cell 4 in 'nb.mlx': it has 3 cells
        help: ':cells nb.mlx' lists them
        error: no cell 1 in 'plain.mlx': it has no cells
        help: a cell starts at a '#%%' or '# %%' line

        """)
  }

  @Test func cellsListsNumbersTitlesAndLines() {
    let engine = FakeEngine()
    engine.cellsToReturn = Self.notebookCells
    let captured = Captured()
    _ = makeLoop(
      engine, ScriptedInput(lines: [":cells nb.mlx"]), captured, files: ["nb.mlx": Self.notebook]
    ).run()
    #expect(captured.out == "  1  Load    line 2\n  2  Train   line 5\n  3  Report  line 8\n\n")
  }
}

@Suite struct ScriptModeTests {
  @Test func exitStatusFollowsTheOutcome() {
    let engine = FakeEngine()
    let captured = Captured()
    engine.outcome = { _ in .success(display: nil) }
    #expect(REPL.runScript("print(1)", engine: engine, console: captured.console, relay: nil) == 0)
    engine.outcome = { _ in .runtimeError(rendered: "r\n") }
    #expect(REPL.runScript("x", engine: engine, console: captured.console, relay: nil) == 1)
    engine.outcome = { _ in .compileErrors(rendered: "c\n") }
    #expect(REPL.runScript("(", engine: engine, console: captured.console, relay: nil) == 2)
    #expect(engine.runs.map(\.path) == ["<stdin>", "<stdin>", "<stdin>"])
    #expect(engine.runs.allSatisfy { !$0.display })
    #expect(captured.err == "r\nc\n")
    #expect(captured.out == "")
  }
}
