import MelixSyntax

/// Converts a `MelixError` thrown by `body` into a `RuntimeError` at `span`.
@inline(__always)
func located<T>(_ span: Span, _ path: String, _ body: () throws -> T) throws -> T {
  do {
    return try body()
  } catch let error as MelixError {
    throw RuntimeError(error.message, at: span, path: path)
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
      let storage = rt.globals
      return { _, v in storage[g] = v }
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

  func condition(_ expr: Expr) -> (Frame) throws -> Bool {
    let eval = compileExpr(expr)
    let span = expr.span
    let path = self.path
    return { f in
      let value = try eval(f)
      guard case .bool(let b) = value else {
        throw RuntimeError(Messages.expectedBool(got: value.typeName), at: span, path: path)
      }
      return b
    }
  }

  func compileStmt(_ statement: Stmt) -> Exec {
    let path = self.path
    switch statement.kind {
    case .expression(let expr):
      let eval = compileExpr(expr)
      return { f in
        _ = try eval(f)
        return .normal
      }
    case .binding(_, let pattern, let value):
      let eval = compileExpr(value)
      let binder = bind(pattern, declaring: true)
      if case .name(_, let id, _) = pattern, let ref = ref(id) {
        let store = store(ref, declaring: true)
        return { f in
          store(f, try eval(f))
          return .normal
        }
      }
      return { f in
        try binder(f, try eval(f))
        return .normal
      }
    case .assign(let target, let op, let value, let operatorSpan):
      return compileAssign(target: target, op: op, value: value, operatorSpan: operatorSpan)
    case .function(let decl):
      let make = compileFunction(decl)
      guard let ref = ref(decl.id) else { return { _ in .normal } }
      if case .cell(let k) = ref {
        // The block made the box on entry (see `compileBlock`), so the function can capture
        // itself and its siblings.
        return { f in
          f.cells.unsafelyUnwrapped.boxes[k].value = make(f)
          return .normal
        }
      }
      let store = store(ref, declaring: true)
      return { f in
        store(f, make(f))
        return .normal
      }
    case .ifElse(let condition, let then, let otherwise):
      let test = self.condition(condition)
      let thenBlock = compileBlock(then)
      guard let otherwise else {
        return { f in try test(f) ? try thenBlock(f) : .normal }
      }
      let elseBlock = compileBlock(otherwise)
      return { f in try test(f) ? try thenBlock(f) : try elseBlock(f) }
    case .whileLoop(let condition, let body):
      let test = self.condition(condition)
      let block = compileBlock(body)
      let span = statement.span
      return { f in
        let m = f.m
        while try test(f) {
          let flow = try block(f)
          switch flow {
          case .normal, .continueLoop: break
          case .breakLoop: return .normal
          case .returned: return .returned
          }
          if m.pointee.isInterrupted { throw RuntimeError(Messages.interrupted, at: span, path: path) }
        }
        return .normal
      }
    case .forLoop(let pattern, let iterable, let body):
      return compileFor(pattern, iterable: iterable, body: body, span: statement.span)
    case .returnValue(let value):
      guard let value else {
        return { f in
          f.m.pointee.returnValue = .null
          return .returned
        }
      }
      let eval = compileExpr(value)
      return { f in
        f.m.pointee.returnValue = try eval(f)
        return .returned
      }
    case .breakLoop:
      return { _ in .breakLoop }
    case .continueLoop:
      return { _ in .continueLoop }
    case .importFile:
      // Imports run before the importing file (see `Session`).
      return { _ in .normal }
    }
  }

  func compileFor(_ pattern: Pattern, iterable: Expr, body: [Stmt], span: Span) -> Exec {
    let path = self.path
    let block = compileBlock(body)
    let binder = bind(pattern, declaring: true)
    var simpleStore: ((Frame, Value) -> Void)? = nil
    if case .name(_, let id, _) = pattern, let ref = ref(id) { simpleStore = store(ref, declaring: true) }
    let interrupted = { RuntimeError(Messages.interrupted, at: span, path: path) }

    // `for i in lo..<hi` / `lo...hi` counts without making a Range value.
    if case .range(let lowExpr, let highExpr, let inclusive) = iterable.kind, let store = simpleStore {
      let low = compileExpr(lowExpr)
      let high = compileExpr(highExpr)
      var slot: Int? = nil
      if case .name(_, let id, _) = pattern, case .local(let s)? = ref(id) { slot = s }
      let lowSpan = lowExpr.span
      let highSpan = highExpr.span
      return { f in
        let lo = try low(f)
        let hi = try high(f)
        guard case .int(let start) = lo else { throw RuntimeError("range bound: expected Int, got \(lo.typeName)", at: lowSpan, path: path) }
        guard case .int(let end) = hi else { throw RuntimeError("range bound: expected Int, got \(hi.typeName)", at: highSpan, path: path) }
        // The last value, so that `lo...Int.max` needs no value past the end.
        let last: Int
        if inclusive {
          last = end
        } else {
          guard end > Int.min else { return .normal }
          last = end - 1
        }
        guard start <= last else { return .normal }
        let m = f.m
        var i = start
        while true {
          if let slot { f.slots[slot] = .int(i) } else { store(f, .int(i)) }
          let flow = try block(f)
          switch flow {
          case .normal, .continueLoop: break
          case .breakLoop: return .normal
          case .returned: return .returned
          }
          if m.pointee.isInterrupted { throw interrupted() }
          if i == last { return .normal }
          i += 1
        }
      }
    }

    let source = compileExpr(iterable)
    let iterableSpan = iterable.span
    return { f in
      let value = try source(f)
      let m = f.m
      @inline(__always) func step(_ element: Value) throws -> Flow? {
        if let store = simpleStore { store(f, element) } else { try binder(f, element) }
        let flow = try block(f)
        if m.pointee.isInterrupted { throw interrupted() }
        switch flow {
        case .normal, .continueLoop: return nil
        case .breakLoop: return .normal
        case .returned: return .returned
        }
      }
      switch value {
      case .list(let list):
        var i = 0
        while i < list.items.count {
          if let exit = try step(list.items[i]) { return exit }
          i += 1
        }
      case .range(let range):
        for k in 0..<range.count {
          if let exit = try step(.int(range.element(k))) { return exit }
        }
      default:
        let elements = try located(iterableSpan, path) { try Operators.elements(of: value) }
        for element in elements {
          if let exit = try step(element) { return exit }
        }
      }
      return .normal
    }
  }

  func compileAssign(target: Expr, op: AssignOperator, value: Expr, operatorSpan: Span) -> Exec {
    let path = self.path
    let eval = compileExpr(value)
    let binary: BinaryOperator? = op.binary
    switch target.kind {
    case .name:
      guard let ref = ref(target.id) else { return { _ in .normal } }
      let store = store(ref, declaring: false)
      guard let binary else {
        return { f in
          store(f, try eval(f))
          return .normal
        }
      }
      let apply = binaryFunction(binary, span: operatorSpan)
      // `x += e` on a local or global Int: update the slot in place.
      if binary == .add {
        switch ref {
        case .local(let slot):
          return { f in
            let v = try eval(f)
            if case .int(let x) = f.slots[slot], case .int(let y) = v {
              let (r, o) = x.addingReportingOverflow(y)
              if !o {
                f.slots[slot] = .int(r)
                return .normal
              }
            }
            f.slots[slot] = try apply(f.slots[slot], v)
            return .normal
          }
        case .global(let g):
          let storage = rt.globals
          return { f in
            let v = try eval(f)
            if case .int(let x) = storage[g], case .int(let y) = v {
              let (r, o) = x.addingReportingOverflow(y)
              if !o {
                storage[g] = .int(r)
                return .normal
              }
            }
            storage[g] = try apply(storage[g], v)
            return .normal
          }
        default: break
        }
      }
      let current = load(ref, span: target.span)
      return { f in
        store(f, try apply(try current(f), try eval(f)))
        return .normal
      }
    case .index(let objectExpr, let subscripts):
      let object = compileExpr(objectExpr)
      let keys = compileSubscripts(subscripts)
      let span = target.span
      let apply = binary.map { binaryFunction($0, span: operatorSpan) }
      return { f in
        let container = try object(f)
        let key = try keys(f)
        var newValue = try eval(f)
        if let apply {
          let old = try located(span, path) { try Operators.index(container, key) }
          newValue = try apply(old, newValue)
        }
        if case .list(let list) = container, key.count == 1, case .index(.int(let i)) = key[0],
          i >= 0, i < list.items.count
        {
          list.items[i] = newValue
          return .normal
        }
        try located(span, path) { try Operators.setIndex(container, key, newValue) }
        return .normal
      }
    case .member(let objectExpr, let name, _):
      let object = compileExpr(objectExpr)
      let span = target.span
      let apply = binary.map { binaryFunction($0, span: operatorSpan) }
      return { f in
        let container = try object(f)
        guard case .native(let native) = container else {
          throw RuntimeError(Messages.noMember(container.typeName, name), at: span, path: path)
        }
        var newValue = try eval(f)
        if let apply {
          let old = try located(span, path) { try native.member(name) }
          newValue = try apply(old, newValue)
        }
        try located(span, path) { try native.setMember(name, newValue) }
        return .normal
      }
    default:
      // The parser rejects other targets.
      return { _ in .normal }
    }
  }
}
