/// Renders diagnostics as `path:line:col: error: message`, the source line, a caret.
///
/// The layout follows STYLE.md section 5:
/// ```
/// examples/iris.mlx:12:31: error: expected ')' to close '(' at 12:14
///    |
/// 12 | model = train(data, epochs: 10
///    |                               ^
/// help: add ')' after the last argument
/// ```
public enum DiagnosticRenderer {
  /// Renders one diagnostic against its source.
  ///
  /// - Parameters:
  ///   - diagnostic: The diagnostic to show.
  ///   - source: The source it refers to.
  ///   - color: Adds ANSI colours (use only on a TTY).
  /// - Returns: The rendered text, newline-terminated.
  public static func render(_ diagnostic: Diagnostic, in source: SourceFile, color: Bool) -> String {
    let source = diagnostic.file ?? source
    let label = diagnostic.severity == .error ? "error" : "warning"
    let labelColor = diagnostic.severity == .error ? "\u{1B}[1;31m" : "\u{1B}[1;33m"
    let header = "\(source.path):\(diagnostic.line):\(diagnostic.column): "
    var out = color
      ? "\u{1B}[1m\(header)\(labelColor)\(label):\u{1B}[0;1m \(diagnostic.message)\u{1B}[0m\n"
      : "\(header)\(label): \(diagnostic.message)\n"
    let width = caretWidth(diagnostic.span, line: diagnostic.line, in: source)
    out += snippet(
      line: diagnostic.line, column: diagnostic.column, width: width, in: source, color: color)
    for note in diagnostic.notes { out += "note: \(note)\n" }
    if let help = diagnostic.help {
      out += color ? "\u{1B}[1;36mhelp:\u{1B}[0m \(help)\n" : "help: \(help)\n"
    }
    return out
  }

  /// The source line with a right-aligned line-number gutter and carets under a span.
  ///
  /// - Parameters:
  ///   - line: 1-based line.
  ///   - column: 1-based column of the first caret.
  ///   - width: Number of carets (at least 1).
  ///   - source: The source the line comes from.
  ///   - color: Adds ANSI colours.
  /// - Returns: Three lines: an empty gutter, the numbered source line, the caret line.
  public static func snippet(
    line: Int, column: Int, width: Int, in source: SourceFile, color: Bool
  ) -> String {
    let number = String(line)
    let pad = String(repeating: " ", count: number.count)
    var text = source.lineText(line)
    var column = column
    var width = width
    // Very long lines (generated code) show a window around the column.
    let scalars = Array(text.unicodeScalars)
    if scalars.count > 160 {
      let from = max(0, column - 1 - 60)
      let to = min(scalars.count, column - 1 + 100)
      var window = String(String.UnicodeScalarView(scalars[from..<to]))
      if from > 0 { window = "..." + window }
      if to < scalars.count { window += "..." }
      column = column - from + (from > 0 ? 3 : 0)
      width = min(width, to - (column - 1))
      text = window
    }
    // Keep tabs in the caret line so the carets line up under tabbed source.
    var prefix = ""
    for (offset, scalar) in text.unicodeScalars.enumerated() where offset < column - 1 {
      prefix.append(scalar == "\t" ? "\t" : " ")
    }
    if text.unicodeScalars.count < column - 1 {
      prefix += String(repeating: " ", count: column - 1 - text.unicodeScalars.count)
    }
    let carets = String(repeating: "^", count: max(1, width))
    let caretText = color ? "\u{1B}[1;31m\(carets)\u{1B}[0m" : carets
    return "\(pad) |\n\(number) | \(text)\n\(pad) | \(prefix)\(caretText)\n"
  }

  /// The number of characters `span` covers on its first line (at least 1).
  ///
  /// - Parameters:
  ///   - span: The span, or nil for one caret.
  ///   - line: The line the carets go under.
  ///   - source: The source the span refers to.
  /// - Returns: The caret count.
  public static func caretWidth(_ span: Span?, line: Int, in source: SourceFile) -> Int {
    guard let span else { return 1 }
    let bytes = Array(source.text.utf8)
    guard span.start <= bytes.count else { return 1 }
    var count = 0
    var index = span.start
    while index < min(span.end, bytes.count) {
      let byte = bytes[index]
      if byte == 0x0A { break }
      if byte & 0xC0 != 0x80 { count += 1 }
      index += 1
    }
    return max(1, count)
  }
}
