import MelixSyntax

extension Compiler {
  func compileExpr(_ expr: Expr) -> Eval {
    let path = self.path
    let span = expr.span
    switch expr.kind {
    case .int(let i):
      let value = Value.int(i)
      return { _ in value }
    case .float(let d):
      let value = Value.float(d)
      return { _ in value }
    case .string(let s):
      let value = Value.string(s)
      return { _ in value }
    case .bool(let b):
      let value = Value.bool(b)
      return { _ in value }
    case .nilLiteral:
      return { _ in .null }
    case .interpolated(let parts):
      return compileInterpolation(parts, span: span)
    case .name(let name):
      guard let ref = ref(expr.id) else {
        return { _ in throw RuntimeError("unresolved name", at: span, path: path) }
      }
      if case .global(let g) = ref, resolution.forwardGlobalUses.contains(expr.id) {
        let storage = rt.globals
        let defined = rt.globalDefined
        return { _ in
          guard defined[g] else { throw RuntimeError(Messages.usedBeforeDefinition(name), at: span, path: path) }
          return storage[g]
        }
      }
      return load(ref, span: span)
    case .list(let items):
      let evals = items.map(compileExpr)
      return { f in
        var out: [Value] = []
        out.reserveCapacity(evals.count)
        for eval in evals { out.append(try eval(f)) }
        return .list(ListRef(out))
      }
    case .tuple(let items):
      let evals = items.map(compileExpr)
      return { f in
        var out: [Value] = []
        out.reserveCapacity(evals.count)
        for eval in evals { out.append(try eval(f)) }
        return .tuple(TupleRef(out))
      }
    case .dict(let entries):
      let evals = entries.map { (compileExpr($0.key), compileExpr($0.value), $0.key.span) }
      return { f in
        let dict = DictRef()
        for (keyEval, valueEval, keySpan) in evals {
          let key = try keyEval(f)
          guard let hashKey = HashKey(key) else {
            throw RuntimeError(Messages.unhashable(key.typeName), at: keySpan, path: path)
          }
          dict.set(hashKey, original: key, try valueEval(f))
        }
        return .dict(dict)
      }
    case .unary(let op, let operandExpr):
      let operand = compileExpr(operandExpr)
      switch op {
      case .negate:
        return { f in
          let value = try operand(f)
          if case .float(let d) = value { return .float(-d) }
          return try located(span, path) { try Operators.negate(value) }
        }
      case .plus:
        return { f in
          let value = try operand(f)
          switch value {
          case .int, .float: return value
          default: throw RuntimeError(Messages.unsupportedOperand("+", value.typeName), at: span, path: path)
          }
        }
      case .not:
        let operandSpan = operandExpr.span
        return { f in
          let value = try operand(f)
          guard case .bool(let b) = value else {
            throw Messages.expectedBoolError(value, .logical(.not), at: operandSpan, path: path)
          }
          return .bool(!b)
        }
      case .invert:
        return { f in
          let value = try operand(f)
          return try located(span, path) { try Operators.invert(value) }
        }
      }
    case .bitwise(let op, let lhsExpr, let rhsExpr):
      let lhs = compileExpr(lhsExpr)
      let rhs = compileExpr(rhsExpr)
      return { f in
        let a = try lhs(f)
        let b = try rhs(f)
        return try located(span, path) { try Operators.bitwise(op, a, b) }
      }
    case .binary(let op, let lhsExpr, let rhsExpr):
      return compileBinary(op, lhsExpr, rhsExpr, span: span)
    case .logical(let op, let lhsExpr, let rhsExpr):
      let lhs = compileExpr(lhsExpr)
      let rhs = compileExpr(rhsExpr)
      let lhsSpan = lhsExpr.span
      let rhsSpan = rhsExpr.span
      let isAnd = op == .and
      let use = Messages.BoolUse.logical(isAnd ? .and : .or)
      return { f in
        let a = try lhs(f)
        guard case .bool(let x) = a else {
          throw Messages.expectedBoolError(a, use, at: lhsSpan, path: path)
        }
        if x != isAnd { return a }
        let b = try rhs(f)
        guard case .bool = b else {
          throw Messages.expectedBoolError(b, use, at: rhsSpan, path: path)
        }
        return b
      }
    case .range(let lowExpr, let highExpr, let inclusive):
      let low = compileExpr(lowExpr)
      let high = compileExpr(highExpr)
      return { f in
        let lo = try low(f)
        let hi = try high(f)
        guard case .int(let start) = lo, case .int(let end) = hi else {
          throw RuntimeError("range bounds must be Int, got \(lo.typeName) and \(hi.typeName)", at: span, path: path)
        }
        if inclusive { return .range(RangeRef(start: start, end: end, closedForm: true)) }
        return .range(RangeRef(start: start, end: end))
      }
    case .call(let callee, let arguments):
      return compileCall(callee, arguments, span: span)
    case .index(let objectExpr, let subscripts):
      let object = compileExpr(objectExpr)
      if subscripts.count == 1, case .index(let keyExpr) = subscripts[0] {
        // `xs[i]` with both names local: read the slots directly.
        if case .name = objectExpr.kind, case .local(let objectSlot)? = ref(objectExpr.id),
          case .name = keyExpr.kind, case .local(let keySlot)? = ref(keyExpr.id)
        {
          return { f in
            if case .list(let list) = f.slots[objectSlot], case .int(let i) = f.slots[keySlot], i >= 0, i < list.items.count {
              return list.items[i]
            }
            let container = f.slots[objectSlot]
            let k = f.slots[keySlot]
            return try located(span, path) { try Operators.index(container, k) }
          }
        }
        // `m[i][j]` with `m`, `i`, `j` all local: two list reads with no closure calls.
        if case .index(let innerObject, let innerSubscripts) = objectExpr.kind, innerSubscripts.count == 1,
          case .index(let innerKey) = innerSubscripts[0],
          case .name = innerObject.kind, case .local(let matrixSlot)? = ref(innerObject.id),
          case .name = innerKey.kind, case .local(let rowSlot)? = ref(innerKey.id),
          case .name = keyExpr.kind, case .local(let columnSlot)? = ref(keyExpr.id)
        {
          return { f in
            if case .list(let matrix) = f.slots[matrixSlot], case .int(let i) = f.slots[rowSlot],
              i >= 0, i < matrix.items.count, case .list(let row) = matrix.items[i],
              case .int(let j) = f.slots[columnSlot], j >= 0, j < row.items.count
            {
              return row.items[j]
            }
            let container = try object(f)
            let k = f.slots[columnSlot]
            return try located(span, path) { try Operators.index(container, k) }
          }
        }
        let key = compileExpr(keyExpr)
        return { f in
          let container = try object(f)
          let k = try key(f)
          if case .list(let list) = container, case .int(let i) = k, i >= 0, i < list.items.count {
            return list.items[i]
          }
          return try located(span, path) { try Operators.index(container, k) }
        }
      }
      let keys = compileSubscripts(subscripts)
      return { f in
        let container = try object(f)
        let k = try keys(f)
        return try located(span, path) { try Operators.index(container, k) }
      }
    case .member(let objectExpr, let name, let nameSpan):
      let object = compileExpr(objectExpr)
      return { f in
        let value = try object(f)
        guard case .native(let native) = value else {
          var error = RuntimeError(Messages.noMember(value.typeName, name), at: nameSpan, path: path)
          error.help = Suggestions.member(name, of: value, builtins: f.rt.builtins)
          throw error
        }
        return try located(nameSpan, path) {
          do {
            return try native.member(name)
          } catch var error as MelixError {
            // `iris.Xx`: suggest the nearest field, else list them.
            if error.help == nil, error.message.hasSuffix("has no field '\(name)'") {
              error.help = Suggestions.field(name, among: native.memberNames)
            }
            // `a.shap`, `t.exp` (a method named without its call).
            if error.help == nil, error.message.hasSuffix("has no member '\(name)'") {
              error.help = Suggestions.member(name, of: value, builtins: f.rt.builtins)
            }
            throw error
          }
        }
      }
    case .function(let decl):
      return compileFunction(decl)
    }
  }

  func compileSubscripts(_ subscripts: [Subscript]) -> (Frame) throws -> [SubscriptValue] {
    let path = self.path
    let parts: [(Frame) throws -> SubscriptValue] = subscripts.map { item in
      switch item {
      case .index(let expr):
        let eval = compileExpr(expr)
        return { f in .index(try eval(f)) }
      case .slice(let lowerExpr, let upperExpr, let stepExpr, let span):
        let lower = lowerExpr.map(compileExpr)
        let upper = upperExpr.map(compileExpr)
        let stepEval = stepExpr.map(compileExpr)
        return { f in
          var lo: Int? = nil
          var hi: Int? = nil
          var step: Int? = nil
          if let stepEval {
            let value = try stepEval(f)
            step = try located(span, path) { try Operators.sliceBound(value) }
            if step == 0 { throw RuntimeError(Messages.zeroSliceStep, at: span, path: path) }
          }
          if let lower {
            let value = try lower(f)
            lo = try located(span, path) { try Operators.sliceBound(value) }
          }
          if let upper {
            let value = try upper(f)
            hi = try located(span, path) { try Operators.sliceBound(value) }
          }
          return .slice(lower: lo, upper: hi, step: step)
        }
      }
    }
    return { f in try parts.map { try $0(f) } }
  }

  func compileInterpolation(_ parts: [InterpolationPart], span: Span) -> Eval {
    let path = self.path
    let pieces: [(Frame) throws -> String] = parts.map { part in
      switch part {
      case .text(let text):
        return { _ in text }
      case .value(let expr, let spec):
        let eval = compileExpr(expr)
        let exprSpan = expr.span
        guard let spec else { return { f in try eval(f).displayText } }
        let parsed: FormatSpec
        do {
          parsed = try FormatSpec(spec)
        } catch let error as MelixError {
          return { _ in throw RuntimeError(error.message, at: exprSpan, path: path) }
        } catch {
          return { _ in throw RuntimeError("invalid format spec '\(spec)'", at: exprSpan, path: path) }
        }
        return { f in
          let value = try eval(f)
          if case .native(let native) = value,
            let text = try located(exprSpan, path, { try native.formatted(spec: spec) })
          {
            return text
          }
          return try located(exprSpan, path) { try parsed.apply(to: value) }
        }
      }
    }
    return { f in
      var out = ""
      for piece in pieces { out += try piece(f) }
      return .string(out)
    }
  }

  // MARK: - Functions

  /// Compiles a function once; the returned code makes a closure capturing its upvalues.
  func compileFunction(_ decl: FunctionDecl) -> (Frame) -> Value {
    let layout = resolution.functions[decl.id] ?? FunctionLayout()
    let defaults: [Eval?] = decl.parameters.map { $0.defaultValue.map(compileExpr) }
    let body: Eval
    if !Compiler.declaresFunctions(decl.body) {
      body = compileTail(decl.body[...])
    } else {
      let block = compileBlock(decl.body)
      body = { f in
        if case .returned = try block(f) {
          let value = f.m.pointee.returnValue
          f.m.pointee.returnValue = .null
          return value
        }
        return .null
      }
    }
    let proto = FunctionProto(
      name: decl.name ?? "<fn>", parameterNames: decl.parameters.map(\.name), layout: layout,
      defaults: defaults, body: body, path: path)
    proto.line = decl.span.line
    let captures = layout.captures
    if captures.isEmpty {
      return { _ in .function(Closure(proto: proto, upvalues: [])) }
    }
    return { f in
      var upvalues = ContiguousArray<Box>()
      upvalues.reserveCapacity(captures.count)
      for capture in captures {
        switch capture {
        case .cell(let k): upvalues.append(f.cells.unsafelyUnwrapped.boxes[k])
        case .upvalue(let j): upvalues.append(f.closure.unsafelyUnwrapped.upvalues[j])
        }
      }
      return .function(Closure(proto: proto, upvalues: upvalues))
    }
  }
}
