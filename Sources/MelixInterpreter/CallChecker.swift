import MelixSyntax

/// `melix check`'s argument checks: calls by name of a built-in, or of a Melix function
/// whose parameters are known before running (declared with `fn` at the top level of the
/// file, or already defined in the session), with an unknown keyword (plus did-you-mean),
/// too many positional arguments, or a missing required argument. Runs after the resolver
/// on its `Resolution`; calls through other values (`x.f()`, `let h = g; h(1)`) are checked
/// only when they run.
struct CallChecker {
  /// What a call is checked against: one parameter list per overload.
  struct Signature {
    /// The called name, for messages.
    let name: String
    /// One entry per overload: parameter names, how many of them have no default, and
    /// whether the last one collects the remaining positionals.
    let overloads: [(parameters: [String], required: [String], variadic: Bool)]
    /// Per overload, the first keyword-only parameter's name (`seed` of `rand`), if any: no
    /// positional argument reaches it.
    var keywordOnly: [String?] = []
  }

  private let refs: [NodeID: VarRef]
  private let builtins: [Builtin]
  private let functions: [Int: Signature]
  private var diagnostics: [Diagnostic] = []

  /// Checks every call in `program`.
  ///
  /// - Parameters:
  ///   - program: The parsed file.
  ///   - resolution: The resolver's output for it (which names are built-ins, which globals).
  ///   - builtins: The session's built-in table.
  ///   - globals: The global table after resolving the file.
  ///   - sessionFunctions: Signatures of functions already held by global slots (the prelude,
  ///     earlier REPL entries, imports).
  /// - Returns: One diagnostic per bad call, in source order.
  static func check(
    _ program: Program, resolution: Resolution, builtins: [Builtin], globals: GlobalTable,
    sessionFunctions: [Int: Signature]
  ) -> [Diagnostic] {
    var functions = sessionFunctions
    var declared: [String: Int] = [:]
    for statement in program.statements {
      switch statement.kind {
      case .function(let decl):
        if let name = decl.name { declared[name, default: 0] += 1 }
      case .binding(_, let pattern, _):
        for (name, _, _) in Resolver.names(in: pattern) { declared[name, default: 0] += 2 }
      default: break
      }
    }
    for (name, _) in declared {
      if let slot = globals.slots[name] { functions[slot] = nil }
    }
    for statement in program.statements {
      guard case .function(let decl) = statement.kind, let name = decl.name, declared[name] == 1,
        let slot = globals.slots[name]
      else { continue }
      functions[slot] = Signature(
        name: name,
        overloads: [(decl.parameters.map(\.name), decl.parameters.filter { $0.defaultValue == nil }.map(\.name), false)])
    }
    var checker = CallChecker(refs: resolution.refs, builtins: builtins, functions: functions)
    for statement in program.statements { checker.visit(statement) }
    return checker.diagnostics
  }

  /// The signature of a built-in table entry, or nil for a constant.
  static func signature(of builtin: Builtin) -> Signature? {
    guard builtin.constant == nil else { return nil }
    let entries = builtin.overloads.isEmpty ? [builtin] : builtin.overloads
    return Signature(
      name: builtin.name,
      overloads: entries.map { entry in
        let named = entry.parameters.filter { !$0.isVariadic }
        return (
          named.map(\.name), named.filter { $0.defaultValue == nil }.map(\.name),
          entry.parameters.contains { $0.isVariadic }
        )
      },
      keywordOnly: entries.map { entry in entry.parameters.first(where: \.isKeywordOnly)?.name })
  }

  private init(refs: [NodeID: VarRef], builtins: [Builtin], functions: [Int: Signature]) {
    self.refs = refs
    self.builtins = builtins
    self.functions = functions
  }

  private mutating func visit(_ statement: Stmt) {
    switch statement.kind {
    case .expression(let e), .returnValue(let e?):
      visit(e)
    case .binding(_, _, let value):
      visit(value)
    case .assign(let target, _, let value, _):
      visit(target)
      visit(value)
    case .function(let decl):
      visit(decl)
    case .ifElse(let condition, let then, let otherwise):
      visit(condition)
      then.forEach { visit($0) }
      otherwise?.forEach { visit($0) }
    case .whileLoop(let condition, let body):
      visit(condition)
      body.forEach { visit($0) }
    case .forLoop(_, let iterable, let body):
      visit(iterable)
      body.forEach { visit($0) }
    case .returnValue(nil), .breakLoop, .continueLoop, .importFile:
      break
    }
  }

  private mutating func visit(_ decl: FunctionDecl) {
    for parameter in decl.parameters {
      if let value = parameter.defaultValue { visit(value) }
    }
    decl.body.forEach { visit($0) }
  }

  private mutating func visit(_ expr: Expr) {
    switch expr.kind {
    case .int, .float, .string, .bool, .nilLiteral, .name:
      break
    case .interpolated(let parts):
      for case .value(let value, _) in parts { visit(value) }
    case .list(let items), .tuple(let items):
      items.forEach { visit($0) }
    case .dict(let entries):
      for entry in entries {
        visit(entry.key)
        visit(entry.value)
      }
    case .unary(_, let operand):
      visit(operand)
    case .binary(_, let lhs, let rhs), .logical(_, let lhs, let rhs), .bitwise(_, let lhs, let rhs),
      .range(let lhs, let rhs, _):
      visit(lhs)
      visit(rhs)
    case .call(let callee, let arguments):
      visit(callee)
      arguments.forEach { visit($0.value) }
      if case .name = callee.kind, let signature = signature(callee.id) {
        checkCall(signature, arguments, span: expr.span)
      }
    case .index(let object, let subscripts):
      visit(object)
      for item in subscripts {
        switch item {
        case .index(let value): visit(value)
        case .slice(let lower, let upper, let step, _):
          [lower, upper, step].forEach { if let e = $0 { visit(e) } }
        }
      }
    case .member(let object, _, _):
      visit(object)
    case .function(let decl):
      visit(decl)
    }
  }

  private func signature(_ id: NodeID) -> Signature? {
    switch refs[id] {
    case .builtin(let index)?: return index < builtins.count ? CallChecker.signature(of: builtins[index]) : nil
    case .global(let slot)?: return functions[slot]
    default: return nil
    }
  }

  private mutating func checkCall(_ signature: Signature, _ arguments: [Argument], span: Span) {
    let positional = arguments.filter { $0.label == nil }.count
    var allParameters: [String] = []
    for overload in signature.overloads {
      for name in overload.parameters where !allParameters.contains(name) { allParameters.append(name) }
    }
    var reported = false
    for argument in arguments {
      guard let label = argument.label, !allParameters.contains(label) else { continue }
      diagnostics.append(
        Diagnostic(
          error: Messages.unknownKeyword(signature.name, label), at: argument.labelSpan ?? argument.value.span,
          help: Suggestions.keyword(label, of: signature.name, parameters: allParameters)))
      reported = true
    }
    if reported { return }
    let fits = signature.overloads.contains { $0.variadic || positional <= $0.parameters.count }
    if !fits {
      let most = signature.overloads.map(\.parameters.count).max() ?? 0
      diagnostics.append(
        Diagnostic(error: Messages.tooManyArguments(signature.name, expected: most, got: positional), at: span))
      return
    }
    // A missing argument is certain only without overloads.
    guard signature.overloads.count == 1, let only = signature.overloads.first else { return }
    if let keywordOnly = signature.keywordOnly.first ?? nil,
      let limit = only.parameters.firstIndex(of: keywordOnly), positional > limit
    {
      diagnostics.append(
        Diagnostic(
          error: Messages.keywordOnly(signature.name, keywordOnly), at: span,
          help: only.parameters.first == "shape" ? Messages.shapeIsOneList(signature.name) : nil))
      return
    }
    let given = Set(only.parameters.prefix(positional) + arguments.compactMap(\.label))
    if let missing = only.required.first(where: { !given.contains($0) }) {
      diagnostics.append(Diagnostic(error: Messages.missingArgument(signature.name, missing), at: span))
    }
  }
}
