import MelixSyntax

/// Statements: each compiles to an `Exec` that reports how control leaves it.
extension Compiler {
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
        if case .global = ref {
          // Ctrl-C during one long built-in call (`let c = big @ big`, a single BLAS call)
          // is seen only when it returns: bind nothing then, so the REPL reports
          // 'interrupted' and 'c' stays undefined.
          let flag = rt.interruptFlag
          let valueSpan = value.span
          let path = self.path
          return { f in
            let result = try eval(f)
            if flag.isSet { throw RuntimeError(Messages.interrupted, at: valueSpan, path: path) }
            store(f, result)
            return .normal
          }
        }
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
      if case .global(let g) = ref {
        // A top-level function: pin its slot, so calls may skip retaining the closure.
        let pinned = rt.globalPinned
        return { f in
          store(f, make(f))
          pinned[g] = true
          return .normal
        }
      }
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
      var global: Int? = nil
      if case .name(_, let id, _) = pattern, let r = ref(id) {
        if case .local(let s) = r { slot = s }
        if case .global(let g) = r { global = g }
      }
      let defined = rt.globalDefined
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
        // A loop variable in a global slot (top-level loops) is stored in place: the first
        // store unpins the slot (see `Interpreter.globalPinned`), and nothing in the loop can
        // pin it again (only a top-level `fn` declaration of the same name pins it).
        if let global {
          Interpreter.storeGlobal(global, .int(start), m)
          defined[global] = true
        }
        let storage = m.pointee.globals
        var i = start
        while true {
          if let slot {
            f.slots[slot] = .int(i)
          } else if let global {
            storage[global] = .int(i)
          } else {
            store(f, .int(i))
          }
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

  /// `xs[i] = v`, `d[k] += v` with one index: lists and dicts without building a subscript
  /// list.
  func compileIndexAssign(object: @escaping Eval, key: @escaping Eval, value: @escaping Eval, binary: BinaryOperator?, span: Span, operatorSpan: Span) -> Exec {
    let path = self.path
    let apply = binary.map { binaryFunction($0, span: operatorSpan) }
    return { f in
      let container = try object(f)
      let k = try key(f)
      var newValue = try value(f)
      switch container {
      case .list(let list):
        if case .int(let i) = k, i >= 0, i < list.items.count {
          if let apply { newValue = try apply(list.items[i], newValue) }
          list.items[i] = newValue
          return .normal
        }
      case .dict(let dict):
        guard let hashKey = HashKey(k) else {
          throw RuntimeError(Messages.unhashable(k.typeName), at: span, path: path)
        }
        if let apply {
          guard let old = dict.get(hashKey) else {
            throw RuntimeError(Messages.keyNotFound(k.repr), at: span, path: path)
          }
          newValue = try apply(old, newValue)
        }
        dict.set(hashKey, original: k, newValue)
        return .normal
      default:
        break
      }
      if let apply {
        let old = try located(span, path) { try Operators.index(container, k) }
        newValue = try apply(old, newValue)
      }
      let assigned = newValue
      try located(span, path) { try Operators.setIndex(container, [.index(k)], assigned) }
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
          let m = rt.machine
          return { f in
            let v = try eval(f)
            let storage = m.pointee.globals
            if case .int(let x) = storage[g], case .int(let y) = v {
              let (r, o) = x.addingReportingOverflow(y)
              if !o {
                storage[g] = .int(r)
                return .normal
              }
            }
            Interpreter.storeGlobal(g, try apply(storage[g], v), m)
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
      if subscripts.count == 1, case .index(let keyExpr) = subscripts[0] {
        return compileIndexAssign(object: object, key: compileExpr(keyExpr), value: eval, binary: binary, span: target.span, operatorSpan: operatorSpan)
      }
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
