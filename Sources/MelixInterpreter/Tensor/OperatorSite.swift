import MelixSyntax

/// Where a binary operator is written, found from its operands' spans and the source text,
/// so that an error a native operand raises (a tensor shape mismatch) points at the operator
/// itself: `a @ b` gets one caret under `@`, not carets under the whole expression.
///
/// Only errors marked `MelixError.atOperator` move; the rest keep the expression's span.
/// The operator is looked up only when such an error happens.
struct OperatorSite {
  /// The UTF-8 bytes of the source the spans index into.
  let source: [UInt8]
  /// The operator.
  let op: BinaryOperator
  /// The left operand's span.
  let lhs: Span
  /// The right operand's span.
  let rhs: Span

  /// The operator's span, or nil when the text between the operands does not hold it (no
  /// source, or a form this scan does not know).
  var span: Span? {
    let spelling = Array(op.rawValue.utf8)
    guard lhs.end <= rhs.start, rhs.start <= source.count, lhs.start <= lhs.end else { return nil }
    var i = lhs.end
    // Between the operands: blanks, line continuations, comments and the ')' of a
    // parenthesised left operand.
    while i < rhs.start {
      let byte = source[i]
      if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\n")
        || byte == UInt8(ascii: ")") || byte == UInt8(ascii: "\\")
      {
        i += 1
      } else if byte == UInt8(ascii: "#") {
        while i < rhs.start && source[i] != UInt8(ascii: "\n") { i += 1 }
      } else {
        break
      }
    }
    guard i + spelling.count <= rhs.start, Array(source[i..<(i + spelling.count)]) == spelling else { return nil }
    var line = lhs.line
    var column = lhs.column
    for byte in source[lhs.start..<i] {
      if byte == UInt8(ascii: "\n") {
        line += 1
        column = 1
      } else if byte & 0xC0 != 0x80 {
        column += 1
      }
    }
    return Span(start: i, end: i + spelling.count, line: line, column: column)
  }

  /// Runs `body`; a `MelixError` becomes a `RuntimeError` at the operator when the error is
  /// marked `atOperator` and `site` finds it, else at `span`.
  ///
  /// - Throws: `RuntimeError` for any `MelixError` from `body`.
  static func located<T>(_ site: OperatorSite?, _ span: Span, _ path: String, _ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch let error as MelixError {
      let place = error.atOperator ? (site?.span ?? span) : span
      throw RuntimeError(error.message, at: place, path: path)
    }
  }
}
