import MelixInterpreter
import MelixSyntax
import Testing

@testable import MelixREPL

/// What Tab completes in each context: commands after `:`, paths in strings and after
/// `:run`/`:load`, members after a dot (on a real session), names elsewhere.
@Suite struct CompleterTests {
  /// A completer over a fake engine and a fake file system.
  private func completer(_ engine: REPLEngine = FakeEngine()) -> REPLCompleter {
    var completer = REPLCompleter(engine: engine)
    completer.listDirectory = { folder in
      switch folder {
      case ".":
        return [
          .init(name: "examples", isDirectory: true), .init(name: "exp.mlx", isDirectory: false),
          .init(name: ".hidden", isDirectory: false),
        ]
      case "examples/":
        return [
          .init(name: "data", isDirectory: true), .init(name: "data_tour.mlx", isDirectory: false),
          .init(name: "iris.mlx", isDirectory: false),
        ]
      case "examples/data/":
        return [.init(name: "iris-full.csv", isDirectory: false)]
      default:
        return nil
      }
    }
    return completer
  }

  /// The plan Tab makes for `line` with the cursor at its end.
  private func plan(_ line: String, _ engine: REPLEngine = FakeEngine()) -> CompletionPlan {
    let (typed, candidates) = completer(engine).completions(for: line, cursor: line.count)
    return CompletionPlan.make(line: line, cursor: line.count, candidates: candidates, typed: typed)
  }

  @Test func aColonCompletesCommandsNotNames() {
    let engine = FakeEngine()
    engine.candidates = ["head", "help_me"]
    #expect(plan(":he", engine) == .insert("lp"))
    #expect(plan("  :ti", engine) == .insert("me"))
    #expect(plan(":r", engine) == .list(["reset", "run"]))
    #expect(plan(":help :ti", engine) == .insert("me"))
    #expect(engine.completionRequests.isEmpty, "the engine's names are not asked for")
  }

  @Test func stringsCompleteFilePaths() {
    #expect(plan("read_csv(\"examples/da") == .insert("ta"))
    #expect(plan("read_csv(\"examples/data") == .list(["data/", "data_tour.mlx"]), "names in the folder")
    #expect(plan("read_csv(\"examples/data/") == .insert("iris-full.csv"))
    #expect(plan("read_csv(\"examples/data/iris-") == .insert("full.csv"))
    #expect(plan("load(\"ex") == .list(["examples/", "exp.mlx"]))
    #expect(plan("load(\".h") == .insert("idden"))
    #expect(plan("load(\"nowhere/x") == .nothing)
  }

  @Test func runAndLoadCompleteFilePaths() {
    #expect(plan(":run examples/ir") == .insert("is.mlx"))
    #expect(plan(":load exp") == .insert(".mlx"))
    #expect(plan(":cells \"examples/i") == .insert("ris.mlx"))
    #expect(plan(":time read_csv(\"examples/i") == .insert("ris.mlx"))
  }

  @Test func codeOutsideStringsAsksTheEngine() {
    let engine = FakeEngine()
    engine.candidates = ["examples_count"]
    #expect(plan("print(\"done\") + exa", engine) == .insert("mples_count"))
    #expect(plan("x = \"{exa", engine) == .insert("mples_count"), "inside an interpolation")
    #expect(REPLCompleter.context(line: "# \"ex", cursor: 5) == .code)
  }

  @Test func memberCompletionListsWhatWorksOnATensor() {
    let session = Session(output: { _ in })
    _ = session.run(SourceFile(path: "<repl:1>", text: "let t = tensor([1.0, 4.0])"))
    let members = session.completions(for: "t.", cursor: 2)
    for name in ["shape", "T", "dtype", "sum", "var", "exp", "abs", "round", "sqrt", "reshape"] {
      #expect(members.contains(name), "missing \(name)")
    }
    for name in ["join", "list", "len", "sorted", "print"] {
      #expect(!members.contains(name), "\(name) is not a member")
    }
    #expect(session.completions(for: "t.sq", cursor: 4) == ["sqrt", "squeeze"])
  }
}
