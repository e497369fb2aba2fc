import MelixInterpreter
import MelixSyntax
import Testing

@testable import MelixREPL

/// A statement stopped by an error binds nothing, as in IPython: no `nil` left behind.
@Suite struct FailedBindingTests {
  @Test func aFailedLetLeavesTheNameUndefined() {
    let session = Session(output: { _ in })
    let engine = SessionEngine(session: session)
    let failed = engine.run(
      SourceFile(path: "<repl:1>", text: "let bad = read_csv(\"no/such/file.csv\")"), display: true, color: false)
    guard case .runtimeError = failed else {
      Issue.record("expected a runtime error, got \(failed)")
      return
    }
    #expect(!session.globalsSummary().contains { $0.name == "bad" })
    #expect(!session.completions(for: "ba", cursor: 2).contains("bad"))
    guard case .compileErrors(let rendered) = engine.run(
      SourceFile(path: "<repl:2>", text: "bad"), display: true, color: false)
    else {
      Issue.record("'bad' should be undefined")
      return
    }
    #expect(rendered.contains("undefined variable 'bad'"), "\(rendered)")
    // The name can be bound again, with 'let', once the cause is fixed.
    #expect(
      engine.run(SourceFile(path: "<repl:3>", text: "let bad = 2\nbad"), display: true, color: false)
        == .success(display: "2"))
  }

  @Test func statementsBeforeTheErrorKeepTheirBindings() {
    let session = Session(output: { _ in })
    let engine = SessionEngine(session: session)
    let text = "let a = 1\nfn f() { return c }\nlet b = [1][5]\nlet c = 3"
    _ = engine.run(SourceFile(path: "<repl:1>", text: text), display: false, color: false)
    let names = session.globalsSummary().map(\.name)
    #expect(names == ["a", "f"], "\(names)")
    #expect(
      engine.run(SourceFile(path: "<repl:2>", text: "let b = 5\nlet c = 7\na + b + c"), display: true, color: false)
        == .success(display: "13"))
  }

  @Test func aFailedRebindingKeepsTheOldValue() {
    let session = Session(output: { _ in })
    let engine = SessionEngine(session: session)
    _ = engine.run(SourceFile(path: "<repl:1>", text: "var x = 1"), display: false, color: false)
    _ = engine.run(SourceFile(path: "<repl:2>", text: "var x = [1][5]"), display: false, color: false)
    #expect(
      engine.run(SourceFile(path: "<repl:3>", text: "x"), display: true, color: false) == .success(display: "1"))
  }
}

/// Ctrl-C during a call that cannot stop (one BLAS product) is reported when it returns, and
/// its result is neither bound nor shown. `print` stands in for that call here: the output
/// callback presses Ctrl-C, and `print` itself never looks at the flag.
@Suite struct InterruptDuringOneCallTests {
  final class Box { var session: Session? }

  private func session() -> (Session, SessionEngine) {
    let box = Box()
    let session = Session(output: { _ in box.session?.interrupt() })
    box.session = session
    return (session, SessionEngine(session: session))
  }

  @Test func theBindingIsDiscarded() {
    let (session, engine) = session()
    let outcome = engine.run(SourceFile(path: "<repl:1>", text: "let c = print(\"big @ big\")"), display: true, color: false)
    guard case .runtimeError(let rendered) = outcome else {
      Issue.record("expected 'interrupted', got \(outcome)")
      return
    }
    #expect(rendered.contains("runtime error: interrupted"), "\(rendered)")
    #expect(!session.globalsSummary().contains { $0.name == "c" })
  }

  @Test func theValueIsNotShown() {
    let (_, engine) = session()
    let outcome = engine.run(SourceFile(path: "<repl:1>", text: "print(1)\n1 + 1"), display: true, color: false)
    guard case .runtimeError(let rendered) = outcome else {
      Issue.record("expected 'interrupted', got \(outcome)")
      return
    }
    #expect(rendered.contains("interrupted"))
    // The next entry runs normally (the flag is cleared at the start of each run).
    #expect(engine.run(SourceFile(path: "<repl:2>", text: "2 + 2"), display: true, color: false) == .success(display: "4"))
  }
}
