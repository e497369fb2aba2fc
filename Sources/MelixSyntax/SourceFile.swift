/// A Melix source text and the path it came from (`<stdin>`, `<repl:3>` or a file path).
public struct SourceFile: Sendable, Equatable {
  /// The path shown in diagnostics.
  public let path: String
  /// The whole text, as the user wrote it.
  public let text: String

  /// Creates a source file.
  ///
  /// - Parameters:
  ///   - path: The path shown in diagnostics.
  ///   - text: The whole text.
  public init(path: String, text: String) {
    self.path = path
    self.text = text
  }

  /// The text of the 1-based line `number`, without its line terminator, or "" past the end.
  ///
  /// - Parameter number: A 1-based line number.
  /// - Returns: The line as the user wrote it.
  public func lineText(_ number: Int) -> String {
    guard number >= 1 else { return "" }
    var current = 1
    var lineStart = text.startIndex
    var index = text.startIndex
    while index < text.endIndex {
      if text[index] == "\n" || text[index] == "\r\n" {
        if current == number { return String(text[lineStart..<index]) }
        current += 1
        lineStart = text.index(after: index)
      }
      index = text.index(after: index)
    }
    return current == number ? String(text[lineStart..<text.endIndex]) : ""
  }
}

/// A range of source text: UTF-8 offsets plus the 1-based line and column of its start.
public struct Span: Sendable, Hashable {
  /// UTF-8 offset of the first byte.
  public var start: Int
  /// UTF-8 offset one past the last byte (`start` for an empty span).
  public var end: Int
  /// 1-based line of `start`.
  public var line: Int
  /// 1-based column of `start`, counted in Unicode scalars.
  public var column: Int

  /// Creates a span.
  ///
  /// - Parameters:
  ///   - start: UTF-8 offset of the first byte.
  ///   - end: UTF-8 offset one past the last byte.
  ///   - line: 1-based line of `start`.
  ///   - column: 1-based column of `start`.
  public init(start: Int, end: Int, line: Int, column: Int) {
    self.start = start
    self.end = max(start, end)
    self.line = line
    self.column = column
  }

  /// The span from the start of `self` to the end of `other`.
  ///
  /// - Parameter other: A span that ends at or after `self`.
  /// - Returns: The covering span.
  public func through(_ other: Span) -> Span {
    Span(start: start, end: max(end, other.end), line: line, column: column)
  }

  /// `line:column`, as used in messages such as `to close '(' at 12:14`.
  public var position: String { "\(line):\(column)" }
}
