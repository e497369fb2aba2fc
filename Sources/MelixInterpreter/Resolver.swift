import MelixSyntax

/// Binds every name of a program to a slot before it runs.
///
/// Locals live in frame slots; locals captured by an inner function live in cells (boxes)
/// that closures share; names declared at the top level of a file are globals; anything
/// else must be a built-in. Reports every resolve error of the file at once, with a
/// did-you-mean suggestion for undefined names.
///
/// It runs twice: the first pass finds which declarations are captured, the second assigns
/// cells to exactly those.
struct Resolver {
  private final class FunctionScope {
    let parent: FunctionScope?
    let isMain: Bool
    var blocks: [[String: Local]] = [[:]]
    var nextSlot = 0
    var nextCell = 0
    var layout = FunctionLayout()
    var captureIndex: [NodeID: Int] = [:]
    var loopDepth = 0

    init(parent: FunctionScope?, isMain: Bool) {
      self.parent = parent
      self.isMain = isMain
    }
  }

  /// How a name was bound; decides whether and how assigning to it is an error.
  enum BindingKind {
    case variable, constant, function, loopVariable, builtin
  }

  private struct Local {
    let ref: VarRef
    let kind: BindingKind
    let declID: NodeID
    var span: Span? = nil
  }

  private var globals: GlobalTable
  private let builtins: [String: Int]
  private var captured: Set<NodeID>
  private var newlyCaptured: Set<NodeID> = []
  private var resolution = Resolution()
  private var diagnostics: [Diagnostic] = []
  private var scope: FunctionScope
  /// Top-level names of this file not declared yet (a use from top-level code is an error,
  /// a use from inside a function body is fine).
  private var pendingGlobals: Set<String> = []
  private var declaredInFile: [String: Span] = [:]
  /// Local function declarations already declared at the start of their block.
  private var hoisted: Set<NodeID> = []
  /// Globals that existed before this file (earlier REPL entries, imports, the prelude).
  private let preexisting: Set<String>

  private init(globals: GlobalTable, builtins: [String: Int], captured: Set<NodeID>) {
    self.globals = globals
    self.builtins = builtins
    self.captured = captured
    self.preexisting = Set(globals.names)
    self.scope = FunctionScope(parent: nil, isMain: true)
  }

  /// Resolves `program` against the session's globals and built-ins.
  ///
  /// - Parameters:
  ///   - program: The parsed file.
  ///   - globals: The session's global table; the returned copy includes this file's globals.
  ///   - builtins: Built-in names and their table index.
  /// - Returns: The resolution, the updated global table and all resolve errors.
  static func resolve(_ program: Program, globals: GlobalTable, builtins: [String: Int])
    -> (Resolution, GlobalTable, [Diagnostic])
  {
    var first = Resolver(globals: globals, builtins: builtins, captured: [])
    first.resolveProgram(program)
    var second = Resolver(globals: globals, builtins: builtins, captured: first.newlyCaptured)
    second.resolveProgram(program)
    second.resolution.main = second.scope.layout
    second.resolution.main.slotCount = max(second.resolution.main.slotCount, second.scope.nextSlot)
    return (second.resolution, second.globals, second.diagnostics)
  }

  // MARK: - Program and statements

  private mutating func resolveProgram(_ program: Program) {
    for statement in program.statements {
      switch statement.kind {
      case .binding(let isConstant, let pattern, _):
        for (name, _, _) in Resolver.names(in: pattern) {
          pendingGlobals.insert(name)
          _ = globals.declare(name, constant: isConstant)
        }
      case .function(let decl):
        if let name = decl.name {
          pendingGlobals.insert(name)
          _ = globals.declare(name, constant: true, function: true)
        }
      default: break
      }
    }
    for statement in program.statements { resolveStatement(statement) }
  }

  static func names(in pattern: Pattern) -> [(String, NodeID, Span)] {
    switch pattern {
    case .name(let name, let id, let span): return [(name, id, span)]
    case .tuple(let items, _): return items.flatMap { names(in: $0) }
    }
  }

  private var atTopLevel: Bool { scope.isMain && scope.blocks.count == 1 }

  private mutating func resolveBlock(_ statements: [Stmt]) {
    scope.blocks.append([:])
    let savedSlot = scope.nextSlot
    let savedCell = scope.nextCell
    hoistFunctions(statements)
    for statement in statements { resolveStatement(statement) }
    scope.blocks.removeLast()
    scope.nextSlot = savedSlot
    scope.nextCell = savedCell
  }

  private mutating func resolveStatement(_ statement: Stmt) {
    switch statement.kind {
    case .expression(let expr):
      resolveExpr(expr)
    case .binding(let isConstant, let pattern, let value):
      resolveExpr(value)
      declarePattern(pattern, constant: isConstant)
    case .assign(let target, _, let value, _):
      resolveExpr(value)
      resolveAssignTarget(target)
    case .function(let decl):
      if let name = decl.name, !hoisted.contains(decl.id) {
        declare(name, id: decl.id, span: decl.span, constant: true, function: true)
      }
      resolveFunction(decl)
    case .ifElse(let condition, let then, let otherwise):
      resolveExpr(condition)
      resolveBlock(then)
      if let otherwise { resolveBlock(otherwise) }
    case .whileLoop(let condition, let body):
      resolveExpr(condition)
      scope.loopDepth += 1
      resolveBlock(body)
      scope.loopDepth -= 1
    case .forLoop(let pattern, let iterable, let body):
      resolveExpr(iterable)
      scope.blocks.append([:])
      let savedSlot = scope.nextSlot
      let savedCell = scope.nextCell
      for (name, id, span) in Resolver.names(in: pattern) {
        declare(name, id: id, span: span, constant: true, loopVariable: true)
      }
      scope.loopDepth += 1
      resolveBlock(body)
      scope.loopDepth -= 1
      scope.blocks.removeLast()
      scope.nextSlot = savedSlot
      scope.nextCell = savedCell
    case .returnValue(let value):
      if scope.isMain { diagnostics.append(.returnOutsideFunction(at: statement.span)) }
      if let value { resolveExpr(value) }
    case .breakLoop:
      if scope.loopDepth == 0 { diagnostics.append(.outsideLoop("break", at: statement.span)) }
    case .continueLoop:
      if scope.loopDepth == 0 { diagnostics.append(.outsideLoop("continue", at: statement.span)) }
    case .importFile:
      if !atTopLevel { diagnostics.append(.importNotTopLevel(at: statement.span)) }
    }
  }

  /// Declares a block's local `fn` names before its statements, so local functions can call
  /// each other whatever their order (top-level ones are globals, hoisted per file).
  private mutating func hoistFunctions(_ statements: [Stmt]) {
    guard !atTopLevel else { return }
    for statement in statements {
      if case .function(let decl) = statement.kind, let name = decl.name {
        declare(name, id: decl.id, span: decl.span, constant: true, function: true)
        hoisted.insert(decl.id)
      }
    }
  }

  private mutating func declarePattern(_ pattern: Pattern, constant: Bool) {
    for (name, id, span) in Resolver.names(in: pattern) {
      declare(name, id: id, span: span, constant: constant)
    }
  }

  /// Declares `name` in the innermost block: a global at the top level of a file, else a
  /// slot, or a cell when some inner function captures it.
  private mutating func declare(_ name: String, id: NodeID, span: Span, constant: Bool, function: Bool = false, loopVariable: Bool = false) {
    let kind: BindingKind = function ? .function : (loopVariable ? .loopVariable : (constant ? .constant : .variable))
    if atTopLevel {
      if let first = declaredInFile[name] {
        diagnostics.append(.redefinition(name, at: span, firstDefinedAt: first))
      } else {
        declaredInFile[name] = span
      }
      pendingGlobals.remove(name)
      let slot = globals.declare(name, constant: constant, function: function)
      resolution.refs[id] = .global(slot)
      return
    }
    if let existing = scope.blocks[scope.blocks.count - 1][name] {
      diagnostics.append(.redefinition(name, at: span, firstDefinedAt: existing.span))
    }
    let ref: VarRef
    if captured.contains(id) {
      ref = .cell(scope.nextCell)
      scope.nextCell += 1
      scope.layout.cellCount = max(scope.layout.cellCount, scope.nextCell)
    } else {
      ref = .local(scope.nextSlot)
      scope.nextSlot += 1
      scope.layout.slotCount = max(scope.layout.slotCount, scope.nextSlot)
    }
    scope.blocks[scope.blocks.count - 1][name] = Local(ref: ref, kind: kind, declID: id, span: span)
    resolution.refs[id] = ref
  }

  private mutating func resolveFunction(_ decl: FunctionDecl) {
    let inner = FunctionScope(parent: scope, isMain: false)
    let outer = scope
    scope = inner
    // Parameters take slots 0..<n in order (the caller writes arguments there); a captured
    // parameter also gets a cell it moves into at entry.
    var parameterCells: [Int?] = []
    for parameter in decl.parameters {
      let slot = scope.nextSlot
      scope.nextSlot += 1
      scope.layout.slotCount = max(scope.layout.slotCount, scope.nextSlot)
      var ref = VarRef.local(slot)
      if captured.contains(parameter.id) {
        ref = .cell(scope.nextCell)
        parameterCells.append(scope.nextCell)
        scope.nextCell += 1
        scope.layout.cellCount = scope.nextCell
      } else {
        parameterCells.append(nil)
      }
      scope.blocks[0][parameter.name] = Local(ref: ref, kind: .variable, declID: parameter.id, span: parameter.span)
      resolution.refs[parameter.id] = ref
    }
    for parameter in decl.parameters {
      if let value = parameter.defaultValue { resolveExpr(value) }
    }
    scope.blocks.append([:])
    hoistFunctions(decl.body)
    for statement in decl.body { resolveStatement(statement) }
    scope.blocks.removeLast()
    var layout = scope.layout
    layout.parameterCells = parameterCells
    resolution.functions[decl.id] = layout
    scope = outer
  }

  // MARK: - Expressions

  private mutating func resolveExpr(_ expr: Expr) {
    switch expr.kind {
    case .int, .float, .string, .bool, .nilLiteral:
      break
    case .interpolated(let parts):
      for case .value(let value, _) in parts { resolveExpr(value) }
    case .name(let name):
      if let ref = lookup(name, span: expr.span, id: expr.id) { resolution.refs[expr.id] = ref.ref }
    case .list(let items), .tuple(let items):
      for item in items { resolveExpr(item) }
    case .dict(let entries):
      for entry in entries {
        resolveExpr(entry.key)
        resolveExpr(entry.value)
      }
    case .unary(_, let operand):
      resolveExpr(operand)
    case .binary(_, let lhs, let rhs), .logical(_, let lhs, let rhs), .bitwise(_, let lhs, let rhs),
      .range(let lhs, let rhs, _):
      resolveExpr(lhs)
      resolveExpr(rhs)
    case .call(let callee, let arguments):
      if case .member(let object, _, _) = callee.kind {
        // `x.f(...)`: `f` is a method of a native value or a built-in; not a name use.
        resolveExpr(object)
      } else {
        resolveExpr(callee)
      }
      for argument in arguments { resolveExpr(argument.value) }
    case .index(let object, let subscripts):
      resolveExpr(object)
      for item in subscripts {
        switch item {
        case .index(let value): resolveExpr(value)
        case .slice(let lower, let upper, let step, _):
          if let lower { resolveExpr(lower) }
          if let upper { resolveExpr(upper) }
          if let step { resolveExpr(step) }
        }
      }
    case .member(let object, _, _):
      resolveExpr(object)
    case .function(let decl):
      resolveFunction(decl)
    }
  }

  private mutating func resolveAssignTarget(_ target: Expr) {
    switch target.kind {
    case .name(let name):
      guard let found = lookup(name, span: target.span) else {
        // Python's `x = 3`: say how to declare it when there is no closer name to suggest.
        if let last = diagnostics.indices.last, diagnostics[last].help == nil,
          diagnostics[last].message == "undefined variable '\(name)'"
        {
          diagnostics[last].help = "declare it first: 'var \(name) = ...' (or 'let' for a constant)"
        }
        return
      }
      switch found.kind {
      case .builtin: diagnostics.append(.assignToBuiltin(name, at: target.span))
      case .function: diagnostics.append(.assignToFunction(name, at: target.span))
      case .loopVariable: diagnostics.append(.assignToLoopVariable(name, at: target.span))
      case .constant: diagnostics.append(.assignToConstant(name, at: target.span))
      case .variable: break
      }
      resolution.refs[target.id] = found.ref
    case .index(let object, _), .member(let object, _, _):
      resolveExpr(target)
      _ = object
    default:
      resolveExpr(target)
    }
  }

  /// Finds `name` from the current scope outwards; reports it when undefined.
  private mutating func lookup(_ name: String, span: Span, id: NodeID? = nil) -> (ref: VarRef, kind: BindingKind)? {
    if let found = lookupLocal(name, in: scope) { return found }
    if let slot = globals.slots[name] {
      if pendingGlobals.contains(name) && !preexisting.contains(name) {
        if scope.isMain {
          diagnostics.append(.usedBeforeDefinition(name, at: span))
          return nil
        }
        if let id { resolution.forwardGlobalUses.insert(id) }
      }
      return (.global(slot), globals.isFunction[slot] ? .function : (globals.isConstant[slot] ? .constant : .variable))
    }
    if let index = builtins[name] { return (.builtin(index), .builtin) }
    let python = ["True": "true", "False": "false", "None": "nil"]
    diagnostics.append(.undefinedVariable(name, at: span, suggestion: python[name] ?? suggestion(for: name)))
    return nil
  }

  private mutating func lookupLocal(_ name: String, in function: FunctionScope) -> (ref: VarRef, kind: BindingKind)? {
    // The main chunk's outermost block holds globals, not locals.
    let lowest = function.isMain ? 1 : 0
    var level = function.blocks.count - 1
    while level >= lowest {
      if let local = function.blocks[level][name] { return (local.ref, local.kind) }
      level -= 1
    }
    guard let parent = function.parent else { return nil }
    guard let (outerRef, kind) = lookupLocal(name, in: parent) else { return nil }
    let declID = declarationID(name, in: parent)
    let source: CaptureSource
    switch outerRef {
    case .cell(let k): source = .cell(k)
    case .upvalue(let j): source = .upvalue(j)
    case .local:
      // First pass: not yet known to be captured. Record it; the second pass gives it a cell.
      newlyCaptured.insert(declID)
      source = .cell(-1)
    case .global, .builtin:
      return (outerRef, kind)
    }
    if let existing = function.captureIndex[declID] { return (.upvalue(existing), kind) }
    let index = function.layout.captures.count
    function.layout.captures.append(source)
    function.captureIndex[declID] = index
    newlyCaptured.insert(declID)
    return (.upvalue(index), kind)
  }

  private func declarationID(_ name: String, in function: FunctionScope) -> NodeID {
    let lowest = function.isMain ? 1 : 0
    var level = function.blocks.count - 1
    while level >= lowest {
      if let local = function.blocks[level][name] { return local.declID }
      level -= 1
    }
    if let parent = function.parent { return declarationID(name, in: parent) }
    return -1
  }

  /// The closest visible name within edit distance ~1/3 of the length, for `did you mean`.
  private func suggestion(for name: String) -> String? {
    var candidates: [String] = Array(globals.slots.keys) + Array(builtins.keys)
    var function: FunctionScope? = scope
    while let f = function {
      for block in f.blocks { candidates += block.keys }
      function = f.parent
    }
    // One- and two-letter names are too short to guess at (`x` is not a typo of `e`).
    return Suggestions.nearest(name, among: candidates)
  }

  /// Optimal-string-alignment distance, case-insensitive; see `Suggestions.distance`.
  static func editDistance(_ a: String, _ b: String) -> Int {
    Suggestions.distance(a, b)
  }
}
