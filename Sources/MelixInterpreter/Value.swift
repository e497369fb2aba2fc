import MelixSyntax

/// A Melix runtime value.
///
/// `nil`, `Bool`, `Int` and `Float` carry no heap box; containers are reference types shared
/// like Python's (`append(xs, 4)` mutates every alias of `xs`). Values from later areas
/// (tensors, datasets, models) plug in through `native`.
public enum Value {
  /// `nil`.
  case null
  /// `true` / `false`.
  case bool(Bool)
  /// A 64-bit integer; arithmetic overflow is a runtime error.
  case int(Int)
  /// A 64-bit IEEE float.
  case float(Double)
  /// A UTF-8 string (immutable).
  case string(String)
  /// A mutable list, shared by reference.
  case list(ListRef)
  /// A mutable dict keeping insertion order, shared by reference.
  case dict(DictRef)
  /// An immutable tuple.
  case tuple(TupleRef)
  /// An integer range `lo..<hi`, `lo...hi` or `range(lo, hi, step)`.
  case range(RangeRef)
  /// A Melix function (closure).
  case function(Closure)
  /// A built-in function from the table.
  case builtin(Builtin)
  /// A value implemented in Swift by another area (tensor, dataset, model, ...).
  case native(any NativeValue)

  /// The Melix type name: `Nil`, `Bool`, `Int`, `Float`, `String`, `List`, `Dict`, `Tuple`,
  /// `Range`, `Function`, or the native value's own name.
  public var typeName: String {
    switch self {
    case .null: return "Nil"
    case .bool: return "Bool"
    case .int: return "Int"
    case .float: return "Float"
    case .string: return "String"
    case .list: return "List"
    case .dict: return "Dict"
    case .tuple: return "Tuple"
    case .range: return "Range"
    case .function, .builtin: return "Function"
    case .native(let native): return native.typeName
    }
  }
}

/// The storage of a Melix list.
public final class ListRef {
  /// The elements, in order.
  public var items: [Value]
  /// Creates a list holding `items`.
  ///
  /// - Parameter items: The elements.
  public init(_ items: [Value]) { self.items = items }

  deinit {
    guard !items.isEmpty else { return }
    var pending: [Value] = []
    swap(&pending, &items)
    Teardown.drain(&pending)
  }
}

/// Frees nested containers iteratively: releasing a list nested a million deep one level
/// per stack frame would overflow the stack.
enum Teardown {
  static func drain(_ pending: inout [Value]) {
    while !pending.isEmpty {
      // Take the container out of its Value (consumed), so the only reference left is
      // `object`: it is unique iff nothing else holds the container, and only then may its
      // children be taken.
      guard var object = container(pending.removeLast()) else { continue }
      guard isKnownUniquelyReferenced(&object) else { continue }
      if let list = object as? ListRef {
        var children: [Value] = []
        swap(&children, &list.items)
        pending.append(contentsOf: children)
      } else if let tuple = object as? TupleRef {
        var children: [Value] = []
        swap(&children, &tuple.items)
        pending.append(contentsOf: children)
      } else if let dict = object as? DictRef {
        pending.append(contentsOf: dict.takeEntries())
      }
    }
  }

  private static func container(_ value: consuming Value) -> AnyObject? {
    switch value {
    case .list(let list): return list
    case .tuple(let tuple): return tuple
    case .dict(let dict): return dict
    default: return nil
    }
  }
}

/// The storage of a Melix tuple.
public final class TupleRef {
  /// The elements, in order (a tuple never changes; only teardown empties it).
  public fileprivate(set) var items: [Value]
  /// Creates a tuple holding `items`.
  ///
  /// - Parameter items: The elements.
  public init(_ items: [Value]) { self.items = items }

  deinit {
    guard !items.isEmpty else { return }
    var pending: [Value] = []
    swap(&pending, &items)
    Teardown.drain(&pending)
  }
}

/// An integer range with a step: `lo..<hi`, `lo...hi` or `range(lo, hi, step)`.
public final class RangeRef {
  /// First value.
  public let start: Int
  /// The bound as written: exclusive for `lo..<hi` and `range`, inclusive for `lo...hi`.
  public let end: Int
  /// Step between values (never 0).
  public let step: Int
  /// Whether `end` is inclusive (`lo...hi`).
  public let closedForm: Bool
  /// The number of values, or nil when it exceeds `Int.max`.
  public let exactCount: Int?

  /// Creates a range.
  ///
  /// - Parameters:
  ///   - start: First value.
  ///   - end: The bound: exclusive, or inclusive when `closedForm`.
  ///   - step: Step, never 0.
  ///   - closedForm: `end` is included (`lo...hi`).
  public init(start: Int, end: Int, step: Int = 1, closedForm: Bool = false) {
    self.start = start
    self.end = end
    self.step = step
    self.closedForm = closedForm
    // Distances in UInt: `end - start` may not fit in an Int.
    let forward = step > 0
    let nonEmpty = closedForm ? (forward ? start <= end : start >= end) : (forward ? start < end : start > end)
    if !nonEmpty {
      exactCount = 0
      return
    }
    let distance = forward
      ? UInt(bitPattern: end) &- UInt(bitPattern: start)
      : UInt(bitPattern: start) &- UInt(bitPattern: end)
    let n = closedForm ? distance / step.magnitude + 1 : (distance - 1) / step.magnitude + 1
    // `distance / 1 + 1` wraps to 0 for the full Int range.
    exactCount = (n == 0 || n > UInt(Int.max)) ? nil : Int(n)
  }

  /// The number of values (`Int.max` when larger).
  public var count: Int { exactCount ?? Int.max }

  /// The value at position `index` (0-based, in range).
  public func element(_ index: Int) -> Int { start &+ index &* step }

  /// Whether `value` is one of the range's values.
  public func contains(_ value: Int) -> Bool {
    let offset = step > 0
      ? (value >= start ? UInt(bitPattern: value) &- UInt(bitPattern: start) : nil)
      : (value <= start ? UInt(bitPattern: start) &- UInt(bitPattern: value) : nil)
    guard let offset, offset % step.magnitude == 0 else { return false }
    return offset / step.magnitude < UInt(count)
  }
}

/// A hashable form of the values allowed as dict keys (nil, Bool, Int, Float, String, Tuple).
public enum HashKey: Hashable {
  /// `nil`.
  case null
  /// A Bool (never equal to an Int key).
  case bool(Bool)
  /// An Int, or a Float with an integral value.
  case int(Int)
  /// A Float with a fractional part (or inf, nan).
  case float(Double)
  /// A String.
  case string(String)
  /// A tuple of keys.
  case tuple([HashKey])

  /// The key for `value`, or nil if the value cannot be a key (lists, dicts, functions).
  ///
  /// - Parameter value: A candidate key. A Float with an integral value maps to the same
  ///   key as the equal Int, so `d[1.0]` finds `d[1]` (as in Python).
  public init?(_ value: Value) {
    self.init(value, depth: 0)
  }

  private init?(_ value: Value, depth: Int) {
    // A tuple key nested deeper than this is refused rather than hashed recursively.
    if depth > 100 { return nil }
    switch value {
    case .null: self = .null
    case .bool(let b): self = .bool(b)
    case .int(let i): self = .int(i)
    case .float(let f):
      if f.rounded() == f, let i = Int(exactly: f) { self = .int(i) } else { self = .float(f) }
    case .string(let s): self = .string(s)
    case .tuple(let t):
      var keys: [HashKey] = []
      for item in t.items {
        guard let key = HashKey(item, depth: depth + 1) else { return nil }
        keys.append(key)
      }
      self = .tuple(keys)
    case .list, .dict, .range, .function, .builtin, .native: return nil
    }
  }
}

/// The storage of a Melix dict: insertion-ordered keys and values.
public final class DictRef {
  /// Keys in insertion order.
  public private(set) var keys: [Value] = []
  /// Values, parallel to `keys`.
  public private(set) var values: [Value] = []
  private var index: [HashKey: Int] = [:]

  /// Creates an empty dict.
  public init() {}

  /// The number of entries.
  public var count: Int { keys.count }

  /// The value for `key`, or nil when absent.
  ///
  /// - Parameter key: The key.
  /// - Returns: The value, or nil.
  public func get(_ key: HashKey) -> Value? {
    guard let position = index[key] else { return nil }
    return values[position]
  }

  /// Sets `key` to `value`, keeping the key's first insertion position.
  ///
  /// - Parameters:
  ///   - key: The hashable key.
  ///   - original: The key as a Melix value (kept for iteration and display).
  ///   - value: The new value.
  public func set(_ key: HashKey, original: Value, _ value: Value) {
    if let position = index[key] {
      values[position] = value
    } else {
      index[key] = keys.count
      keys.append(original)
      values.append(value)
    }
  }

  /// Empties the dict, returning its keys and values (for iterative teardown).
  fileprivate func takeEntries() -> [Value] {
    let entries = keys + values
    keys = []
    values = []
    index = [:]
    return entries
  }

  deinit {
    guard !values.isEmpty else { return }
    var pending = takeEntries()
    Teardown.drain(&pending)
  }

  /// Removes `key`, returning its value, or nil when absent.
  ///
  /// - Parameter key: The key.
  /// - Returns: The removed value.
  /// - Complexity: O(n): later positions shift down.
  @discardableResult
  public func remove(_ key: HashKey) -> Value? {
    guard let position = index[key] else { return nil }
    let value = values[position]
    keys.remove(at: position)
    values.remove(at: position)
    index[key] = nil
    for (k, p) in index where p > position { index[k] = p - 1 }
    return value
  }
}

/// A mutable cell holding a captured variable, shared by the frame and its closures.
public final class Box {
  /// The variable's current value.
  public var value: Value
  /// Creates a cell holding `value`.
  ///
  /// - Parameter value: The initial value.
  public init(_ value: Value) { self.value = value }
}

/// A Melix function value: compiled code plus its captured cells.
public final class Closure {
  let proto: FunctionProto
  let upvalues: ContiguousArray<Box>
  /// Copies of the prototype's hot fields, read on every call without touching `proto`.
  let body: Eval
  let slotCount: Int
  let parameterCount: Int
  let cellCount: Int

  init(proto: FunctionProto, upvalues: ContiguousArray<Box>) {
    self.proto = proto
    self.upvalues = upvalues
    self.body = proto.body
    self.slotCount = proto.slotCount
    self.parameterCount = proto.parameterCount
    self.cellCount = proto.cellCount
  }

  /// The function's name (`<fn>` for anonymous ones).
  public var name: String { proto.name }
  /// The parameter names, in order.
  public var parameterNames: [String] { proto.parameterNames }
  /// The file and 1-based line where the function was declared.
  public var location: (path: String, line: Int) { (proto.path, proto.line) }
}
