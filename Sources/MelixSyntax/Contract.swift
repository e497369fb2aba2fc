// CONTRACT STUB (replace with the real implementation, keep these public signatures).
// The driver, the golden-test runner and the REPL code against exactly this surface.

/// A Melix source text and the path it came from (`<stdin>`, `<repl:3>` or a file path).
public struct SourceFile: Sendable {
  /// The path shown in diagnostics.
  public let path: String
  /// The whole text, as the user wrote it.
  public let text: String
  public init(path: String, text: String) {
    self.path = path
    self.text = text
  }
}

/// A compile-time problem (lexing, parsing, resolving), with its place in the source.
public struct Diagnostic: Sendable {
  /// `error` or `warning`.
  public enum Severity: String, Sendable { case error, warning }
  public let severity: Severity
  /// Lower-case message, code in single quotes (STYLE.md section 5).
  public let message: String
  /// 1-based line of the primary span.
  public let line: Int
  /// 1-based column (in characters) of the primary span.
  public let column: Int
  public init(severity: Severity, message: String, line: Int, column: Int) {
    self.severity = severity
    self.message = message
    self.line = line
    self.column = column
  }
}

/// Renders diagnostics as `path:line:col: error: message`, the source line, a caret.
public enum DiagnosticRenderer {
  /// Renders one diagnostic against its source; `color` adds ANSI colours (TTY only).
  public static func render(_ diagnostic: Diagnostic, in source: SourceFile, color: Bool) -> String {
    "\(source.path):\(diagnostic.line):\(diagnostic.column): \(diagnostic.severity.rawValue): \(diagnostic.message)"
  }
}

/// One notebook cell of a script: the text from a `#%%` line to the next one.
public struct Cell: Sendable {
  /// 1-based cell number (the text before the first `#%%` line, if any, is cell 0... see `Cells`).
  public let index: Int
  /// The title after `#%%`, trimmed (may be empty).
  public let title: String
  /// 1-based line of the cell's first line in the file.
  public let startLine: Int
  /// The cell's text. Line numbers in diagnostics stay those of the whole file.
  public let text: String
}

/// Splits a script into notebook cells at lines starting with `#%%`.
public enum Cells {
  /// The cells of `source`, numbered from 1. A preamble before the first `#%%` line is
  /// not a cell of its own but is run before any cell that `melix run --cell N` selects.
  public static func split(_ source: SourceFile) -> [Cell] { [] }
}
