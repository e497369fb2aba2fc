import MelixInterpreter
import MelixSyntax
import Testing

@testable import MelixREPL

/// `:run` and `:load` on a real session do `melix check`'s checks first, as `melix run` does:
/// an error anywhere in the file stops it before anything of it runs, and the session carries on.
@Suite struct RunChecksTests {
  static let notebook = """
    print("preamble ran")
    #%% Load
    print("cell 1 ran")
    #%% Report
    print(round(2.5, digts: 1))
    """

  /// A loop over a real session whose prints land in `printed`; files come from `files`.
  private func makeRealLoop(
    _ lines: [String], files: [String: String], printed: Printed, captured: Captured
  ) -> REPLLoop {
    let session = Session(output: { printed.text += $0 })
    return REPLLoop(
      engine: SessionEngine(session: session), input: ScriptedInput(lines: lines),
      console: captured.console, relay: nil,
      readFile: { path throws(ScriptReadError) in
        guard let text = files[path] else { throw .noSuchFile(path: path) }
        return text
      })
  }

  final class Printed { var text = "" }

  @Test func aMisspeltKeywordInTheLastCellStopsTheRunBeforeThePreamble() {
    let printed = Printed()
    let captured = Captured()
    let lines = [":run nb.mlx", "let scores = [1, 2]", "len(scores)"]
    _ = makeRealLoop(lines, files: ["nb.mlx": Self.notebook], printed: printed, captured: captured)
      .run()
    #expect(printed.text == "", "nothing of the script may run")
    #expect(
      captured.err == """
        nb.mlx:5:18: error: 'round' has no parameter named 'digts'
          |
        5 | print(round(2.5, digts: 1))
          |                  ^^^^^
        help: did you mean 'digits'?

        """)
    // The session is still usable.
    #expect(captured.out == "2\n\n")
  }

  @Test func aCellRunIsCheckedAgainstTheSessionsVariables() {
    let printed = Printed()
    let captured = Captured()
    let script = """
      #%% One
      print(f(1, 2))
      #%% Two
      print(limit + 1)
      """
    let lines = [
      "let limit = 41", ":run s.mlx --cell 2", ":run s.mlx --cell 1", ":load s.mlx", "limit",
    ]
    _ = makeRealLoop(lines, files: ["s.mlx": script], printed: printed, captured: captured).run()
    // Cell 2 uses a REPL variable: it passes the checks and runs.
    #expect(printed.text == "42\n")
    let errors = captured.err.split(separator: "\n").filter { $0.contains("error:") }
    #expect(
      errors == [
        "s.mlx:2:7: error: undefined variable 'f'",
        "s.mlx:2:7: error: undefined variable 'f'",
      ])
    #expect(captured.out == "41\n\n")
  }

  @Test func aWrongArgumentCountOfAFunctionDefinedAtThePromptIsCaught() {
    let printed = Printed()
    let captured = Captured()
    let lines = ["fn twice(x) => 2 * x", ":load lib.mlx", "twice(4)"]
    let files = ["lib.mlx": "print(\"loading\")\nlet y = twice(1, 2)\n"]
    _ = makeRealLoop(lines, files: files, printed: printed, captured: captured).run()
    #expect(printed.text == "")
    #expect(captured.err.hasPrefix("lib.mlx:2:9: error: 'twice' takes 1 argument but 2 were given\n"))
    #expect(captured.out == "8\n\n")
  }
}
