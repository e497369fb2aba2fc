import MelixSyntax

/// A compiled expression of one of the shapes that dominate call arguments, operator operands
/// and returned values (`n`, `2`, `n - 1`, `xs[i]`, `m[i][j]`), evaluated by a `switch` at the use site instead of
/// an indirect closure call.
///
/// Each arithmetic or index shape carries the expression's general closure as `fallback`: it
/// runs when a slot does not hold an Int (or a List), the result overflows or the index is out
/// of range, so errors and other operand types behave exactly as through `compileExpr`.
enum Operand {
  /// A local slot's value.
  case local(Int)
  /// A constant.
  case constant(Value)
  /// `local + k` for an Int literal `k`.
  case localAddInt(slot: Int, k: Int, fallback: Eval)
  /// `local - k` for an Int literal `k`.
  case localSubtractInt(slot: Int, k: Int, fallback: Eval)
  /// `list[i]` with both names local.
  case localIndex(list: Int, index: Int, fallback: Eval)
  /// `matrix[i][j]` with all three names local.
  case localIndex2(matrix: Int, row: Int, column: Int, fallback: Eval)
  /// Anything else.
  case eval(Eval)

  /// The operand's value in frame `f`.
  @inline(__always)
  func evaluate(_ f: Frame) throws -> Value {
    switch self {
    case .local(let slot):
      // An Int is copied without the generic (outlined) Value copy.
      if case .int(let x) = f.slots[slot] { return .int(x) }
      return f.slots[slot]
    case .constant(let value):
      return value
    case .localAddInt(let slot, let k, let fallback):
      if case .int(let x) = f.slots[slot] {
        let (r, o) = x.addingReportingOverflow(k)
        if !o { return .int(r) }
      }
      return try fallback(f)
    case .localSubtractInt(let slot, let k, let fallback):
      if case .int(let x) = f.slots[slot] {
        let (r, o) = x.subtractingReportingOverflow(k)
        if !o { return .int(r) }
      }
      return try fallback(f)
    case .localIndex(let listSlot, let indexSlot, let fallback):
      if case .list(let list) = f.slots[listSlot], case .int(let i) = f.slots[indexSlot], i >= 0,
        i < list.items.count
      {
        return list.items[i]
      }
      return try fallback(f)
    case .localIndex2(let matrixSlot, let rowSlot, let columnSlot, let fallback):
      if case .list(let matrix) = f.slots[matrixSlot], case .int(let i) = f.slots[rowSlot], i >= 0,
        i < matrix.items.count, case .list(let row) = matrix.items[i],
        case .int(let j) = f.slots[columnSlot], j >= 0, j < row.items.count
      {
        return row.items[j]
      }
      return try fallback(f)
    case .eval(let eval):
      return try eval(f)
    }
  }
}

/// A compiled condition of the shape `local op k` (an Int literal `k`, a comparison `op`),
/// tested inline; anything else goes through `general`.
enum Condition {
  /// `local op k`: `test` is the comparison to apply, `general` the full condition (used when
  /// the slot does not hold an Int).
  case localInt(slot: Int, test: IntComparison, k: Int, general: (Frame) throws -> Bool)
  /// Any other condition.
  case general((Frame) throws -> Bool)

  /// Whether the condition holds in frame `f`.
  @inline(__always)
  func test(_ f: Frame) throws -> Bool {
    switch self {
    case .localInt(let slot, let comparison, let k, let general):
      if case .int(let x) = f.slots[slot] { return comparison.apply(x, k) }
      return try general(f)
    case .general(let general):
      return try general(f)
    }
  }
}

/// The six comparisons, applied to two Ints.
enum IntComparison {
  case less, lessEqual, greater, greaterEqual, equal, notEqual

  /// The comparison for a binary operator, or nil for a non-comparison.
  init?(_ op: BinaryOperator) {
    switch op {
    case .less: self = .less
    case .lessEqual: self = .lessEqual
    case .greater: self = .greater
    case .greaterEqual: self = .greaterEqual
    case .equal: self = .equal
    case .notEqual: self = .notEqual
    default: return nil
    }
  }

  /// `x op y`.
  @inline(__always)
  func apply(_ x: Int, _ y: Int) -> Bool {
    switch self {
    case .less: return x < y
    case .lessEqual: return x <= y
    case .greater: return x > y
    case .greaterEqual: return x >= y
    case .equal: return x == y
    case .notEqual: return x != y
    }
  }
}

extension Compiler {
  /// Compiles `expr` as an `Operand`: a simple shape when it is one, else its closure.
  func compileOperand(_ expr: Expr) -> Operand {
    switch expr.kind {
    case .int(let i): return .constant(.int(i))
    case .float(let d): return .constant(.float(d))
    case .string(let s): return .constant(.string(s))
    case .bool(let b): return .constant(.bool(b))
    case .nilLiteral: return .constant(.null)
    case .name:
      if case .local(let slot)? = ref(expr.id) { return .local(slot) }
    case .binary(let op, let lhsExpr, let rhsExpr):
      if case .int(let k) = rhsExpr.kind, case .name = lhsExpr.kind,
        case .local(let slot)? = ref(lhsExpr.id)
      {
        switch op {
        case .add: return .localAddInt(slot: slot, k: k, fallback: compileExpr(expr))
        case .subtract: return .localSubtractInt(slot: slot, k: k, fallback: compileExpr(expr))
        default: break
        }
      }
    case .index(let objectExpr, let subscripts):
      guard subscripts.count == 1, case .index(let keyExpr) = subscripts[0], case .name = keyExpr.kind,
        case .local(let keySlot)? = ref(keyExpr.id)
      else { break }
      if case .name = objectExpr.kind, case .local(let listSlot)? = ref(objectExpr.id) {
        return .localIndex(list: listSlot, index: keySlot, fallback: compileExpr(expr))
      }
      if case .index(let innerObject, let innerSubscripts) = objectExpr.kind, innerSubscripts.count == 1,
        case .index(let innerKey) = innerSubscripts[0],
        case .name = innerObject.kind, case .local(let matrixSlot)? = ref(innerObject.id),
        case .name = innerKey.kind, case .local(let rowSlot)? = ref(innerKey.id)
      {
        return .localIndex2(matrix: matrixSlot, row: rowSlot, column: keySlot, fallback: compileExpr(expr))
      }
    default:
      break
    }
    return .eval(compileExpr(expr))
  }

  /// Compiles a condition, testing `local op k` inline.
  func compileCondition(_ expr: Expr) -> Condition {
    let general = condition(expr)
    if case .binary(let op, let lhsExpr, let rhsExpr) = expr.kind, case .int(let k) = rhsExpr.kind,
      case .name = lhsExpr.kind, case .local(let slot)? = ref(lhsExpr.id),
      let comparison = IntComparison(op)
    {
      return .localInt(slot: slot, test: comparison, k: k, general: general)
    }
    return .general(general)
  }
}

/// The operands and slow path of a compiled binary operator, captured as one object so the
/// operator's closure has a one-word context (closures with many captures are called through
/// forwarding thunks that copy every capture onto the stack, on every call).
final class BinarySite {
  /// The left operand.
  let lhs: Operand
  /// The right operand.
  let rhs: Operand
  /// The operator for any operand types, with errors located at the operator.
  let slow: (Value, Value) throws -> Value

  init(lhs: Operand, rhs: Operand, slow: @escaping (Value, Value) throws -> Value) {
    self.lhs = lhs
    self.rhs = rhs
    self.slow = slow
  }
}

/// A function body's `if c { return a } ...; return b` compiled to a conditional value (see
/// `Compiler.compileTail`), captured as one object for the same reason as `BinarySite`.
final class TailBranch {
  /// The `if` condition.
  let test: Condition
  /// The value returned when the condition holds.
  let then: Operand
  /// The value of the rest of the body otherwise.
  let otherwise: Operand

  init(test: Condition, then: Operand, otherwise: Operand) {
    self.test = test
    self.then = then
    self.otherwise = otherwise
  }
}

/// What a call with positional arguments only needs at run time, captured as one object for
/// the same reason as `BinarySite`.
final class CallSite {
  /// The number of positional arguments.
  let argc: Int
  /// The first argument (`.constant(.null)` when absent), evaluated inline.
  let first: Operand
  /// The second argument (`.constant(.null)` when absent), evaluated inline.
  let second: Operand
  /// All positional arguments.
  let operands: [Operand]
  /// The call's place, for errors and the call trace.
  let span: Span
  /// The file of the call.
  let path: String
  /// Evaluates the arguments to an array, for callees off the fast path.
  let arguments: (Frame) throws -> [Value]

  init(
    operands: [Operand], span: Span, path: String, arguments: @escaping (Frame) throws -> [Value]
  ) {
    argc = operands.count
    first = operands.count > 0 ? operands[0] : .constant(.null)
    second = operands.count > 1 ? operands[1] : .constant(.null)
    self.operands = operands
    self.span = span
    self.path = path
    self.arguments = arguments
  }

  /// Calls `callee` the general way (not a Melix function of arity `argc`).
  func callOther(_ callee: Value, _ f: Frame) throws -> Value {
    let values = try arguments(f)
    return try Compiler.callValue(callee, values, [], f: f, span: span, path: path)
  }
}
