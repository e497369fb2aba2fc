import MelixSyntax
import Testing

@testable import MelixREPL

@Suite struct CompletionTests {
  @Test func wordBeforeTheCursor() {
    #expect(CompletionPlan.word(before: 9, in: "train(mod") == "mod")
    #expect(CompletionPlan.word(before: 7, in: "report.acc") == "")
    #expect(CompletionPlan.word(before: 10, in: "report.acc") == "acc")
    #expect(CompletionPlan.word(before: 3, in: "lr_max + 1") == "lr_")
    #expect(CompletionPlan.word(before: 2, in: "λx") == "λx")
    #expect(CompletionPlan.word(before: 99, in: "abc") == "abc")
    #expect(CompletionPlan.word(before: 0, in: "abc") == "")
  }

  @Test func singleMatchInsertsTheRest() {
    let plan = CompletionPlan.make(
      line: "let m = learn", cursor: 13, candidates: ["learning_rate", "len", "let"])
    #expect(plan == .insert("ing_rate"))
  }

  @Test func commonPrefixIsInsertedFirst() {
    let plan = CompletionPlan.make(
      line: "tr", cursor: 2, candidates: ["train", "train_test_split", "true"])
    #expect(plan == .list(["train", "train_test_split", "true"]))
    let narrower = CompletionPlan.make(
      line: "tra", cursor: 3, candidates: ["train", "train_test_split", "true"])
    #expect(narrower == .insert("in"))
  }

  @Test func keywordArgumentsAndMembers() {
    #expect(
      CompletionPlan.make(
        line: "train(model, data, epo", cursor: 22, candidates: ["epochs:", "early_stopping:"])
        == .insert("chs:"))
    #expect(
      CompletionPlan.make(line: "report.", cursor: 7, candidates: ["recall", "accuracy", "f1"])
        == .list(["accuracy", "f1", "recall"]))
  }

  @Test func nothingToAdd() {
    #expect(CompletionPlan.make(line: "zzz", cursor: 3, candidates: ["abc"]) == .nothing)
    #expect(CompletionPlan.make(line: "len", cursor: 3, candidates: ["len"]) == .nothing)
    #expect(CompletionPlan.make(line: "x", cursor: 1, candidates: []) == .nothing)
  }

  @Test func tabOnABlankLineIndents() {
    #expect(CompletionPlan.make(line: "", cursor: 0, candidates: ["abs", "xs"]) == .insert("  "))
    #expect(CompletionPlan.make(line: "  ", cursor: 2, candidates: ["abs"]) == .insert("  "))
    #expect(CompletionPlan.make(line: "  a", cursor: 3, candidates: ["abs"]) == .insert("bs"))
  }

  @Test func duplicatesAreDropped() {
    #expect(
      CompletionPlan.make(line: "pr", cursor: 2, candidates: ["print", "print"]) == .insert("int"))
  }

  @Test func columnsFillDownThenAcross() {
    let words = ["accuracy", "f1", "recall", "precision", "support"]
    // widest word 9 + 2 = 11 columns per cell; 30 columns fit 2 cells; 3 rows
    #expect(
      Columns.format(words, width: 30)
        == "accuracy   precision\nf1         support\nrecall\n")
    #expect(Columns.format(["a", "b"], width: 1) == "a\nb\n")
    #expect(Columns.format([], width: 80) == "")
  }
}

@Suite struct SmallPartsTests {
  @Test func elapsedTimeUnits() {
    #expect(ElapsedTime.describe(nanoseconds: 812) == "812 ns")
    #expect(ElapsedTime.describe(nanoseconds: 1_250) == "1.25 µs")
    #expect(ElapsedTime.describe(nanoseconds: 12_345_678) == "12.3 ms")
    #expect(ElapsedTime.describe(nanoseconds: 123_456_789) == "123 ms")
    #expect(ElapsedTime.describe(nanoseconds: 42_000_000_000) == "42.0 s")
  }

  @Test func colourOnlyOnATerminalWithoutNoColor() {
    #expect(ColorPolicy.allowsColor(isTerminal: true, environment: ["TERM": "xterm"]))
    #expect(!ColorPolicy.allowsColor(isTerminal: false, environment: [:]))
    #expect(
      !ColorPolicy.allowsColor(isTerminal: true, environment: ["NO_COLOR": "1", "TERM": "xterm"]))
    #expect(
      ColorPolicy.allowsColor(isTerminal: true, environment: ["NO_COLOR": "", "TERM": "xterm"]))
    #expect(!ColorPolicy.allowsColor(isTerminal: true, environment: [:]))
    #expect(!ColorPolicy.allowsColor(isTerminal: true, environment: ["TERM": "dumb"]))
  }

  @Test func maskingKeepsLineNumbers() {
    let text = "a\nb\nc\nd"
    #expect(ScriptCells.masked(text) { $0 == 2 || $0 == 4 } == "\nb\n\nd")
    let cells = [
      CellInfo(index: 1, title: "", startLine: 3, text: ""),
      CellInfo(index: 2, title: "", startLine: 7, text: ""),
    ]
    #expect(ScriptCells.preamble(startLines: cells.map(\.startLine)) == 1..<3)
    #expect(ScriptCells.lines(ofCellAt: 0, startLines: cells.map(\.startLine)) == 3..<7)
    #expect(ScriptCells.lines(ofCellAt: 1, startLines: cells.map(\.startLine)) == 7..<Int.max)
    #expect(ScriptCells.preamble(startLines: []) == 1..<Int.max)
  }

  @Test func commandArgumentsSplitAtBlanks() throws {
    #expect(try Words.split("  a  'b c'  \"d\"") == ["a", "b c", "d"])
    #expect(try Words.split("''") == [""])
    #expect(try Words.split("") == [])
  }
}
