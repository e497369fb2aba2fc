import MelixSyntax

extension Compiler {
  func compileCall(_ calleeExpr: Expr, _ arguments: [Argument], span: Span) -> Eval {
    let path = self.path
    // Positional arguments of the simple shapes (`n`, `1`, `n - 1`) are evaluated inline on
    // the fast path below; `positional` holds every one as a closure for the other paths.
    let operands = arguments.filter { $0.label == nil }.map { compileOperand($0.value) }
    let positional: [EvalBox] = operands.map { operand in
      if case .eval(let eval) = operand { return EvalBox(eval: eval) }
      return EvalBox(eval: { f in try operand.evaluate(f) })
    }
    let keywords = arguments.compactMap { argument in
      argument.label.map { ($0, compileExpr(argument.value)) }
    }
    // Where each keyword is written: an error about one (`has no parameter named`) points there.
    var labels: [String: Span] = [:]
    for argument in arguments {
      if let label = argument.label { labels[label] = argument.labelSpan ?? argument.value.span }
    }
    let evaluateArguments: (Frame) throws -> ([Value], [(String, Value)]) = { f in
      var values: [Value] = []
      values.reserveCapacity(positional.count)
      for box in positional { values.append(try box.eval(f)) }
      var named: [(String, Value)] = []
      for (label, eval) in keywords { named.append((label, try eval(f))) }
      return (values, named)
    }

    // `x.name(...)`: a native value's method, else the built-in or global function `name`
    // with `x` as its first argument.
    if case .member(let objectExpr, let name, let nameSpan) = calleeExpr.kind {
      let object = compileExpr(objectExpr)
      let builtin = builtinIndex[name].map { rt.builtins[$0] }
      let globalSlot = globals.slots[name]
      let storage = rt.globals
      // The most arguments the built-in takes, receiver included (nil: variadic), so too many
      // arguments are counted as written: `a.reshape(3, 2)` gives 2, not 3.
      let builtinArity: Int? = builtin.flatMap { builtin in
        let entries = builtin.overloads.isEmpty ? [builtin] : builtin.overloads
        if entries.contains(where: { $0.parameters.contains(where: \.isVariadic) }) { return nil }
        return entries.map(\.parameters.count).max()
      }
      return { f in
        let receiver = try object(f)
        let (values, named) = try evaluateArguments(f)
        if case .native(let native) = receiver,
          let result = try located(span, path, { try native.callMethod(name, positional: values, keywords: named, context: f.rt) })
        {
          return result
        }
        if let builtin, builtin.constant == nil {
          if let most = builtinArity, most >= 1, values.count >= most {
            throw Compiler.methodArityError(name, parameters: builtin.parameters.map(\.name), got: values.count, span: span, path: path)
          }
          return try Compiler.invokeBuiltin(builtin, [receiver] + values, named, f: f, span: span, path: path, labels: labels)
        }
        if let globalSlot, case .function(let fn) = storage[globalSlot] {
          if fn.parameterCount >= 1, values.count >= fn.parameterCount {
            throw Compiler.methodArityError(name, parameters: fn.proto.parameterNames, got: values.count, span: span, path: path)
          }
          return try Compiler.invokeTraced(fn, positional: [receiver] + values, keywords: named, f: f, span: span, path: path, labels: labels)
        }
        var error = RuntimeError(Messages.noMethod(receiver.typeName, name), at: nameSpan, path: path)
        error.help = Suggestions.method(name, of: receiver, builtins: f.rt.builtins)
        throw error
      }
    }

    // A call of a built-in by name: no callee value to evaluate.
    if case .name = calleeExpr.kind, let ref = ref(calleeExpr.id), case .builtin(let index) = ref,
      rt.builtins[index].constant == nil
    {
      let builtin = rt.builtins[index]
      if keywords.isEmpty && positional.count == 1 {
        let only = positional[0].eval
        return { f in
          let value = try only(f)
          return try Compiler.invokeBuiltin(builtin, [value], [], f: f, span: span, path: path)
        }
      }
      return { f in
        let (values, named) = try evaluateArguments(f)
        return try Compiler.invokeBuiltin(builtin, values, named, f: f, span: span, path: path, labels: labels)
      }
    }

    if keywords.isEmpty {
      // Fast path: positional arguments evaluated straight into the callee's frame.
      let site = CallSite(operands: operands, span: span, path: path) { f in
        var values: [Value] = []
        values.reserveCapacity(positional.count)
        for box in positional { values.append(try box.eval(f)) }
        return values
      }
      if case .name = calleeExpr.kind, case .global(let g)? = ref(calleeExpr.id),
        !resolution.forwardGlobalUses.contains(calleeExpr.id)
      {
        // A global function (the common case): read its slot in place, no callee closure.
        // A use before the global's definition (in a function body) goes through
        // `compileExpr`, whose load reports "used before its definition".
        let storage = rt.globals
        let pinned = rt.globalPinned
        return { f in
          // A top-level `fn` still in its slot: call it without retaining the closure (the
          // slot, or the retired values once it is overwritten, keep it alive).
          if pinned[g], let unmanaged = peekFunction(storage + g) {
            return try unmanaged._withUnsafeGuaranteedRef { fn in
              guard fn.parameterCount == site.argc else { return try site.callOther(storage[g], f) }
              return try Compiler.enter(fn, f, site)
            }
          }
          guard case .function(let fn) = storage[g], fn.parameterCount == site.argc else {
            return try site.callOther(storage[g], f)
          }
          return try Compiler.enter(fn, f, site)
        }
      }
      let callee = compileExpr(calleeExpr)
      return { f in
        let calleeValue = try callee(f)
        guard case .function(let fn) = calleeValue, fn.parameterCount == site.argc else {
          return try site.callOther(calleeValue, f)
        }
        return try Compiler.enter(fn, f, site)
      }
    }
    var callee = compileExpr(calleeExpr)
    if case .name = calleeExpr.kind, case .global(let g)? = ref(calleeExpr.id),
      !resolution.forwardGlobalUses.contains(calleeExpr.id)
    {
      // Read the global slot in place rather than through a load closure.
      let storage = rt.globals
      callee = { _ in storage[g] }
    }
    return { f in
      let calleeValue = try callee(f)
      let (values, named) = try evaluateArguments(f)
      return try Compiler.callValue(calleeValue, values, named, f: f, span: span, path: path, labels: labels)
    }
  }

  /// Runs `fn` (whose arity is `site.argc`) on a new frame of the value stack, its positional
  /// arguments evaluated in frame `f` from the site's operands.
  ///
  /// One or two arguments are evaluated before the frame is reserved and initialize their
  /// slots directly (no nil store first); an error in an argument leaves nothing to undo.
  @inline(__always)
  static func enter(_ fn: Closure, _ f: Frame, _ site: CallSite) throws -> Value {
    let m = f.m
    let slotCount = fn.slotCount
    if m.pointee.depth >= m.pointee.maxDepth || m.pointee.sp + slotCount > m.pointee.stackCapacity {
      throw RuntimeError(Messages.recursionDepthExceeded, at: site.span, path: site.path)
    }
    if m.pointee.isInterrupted {
      throw RuntimeError(Messages.interrupted, at: site.span, path: site.path)
    }
    let base: Int
    let slots: UnsafeMutablePointer<Value>
    switch site.argc {
    case 1:
      let a = try site.first.evaluate(f)
      base = m.pointee.sp
      slots = m.pointee.stack + base
      slots.initialize(to: a)
      nullSlots(slots + 1, slotCount - 1)
    case 2:
      let a = try site.first.evaluate(f)
      let b = try site.second.evaluate(f)
      base = m.pointee.sp
      slots = m.pointee.stack + base
      slots.initialize(to: a)
      (slots + 1).initialize(to: b)
      nullSlots(slots + 2, slotCount - 2)
    default:
      base = m.pointee.sp
      slots = m.pointee.stack + base
      nullSlots(slots, slotCount)
      m.pointee.sp = base + slotCount
      do {
        var i = 0
        while i < site.argc {
          slots[i] = try site.operands[i].evaluate(f)
          i += 1
        }
      } catch {
        releaseSlots(slots, slotCount)
        m.pointee.sp = base
        throw error
      }
    }
    m.pointee.sp = base + slotCount
    m.pointee.depth += 1
    defer {
      releaseSlots(slots, slotCount)
      m.pointee.sp = base
      m.pointee.depth -= 1
    }
    do {
      let frame = fn.cellCount == 0
        ? Frame(slots: slots, cells: nil, closure: fn, m: m)
        : m.pointee.interpreter.makeFrame(fn, slots)
      return try fn.body(frame)
    } catch var error as RuntimeError {
      error.leaving(fn.proto.name, callSpan: site.span, callPath: site.path)
      throw error
    }
  }

  /// The general call: any callee, keywords and defaults.
  static func callValue(
    _ callee: Value, _ values: [Value], _ named: [(String, Value)], f: Frame, span: Span, path: String,
    labels: [String: Span] = [:]
  ) throws -> Value {
    switch callee {
    case .function(let fn):
      return try invokeTraced(fn, positional: values, keywords: named, f: f, span: span, path: path, labels: labels)
    case .builtin(let builtin):
      return try Compiler.invokeBuiltin(builtin, values, named, f: f, span: span, path: path, labels: labels)
    default:
      throw RuntimeError(Messages.notCallable(callee.typeName), at: span, path: path)
    }
  }

  /// Calls a built-in; a Melix function it calls back that fails gets its frame, and the
  /// trace continues at this call site.
  @inline(__always)
  static func invokeBuiltin(
    _ builtin: Builtin, _ positional: [Value], _ named: [(String, Value)], f: Frame, span: Span, path: String,
    labels: [String: Span] = [:]
  ) throws -> Value {
    do {
      return try builtin.invoke(positional: positional, keywords: named, context: f.rt)
    } catch let error as MelixError {
      throw RuntimeError(error, at: span, path: path, labels: labels)
    } catch var error as RuntimeError {
      if error.awaitingCallSite {
        error.pendingLine = span.line
        error.pendingPath = path
        error.awaitingCallSite = false
      }
      throw error
    }
  }

  static func invokeTraced(
    _ fn: Closure, positional: [Value], keywords: [(String, Value)], f: Frame, span: Span, path: String,
    labels: [String: Span] = [:]
  ) throws -> Value {
    if f.m.pointee.isInterrupted { throw RuntimeError(Messages.interrupted, at: span, path: path) }
    do {
      return try f.rt.callFunction(fn, positional: positional, keywords: keywords)
    } catch let error as MelixError {
      // Argument binding failed before the call started: no frame for the callee.
      throw RuntimeError(error, at: span, path: path, labels: labels)
    } catch var error as RuntimeError {
      error.leaving(fn.proto.name, callSpan: span, callPath: path)
      throw error
    }
  }
}

extension Compiler {
  /// `'reshape' takes 1 argument but 2 were given` for `a.reshape(3, 2)`: counts the
  /// arguments inside the parentheses, not the receiver that becomes the first parameter.
  ///
  /// - Parameters:
  ///   - name: The method's name.
  ///   - parameters: The function's parameter names, receiver first (at least one).
  ///   - got: The arguments written inside the parentheses.
  ///   - span: The call.
  ///   - path: The file.
  /// - Returns: The error, with a help line naming the parameters.
  static func methodArityError(_ name: String, parameters: [String], got: Int, span: Span, path: String) -> RuntimeError {
    var error = RuntimeError(Messages.tooManyArguments(name, expected: parameters.count - 1, got: got), at: span, path: path)
    if let receiver = parameters.first {
      let rest = parameters.dropFirst().map { "'\($0)'" }.joined(separator: ", ")
      error.help = "the value before '.' is '\(receiver)'" + (rest.isEmpty ? "" : "; the arguments are \(rest)")
    }
    return error
  }
}

extension RuntimeError {
  /// A runtime error from a built-in's or binder's `MelixError` at a call: the caret goes
  /// under the keyword the error names (when written in `labels`), else under the call.
  ///
  /// - Parameters:
  ///   - error: The thrown error (message, help, keyword).
  ///   - span: The call's span.
  ///   - path: The file of the call.
  ///   - labels: Where each keyword argument of the call is written.
  init(_ error: MelixError, at span: Span, path: String, labels: [String: Span]) {
    self.init(error.message, at: error.keyword.flatMap { labels[$0] } ?? span, path: path)
    help = error.help
  }
}
