import Foundation
import XCTest

/// Runs every golden `.mlx` file under `Tests/Golden` in-process and reports each failing
/// file with the difference between its annotations and what happened.
final class GoldenTests: XCTestCase {
  private var runner: GoldenRunner {
    GoldenRunner(searchPaths: [RepositoryPaths.stdlib.path])
  }

  func testEveryGoldenFile() throws {
    let files = RepositoryPaths.files(under: RepositoryPaths.golden, ext: "mlx")
    XCTAssertGreaterThanOrEqual(files.count, 150, "expected at least 150 golden files")
    var failures: [String] = []
    for file in files {
      let text = try String(contentsOf: file, encoding: .utf8)
      let expected = GoldenExpectations(parsing: text)
      let outcome = runner.run(path: file.path, text: text)
      if let difference = GoldenRunner.difference(expected: expected, actual: outcome) {
        let name = file.path.replacingOccurrences(of: RepositoryPaths.root.path + "/", with: "")
        failures.append("\(name)\n\(difference)")
        XCTFail("\(name)\n\(difference)")
      }
    }
    if !failures.isEmpty {
      print("golden: \(failures.count) of \(files.count) files failed")
    }
  }

  /// Every golden file states something: a file with no annotation tests nothing.
  func testEveryGoldenFileHasAnAnnotation() throws {
    for file in RepositoryPaths.files(under: RepositoryPaths.golden, ext: "mlx") {
      let expected = GoldenExpectations(parsing: try String(contentsOf: file, encoding: .utf8))
      let states = !expected.output.isEmpty || !expected.compileErrors.isEmpty
        || expected.runtimeError != nil
      XCTAssertTrue(states, "\(file.lastPathComponent) has no '# expect' annotation")
      XCTAssertEqual(expected.problems, [], file.lastPathComponent)
    }
  }
}

/// Checks the annotation reader and the difference report themselves.
final class GoldenRunnerSelfTests: XCTestCase {
  func testReadsEveryAnnotationKind() {
    let text = """
      print(1)  # expect: 1
      print("")  # expect:
      # expect error@+1: undefined variable 'x'
      x
      y  # expect error: undefined variable 'y'
      1 // 0  # expect runtime error: integer division by zero
      """
    let expected = GoldenExpectations(parsing: text)
    XCTAssertEqual(expected.output, ["1", ""])
    XCTAssertEqual(
      expected.compileErrors,
      [.init(line: 4, message: "undefined variable 'x'"),
       .init(line: 5, message: "undefined variable 'y'")])
    XCTAssertEqual(expected.runtimeError, .init(line: 6, message: "integer division by zero"))
    XCTAssertEqual(expected.exitStatus, 2)
    XCTAssertEqual(expected.problems, [])
  }

  func testFlagsMalformedAnnotations() {
    let expected = GoldenExpectations(parsing: "# expect error@x: m\n# expectation: no")
    XCTAssertEqual(expected.problems.count, 2)
  }

  func testDifferenceShowsExpectedAndActualLines() {
    let expected = GoldenExpectations(parsing: "# expect: 1\n# expect: 2\n")
    let actual = GoldenRunner.Outcome(output: ["1", "3"], compileErrors: [], runtimeError: nil)
    let report = GoldenRunner.difference(expected: expected, actual: actual)
    XCTAssertEqual(report, "stdout differs (- expected, + actual):\n    1\n  - 2\n  + 3")
    let same = GoldenRunner.Outcome(output: ["1", "2"], compileErrors: [], runtimeError: nil)
    XCTAssertNil(GoldenRunner.difference(expected: expected, actual: same))
  }

  func testDifferenceReportsMissingRuntimeError() {
    let expected = GoldenExpectations(parsing: "f()  # expect runtime error: boom")
    let actual = GoldenRunner.Outcome(output: [], compileErrors: [], runtimeError: nil)
    let report = GoldenRunner.difference(expected: expected, actual: actual) ?? ""
    XCTAssertTrue(report.contains("- expected line 1: boom"), report)
    XCTAssertTrue(report.contains("+ got      none"), report)
  }

  func testPrintedLinesIgnoreTheFinalNewline() {
    XCTAssertEqual(GoldenRunner.lines(of: "a\n\nb\n"), ["a", "", "b"])
    XCTAssertEqual(GoldenRunner.lines(of: ""), [])
  }
}

/// Matching of compile-error annotations that pin a `help:` suggestion.
final class GoldenHelpMatchingTests: XCTestCase {
  func testAnnotationWithHelpMatchesMessagePlusHelp() {
    let expected = GoldenExpectations(
      parsing: "x  # expect error: undefined variable 'x'; help: did you mean 'y'?")
    var actual = GoldenRunner.Outcome(
      output: [], compileErrors: [.init(line: 1, message: "undefined variable 'x'")],
      runtimeError: nil)
    actual.compileHelps = ["did you mean 'y'?"]
    XCTAssertNil(GoldenRunner.difference(expected: expected, actual: actual))
    actual.compileHelps = ["did you mean 'z'?"]
    let report = GoldenRunner.difference(expected: expected, actual: actual) ?? ""
    XCTAssertTrue(report.contains("+ got      line 1: undefined variable 'x'; help: did you mean 'z'?"), report)
  }

  func testAnnotationWithoutHelpIgnoresTheHelpLine() {
    let expected = GoldenExpectations(parsing: "x  # expect error: undefined variable 'x'")
    var actual = GoldenRunner.Outcome(
      output: [], compileErrors: [.init(line: 1, message: "undefined variable 'x'")],
      runtimeError: nil)
    actual.compileHelps = ["did you mean 'y'?"]
    XCTAssertNil(GoldenRunner.difference(expected: expected, actual: actual))
  }

  func testErrorOnTheWrongLineIsReported() {
    let expected = GoldenExpectations(parsing: "\nx  # expect error: undefined variable 'x'")
    let actual = GoldenRunner.Outcome(
      output: [], compileErrors: [.init(line: 1, message: "undefined variable 'x'")],
      runtimeError: nil)
    let report = GoldenRunner.difference(expected: expected, actual: actual) ?? ""
    XCTAssertTrue(report.contains("- expected line 2: undefined variable 'x'"), report)
    XCTAssertTrue(report.contains("+ got      line 1: undefined variable 'x'"), report)
  }
}

/// Every rule of `grammar/melix.ebnf` has golden files (listed in
/// `Tests/Golden/GRAMMAR_COVERAGE.txt`), and every file listed there exists.
final class GrammarCoverageTests: XCTestCase {
  func testEveryGrammarRuleHasGoldenFiles() throws {
    let grammar = RepositoryPaths.root.appendingPathComponent("grammar/melix.ebnf")
    let coverage = RepositoryPaths.golden.appendingPathComponent("GRAMMAR_COVERAGE.txt")
    let rules = try String(contentsOf: grammar, encoding: .utf8)
      .split(separator: "\n")
      .compactMap { line -> String? in
        // A rule starts a line: `name = ...` (continuation lines are indented).
        guard let equals = line.firstIndex(of: "="), line.first?.isLetter == true else { return nil }
        let name = line[..<equals].trimmingCharacters(in: .whitespaces)
        return name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } ? name : nil
      }
    XCTAssertGreaterThan(rules.count, 20, "could not read the rules of grammar/melix.ebnf")
    var listed: [String: [String]] = [:]
    for line in try String(contentsOf: coverage, encoding: .utf8).split(separator: "\n")
    where !line.hasPrefix("#") {
      guard let colon = line.firstIndex(of: ":") else { continue }
      listed[String(line[..<colon])] = line[line.index(after: colon)...]
        .split(separator: " ").map(String.init)
    }
    for rule in rules {
      let files = listed[rule] ?? []
      XCTAssertFalse(files.isEmpty, "grammar rule '\(rule)' has no golden file in GRAMMAR_COVERAGE.txt")
      for file in files {
        let path = RepositoryPaths.golden.appendingPathComponent(file).path
        XCTAssertTrue(FileManager.default.fileExists(atPath: path), "\(rule): no file \(file)")
      }
    }
  }
}
