/// A compile-time problem (lexing, parsing, resolving), with its place in the source.
public struct Diagnostic: Sendable, Equatable {
  /// `error` or `warning`.
  public enum Severity: String, Sendable { case error, warning }
  /// How serious the problem is.
  public let severity: Severity
  /// Lower-case message, code in single quotes (STYLE.md section 5).
  public let message: String
  /// 1-based line of the primary span.
  public let line: Int
  /// 1-based column (in characters) of the primary span.
  public let column: Int
  /// The primary span, when known; carets are drawn under it.
  public var span: Span?
  /// An optional suggestion, rendered as a `help:` line.
  public var help: String?
  /// Extra notes, rendered as `note:` lines.
  public var notes: [String]
  /// The file the diagnostic is about when it is not the file being run (an imported file);
  /// the renderer prefers it over the source it is given.
  public var file: SourceFile?

  /// Creates a diagnostic at a line and column (no span: one caret is drawn).
  ///
  /// - Parameters:
  ///   - severity: `error` or `warning`.
  ///   - message: Lower-case message.
  ///   - line: 1-based line.
  ///   - column: 1-based column.
  public init(severity: Severity, message: String, line: Int, column: Int) {
    self.severity = severity
    self.message = message
    self.line = line
    self.column = column
    self.span = nil
    self.help = nil
    self.notes = []
    self.file = nil
  }

  /// Creates an error diagnostic covering `span`.
  ///
  /// - Parameters:
  ///   - message: Lower-case message.
  ///   - span: The primary span.
  ///   - help: An optional suggestion.
  ///   - notes: Extra notes.
  public init(error message: String, at span: Span, help: String? = nil, notes: [String] = []) {
    self.severity = .error
    self.message = message
    self.line = span.line
    self.column = span.column
    self.span = span
    self.help = help
    self.notes = notes
    self.file = nil
  }
}
