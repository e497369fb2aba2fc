extension Parser {
  /// `expression = orExpr ;` (anonymous functions are primaries)
  mutating func parseExpression() throws -> Expr {
    try parseOrExpr()
  }

  /// Counts one more operand of a binary chain (the tree gets one level deeper each time).
  mutating func countOperand(_ operands: inout Int, at span: Span) throws {
    operands += 1
    if operands > Parser.maxChain { throw fail(.nestedTooDeeply(at: span)) }
  }

  mutating func makeExpr(_ span: Span, _ kind: ExprKind) -> Expr {
    Expr(id: makeID(), span: span, kind: kind)
  }

  /// `orExpr = andExpr { "or" andExpr } ;`
  mutating func parseOrExpr() throws -> Expr {
    var lhs = try parseAndExpr()
    var operands = 1
    while match(.kwOr) {
      skipLineBreaks()
      let rhs = try parseAndExpr()
      lhs = makeExpr(lhs.span.through(rhs.span), .logical(.or, lhs, rhs))
      try countOperand(&operands, at: rhs.span)
    }
    return lhs
  }

  /// `andExpr = notExpr { "and" notExpr } ;`
  mutating func parseAndExpr() throws -> Expr {
    var lhs = try parseNotExpr()
    var operands = 1
    while match(.kwAnd) {
      skipLineBreaks()
      let rhs = try parseNotExpr()
      lhs = makeExpr(lhs.span.through(rhs.span), .logical(.and, lhs, rhs))
      try countOperand(&operands, at: rhs.span)
    }
    return lhs
  }

  /// `notExpr = "not" notExpr | comparison ;`
  mutating func parseNotExpr() throws -> Expr {
    if check(.kwNot) {
      let keyword = advance()
      let operand = try nested { try $0.parseNotExpr() }
      return makeExpr(keyword.span.through(operand.span), .unary(.not, operand))
    }
    return try parseComparison()
  }

  /// ```
  /// comparison = rangeExpr [ compareOp rangeExpr ] ;
  /// compareOp  = "==" | "!=" | "<" | "<=" | ">" | ">=" | "in" | "not" "in" ;
  /// ```
  /// Comparisons do not chain: `a < b < c` is an error. `a > 1 & a < 5` reads as
  /// `a > (1 & a) < 5` (Python's precedence), so it is that error, with a help naming the
  /// brackets NumPy code writes.
  mutating func parseComparison() throws -> Expr {
    let lhs = try parseRangeExpr()
    guard let op = comparisonOperator() else { return lhs }
    let rhs = try parseRangeExpr()
    let result = makeExpr(lhs.span.through(rhs.span), .binary(op, lhs, rhs))
    if comparisonOperator(consume: false) != nil {
      if case .bitwise(let bitwise, let left, let right) = rhs.kind {
        // Rebuild the user's own condition with the brackets NumPy code needs.
        let at = peek.span
        let second = peek.lexeme
        _ = comparisonOperator()
        let rest = (try? parseRangeExpr()).map { text(of: $0.span) } ?? "..."
        let fixed = "(\(text(of: lhs.span)) \(op.rawValue) \(text(of: left.span))) \(bitwise.rawValue) "
          + "(\(text(of: right.span)) \(second) \(rest))"
        throw fail(.chainedComparison(around: bitwise.rawValue, suggesting: fixed, at: at))
      }
      throw fail(.chainedComparison(at: peek.span))
    }
    return result
  }

  /// The comparison operator at the cursor, consumed unless `consume` is false.
  mutating func comparisonOperator(consume: Bool = true) -> BinaryOperator? {
    let op: BinaryOperator
    var width = 1
    switch peek.kind {
    case .equalEqual: op = .equal
    case .bangEqual: op = .notEqual
    case .less: op = .less
    case .lessEqual: op = .lessEqual
    case .greater: op = .greater
    case .greaterEqual: op = .greaterEqual
    case .kwIn: op = .contains
    case .kwNot where peek(1).kind == .kwIn:
      op = .notContains
      width = 2
    default: return nil
    }
    if consume {
      for _ in 0..<width { advance() }
      skipLineBreaks()
    }
    return op
  }

  /// `rangeExpr = bitOr [ ( "..<" | "..." ) bitOr ] ;`
  mutating func parseRangeExpr() throws -> Expr {
    let lhs = try parseBitOr()
    if check(.rangeHalfOpen) || check(.rangeClosed) {
      let inclusive = advance().kind == .rangeClosed
      let rhs = try parseBitOr()
      return makeExpr(lhs.span.through(rhs.span), .range(lhs, rhs, inclusive: inclusive))
    }
    return lhs
  }

  /// `bitOr = bitXor { "|" bitXor } ;` (Python's precedence: `|` below `^` below `&`, all
  /// above comparisons and below arithmetic)
  mutating func parseBitOr() throws -> Expr {
    try parseBitwiseChain(.pipe, .or) { try $0.parseBitXor() }
  }

  /// `bitXor = bitAnd { "^" bitAnd } ;`
  mutating func parseBitXor() throws -> Expr {
    try parseBitwiseChain(.caret, .xor) { try $0.parseBitAnd() }
  }

  /// `bitAnd = additive { "&" additive } ;`
  mutating func parseBitAnd() throws -> Expr {
    try parseBitwiseChain(.ampersand, .and) { try $0.parseAdditive() }
  }

  /// A left-associative chain of one bitwise operator over operands parsed by `operand`.
  private mutating func parseBitwiseChain(
    _ token: TokenKind, _ op: BitwiseOperator, operand: (inout Parser) throws -> Expr
  ) throws -> Expr {
    var lhs = try operand(&self)
    var operands = 1
    while match(token) {
      skipLineBreaks()
      let rhs = try operand(&self)
      lhs = makeExpr(lhs.span.through(rhs.span), .bitwise(op, lhs, rhs))
      try countOperand(&operands, at: rhs.span)
    }
    return lhs
  }

  /// `additive = multiplicative { ( "+" | "-" ) multiplicative } ;`
  mutating func parseAdditive() throws -> Expr {
    var lhs = try parseMultiplicative()
    var operands = 1
    while check(.plus) || check(.minus) {
      let op: BinaryOperator = advance().kind == .plus ? .add : .subtract
      skipLineBreaks()
      let rhs = try parseMultiplicative()
      lhs = makeExpr(lhs.span.through(rhs.span), .binary(op, lhs, rhs))
      try countOperand(&operands, at: rhs.span)
    }
    return lhs
  }

  /// `multiplicative = unary { ( "*" | "/" | "//" | "%" | "@" ) unary } ;`
  mutating func parseMultiplicative() throws -> Expr {
    var lhs = try parseUnary()
    var operands = 1
    while true {
      let op: BinaryOperator
      switch peek.kind {
      case .star: op = .multiply
      case .slash: op = .divide
      case .slashSlash: op = .floorDivide
      case .percent: op = .modulo
      case .at: op = .matmul
      default: return lhs
      }
      advance()
      skipLineBreaks()
      let rhs = try parseUnary()
      lhs = makeExpr(lhs.span.through(rhs.span), .binary(op, lhs, rhs))
      try countOperand(&operands, at: rhs.span)
    }
  }

  /// `unary = ( "-" | "+" | "~" ) unary | power ;`
  mutating func parseUnary() throws -> Expr {
    if check(.tilde) {
      let token = advance()
      let operand = try nested { try $0.parseUnary() }
      return makeExpr(token.span.through(operand.span), .unary(.invert, operand))
    }
    if check(.minus) || check(.plus) {
      let token = advance()
      let operand = try nested { try $0.parseUnary() }
      // Fold `-5` into a literal so `-9223372036854775808` style edges stay simple.
      if token.kind == .minus, case .int(let value) = operand.kind {
        return makeExpr(token.span.through(operand.span), .int(-value))
      }
      if token.kind == .minus, case .float(let value) = operand.kind {
        return makeExpr(token.span.through(operand.span), .float(-value))
      }
      return makeExpr(token.span.through(operand.span), .unary(token.kind == .minus ? .negate : .plus, operand))
    }
    return try parsePower()
  }

  /// `power = postfix [ "**" unary ] ;` (right-associative; `-2 ** 2` is `-(2 ** 2)`)
  mutating func parsePower() throws -> Expr {
    let base = try parsePostfix()
    if match(.starStar) {
      skipLineBreaks()
      let exponent = try nested { try $0.parseUnary() }
      return makeExpr(base.span.through(exponent.span), .binary(.power, base, exponent))
    }
    return base
  }

  /// ```
  /// postfix   = primary { call | subscript | member } ;
  /// call      = "(" [ arguments ] ")" ;
  /// subscript = "[" subscriptItem { "," subscriptItem } [ "," ] "]" ;
  /// member    = "." IDENTIFIER ;
  /// ```
  mutating func parsePostfix() throws -> Expr {
    var expr = try parsePrimary()
    while true {
      if check(.leftParen) {
        let open = advance()
        let arguments = try parseArguments()
        let close = try expectClosing(.rightParen, opening: open)
        expr = makeExpr(expr.span.through(close.span), .call(expr, arguments))
      } else if check(.leftBracket) {
        let open = advance()
        var items: [Subscript] = []
        while !check(.rightBracket) {
          items.append(try parseSubscriptItem())
          if !match(.comma) { break }
        }
        let close = try expectClosing(.rightBracket, opening: open)
        if items.isEmpty {
          throw fail(.expectedExpression(got: "']'", at: close.span))
        }
        expr = makeExpr(expr.span.through(close.span), .index(expr, items))
      } else if check(.dot) {
        advance()
        // `t.var()` (NumPy's variance method): the keyword 'var' is also a member name.
        guard check(.identifier) || check(.kwVar) else {
          throw fail(.expected("member name", after: "after '.'", got: peek.kind.described, at: peek.span))
        }
        let name = advance()
        expr = makeExpr(expr.span.through(name.span), .member(expr, name: name.lexeme, nameSpan: name.span))
      } else {
        return expr
      }
    }
  }

  /// `subscriptItem = expression | [ expression ] ":" [ expression ] [ ":" [ expression ] ] ;`
  mutating func parseSubscriptItem() throws -> Subscript {
    let start = peek.span
    var lower: Expr? = nil
    if !check(.colon) { lower = try parseExpression() }
    guard match(.colon) else {
      guard let lower else { throw fail(.expectedExpression(got: peek.kind.described, at: peek.span)) }
      return .index(lower)
    }
    var upper: Expr? = nil
    if !check(.rightBracket) && !check(.comma) && !check(.colon) { upper = try parseExpression() }
    var step: Expr? = nil
    if match(.colon) {
      if !check(.rightBracket) && !check(.comma) { step = try parseExpression() }
    }
    return .slice(lower: lower, upper: upper, step: step, span: start.through(previous.span))
  }

  /// ```
  /// arguments = argument { "," argument } [ "," ] ;
  /// argument  = [ IDENTIFIER ":" ] expression ;
  /// ```
  mutating func parseArguments() throws -> [Argument] {
    var arguments: [Argument] = []
    var labels = Set<String>()
    while !check(.rightParen) {
      if check(.identifier) && peek(1).kind == .equal {
        // Python's `mean(axis=0)`: report it and go on as if it were `axis: 0`.
        let label = advance()
        let equal = advance()
        let value = try parseExpression()
        diagnostics.append(.pythonKeywordArgument(label.lexeme, value: text(of: value.span), at: equal.span))
        labels.insert(label.lexeme)
        arguments.append(Argument(label: label.lexeme, labelSpan: label.span, value: value))
      } else if check(.identifier) && peek(1).kind == .colon {
        let label = advance()
        advance()
        if !labels.insert(label.lexeme).inserted {
          diagnostics.append(.duplicate("argument", label.lexeme, at: label.span))
        }
        let value = try parseExpression()
        arguments.append(Argument(label: label.lexeme, labelSpan: label.span, value: value))
      } else {
        let value = try parseExpression()
        if arguments.last?.label != nil {
          diagnostics.append(.positionalAfterKeyword(at: value.span))
        }
        arguments.append(Argument(label: nil, labelSpan: nil, value: value))
      }
      if !match(.comma) { break }
    }
    return arguments
  }

  /// ```
  /// primary = INT | FLOAT | STRING | "true" | "false" | "nil" | IDENTIFIER
  ///         | "(" expression ")" | tuple | list | dict | lambda ;
  /// tuple   = "(" ")" | "(" expression "," [ expression { "," expression } [ "," ] ] ")" ;
  /// list    = "[" [ expression { "," expression } [ "," ] ] "]" ;
  /// dict    = "{" [ expression ":" expression { "," expression ":" expression } [ "," ] ] "}" ;
  /// lambda  = "fn" "(" [ parameters ] ")" ( "=>" expression | block ) ;
  /// ```
  mutating func parsePrimary() throws -> Expr {
    switch peek.kind {
    case .leftParen, .leftBracket, .leftBrace, .kwFn:
      return try nested { try $0.parsePrimaryItem() }
    default:
      return try parsePrimaryItem()
    }
  }

  mutating func parsePrimaryItem() throws -> Expr {
    let token = peek
    switch token.kind {
    case .int:
      advance()
      if case .int(let value) = token.value { return makeExpr(token.span, .int(value)) }
      return makeExpr(token.span, .int(0))
    case .float:
      advance()
      if case .float(let value) = token.value { return makeExpr(token.span, .float(value)) }
      return makeExpr(token.span, .float(0))
    case .string:
      advance()
      guard case .string(let parts) = token.value else { return makeExpr(token.span, .string("")) }
      return try parseStringParts(parts, span: token.span)
    case .kwTrue:
      advance()
      return makeExpr(token.span, .bool(true))
    case .kwFalse:
      advance()
      return makeExpr(token.span, .bool(false))
    case .kwNil:
      advance()
      return makeExpr(token.span, .nilLiteral)
    case .identifier:
      if let habit = operandHabit() { throw fail(habit) }
      advance()
      return makeExpr(token.span, .name(token.lexeme))
    case .leftParen:
      advance()
      if check(.rightParen) {
        let close = advance()
        return makeExpr(token.span.through(close.span), .tuple([]))
      }
      let first = try parseExpression()
      if check(.rightParen) {
        advance()
        return first
      }
      var items = [first]
      while match(.comma) {
        if check(.rightParen) { break }
        items.append(try parseExpression())
      }
      let close = try expectClosing(.rightParen, opening: token)
      return makeExpr(token.span.through(close.span), .tuple(items))
    case .leftBracket:
      advance()
      var items: [Expr] = []
      while !check(.rightBracket) {
        items.append(try parseExpression())
        if !match(.comma) { break }
      }
      let close = try expectClosing(.rightBracket, opening: token)
      return makeExpr(token.span.through(close.span), .list(items))
    case .leftBrace:
      advance()
      var entries: [(key: Expr, value: Expr)] = []
      skipLineBreaks()
      while !check(.rightBrace) {
        let key = try parseExpression()
        try expect(.colon, "after dict key")
        skipLineBreaks()
        let value = try parseExpression()
        entries.append((key, value))
        skipLineBreaks()
        if !match(.comma) { break }
        skipLineBreaks()
      }
      let close = try expectClosing(.rightBrace, opening: token)
      return makeExpr(token.span.through(close.span), .dict(entries))
    case .kwFn:
      return try parseLambda()
    case .invalid:
      // Already reported by the lexer.
      advance()
      throw Recover()
    case .kwVar where peek(1).kind == .leftParen:
      throw fail(.varianceCall(at: token.span))
    default:
      throw fail(.expectedExpression(got: token.kind.described, at: token.span))
    }
  }

  /// `lambda = "fn" "(" [ parameters ] ")" ( "=>" expression | block ) ;`
  mutating func parseLambda() throws -> Expr {
    let keyword = advance()
    let (parameters, close) = try parseParameterList()
    let body: [Stmt]
    let end: Span
    if match(.arrow) {
      skipLineBreaks()
      let value = try parseExpression()
      body = [Stmt(id: makeID(), span: value.span, kind: .returnValue(value))]
      end = value.span
    } else if check(.leftBrace) {
      body = try parseBlock("function body")
      end = previous.span
    } else {
      throw fail(.expected("'=>' or '{'", after: "after the parameters of 'fn'", got: peek.kind.described, at: peek.span))
    }
    let span = keyword.span.through(end)
    let decl = FunctionDecl(id: makeID(), name: nil, span: keyword.span.through(close.span), parameters: parameters, body: body)
    return makeExpr(span, .function(decl))
  }

  /// Parses the `{expr}` pieces of a string literal with a nested parser.
  mutating func parseStringParts(_ parts: [StringPart], span: Span) throws -> Expr {
    var pieces: [InterpolationPart] = []
    var plain = true
    for part in parts {
      switch part {
      case .text(let text):
        pieces.append(.text(text))
      case .interpolation(let code, let start, let spec):
        plain = false
        var lexer = Lexer(code, start: start)
        let (tokens, lexical) = lexer.tokenize()
        var inner = Parser(tokens: tokens, source: source, firstID: nextID)
        inner.depth = depth + 1
        inner.diagnostics = lexical
        inner.skipNewlines()
        if inner.check(.eof) {
          diagnostics.append(.expectedExpression(got: "'}'", at: start))
          nextID = inner.nextID
          continue
        }
        do {
          let expr = try inner.parseExpression()
          inner.skipNewlines()
          if !inner.check(.eof) {
            inner.diagnostics.append(.expected("'}'", after: "to end the interpolation", got: inner.peek.kind.described, at: inner.peek.span))
          }
          pieces.append(.value(expr, spec: spec))
        } catch {}
        diagnostics += inner.diagnostics
        nextID = inner.nextID
      }
    }
    if plain {
      var text = ""
      for case .text(let piece) in pieces { text += piece }
      return makeExpr(span, .string(text))
    }
    return makeExpr(span, .interpolated(pieces))
  }

  /// A parser over already-lexed tokens (for interpolated expressions).
  init(tokens: [Token], source: SourceFile, firstID: NodeID) {
    self.source = source
    self.tokens = tokens
    self.nextID = firstID
  }

  /// The source text of `span` (one line at most, for messages).
  func text(of span: Span) -> String {
    let bytes = Array(source.text.utf8)
    guard span.start >= 0, span.end <= bytes.count, span.start <= span.end else { return "..." }
    let text = String(decoding: bytes[span.start..<span.end], as: UTF8.self)
    return text.contains("\n") ? "..." : text
  }
}
