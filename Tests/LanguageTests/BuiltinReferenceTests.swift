import Foundation
import MelixDriver
import MelixInterpreter
import MelixSyntax
import XCTest

/// The generated built-in reference (`melix doc`): the committed `docs/builtins.md` matches
/// the table, every built-in is documented with an example that parses and resolves, and the
/// generator lays out areas, overloads and parameters as documented.
final class BuiltinReferenceTests: XCTestCase {
  private static var committedReference: URL {
    RepositoryPaths.root.appendingPathComponent("docs/builtins.md")
  }

  /// Every form of every built-in: an overloaded entry's forms, else the entry itself.
  private static func forms(_ table: [Builtin]) -> [Builtin] {
    table.flatMap { $0.overloads.isEmpty ? [$0] : $0.overloads }
  }

  // MARK: - The committed reference

  func testCommittedReferenceMatchesTheTable() throws {
    let generated = BuiltinReference().markdown()
    let committed = try String(contentsOf: Self.committedReference, encoding: .utf8)
    if committed == generated { return }
    let old = committed.split(separator: "\n", omittingEmptySubsequences: false)
    let new = generated.split(separator: "\n", omittingEmptySubsequences: false)
    let first =
      zip(old, new).enumerated().first { $0.element.0 != $0.element.1 }?.offset
      ?? min(old.count, new.count)
    let was = first < old.count ? String(old[first]) : "<end of file>"
    let now = first < new.count ? String(new[first]) : "<end of file>"
    XCTFail(
      "docs/builtins.md is stale: run '\(BuiltinReference.regenerateCommand)' and commit it "
        + "(first difference at line \(first + 1): committed '\(was)', table gives '\(now)')")
  }

  func testReferenceHasASectionForEveryBuiltin() {
    let table = BuiltinTable.standard()
    let markdown = BuiltinReference(entries: table).markdown()
    let headings = Set(
      markdown.split(separator: "\n").filter { $0.hasPrefix("### ") }.map {
        String($0.dropFirst(4))
      })
    XCTAssertEqual(headings.count, table.count, "one section per built-in name")
    XCTAssertEqual(Set(table.map(\.name)).subtracting(headings), [])
    for area in BuiltinArea.allCases {
      XCTAssertTrue(markdown.contains("\n## \(area.title)\n"), "section for \(area.title)")
    }
  }

  func testEveryAreaIsTaggedInTheTable() {
    let byName = Dictionary(
      BuiltinTable.standard().map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    let expected: [(String, BuiltinArea)] = [
      ("print", .core), ("sqrt", .math), ("pi", .math), ("sorted", .collections),
      ("zeros", .tensors), ("matmul", .tensors), ("read_csv", .data), ("train", .ml),
      ("adam", .ml), ("upper", .strings),
    ]
    for (name, area) in expected {
      XCTAssertEqual(byName[name]?.area, area, "area of '\(name)'")
    }
    // An overloaded entry is listed under its first form's area; each form keeps its own.
    // `sum` is tried as a tensor reduction first; `save` takes a Dataset before a Model.
    XCTAssertEqual(byName["sum"]?.area, .tensors)
    XCTAssertEqual(byName["sum"]?.overloads.map(\.area), [.tensors, .collections])
    XCTAssertEqual(byName["save"]?.area, .data)
    XCTAssertEqual(byName["save"]?.overloads.map(\.area), [.data, .ml])
  }

  // MARK: - Docs and examples

  func testEveryBuiltinHasADocAndAnExample() {
    var lacking: [String] = []
    for form in Self.forms(BuiltinTable.standard()) {
      if form.doc.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
        lacking.append("\(form.name): no doc")
      }
      if form.example.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
        lacking.append("\(form.name): no example")
      }
    }
    XCTAssertEqual(lacking, [], lacking.joined(separator: "\n"))
  }

  func testEveryExampleParsesAndResolves() {
    let session = Session(output: { _ in }, searchPaths: [RepositoryPaths.stdlib.path])
    var failures: [String] = []
    var checked = 0
    for form in Self.forms(BuiltinTable.standard()) {
      let source = SourceFile(path: "<example of \(form.name)>", text: form.example)
      let diagnostics = session.check(source)
      checked += 1
      if !diagnostics.isEmpty {
        failures.append(
          diagnostics.map { DiagnosticRenderer.render($0, in: source, color: false) }.joined())
      }
    }
    XCTAssertGreaterThan(checked, 100, "the table looks empty")
    XCTAssertEqual(failures, [], failures.joined(separator: "\n"))
  }

  /// Built-ins whose example is meant to stop with a runtime error, and that error.
  private static let failingExamples = ["error": "bad input"]

  func testEveryExampleRuns() throws {
    // Each example runs as a script in a scratch folder whose `data/` is `examples/data/`
    // (iris and penguins, as CSV and HDF5), so `read_csv("data/iris.csv")` finds its file.
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("melix-doc-examples-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try FileManager.default.createSymbolicLink(
      at: folder.appendingPathComponent("data"),
      withDestinationURL: RepositoryPaths.examples.appendingPathComponent("data"))
    var failures: [String] = []
    for (i, form) in Self.forms(BuiltinTable.standard()).enumerated() {
      let path = folder.appendingPathComponent("\(i)_\(form.name).mlx").path
      let session = Session(output: { _ in }, searchPaths: [RepositoryPaths.stdlib.path])
      let result = session.run(SourceFile(path: path, text: form.example))
      switch (result, Self.failingExamples[form.name]) {
      case (.success, nil):
        break
      case (.runtimeError(let failure), let expected?)
      where failure.rendered(color: false).contains(expected):
        break
      case (.success, let expected?):
        failures.append("example of '\(form.name)' ran, but should stop with '\(expected)'")
      case (.compileErrors(let diagnostics), _):
        failures.append("example of '\(form.name)': \(diagnostics.map(\.message))")
      case (.runtimeError(let failure), _):
        failures.append("example of '\(form.name)':\n" + failure.rendered(color: false))
      }
    }
    XCTAssertEqual(failures, [], failures.joined(separator: "\n"))
  }

  func testCheckRejectsABrokenExample() {
    // The example check above can fail: an undefined name is a resolve error.
    let session = Session(output: { _ in }, searchPaths: [RepositoryPaths.stdlib.path])
    XCTAssertEqual(session.check(SourceFile(path: "<x>", text: "len(undefined_name)")).count, 1)
    XCTAssertEqual(session.check(SourceFile(path: "<x>", text: "len([1, 2])  # 2")), [])
  }

  // MARK: - Layout, on a small table

  private static func entry(
    _ name: String, _ parameters: [BuiltinParameter], returns: String = "Int", doc: String,
    example: String
  ) -> Builtin {
    Builtin(name, parameters, returns: returns, doc: doc, example: example) { _, _ in .null }
  }

  func testLayoutOfASmallTable() {
    let table = BuiltinTable.merged(
      [
        Self.entry(
          "twice", [BuiltinParameter("x", .int)], doc: "Doubles x. Uses 2 * x.",
          example: "twice(2)  # 4"
        )
        .inArea(.math),
        Self.entry(
          "pick",
          [
            BuiltinParameter("t", .native("Tensor")),
            BuiltinParameter("axis", .optional(.int), default: "nil"),
          ],
          returns: "Tensor", doc: "Picks from a tensor.", example: "pick(zeros([2]))"
        ).inArea(.tensors),
        Self.entry(
          "pick", [BuiltinParameter("xs", .list), BuiltinParameter("values", variadic: true)],
          doc: "Picks from a list when 0..<n holds.", example: "pick([1])  # 1"),
      ])
    let markdown = BuiltinReference(entries: table).markdown()
    XCTAssertTrue(markdown.contains("2 built-ins."), markdown)
    XCTAssertTrue(
      markdown.contains(
        "- [Math](#math): [`twice`](#twice)\n- [Tensors](#tensors): [`pick`](#pick)\n"),
      markdown)
    let twice = """
      ### twice

      ```
      twice(x: Int) -> Int
      ```

      | parameter | type | default |
      | --- | --- | --- |
      | `x` | Int | required |

      Doubles x. Uses 2 \\* x.

      ```
      twice(2)  # 4
      ```
      """
    XCTAssertTrue(markdown.contains(twice), markdown)
    XCTAssertTrue(markdown.contains("`pick` has 2 forms."), markdown)
    XCTAssertTrue(markdown.contains("**Form 1 of 2** (Tensors)"), markdown)
    XCTAssertTrue(markdown.contains("**Form 2 of 2** (Core)"), markdown)
    XCTAssertTrue(markdown.contains("| `axis` | Int or nil | `nil` |"), markdown)
    XCTAssertTrue(markdown.contains("| `values...` | any value | any number |"), markdown)
    XCTAssertTrue(markdown.contains("Picks from a list when 0..&lt;n holds."), markdown)
    // Core has only the second form of `pick`: it links to the entry under Tensors.
    XCTAssertTrue(
      markdown.contains("## Core\n\nAlso in this area: [`pick`](#pick) (listed under Tensors).\n"),
      markdown)
    XCTAssertTrue(markdown.hasSuffix("```\n"), markdown)
  }

  func testHeadingAnchorsAvoidCollisions() {
    // A built-in named like an area heading gets GitHub's `-1` suffix.
    let table = [
      Self.entry("math", [], doc: "A name that clashes.", example: "math()").inArea(.math)
    ]
    let markdown = BuiltinReference(entries: table).markdown()
    XCTAssertTrue(markdown.contains("- [Math](#math): [`math`](#math-1)\n"), markdown)
  }

  // MARK: - The command

  func testDocCommandPrintsTheReference() throws {
    let result = try MelixProcess.locate().run(["doc"])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertEqual(result.stdout, BuiltinReference().markdown())
  }

  func testDocCommandWritesTheOutputFile() throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("melix-doc-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("builtins.md").path
    let result = try MelixProcess.locate().run(["doc", "--output", path])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertEqual(result.stdout, "")
    XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), BuiltinReference().markdown())
  }

  func testDocCommandReportsAnUnwritablePath() throws {
    let path = "/nonexistent-melix-folder/builtins.md"
    let result = try MelixProcess.locate().run(["doc", "--output", path])
    XCTAssertEqual(result.status, 64)
    XCTAssertEqual(
      result.stderr,
      "melix: error: cannot write '\(path)': no such folder '/nonexistent-melix-folder'\n")
    XCTAssertEqual(result.stdout, "")
  }
}
