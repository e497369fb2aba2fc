import MelixSyntax

/// A runtime error with its place and the Melix call trace.
public struct RuntimeFailure: Error, Sendable {
  /// Lower-case message, e.g. `integer division by zero`.
  public let message: String
  /// The source the failing node came from.
  public let source: SourceFile
  /// 1-based line of the operator or call that failed.
  public let line: Int
  /// 1-based column of the operator or call that failed.
  public let column: Int
  /// The exact span of the failing node, when known (carets are drawn under it).
  public let span: Span?
  /// One entry per Melix frame, innermost first: function name, path, line. The last entry
  /// is the file's top-level code, named `<script>`.
  public let trace: [(function: String, path: String, line: Int)]
  /// A `help:` line shown under the source snippet (`did you mean 'seed'?`), if any.
  public var help: String?

  /// Creates a failure.
  ///
  /// - Parameters:
  ///   - message: Lower-case message.
  ///   - source: The file the failing node is in.
  ///   - span: The failing node's span.
  ///   - trace: Frames, innermost first.
  public init(message: String, source: SourceFile, span: Span, trace: [(function: String, path: String, line: Int)]) {
    self.message = message
    self.source = source
    self.line = span.line
    self.column = span.column
    self.span = span
    self.trace = trace
  }

  /// `path:line:col: runtime error: message`, the source line with carets under the failing
  /// span, then one `  at f (path:line)` line per frame, innermost first (long traces are
  /// shortened to their first 10 and last 5 frames).
  ///
  /// - Parameter color: Adds ANSI colours (TTY only).
  /// - Returns: The rendered text, newline-terminated.
  public func rendered(color: Bool) -> String {
    let header = "\(source.path):\(line):\(column): "
    var out = color
      ? "\u{1B}[1m\(header)\u{1B}[1;31mruntime error:\u{1B}[0;1m \(message)\u{1B}[0m\n"
      : "\(header)runtime error: \(message)\n"
    let width = DiagnosticRenderer.caretWidth(span, line: line, in: source)
    out += DiagnosticRenderer.snippet(line: line, column: column, width: width, in: source, color: color)
    if let help { out += color ? "\u{1B}[1;36mhelp:\u{1B}[0m \(help)\n" : "help: \(help)\n" }
    let frames: [(function: String, path: String, line: Int)]
    if trace.count > 20 {
      frames = Array(trace.prefix(10)) + [("... \(trace.count - 15) more frames ...", "", 0)] + Array(trace.suffix(5))
    } else {
      frames = trace
    }
    for frame in frames {
      if frame.path.isEmpty { out += "  \(frame.function)\n" } else { out += "  at \(frame.function) (\(frame.path):\(frame.line))\n" }
    }
    return out
  }
}

/// What running a piece of source produced.
public enum RunResult: Sendable {
  /// Ran to the end. `display` is the printed form of the value of a trailing expression
  /// statement when `display: true` was asked and the value is not nil.
  case success(display: String?)
  /// Lexing, parsing or resolving failed; nothing ran.
  case compileErrors([Diagnostic])
  /// A runtime error stopped the run (includes an interrupt by Ctrl-C).
  case runtimeError(RuntimeFailure)
}
