import MelixSyntax
import XCTest

final class LexerTests: XCTestCase {
  func lex(_ text: String) -> (tokens: [Token], diagnostics: [Diagnostic]) {
    var lexer = Lexer(text)
    return lexer.tokenize()
  }

  func kinds(_ text: String) -> [TokenKind] { lex(text).tokens.map(\.kind) }

  func testOperatorsAndKeywords() {
    XCTAssertEqual(
      kinds("let x = a // b ** 2 ..< 3 ... 4"),
      [.kwLet, .identifier, .equal, .identifier, .slashSlash, .identifier, .starStar, .int,
       .rangeHalfOpen, .int, .rangeClosed, .int, .newline, .eof])
    XCTAssertEqual(
      kinds("a += 1; b -= 2 *= /= == != <= >= => @ % not in and or"),
      [.identifier, .plusEqual, .int, .semicolon, .identifier, .minusEqual, .int, .starEqual,
       .slashEqual, .equalEqual, .bangEqual, .lessEqual, .greaterEqual, .arrow, .at, .percent,
       .kwNot, .kwIn, .kwAnd, .kwOr, .newline, .eof])
  }

  func testMaskOperators() {
    XCTAssertEqual(
      kinds("(a > 1) & b | ~c ^ d"),
      [.leftParen, .identifier, .greater, .int, .rightParen, .ampersand, .identifier, .pipe,
       .tilde, .identifier, .caret, .identifier, .newline, .eof])
    // C's '&&' and '||' stay one error each, naming the word and the element-wise operator.
    let c = lex("a && b || c")
    XCTAssertEqual(c.diagnostics.map(\.message), ["unexpected characters '&&'", "unexpected characters '||'"])
    XCTAssertEqual(
      c.diagnostics.map(\.help),
      ["use 'and' for logical and ('&' on bool tensors, element-wise)",
       "use 'or' for logical or ('|' on bool tensors, element-wise)"])
    XCTAssertEqual(lex("m &= n; m |= n; m ^= n").diagnostics.map(\.message),
                   ["'&=' is not supported", "'|=' is not supported", "'^=' is not supported"])
    // '^^' is two carets (a parse error later), not one invalid token.
    XCTAssertEqual(kinds("a ^^ b").filter { $0 == .caret }.count, 2)
  }

  func testLineContinuationWorksWithCRLFLineEndings() {
    let (tokens, diagnostics) = lex("let x = 1 \\\r\n  + 2\r\n")
    XCTAssertEqual(diagnostics.map(\.message), [])
    XCTAssertEqual(
      tokens.map(\.kind), [.kwLet, .identifier, .equal, .int, .plus, .int, .newline, .eof])
    // A stray backslash before a CRLF ends a run of unexpected characters, like before LF.
    XCTAssertEqual(lex("$\\\r\nx").diagnostics.count, 1)
  }

  func testNumbers() {
    let tokens = lex("1_000 1.5 1e-3 2E+2 7").tokens
    XCTAssertEqual(tokens[0].value, .int(1000))
    XCTAssertEqual(tokens[1].value, .float(1.5))
    XCTAssertEqual(tokens[2].value, .float(0.001))
    XCTAssertEqual(tokens[3].value, .float(200))
    XCTAssertEqual(tokens[4].value, .int(7))
    let (_, diagnostics) = lex("99999999999999999999")
    XCTAssertEqual(diagnostics.map(\.message), ["integer literal '99999999999999999999' is too large"])
  }

  func testRangeAfterIntIsNotAFloat() {
    XCTAssertEqual(kinds("0..<3"), [.int, .rangeHalfOpen, .int, .newline, .eof])
  }

  func testNewlinesAreSkippedInsideParensAndBracketsButNotBraces() {
    XCTAssertEqual(kinds("f(1,\n2)\n"), [.identifier, .leftParen, .int, .comma, .int, .rightParen, .newline, .eof])
    XCTAssertEqual(kinds("{\n}"), [.leftBrace, .newline, .rightBrace, .newline, .eof])
    XCTAssertEqual(kinds("a # comment\n\n\nb"), [.identifier, .newline, .identifier, .newline, .eof])
  }

  func testStringEscapesAndInterpolation() {
    let tokens = lex(#""a\tb\n\"q\" {{x}} \u{e9}""#).tokens
    XCTAssertEqual(tokens[0].value, .string([.text("a\tb\n\"q\" {x} é")]))
    let interpolated = lex(#""x={x + 1:.3f}!""#).tokens[0]
    guard case .string(let parts) = interpolated.value else { return XCTFail("not a string") }
    XCTAssertEqual(parts.count, 3)
    XCTAssertEqual(parts[0], .text("x="))
    guard case .interpolation(let code, let start, let spec) = parts[1] else { return XCTFail("no interpolation") }
    XCTAssertEqual(code, "x + 1")
    XCTAssertEqual(spec, ".3f")
    XCTAssertEqual(start.column, 5)
    XCTAssertEqual(parts[2], .text("!"))
  }

  func testLexicalErrors() {
    XCTAssertEqual(lex("\"abc").diagnostics.map(\.message), ["unterminated string"])
    XCTAssertEqual(lex("let x = 5 $ 3").diagnostics.map(\.message), ["unexpected character '$'"])
    XCTAssertEqual(lex("let x = 5 $ 3").diagnostics.map(\.column), [11])
    // A run of unexpected characters is one error; white space or a token ends the run.
    XCTAssertEqual(lex("x ``` 2").diagnostics.map(\.message), ["unexpected characters '```'"])
    XCTAssertEqual(lex("x ``` 2").diagnostics.map(\.column), [3])
    XCTAssertEqual(lex("x $ $?(1)").diagnostics.map(\.message), ["unexpected character '$'", "unexpected characters '$?'"])
    XCTAssertEqual(lex(#""\q""#).diagnostics.map(\.message), [#"invalid escape '\q'"#])
    XCTAssertEqual(lex(#""{x""#).diagnostics.map(\.message), ["unterminated '{' in string"])
  }

  func testColumnsCountCharactersNotBytes() {
    let tokens = lex("\"é\" + x").tokens
    XCTAssertEqual(tokens[2].span.column, 7)
  }
}

final class LexerEncodingTests: XCTestCase {
  func testByteOrderMarkAndCRLF() {
    var lexer = Lexer("\u{FEFF}let x = 1\r\nx\r\n")
    let (tokens, diagnostics) = lexer.tokenize()
    XCTAssertEqual(diagnostics.count, 0)
    XCTAssertEqual(tokens.map(\.kind), [.kwLet, .identifier, .equal, .int, .newline, .identifier, .newline, .eof])
    XCTAssertEqual(tokens[0].span.column, 1)
  }
}
