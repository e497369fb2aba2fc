import MelixInterpreter
import MelixSyntax
import XCTest

/// Output collected from a session (tests run sessions on their own threads).
final class OutputBuffer: @unchecked Sendable {
  var text = ""
}

/// Runs `code` in a fresh session; returns what it printed and the result.
func runMelix(_ code: String, display: Bool = false, path: String = "test.mlx", searchPaths: [String] = []) -> (output: String, result: RunResult) {
  let buffer = OutputBuffer()
  let session = Session(output: { buffer.text += $0 }, searchPaths: searchPaths)
  let result = session.run(SourceFile(path: path, text: code), display: display)
  return (buffer.text, result)
}

/// The printed output of `code`, failing the test on any error.
func output(_ code: String, file: StaticString = #filePath, line: UInt = #line) -> String {
  let (out, result) = runMelix(code)
  switch result {
  case .success: break
  case .compileErrors(let diagnostics):
    XCTFail("compile errors: \(diagnostics.map(\.message))", file: file, line: line)
  case .runtimeError(let failure):
    XCTFail("runtime error: \(failure.rendered(color: false))", file: file, line: line)
  }
  return out
}

/// The runtime error message of `code`, failing the test when it does not fail at run time.
func runtimeError(_ code: String, file: StaticString = #filePath, line: UInt = #line) -> String {
  let (_, result) = runMelix(code)
  if case .runtimeError(let failure) = result { return failure.message }
  XCTFail("expected a runtime error, got \(result)", file: file, line: line)
  return ""
}

/// The compile error messages of `code`.
func compileErrors(_ code: String, file: StaticString = #filePath, line: UInt = #line) -> [String] {
  let (_, result) = runMelix(code)
  if case .compileErrors(let diagnostics) = result { return diagnostics.map(\.message) }
  XCTFail("expected compile errors, got \(result)", file: file, line: line)
  return []
}
