/// Parses tokens into a `Program`, one function per rule of `grammar/melix.ebnf`.
///
/// Recovery: a syntax error inside a statement is recorded, then the parser skips to the
/// next statement boundary (end of line, `;` or a closing `}` of the current block), so one
/// run reports several independent errors.
public struct Parser {
  var tokens: [Token]
  var current = 0
  var nextID: NodeID
  var diagnostics: [Diagnostic] = []
  let source: SourceFile
  /// Current nesting of brackets, blocks and prefix operators; bounded so deeply nested
  /// input is an error rather than a stack overflow.
  var depth = 0
  /// The deepest nesting accepted (CPython stops at 200 parentheses).
  static let maxDepth = 256
  /// The most operands one chain of binary operators may have.
  static let maxChain = 10_000

  /// Thrown internally to unwind to the enclosing statement after a reported error.
  struct Recover: Error {}

  /// Creates a parser for a whole file.
  ///
  /// - Parameters:
  ///   - source: The file.
  ///   - firstID: The first node ID to hand out.
  public init(_ source: SourceFile, firstID: NodeID = 0) {
    self.source = source
    var lexer = Lexer(source.text)
    let (tokens, lexical) = lexer.tokenize()
    self.tokens = tokens
    self.diagnostics = lexical
    self.nextID = firstID
  }

  /// Parses the whole file.
  ///
  /// - Parameters:
  ///   - source: The file.
  ///   - firstID: The first node ID to hand out.
  /// - Returns: The program (with the statements that parsed) and every diagnostic found.
  public static func parse(_ source: SourceFile, firstID: NodeID = 0) -> (program: Program, diagnostics: [Diagnostic]) {
    var parser = Parser(source, firstID: firstID)
    let statements = parser.parseProgram()
    return (Program(statements: statements, source: source, nodeCount: parser.nextID), parser.diagnostics)
  }

  // MARK: - Token helpers

  var peek: Token { tokens[current] }
  var previous: Token { tokens[max(0, current - 1)] }
  func peek(_ offset: Int) -> Token { tokens[min(current + offset, tokens.count - 1)] }
  func check(_ kind: TokenKind) -> Bool { peek.kind == kind }

  @discardableResult
  mutating func advance() -> Token {
    let token = tokens[current]
    if token.kind != .eof { current += 1 }
    return token
  }

  mutating func match(_ kind: TokenKind) -> Bool {
    if check(kind) {
      advance()
      return true
    }
    return false
  }

  mutating func skipNewlines() {
    while check(.newline) || check(.semicolon) { advance() }
  }

  /// Runs `body` one nesting level deeper, failing with `expression nested too deeply`.
  mutating func nested<T>(_ body: (inout Parser) throws -> T) throws -> T {
    if depth >= Parser.maxDepth { throw fail(.nestedTooDeeply(at: peek.span)) }
    depth += 1
    defer { depth -= 1 }
    return try body(&self)
  }

  mutating func makeID() -> NodeID {
    defer { nextID += 1 }
    return nextID
  }

  mutating func fail(_ diagnostic: Diagnostic) -> Recover {
    // An invalid token was already reported by the lexer; do not pile a second error on it.
    if peek.kind == .invalid { return Recover() }
    diagnostics.append(diagnostic)
    return Recover()
  }

  /// Consumes a token of `kind` or reports `expected <what> <context>, got ...`.
  @discardableResult
  mutating func expect(_ kind: TokenKind, _ context: String, help: String? = nil) throws -> Token {
    if check(kind) { return advance() }
    throw fail(.expected(kind.described, after: context, got: peek.kind.described, at: peek.span, help: help))
  }

  /// Consumes the closing token of a bracket pair or reports `expected ')' to close '(' at l:c`.
  @discardableResult
  mutating func expectClosing(_ kind: TokenKind, opening: Token) throws -> Token {
    if check(kind) { return advance() }
    if let habit = closingHabit() { throw fail(habit) }
    throw fail(.expectedClosing(kind.rawValue, opening: opening.kind.rawValue, openedAt: opening.span, got: peek.span))
  }

  // MARK: - Statements

  /// `program = { NEWLINE | ";" | statement } EOF ;`
  mutating func parseProgram() -> [Stmt] {
    var statements: [Stmt] = []
    skipNewlines()
    while !check(.eof) {
      if let statement = parseStatementRecovering(insideBlock: false) { statements.append(statement) }
      skipNewlines()
    }
    return statements
  }

  /// Parses one statement; on error skips to the next statement boundary and returns nil.
  mutating func parseStatementRecovering(insideBlock: Bool) -> Stmt? {
    do {
      let statement = try parseStatement()
      try parseTerminator()
      return statement
    } catch {
      synchronize(insideBlock: insideBlock)
      return nil
    }
  }

  /// Skips tokens to the end of the current statement, balancing brackets and braces.
  mutating func synchronize(insideBlock: Bool) {
    var depth = 0
    while !check(.eof) {
      switch peek.kind {
      case .leftBrace, .leftParen, .leftBracket:
        depth += 1
      case .rightBrace, .rightParen, .rightBracket:
        if depth == 0 {
          if peek.kind == .rightBrace && insideBlock { return }
          advance()
          continue
        }
        depth -= 1
        if depth == 0 && peek.kind == .rightBrace {
          advance()
          if check(.newline) || check(.semicolon) { return }
          continue
        }
      case .newline, .semicolon:
        if depth == 0 { return }
      default:
        break
      }
      advance()
    }
  }

  /// `terminator = NEWLINE | ";" | (before "}" or EOF) ;`
  mutating func parseTerminator() throws {
    if check(.newline) || check(.semicolon) || check(.rightBrace) || check(.eof) { return }
    if let habit = terminatorHabit() { throw fail(habit) }
    throw fail(.expectedEndOfStatement(got: peek.kind.described, at: peek.span))
  }

  /// ```
  /// statement = bindingStmt | functionDecl | ifStmt | whileStmt | forStmt | returnStmt
  ///           | "break" | "continue" | importStmt | assignOrExpression ;
  /// ```
  mutating func parseStatement() throws -> Stmt {
    switch peek.kind {
    case .kwLet, .kwVar: return try parseBindingStmt()
    case .kwFn where peek(1).kind == .identifier: return try parseFunctionDecl()
    case .kwIf: return try parseIfStmt()
    case .kwWhile: return try parseWhileStmt()
    case .kwFor: return try parseForStmt()
    case .kwReturn: return try parseReturnStmt()
    case .kwBreak:
      let token = advance()
      return Stmt(id: makeID(), span: token.span, kind: .breakLoop)
    case .kwContinue:
      let token = advance()
      return Stmt(id: makeID(), span: token.span, kind: .continueLoop)
    case .kwImport: return try parseImportStmt()
    case .kwElse:
      throw fail(.misplacedKeyword("else", at: peek.span, help: "'else' must follow the '}' of an 'if' block"))
    case .identifier where statementHabit() != nil:
      throw fail(statementHabit() ?? .pythonDef(at: peek.span))
    default: return try parseAssignOrExpression()
    }
  }

  /// `bindingStmt = ( "let" | "var" ) pattern "=" expression ;`
  mutating func parseBindingStmt() throws -> Stmt {
    if check(.kwVar) && isVarianceCall() { throw fail(.varianceCall(at: peek.span)) }
    let keyword = advance()
    let pattern = try parsePattern()
    try expect(.equal, "after '\(keyword.lexeme)' name", help: keyword.kind == .kwLet ? "a 'let' needs a value: 'let x = 1'" : "give an initial value: 'var x = nil'")
    skipLineBreaks()
    let value = try parseExpression()
    return Stmt(id: makeID(), span: keyword.span.through(value.span), kind: .binding(isConstant: keyword.kind == .kwLet, pattern, value))
  }

  /// Whether the `var` at the cursor is NumPy's `var(t)`: a bracket touching it whose match
  /// is not followed by `=` (`var (a, b) = pair` is a binding).
  func isVarianceCall() -> Bool {
    guard peek(1).kind == .leftParen, peek.span.end == peek(1).span.start else { return false }
    var depth = 0
    var offset = 1
    while true {
      let token = peek(offset)
      switch token.kind {
      case .leftParen: depth += 1
      case .rightParen:
        depth -= 1
        if depth == 0 { return peek(offset + 1).kind != .equal }
      case .eof: return true
      default: break
      }
      offset += 1
    }
  }

  /// `pattern = IDENTIFIER | "(" pattern { "," pattern } [ "," ] ")" ;`
  mutating func parsePattern() throws -> Pattern {
    if check(.identifier) {
      let name = advance()
      return .name(name.lexeme, id: makeID(), span: name.span)
    }
    if check(.leftParen) {
      let open = advance()
      var items: [Pattern] = []
      while !check(.rightParen) {
        items.append(try parsePattern())
        if !match(.comma) { break }
      }
      let close = try expectClosing(.rightParen, opening: open)
      return .tuple(items, span: open.span.through(close.span))
    }
    throw fail(.expected("a name", after: "to bind", got: peek.kind.described, at: peek.span))
  }

  /// `functionDecl = "fn" IDENTIFIER "(" [ parameters ] ")" ( block | "=>" expression ) ;`
  mutating func parseFunctionDecl() throws -> Stmt {
    let keyword = advance()
    let name = advance()
    let (parameters, _) = try parseParameterList()
    let body: [Stmt]
    if match(.arrow) {
      skipLineBreaks()
      let value = try parseExpression()
      body = [Stmt(id: makeID(), span: value.span, kind: .returnValue(value))]
    } else {
      body = try parseBlock("function body")
    }
    let decl = FunctionDecl(id: makeID(), name: name.lexeme, span: keyword.span.through(name.span), parameters: parameters, body: body)
    return Stmt(id: makeID(), span: keyword.span.through(name.span), kind: .function(decl))
  }

  /// ```
  /// parameters = parameter { "," parameter } [ "," ] ;
  /// parameter  = IDENTIFIER [ "=" expression ] ;
  /// ```
  mutating func parseParameterList() throws -> ([Parameter], Token) {
    let open = try expect(.leftParen, "after 'fn'")
    var parameters: [Parameter] = []
    var seen = Set<String>()
    while !check(.rightParen) {
      guard check(.identifier) else {
        throw fail(.expected("parameter name", after: "in parameter list", got: peek.kind.described, at: peek.span))
      }
      let name = advance()
      if !seen.insert(name.lexeme).inserted {
        diagnostics.append(.duplicate("parameter", name.lexeme, at: name.span))
      }
      var defaultValue: Expr? = nil
      if match(.equal) {
        defaultValue = try parseExpression()
      } else if parameters.last?.defaultValue != nil {
        diagnostics.append(.requiredAfterDefault(name.lexeme, at: name.span))
      }
      parameters.append(Parameter(id: makeID(), name: name.lexeme, span: name.span, defaultValue: defaultValue))
      if !match(.comma) { break }
    }
    let close = try expectClosing(.rightParen, opening: open)
    return (parameters, close)
  }

  /// `block = "{" { NEWLINE | ";" | statement } "}" ;`
  mutating func parseBlock(_ context: String) throws -> [Stmt] {
    try nested { try $0.parseBlockBody(context) }
  }

  private mutating func parseBlockBody(_ context: String) throws -> [Stmt] {
    guard check(.leftBrace) else {
      throw fail(.expected("'{'", after: "to start the \(context)", got: peek.kind.described, at: peek.span))
    }
    let open = advance()
    var statements: [Stmt] = []
    skipNewlines()
    while !check(.rightBrace) && !check(.eof) {
      if let statement = parseStatementRecovering(insideBlock: true) { statements.append(statement) }
      skipNewlines()
    }
    try expectClosing(.rightBrace, opening: open)
    return statements
  }

  /// `ifStmt = "if" expression block [ "else" ( ifStmt | block ) ] ;`
  mutating func parseIfStmt() throws -> Stmt {
    let keyword = advance()
    let condition = try parseExpression()
    let then = try parseBlock("'if' body")
    var otherwise: [Stmt]? = nil
    // Allow `}` NEWLINE `else`: look past newlines for an `else`.
    var lookahead = current
    while tokens[lookahead].kind == .newline { lookahead += 1 }
    if tokens[lookahead].kind == .kwElse {
      current = lookahead
      advance()
      if check(.kwIf) {
        otherwise = [try parseIfStmt()]
      } else {
        otherwise = try parseBlock("'else' body")
      }
    }
    return Stmt(id: makeID(), span: keyword.span.through(condition.span), kind: .ifElse(condition: condition, then: then, otherwise: otherwise))
  }

  /// `whileStmt = "while" expression block ;`
  mutating func parseWhileStmt() throws -> Stmt {
    let keyword = advance()
    let condition = try parseExpression()
    let body = try parseBlock("'while' body")
    return Stmt(id: makeID(), span: keyword.span.through(condition.span), kind: .whileLoop(condition: condition, body: body))
  }

  /// `forStmt = "for" pattern "in" expression block ;`
  mutating func parseForStmt() throws -> Stmt {
    let keyword = advance()
    let pattern = try parsePattern()
    try expect(.kwIn, "after the 'for' variable")
    let iterable = try parseExpression()
    let body = try parseBlock("'for' body")
    return Stmt(id: makeID(), span: keyword.span.through(iterable.span), kind: .forLoop(pattern, iterable: iterable, body: body))
  }

  /// `returnStmt = "return" [ expression ] ;`
  mutating func parseReturnStmt() throws -> Stmt {
    let keyword = advance()
    if check(.newline) || check(.semicolon) || check(.rightBrace) || check(.eof) {
      return Stmt(id: makeID(), span: keyword.span, kind: .returnValue(nil))
    }
    let value = try parseExpression()
    return Stmt(id: makeID(), span: keyword.span.through(value.span), kind: .returnValue(value))
  }

  /// `importStmt = "import" STRING ;`
  mutating func parseImportStmt() throws -> Stmt {
    let keyword = advance()
    guard check(.string), case .string(let parts) = peek.value else {
      throw fail(.importNeedsPath(got: peek.kind.described, at: peek.span))
    }
    let path = advance()
    var text = ""
    for part in parts {
      if case .text(let piece) = part { text += piece }
    }
    return Stmt(id: makeID(), span: keyword.span.through(path.span), kind: .importFile(text))
  }

  /// ```
  /// assignOrExpression = expression [ assignOp expression ] ;
  /// assignOp = "=" | "+=" | "-=" | "*=" | "/=" ;
  /// ```
  mutating func parseAssignOrExpression() throws -> Stmt {
    let target = try parseExpression()
    let op: AssignOperator?
    switch peek.kind {
    case .equal: op = .assign
    case .plusEqual: op = .add
    case .minusEqual: op = .subtract
    case .starEqual: op = .multiply
    case .slashEqual: op = .divide
    default: op = nil
    }
    guard let op else {
      return Stmt(id: makeID(), span: target.span, kind: .expression(target))
    }
    let opToken = advance()
    switch target.kind {
    case .name, .index, .member: break
    default: diagnostics.append(.invalidAssignmentTarget(at: target.span))
    }
    skipLineBreaks()
    let value = try parseExpression()
    return Stmt(id: makeID(), span: target.span.through(value.span), kind: .assign(target: target, op: op, value: value, operatorSpan: opToken.span))
  }

  /// Skips newlines after a binary operator or `=`, so an expression may continue there.
  mutating func skipLineBreaks() {
    while check(.newline) { advance() }
  }
}
