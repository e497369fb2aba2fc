import MelixSyntax
import XCTest

final class LexerTests: XCTestCase {
  func kinds(_ text: String) -> [TokenKind] {
    var lexer = Lexer(text)
    return lexer.tokenize().tokens.map(\.kind)
  }

  func testOperatorsAndKeywords() {
    XCTAssertEqual(
      kinds("let x = a // b ** 2 ..< 3 ... 4"),
      [.kwLet, .identifier, .equal, .identifier, .slashSlash, .identifier, .starStar, .int,
       .rangeHalfOpen, .int, .rangeClosed, .int, .newline, .eof])
  }
}
