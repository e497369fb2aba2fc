import Foundation

/// The expectations a golden `.mlx` file states in its comments (STYLE.md section 6).
///
/// - `# expect: TEXT`: the next line of stdout, in order (`# expect:` alone is an empty line).
/// - `# expect error: MESSAGE`: a compile-time error on this line (`error@+1` or `error@-1`
///   moves it relative to the annotation's line).
/// - `# expect runtime error: MESSAGE`: the run stops with this error at this line.
/// - `# check error: MESSAGE` (a line of its own): `melix check` reports MESSAGE although
///   the run only fails when it gets there (a call with a wrong keyword or arity).
struct GoldenExpectations: Equatable {
  /// A message expected at a 1-based line.
  struct Located: Equatable, Hashable, Comparable, CustomStringConvertible {
    let line: Int
    let message: String
    static func < (lhs: Located, rhs: Located) -> Bool {
      (lhs.line, lhs.message) < (rhs.line, rhs.message)
    }
    var description: String { "line \(line): \(message)" }
  }

  var output: [String] = []
  var compileErrors: [Located] = []
  var runtimeError: Located?
  /// Messages `melix check` reports beyond the compile errors (`# check error:`).
  var checkErrors: [String] = []
  /// Annotation problems in the golden file itself (a typo like `# expekt:` is not caught,
  /// but two runtime errors or a malformed offset are).
  var problems: [String] = []

  /// The exit status the CLI must end with: 2 for compile errors, 1 for a runtime error.
  var exitStatus: Int32 {
    if !compileErrors.isEmpty { return 2 }
    if runtimeError != nil { return 1 }
    return 0
  }

  /// Reads the annotations of `text`.
  init(parsing text: String) {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    for (offset, rawLine) in lines.enumerated() {
      let lineNumber = offset + 1
      let line = String(rawLine)
      if let marker = line.range(of: "# check error:") {
        checkErrors.append(line[marker.upperBound...].trimmingCharacters(in: .whitespaces))
        continue
      }
      guard let marker = line.range(of: "# expect") else { continue }
      let rest = line[marker.upperBound...]
      if rest.hasPrefix(":") {
        var value = rest.dropFirst()
        if value.hasPrefix(" ") { value = value.dropFirst() }
        output.append(String(value))
      } else if rest.hasPrefix(" runtime error:") {
        let message = Self.message(after: " runtime error:", in: rest)
        if runtimeError != nil {
          problems.append("line \(lineNumber): a second '# expect runtime error'")
        }
        runtimeError = Located(line: lineNumber, message: message)
      } else if rest.hasPrefix(" error") {
        let afterError = rest.dropFirst(" error".count)
        guard let colon = afterError.firstIndex(of: ":") else {
          problems.append("line \(lineNumber): '# expect error' without ':'")
          continue
        }
        var target = lineNumber
        let offsetText = afterError[afterError.startIndex..<colon]
        if !offsetText.isEmpty {
          guard offsetText.hasPrefix("@"), let delta = Int(offsetText.dropFirst()) else {
            problems.append("line \(lineNumber): bad line offset '\(offsetText)'")
            continue
          }
          target += delta
        }
        let message = Self.message(after: "", in: afterError[afterError.index(after: colon)...])
        compileErrors.append(Located(line: target, message: message))
      } else {
        problems.append("line \(lineNumber): unknown annotation '# expect\(rest.prefix(20))'")
      }
    }
  }

  private static func message(after prefix: String, in text: Substring) -> String {
    text.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)
  }
}
