import Foundation
import MelixNumerics
import MelixSyntax

/// The semantics of Melix operators on values (the slow, general paths; compiled nodes
/// inline the Int and Float cases first).
enum Operators {
  // MARK: - Arithmetic

  static func binary(_ op: BinaryOperator, _ lhs: Value, _ rhs: Value) throws -> Value {
    switch op {
    case .add: return try add(lhs, rhs)
    case .subtract, .multiply, .divide, .floorDivide, .modulo, .power:
      return try arithmetic(op, lhs, rhs)
    case .matmul:
      if case .native = lhs { return try native(op, lhs, rhs) }
      if case .native = rhs { return try native(op, lhs, rhs) }
      throw MelixError(Messages.matmulNeedsTensors(lhs.typeName, rhs.typeName))
    case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual:
      // Tensors compare element-wise (NumPy): the native value answers first.
      if let result = try nativeComparison(op, lhs, rhs) { return result }
      if op == .equal { return .bool(try equalChecked(lhs, rhs)) }
      if op == .notEqual { return .bool(!(try equalChecked(lhs, rhs))) }
      let order = try compare(lhs, rhs, op: op.rawValue)
      switch op {
      case .less: return .bool(order < 0)
      case .lessEqual: return .bool(order <= 0)
      case .greater: return .bool(order > 0)
      default: return .bool(order >= 0)
      }
    case .contains: return .bool(try contains(rhs, lhs))
    case .notContains: return .bool(!(try contains(rhs, lhs)))
    }
  }

  /// A native operand's own comparison result (`t > 0` is a bool tensor), or nil.
  static func nativeComparison(_ op: BinaryOperator, _ lhs: Value, _ rhs: Value) throws -> Value? {
    if case .native(let n) = lhs, let result = try n.binary(op, rhs, isLeft: true) { return result }
    if case .native(let n) = rhs, let result = try n.binary(op, lhs, isLeft: false) { return result }
    return nil
  }

  static func add(_ lhs: Value, _ rhs: Value) throws -> Value {
    switch (lhs, rhs) {
    case (.string(let a), .string(let b)): return .string(a + b)
    case (.list(let a), .list(let b)): return .list(ListRef(a.items + b.items))
    case (.tuple(let a), .tuple(let b)): return .tuple(TupleRef(a.items + b.items))
    default: return try arithmetic(.add, lhs, rhs)
    }
  }

  static func arithmetic(_ op: BinaryOperator, _ lhs: Value, _ rhs: Value) throws -> Value {
    switch (lhs, rhs) {
    case (.int(let a), .int(let b)): return try intArithmetic(op, a, b)
    case (.int(let a), .float(let b)): return floatArithmetic(op, Double(a), b)
    case (.float(let a), .int(let b)): return floatArithmetic(op, a, Double(b))
    case (.float(let a), .float(let b)): return floatArithmetic(op, a, b)
    case (.string(let s), .int(let n)) where op == .multiply: return .string(try repeated(s, n))
    case (.int(let n), .string(let s)) where op == .multiply: return .string(try repeated(s, n))
    case (.list(let l), .int(let n)) where op == .multiply:
      return .list(ListRef(Array(try repeatedItems(l.items, n))))
    case (.int(let n), .list(let l)) where op == .multiply:
      return .list(ListRef(Array(try repeatedItems(l.items, n))))
    default: return try native(op, lhs, rhs)
    }
  }

  private static func repeated(_ s: String, _ n: Int) throws -> String {
    guard n > 0 else { return "" }
    guard s.utf8.count.multipliedReportingOverflow(by: n).overflow == false, s.utf8.count * n <= 1 << 30 else {
      throw MelixError("string repetition too large")
    }
    return String(repeating: s, count: n)
  }

  private static func repeatedItems(_ items: [Value], _ n: Int) throws -> [Value] {
    guard n > 0 else { return [] }
    guard items.count.multipliedReportingOverflow(by: n).overflow == false, items.count * n <= 1 << 28 else {
      throw MelixError("list repetition too large")
    }
    var out: [Value] = []
    out.reserveCapacity(items.count * n)
    for _ in 0..<n { out += items }
    return out
  }

  static func native(_ op: BinaryOperator, _ lhs: Value, _ rhs: Value) throws -> Value {
    if case .native(let n) = lhs, let result = try n.binary(op, rhs, isLeft: true) { return result }
    if case .native(let n) = rhs, let result = try n.binary(op, lhs, isLeft: false) { return result }
    throw MelixError(Messages.unsupportedOperands(op.rawValue, lhs.typeName, rhs.typeName))
  }

  static func intArithmetic(_ op: BinaryOperator, _ a: Int, _ b: Int) throws -> Value {
    switch op {
    case .add:
      let (r, o) = a.addingReportingOverflow(b)
      if o { throw MelixError(Messages.integerOverflow("+")) }
      return .int(r)
    case .subtract:
      let (r, o) = a.subtractingReportingOverflow(b)
      if o { throw MelixError(Messages.integerOverflow("-")) }
      return .int(r)
    case .multiply:
      let (r, o) = a.multipliedReportingOverflow(by: b)
      if o { throw MelixError(Messages.integerOverflow("*")) }
      return .int(r)
    case .divide:
      if b == 0 { throw MelixError(Messages.divisionByZero) }
      return .float(Double(a) / Double(b))
    case .floorDivide:
      if b == 0 { throw MelixError(Messages.integerDivisionByZero) }
      return .int(try floorDiv(a, b))
    case .modulo:
      if b == 0 { throw MelixError(Messages.integerModuloByZero) }
      return .int(floorMod(a, b))
    case .power:
      if b < 0 { return .float(Foundation.pow(Double(a), Double(b))) }
      return .int(try intPower(a, b))
    default:
      throw MelixError(Messages.unsupportedOperands(op.rawValue, "Int", "Int"))
    }
  }

  static func floorDiv(_ a: Int, _ b: Int) throws -> Int {
    let (q, o) = a.dividedReportingOverflow(by: b)
    if o { throw MelixError(Messages.integerOverflow("//")) }
    if (a % b != 0) && ((a < 0) != (b < 0)) { return q - 1 }
    return q
  }

  /// `a % b` with the sign of the divisor, as in Python.
  static func floorMod(_ a: Int, _ b: Int) -> Int {
    if b == -1 { return 0 }
    let r = a % b
    return (r != 0 && ((r < 0) != (b < 0))) ? r + b : r
  }

  static func intPower(_ base: Int, _ exponent: Int) throws -> Int {
    var result = 1
    var b = base
    var e = exponent
    while e > 0 {
      if e & 1 == 1 {
        let (r, o) = result.multipliedReportingOverflow(by: b)
        if o { throw MelixError(Messages.integerOverflow("**")) }
        result = r
      }
      e >>= 1
      if e > 0 {
        let (sq, o) = b.multipliedReportingOverflow(by: b)
        if o { throw MelixError(Messages.integerOverflow("**")) }
        b = sq
      }
    }
    return result
  }

  static func floatArithmetic(_ op: BinaryOperator, _ a: Double, _ b: Double) -> Value {
    switch op {
    case .add: return .float(a + b)
    case .subtract: return .float(a - b)
    case .multiply: return .float(a * b)
    case .divide: return .float(a / b)
    // Python's float // and % (and NumPy's): through the exact remainder, so 1.0 // 0.1 is
    // 9.0 (floor of the rounded quotient gave 10.0), inf // 2.0 is nan, -5.0 // inf is -1.0.
    case .floorDivide: return .float(FloatDivmod.floorDivide(a, b))
    case .modulo: return .float(FloatDivmod.remainder(a, b))
    case .power: return .float(Foundation.pow(a, b))
    default: return .float(.nan)
    }
  }

  static func negate(_ value: Value) throws -> Value {
    switch value {
    case .int(let i):
      if i == Int.min { throw MelixError(Messages.integerOverflow("-")) }
      return .int(-i)
    case .float(let f): return .float(-f)
    case .native(let n):
      if let result = try n.negated() { return result }
    default: break
    }
    throw MelixError(Messages.unsupportedOperand("-", value.typeName))
  }

  // MARK: - Comparison

  /// Melix `==` for Swift callers (`Equatable`, `in`): values nested deeper than 1,000
  /// levels compare unequal (a list can contain itself).
  static func equal(_ lhs: Value, _ rhs: Value, depth: Int = 0) -> Bool {
    var tooDeep = false
    return equal(lhs, rhs, depth: depth, tooDeep: &tooDeep)
  }

  /// Melix `==` for the operators `==` and `!=`: values nested deeper than 1,000 levels are
  /// an error, as for `<` (they silently compared unequal, even two equal deep lists).
  ///
  /// - Throws: `MelixError` when the comparison goes deeper than 1,000 levels.
  static func equalChecked(_ lhs: Value, _ rhs: Value) throws -> Bool {
    var tooDeep = false
    let result = equal(lhs, rhs, depth: 0, tooDeep: &tooDeep)
    if tooDeep { throw MelixError("comparison of values nested too deeply") }
    return result
  }

  private static func equal(_ lhs: Value, _ rhs: Value, depth: Int, tooDeep: inout Bool) -> Bool {
    // Lists can contain themselves; give up (unequal, and say so) rather than recurse forever.
    if depth > 1_000 {
      tooDeep = true
      return false
    }
    func equal(_ a: Value, _ b: Value) -> Bool { Operators.equal(a, b, depth: depth + 1, tooDeep: &tooDeep) }
    switch (lhs, rhs) {
    case (.null, .null): return true
    case (.bool(let a), .bool(let b)): return a == b
    case (.int(let a), .int(let b)): return a == b
    case (.float(let a), .float(let b)): return a == b
    case (.int(let a), .float(let b)): return Double(a) == b && Int(exactly: b) == a
    case (.float(let a), .int(let b)): return a == Double(b) && Int(exactly: a) == b
    case (.string(let a), .string(let b)): return a == b
    case (.list(let a), .list(let b)):
      return a === b || (a.items.count == b.items.count && zip(a.items, b.items).allSatisfy { equal($0, $1) })
    case (.tuple(let a), .tuple(let b)):
      return a.items.count == b.items.count && zip(a.items, b.items).allSatisfy { equal($0, $1) }
    case (.dict(let a), .dict(let b)):
      if a === b { return true }
      guard a.count == b.count else { return false }
      for i in 0..<a.count {
        guard let key = HashKey(a.keys[i]), let other = b.get(key), equal(a.values[i], other) else { return false }
      }
      return true
    case (.range(let a), .range(let b)):
      return a.count == b.count && (a.count == 0 || (a.start == b.start && (a.count == 1 || a.step == b.step)))
    case (.function(let a), .function(let b)): return a === b
    case (.builtin(let a), .builtin(let b)): return a === b
    case (.native(let a), _): return a.isEqual(to: rhs)
    case (_, .native(let b)): return b.isEqual(to: lhs)
    default: return false
    }
  }

  /// -1, 0 or 1; numbers by value, strings by Unicode scalars, lists and tuples element-wise.
  static func compare(_ lhs: Value, _ rhs: Value, op: String, depth: Int = 0) throws -> Int {
    if depth > 1_000 { throw MelixError("comparison of values nested too deeply") }
    switch (lhs, rhs) {
    case (.int(let a), .int(let b)): return a < b ? -1 : (a == b ? 0 : 1)
    case (.string(let a), .string(let b)):
      return a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars) ? -1 : (a == b ? 0 : 1)
    case (.list(let a), .list(let b)): return try compareSequences(a.items, b.items, op: op, depth: depth)
    case (.tuple(let a), .tuple(let b)): return try compareSequences(a.items, b.items, op: op, depth: depth)
    default:
      if let a = lhs.asDouble, let b = rhs.asDouble {
        if a.isNaN || b.isNaN { return 2 }  // every ordered comparison with nan is false
        return a < b ? -1 : (a == b ? 0 : 1)
      }
      throw MelixError("cannot compare \(lhs.typeName) and \(rhs.typeName) with '\(op)'")
    }
  }

  private static func compareSequences(_ a: [Value], _ b: [Value], op: String, depth: Int) throws -> Int {
    for (x, y) in zip(a, b) {
      if !equal(x, y) { return try compare(x, y, op: op, depth: depth + 1) }
    }
    return a.count < b.count ? -1 : (a.count == b.count ? 0 : 1)
  }

  /// `needle in container`.
  static func contains(_ container: Value, _ needle: Value) throws -> Bool {
    switch container {
    case .list(let l): return l.items.contains { equal($0, needle) }
    case .tuple(let t): return t.items.contains { equal($0, needle) }
    case .dict(let d):
      guard let key = HashKey(needle) else { throw MelixError(Messages.unhashable(needle.typeName)) }
      return d.get(key) != nil
    case .string(let s):
      guard case .string(let sub) = needle else {
        throw MelixError("'in' on a String needs a String, got \(needle.typeName)")
      }
      return sub.isEmpty || s.contains(sub)
    case .range(let r):
      guard case .int(let i) = needle else { return false }
      return r.contains(i)
    case .native(let n):
      if let elements = try n.elements() { return elements.contains { equal($0, needle) } }
      throw MelixError("'in' is not supported on \(n.typeName)")
    default:
      throw MelixError("'in' needs a List, Tuple, Dict, String or Range on the right, got \(container.typeName)")
    }
  }

  // MARK: - Iteration

  /// The elements a `for` loop visits (lists are visited live by the loop itself).
  static func elements(of value: Value) throws -> [Value] {
    switch value {
    case .list(let l): return l.items
    case .tuple(let t): return t.items
    case .dict(let d): return d.keys
    case .string(let s): return s.map { .string(String($0)) }
    case .range(let r):
      guard r.count <= 1 << 28 else { throw MelixError("range of \(r.count) values is too large to make a list of") }
      return (0..<r.count).map { .int(r.element($0)) }
    case .native(let n):
      if let elements = try n.elements() { return elements }
      throw MelixError(Messages.notIterable(n.typeName))
    default: throw MelixError(Messages.notIterable(value.typeName))
    }
  }

  /// `elements(of:)` for built-ins: expanding a range polls `flag` (Ctrl-C) as it goes, as
  /// the interpreter's loops do, since a range is cheap to write and may be huge.
  ///
  /// - Parameters:
  ///   - value: An iterable value.
  ///   - flag: The session's interrupt flag.
  /// - Returns: The elements, in order.
  /// - Throws: `MelixError` `interrupted` when the flag is set; the errors of `elements(of:)`.
  static func elements(of value: Value, polling flag: InterruptFlag) throws -> [Value] {
    guard case .range(let r) = value else { return try elements(of: value) }
    guard r.count <= 1 << 28 else {
      throw MelixError("range of \(r.count) values is too large to make a list of")
    }
    var out: [Value] = []
    out.reserveCapacity(r.count)
    for i in 0..<r.count {
      if i & 0xFFFF == 0 && flag.isSet { throw MelixError(Messages.interrupted) }
      out.append(.int(r.element(i)))
    }
    return out
  }

  // MARK: - Indexing

  static func normalize(_ index: Int, count: Int, type: String) throws -> Int {
    let i = index < 0 ? index + count : index
    guard i >= 0 && i < count else { throw MelixError(Messages.indexOutOfRange(index, type, length: count)) }
    return i
  }

  /// Python slice semantics, including negative steps (`xs[::-1]` reverses).
  static func sliced<T>(_ items: [T], _ lower: Int?, _ upper: Int?, _ step: Int?) -> [T] {
    let count = items.count
    let step = step ?? 1
    if step == 1 { return Array(items[sliceBounds(lower, upper, count: count)]) }
    func adjust(_ value: Int?, _ defaultValue: Int, low: Int, high: Int) -> Int {
      guard let value else { return defaultValue }
      let v = value < 0 ? value + count : value
      return min(max(v, low), high)
    }
    var out: [T] = []
    if step > 0 {
      var i = adjust(lower, 0, low: 0, high: count)
      let end = adjust(upper, count, low: 0, high: count)
      while i < end {
        out.append(items[i])
        let (next, overflow) = i.addingReportingOverflow(step)
        if overflow { break }
        i = next
      }
    } else {
      var i = adjust(lower, count - 1, low: -1, high: count - 1)
      let end = adjust(upper, -1, low: -1, high: count - 1)
      while i > end {
        out.append(items[i])
        let (next, overflow) = i.addingReportingOverflow(step)
        if overflow { break }
        i = next
      }
    }
    return out
  }

  static func sliceBounds(_ lower: Int?, _ upper: Int?, count: Int) -> Range<Int> {
    func clamp(_ v: Int) -> Int {
      let i = v < 0 ? v + count : v
      return min(max(i, 0), count)
    }
    let lo = lower.map(clamp) ?? 0
    let hi = upper.map(clamp) ?? count
    return lo..<max(lo, hi)
  }

  static func index(_ object: Value, _ subscripts: [SubscriptValue]) throws -> Value {
    if case .native(let n) = object { return try n.index(subscripts) }
    guard subscripts.count == 1 else {
      throw MelixError("\(object.typeName) takes one index, got \(subscripts.count)")
    }
    switch subscripts[0] {
    case .index(let key): return try index(object, key)
    case .slice(let lower, let upper, let step):
      switch object {
      case .list(let l):
        return .list(ListRef(sliced(l.items, lower, upper, step)))
      case .tuple(let t):
        return .tuple(TupleRef(sliced(t.items, lower, upper, step)))
      case .string(let s):
        return .string(String(sliced(Array(s), lower, upper, step)))
      case .range:
        return .list(ListRef(sliced(try elements(of: object), lower, upper, step)))
      default:
        throw MelixError("\(object.typeName) cannot be sliced")
      }
    }
  }

  static func index(_ object: Value, _ key: Value) throws -> Value {
    switch object {
    case .list(let l):
      guard case .int(let i) = key else { throw MelixError(Messages.indexType("List", expected: "Int", got: key.typeName)) }
      return l.items[try normalize(i, count: l.items.count, type: "List")]
    case .tuple(let t):
      guard case .int(let i) = key else { throw MelixError(Messages.indexType("Tuple", expected: "Int", got: key.typeName)) }
      return t.items[try normalize(i, count: t.items.count, type: "Tuple")]
    case .dict(let d):
      guard let hashKey = HashKey(key) else { throw MelixError(Messages.unhashable(key.typeName)) }
      guard let value = d.get(hashKey) else { throw MelixError(Messages.keyNotFound(key.repr)) }
      return value
    case .string(let s):
      guard case .int(let i) = key else { throw MelixError(Messages.indexType("String", expected: "Int", got: key.typeName)) }
      let count = s.count
      let n = try normalize(i, count: count, type: "String")
      return .string(String(s[s.index(s.startIndex, offsetBy: n)]))
    case .range(let r):
      guard case .int(let i) = key else { throw MelixError(Messages.indexType("Range", expected: "Int", got: key.typeName)) }
      return .int(r.element(try normalize(i, count: r.count, type: "Range")))
    case .native(let n):
      return try n.index([.index(key)])
    default:
      throw MelixError(Messages.notIndexable(object.typeName))
    }
  }

  static func setIndex(_ object: Value, _ subscripts: [SubscriptValue], _ value: Value) throws {
    if case .native(let n) = object { return try n.setIndex(subscripts, value) }
    guard subscripts.count == 1, case .index(let key) = subscripts[0] else {
      throw MelixError("\(object.typeName) slice assignment is not supported")
    }
    switch object {
    case .list(let l):
      guard case .int(let i) = key else { throw MelixError(Messages.indexType("List", expected: "Int", got: key.typeName)) }
      l.items[try normalize(i, count: l.items.count, type: "List")] = value
    case .dict(let d):
      guard let hashKey = HashKey(key) else { throw MelixError(Messages.unhashable(key.typeName)) }
      d.set(hashKey, original: key, value)
    default:
      throw MelixError(Messages.immutable(object.typeName))
    }
  }

  /// The Int a slice bound evaluates to.
  static func sliceBound(_ value: Value) throws -> Int? {
    switch value {
    case .null: return nil
    case .int(let i): return i
    default: throw MelixError("slice bound: expected Int, got \(value.typeName)")
    }
  }
}
