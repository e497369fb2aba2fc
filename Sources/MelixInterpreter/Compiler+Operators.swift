import MelixSyntax

/// Binary operators: Int and Float cases inline, the rest through `Operators`.
extension Compiler {
  // MARK: - Binary operators

  /// A function applying `op` to two values, Int and Float cases first.
  func binaryFunction(_ op: BinaryOperator, span: Span, site: OperatorSite? = nil) -> (Value, Value) throws -> Value {
    let path = self.path
    // Errors a native operand raises (tensor shapes) point at the operator (`OperatorSite`).
    func located<T>(_ span: Span, _ path: String, _ body: () throws -> T) throws -> T {
      try OperatorSite.located(site, span, path, body)
    }
    switch op {
    case .add:
      return { a, b in
        if case .int(let x) = a, case .int(let y) = b {
          let (r, o) = x.addingReportingOverflow(y)
          if !o { return .int(r) }
        } else if case .float(let x) = a, case .float(let y) = b {
          return .float(x + y)
        }
        return try located(span, path) { try Operators.add(a, b) }
      }
    case .subtract:
      return { a, b in
        if case .int(let x) = a, case .int(let y) = b {
          let (r, o) = x.subtractingReportingOverflow(y)
          if !o { return .int(r) }
        } else if case .float(let x) = a, case .float(let y) = b {
          return .float(x - y)
        }
        return try located(span, path) { try Operators.arithmetic(.subtract, a, b) }
      }
    case .multiply:
      return { a, b in
        if case .int(let x) = a, case .int(let y) = b {
          let (r, o) = x.multipliedReportingOverflow(by: y)
          if !o { return .int(r) }
        } else if case .float(let x) = a, case .float(let y) = b {
          return .float(x * y)
        }
        return try located(span, path) { try Operators.arithmetic(.multiply, a, b) }
      }
    case .less:
      return { a, b in
        if case .int(let x) = a, case .int(let y) = b { return .bool(x < y) }
        if case .float(let x) = a, case .float(let y) = b { return .bool(x < y) }
        return try located(span, path) { try Operators.binary(op, a, b) }
      }
    case .lessEqual:
      return { a, b in
        if case .int(let x) = a, case .int(let y) = b { return .bool(x <= y) }
        if case .float(let x) = a, case .float(let y) = b { return .bool(x <= y) }
        return try located(span, path) { try Operators.binary(op, a, b) }
      }
    case .greater:
      return { a, b in
        if case .int(let x) = a, case .int(let y) = b { return .bool(x > y) }
        if case .float(let x) = a, case .float(let y) = b { return .bool(x > y) }
        return try located(span, path) { try Operators.binary(op, a, b) }
      }
    case .greaterEqual:
      return { a, b in
        if case .int(let x) = a, case .int(let y) = b { return .bool(x >= y) }
        if case .float(let x) = a, case .float(let y) = b { return .bool(x >= y) }
        return try located(span, path) { try Operators.binary(op, a, b) }
      }
    case .equal:
      return { a, b in
        if case .int(let x) = a, case .int(let y) = b { return .bool(x == y) }
        if case .float(let x) = a, case .float(let y) = b { return .bool(x == y) }
        if case .native = a { return try located(span, path) { try Operators.binary(op, a, b) } }
        if case .native = b { return try located(span, path) { try Operators.binary(op, a, b) } }
        return .bool(try located(span, path) { try Operators.equalChecked(a, b) })
      }
    case .notEqual:
      return { a, b in
        if case .int(let x) = a, case .int(let y) = b { return .bool(x != y) }
        if case .float(let x) = a, case .float(let y) = b { return .bool(x != y) }
        if case .native = a { return try located(span, path) { try Operators.binary(op, a, b) } }
        if case .native = b { return try located(span, path) { try Operators.binary(op, a, b) } }
        return .bool(!(try located(span, path) { try Operators.equalChecked(a, b) }))
      }
    default:
      return { a, b in try located(span, path) { try Operators.binary(op, a, b) } }
    }
  }

  func compileBinary(_ op: BinaryOperator, _ lhsExpr: Expr, _ rhsExpr: Expr, span: Span) -> Eval {
    let path = self.path
    // Errors a native operand raises (tensor shapes) point at the operator (`OperatorSite`).
    let operatorSite = OperatorSite(
      source: sourceBytes, op: op, lhs: lhsExpr.span, rhs: rhsExpr.span)
    func located<T>(_ span: Span, _ path: String, _ body: () throws -> T) throws -> T {
      try OperatorSite.located(operatorSite, span, path, body)
    }
    // Specialised shapes for the hottest cases: `local op constant` and `local op local`.
    if case .int(let k) = rhsExpr.kind, case .name = lhsExpr.kind, let ref = ref(lhsExpr.id), case .local(let slot) = ref {
      switch op {
      case .add:
        return { f in
          if case .int(let x) = f.slots[slot] {
            let (r, o) = x.addingReportingOverflow(k)
            if !o { return .int(r) }
          }
          let a = f.slots[slot]
          return try located(span, path) { try Operators.add(a, .int(k)) }
        }
      case .subtract:
        return { f in
          if case .int(let x) = f.slots[slot] {
            let (r, o) = x.subtractingReportingOverflow(k)
            if !o { return .int(r) }
          }
          let a = f.slots[slot]
          return try located(span, path) { try Operators.arithmetic(.subtract, a, .int(k)) }
        }
      case .less:
        return { f in
          if case .int(let x) = f.slots[slot] { return .bool(x < k) }
          let a = f.slots[slot]
          return try located(span, path) { try Operators.binary(.less, a, .int(k)) }
        }
      default: break
      }
    }
    // Operands of the simple shapes (`n`, `1`, `n - 1`) are evaluated inline; the closures
    // capture one `BinarySite` (a one-word context: no stack-passed captures per call).
    let lhs = compileOperand(lhsExpr)
    let rhs = compileOperand(rhsExpr)
    func site(_ slow: @escaping (Value, Value) throws -> Value) -> BinarySite {
      BinarySite(lhs: lhs, rhs: rhs, slow: slow)
    }
    switch op {
    case .add:
      let s = site { a, b in try located(span, path) { try Operators.add(a, b) } }
      return { f in
        let a = try s.lhs.evaluate(f)
        let b = try s.rhs.evaluate(f)
        if case .int(let x) = a, case .int(let y) = b {
          let (r, o) = x.addingReportingOverflow(y)
          if !o { return .int(r) }
        } else if case .float(let x) = a, case .float(let y) = b {
          return .float(x + y)
        }
        return try s.slow(a, b)
      }
    case .subtract:
      let s = site { a, b in try located(span, path) { try Operators.arithmetic(.subtract, a, b) } }
      return { f in
        let a = try s.lhs.evaluate(f)
        let b = try s.rhs.evaluate(f)
        if case .int(let x) = a, case .int(let y) = b {
          let (r, o) = x.subtractingReportingOverflow(y)
          if !o { return .int(r) }
        } else if case .float(let x) = a, case .float(let y) = b {
          return .float(x - y)
        }
        return try s.slow(a, b)
      }
    case .multiply:
      let s = site { a, b in try located(span, path) { try Operators.arithmetic(.multiply, a, b) } }
      return { f in
        let a = try s.lhs.evaluate(f)
        let b = try s.rhs.evaluate(f)
        if case .float(let x) = a, case .float(let y) = b {
          return .float(x * y)
        } else if case .int(let x) = a, case .int(let y) = b {
          let (r, o) = x.multipliedReportingOverflow(by: y)
          if !o { return .int(r) }
        }
        return try s.slow(a, b)
      }
    case .less:
      let s = site { a, b in try located(span, path) { try Operators.binary(.less, a, b) } }
      return { f in
        let a = try s.lhs.evaluate(f)
        let b = try s.rhs.evaluate(f)
        if case .int(let x) = a, case .int(let y) = b { return .bool(x < y) }
        return try s.slow(a, b)
      }
    case .lessEqual:
      let s = site { a, b in try located(span, path) { try Operators.binary(.lessEqual, a, b) } }
      return { f in
        let a = try s.lhs.evaluate(f)
        let b = try s.rhs.evaluate(f)
        if case .int(let x) = a, case .int(let y) = b { return .bool(x <= y) }
        return try s.slow(a, b)
      }
    default:
      let s = site(binaryFunction(op, span: span, site: operatorSite))
      return { f in try s.slow(try s.lhs.evaluate(f), try s.rhs.evaluate(f)) }
    }
  }
}
