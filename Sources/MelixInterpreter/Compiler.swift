import MelixSyntax

/// Converts a `MelixError` thrown by `body` into a `RuntimeError` at `span`.
@inline(__always)
func located<T>(_ span: Span, _ path: String, _ body: () throws -> T) throws -> T {
  do {
    return try body()
  } catch let error as MelixError {
    throw RuntimeError(error, at: span, path: path, labels: [:])
  }
}

/// Turns a resolved AST into a tree of Swift closures once ("closure compilation"), so that
/// running skips the big `switch` over node kinds and every name is a slot access.
final class Compiler {
  let resolution: Resolution
  let globals: GlobalTable
  unowned let rt: Interpreter
  let path: String
  let builtinIndex: [String: Int]
  /// The UTF-8 bytes of the source being compiled (for `OperatorSite`); may be empty.
  var sourceBytes: [UInt8] = []

  init(resolution: Resolution, globals: GlobalTable, interpreter: Interpreter, path: String, builtinIndex: [String: Int]) {
    self.resolution = resolution
    self.globals = globals
    self.rt = interpreter
    self.path = path
    self.builtinIndex = builtinIndex
  }

  func error(_ message: String, _ span: Span) -> RuntimeError {
    RuntimeError(message, at: span, path: path)
  }

  // MARK: - Top level

  /// Compiles a file's top-level code; with `display`, a trailing expression statement's
  /// value is returned by the compiled code, else nil.
  func compileMain(_ program: Program, display: Bool) -> (Frame) throws -> Value? {
    var statements = program.statements
    var trailing: Eval? = nil
    if display, let last = statements.last, case .expression(let expr) = last.kind {
      trailing = compileExpr(expr)
      statements.removeLast()
    }
    let body = compileBlock(statements)
    return { frame in
      _ = try body(frame)
      if let trailing { return try trailing(frame) }
      return nil
    }
  }

  // MARK: - Names

  func ref(_ id: NodeID) -> VarRef? { resolution.refs[id] }

  func load(_ ref: VarRef, span: Span) -> Eval {
    switch ref {
    case .local(let slot):
      return { f in f.slots[slot] }
    case .cell(let k):
      return { f in f.cells.unsafelyUnwrapped.boxes[k].value }
    case .upvalue(let j):
      return { f in f.closure.unsafelyUnwrapped.upvalues[j].value }
    case .global(let g):
      let storage = rt.globals
      return { _ in storage[g] }
    case .builtin(let b):
      let builtin = rt.builtins[b]
      let value = builtin.constant ?? .builtin(builtin)
      return { _ in value }
    }
  }

  /// A store into `ref`; a declaration of a cell makes a fresh box (a fresh binding per
  /// loop iteration, so closures made in a loop capture distinct variables).
  func store(_ ref: VarRef, declaring: Bool) -> (Frame, Value) -> Void {
    switch ref {
    case .local(let slot):
      return { f, v in f.slots[slot] = v }
    case .cell(let k):
      if declaring { return { f, v in f.cells.unsafelyUnwrapped.boxes[k] = Box(v) } }
      return { f, v in f.cells.unsafelyUnwrapped.boxes[k].value = v }
    case .upvalue(let j):
      return { f, v in f.closure.unsafelyUnwrapped.upvalues[j].value = v }
    case .global(let g):
      let m = rt.machine
      if declaring {
        let defined = rt.globalDefined
        return { _, v in
          Interpreter.storeGlobal(g, v, m)
          defined[g] = true
        }
      }
      return { _, v in Interpreter.storeGlobal(g, v, m) }
    case .builtin:
      // The resolver rejects assignments to built-ins.
      return { _, _ in }
    }
  }

  /// Binds a pattern: one name, or a tuple destructuring a Tuple or List of the same length.
  func bind(_ pattern: Pattern, declaring: Bool) -> (Frame, Value) throws -> Void {
    switch pattern {
    case .name(_, let id, _):
      guard let ref = ref(id) else { return { _, _ in } }
      return store(ref, declaring: declaring)
    case .tuple(let items, let span):
      let binders = items.map { bind($0, declaring: declaring) }
      let path = self.path
      return { f, value in
        let elements: [Value]
        switch value {
        case .tuple(let t): elements = t.items
        case .list(let l): elements = l.items
        default: throw RuntimeError(Messages.destructureType(value.typeName), at: span, path: path)
        }
        guard elements.count == binders.count else {
          throw RuntimeError(Messages.destructure(expected: binders.count, got: elements.count), at: span, path: path)
        }
        for (binder, element) in zip(binders, elements) { try binder(f, element) }
      }
    }
  }

  // MARK: - Statements

  /// Compiles statements into one closure: a right-nested chain of pairs, so no array of
  /// closures is walked at run time (closures read from arrays go through reabstraction
  /// thunks).
  func compileBlock(_ statements: [Stmt]) -> Exec {
    guard let last = statements.last else { return { _ in .normal } }
    var chain = compileStmt(last)
    for statement in statements.dropLast().reversed() {
      let exec = compileStmt(statement)
      let rest = chain
      chain = { f in
        let flow = try exec(f)
        if case .normal = flow { return try rest(f) }
        return flow
      }
    }
    // Local functions are hoisted: their cells get fresh boxes on entry to the block, so
    // functions declared in it can capture each other before both are defined.
    var functionCells: [Int] = []
    for statement in statements {
      if case .function(let decl) = statement.kind, case .cell(let k)? = ref(decl.id) { functionCells.append(k) }
    }
    guard !functionCells.isEmpty else { return chain }
    let body = chain
    return { f in
      let cells = f.cells.unsafelyUnwrapped
      for k in functionCells { cells.boxes[k] = Box(.null) }
      return try body(f)
    }
  }

  // MARK: - Function bodies

  /// Whether `statements` declare local functions (their block needs the hoisting prologue
  /// of `compileBlock`).
  static func declaresFunctions(_ statements: [Stmt]) -> Bool {
    statements.contains { statement in
      if case .function = statement.kind { return true }
      return false
    }
  }

  /// Compiles the statements that end a function body straight to the value it returns:
  /// `return e` becomes `e`, and `if c { ...return a } rest` becomes `c ? a-branch :
  /// rest`, so common functions skip the `Flow` and return-value round trip.
  func compileTail(_ statements: ArraySlice<Stmt>) -> Eval {
    guard let first = statements.first else { return { _ in .null } }
    let rest = statements.dropFirst()
    switch first.kind {
    case .returnValue(let value):
      // Statements after a `return` never run.
      guard let value else { return { _ in .null } }
      return compileExpr(value)
    case .ifElse(let condition, let then, let otherwise)
    where Compiler.endsInReturn(then) && !Compiler.declaresFunctions(then)
      && !Compiler.declaresFunctions(otherwise ?? []):
      let branch = TailBranch(
        test: compileCondition(condition), then: compileTailOperand(then[...]),
        otherwise: compileTailOperand((otherwise ?? [])[...] + rest))
      return { f in
        try branch.test.test(f) ? try branch.then.evaluate(f) : try branch.otherwise.evaluate(f)
      }
    default:
      let exec = compileStmt(first)
      let tail = compileTail(rest)
      return { f in
        switch try exec(f) {
        case .normal:
          return try tail(f)
        case .returned:
          let value = f.m.pointee.returnValue
          f.m.pointee.returnValue = .null
          return value
        case .breakLoop, .continueLoop:
          // The resolver rejects 'break' and 'continue' outside loops.
          return .null
        }
      }
    }
  }

  /// `compileTail` as an `Operand`: a lone `return e` gives `e`'s operand (evaluated inline by
  /// the caller), anything else the tail's closure.
  func compileTailOperand(_ statements: ArraySlice<Stmt>) -> Operand {
    if statements.count == 1, let only = statements.first,
      case .returnValue(let value?) = only.kind
    {
      return compileOperand(value)
    }
    return .eval(compileTail(statements))
  }

  /// Whether the block's last statement is a `return`.
  static func endsInReturn(_ statements: [Stmt]) -> Bool {
    if case .returnValue? = statements.last?.kind { return true }
    return false
  }

  func condition(_ expr: Expr) -> (Frame) throws -> Bool {
    let span = expr.span
    let path = self.path
    // `local < 2` and friends: compare the slot's Int directly, no Bool value in between.
    if case .binary(let op, let lhsExpr, let rhsExpr) = expr.kind, case .int(let k) = rhsExpr.kind,
      case .name = lhsExpr.kind, case .local(let slot)? = ref(lhsExpr.id)
    {
      let slow = binaryFunction(op, span: span)
      // The comparison is applied by an inline `switch`, not a nested closure call.
      if let test = IntComparison(op) {
        return { f in
          if case .int(let x) = f.slots[slot] { return test.apply(x, k) }
          let value = try slow(f.slots[slot], .int(k))
          guard case .bool(let b) = value else {
            throw Messages.expectedBoolError(value, .condition, at: span, path: path)
          }
          return b
        }
      }
    }
    let eval = compileExpr(expr)
    return { f in
      let value = try eval(f)
      guard case .bool(let b) = value else {
        throw Messages.expectedBoolError(value, .condition, at: span, path: path)
      }
      return b
    }
  }
}
