import MelixSyntax

@testable import MelixREPL

/// An engine that records what the REPL asks of it and answers from scripted rules.
final class FakeEngine: REPLEngine {
  struct Run: Equatable {
    let path: String
    let text: String
    let display: Bool
  }

  var runs: [Run] = []
  var resets = 0
  var interrupts = 0
  var globals: [(name: String, kind: String, summary: String)] = []
  var builtins: [(name: String, summary: String)] = [("print", "writes values"), ("len", "length")]
  var helpTexts: [String: String] = ["print": "print(values...)\nexample: print(1)"]
  var cellsToReturn: [CellInfo] = []
  var completionRequests: [(line: String, cursor: Int)] = []
  var candidates: [String] = []
  /// Decides each run's outcome from the source text; by default echoes the text.
  var outcome: (SourceFile) -> EngineOutcome = { .success(display: $0.text) }
  /// The sources given to `check`, in order.
  var checks: [Run] = []
  /// Decides each check's rendered errors from the source text; by default there are none.
  var checkOutcome: (SourceFile) -> String? = { _ in nil }

  func run(_ source: SourceFile, display: Bool, color: Bool) -> EngineOutcome {
    runs.append(Run(path: source.path, text: source.text, display: display))
    return outcome(source)
  }

  func check(_ source: SourceFile, color: Bool) -> String? {
    checks.append(Run(path: source.path, text: source.text, display: false))
    return checkOutcome(source)
  }

  func interrupt() { interrupts += 1 }

  /// Unfinished while `{` outnumber `}` or the text ends with an operator.
  func needsMoreInput(_ text: String) -> Bool {
    let opens = text.filter { $0 == "{" }.count
    let closes = text.filter { $0 == "}" }.count
    return opens > closes || text.hasSuffix("+")
  }

  func completions(for line: String, cursor: Int) -> [String] {
    completionRequests.append((line, cursor))
    return candidates
  }

  func globalsSummary() -> [(name: String, kind: String, summary: String)] { globals }
  func help(for name: String) -> String? { helpTexts[name] }
  func builtinSummaries() -> [(name: String, summary: String)] { builtins }
  func reset() { resets += 1 }
  func cells(of source: SourceFile) -> [CellInfo] { cellsToReturn }
}

/// Input from a list of events; records the prompts shown and the lines remembered.
final class ScriptedInput: LineSource {
  var events: [LineEvent]
  var prompts: [String] = []
  var remembered: [String] = []
  /// How many upcoming `hasPendingInput` calls answer true (a paste in progress).
  var pendingAnswers: [Bool] = []

  init(_ events: [LineEvent]) { self.events = events }

  convenience init(lines: [String]) { self.init(lines.map { .line($0) }) }

  func readLine(prompt: String) -> LineEvent {
    prompts.append(prompt)
    return events.isEmpty ? .endOfInput : events.removeFirst()
  }

  func hasPendingInput() -> Bool { pendingAnswers.isEmpty ? false : pendingAnswers.removeFirst() }

  func remember(_ line: String) { remembered.append(line) }
}

/// A console that keeps what was written.
final class Captured {
  var out = ""
  var err = ""

  var console: Console {
    Console(
      write: { self.out += $0 }, writeError: { self.err += $0 },
      color: false, errorColor: false)
  }
}

/// A loop over a fake engine and scripted lines, with files served from a dictionary.
func makeLoop(
  _ engine: FakeEngine, _ input: ScriptedInput, _ captured: Captured,
  files: [String: String] = [:], clock: [UInt64] = []
) -> REPLLoop {
  var ticks = clock
  return REPLLoop(
    engine: engine, input: input, console: captured.console, relay: nil,
    readFile: { path throws(ScriptReadError) in
      guard let text = files[path] else { throw .noSuchFile(path: path) }
      return text
    },
    now: { ticks.isEmpty ? 0 : ticks.removeFirst() })
}
