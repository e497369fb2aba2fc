import MelixNumerics

/// Helpers shared by the tensor built-ins (`Builtins/Tensor*.swift`): argument readers and
/// the entry factory that turns library errors into Melix errors.
enum TensorBuiltins {
  /// A tensor, or anything `asTensor` converts (list, tuple, number, Bool).
  static let tensorLike = ParameterType.oneOf([.native("Tensor"), .list, .tuple, .number, .bool])
  /// A tensor or a (nested) list; for names the core table already gives to numbers.
  static let tensorOrList = ParameterType.oneOf([.native("Tensor"), .list, .tuple])
  /// Only a tensor; for names whose core entry also takes lists (`sum`, `min`, `max`).
  static let tensorOnly = ParameterType.native("Tensor")
  /// A shape: a list or tuple of Ints, or one Int.
  static let shapeType = ParameterType.oneOf([.list, .tuple, .int])
  /// An axis, a list of axes, or nil for all.
  static let axisType = ParameterType.optional(.oneOf([.int, .list, .tuple]))

  /// The most elements a tensor made from Melix may have (2^30: 8 GiB of float64). Larger
  /// requests are errors, not an out-of-memory trap.
  static let maxElements = 1 << 30

  /// Checks that `shape` (whose -1 entries are ignored) holds at most `maxElements` elements.
  ///
  /// - Throws: `MelixError` naming `function` and the shape.
  static func checkSize(_ shape: [Int], _ function: String) throws {
    var total = 1
    for n in shape where n >= 0 {
      let (product, overflow) = total.multipliedReportingOverflow(by: n)
      guard !overflow, product <= maxElements else {
        throw MelixError("'\(function)': shape \(formatShape(shape)) has more than \(maxElements) elements")
      }
      total = product
    }
  }

  /// A built-in entry whose body may throw `TensorError`s (turned into `MelixError`s).
  static func entry(
    _ name: String, _ parameters: [BuiltinParameter], returns: String = "Tensor", doc: String, example: String,
    _ body: @escaping ([Value], CallContext) throws -> Value
  ) -> Builtin {
    Builtin(name, parameters, returns: returns, doc: doc, example: example) { args, context in
      try tensorCall { try body(args, context) }
    }
  }

  /// Reads argument `index` of built-in `function` as a tensor.
  static func tensor(_ args: [Value], _ index: Int, _ parameter: String, of function: String, dtype: DType? = nil) throws -> Tensor {
    try asTensor(args[index], role: "argument '\(parameter)' of '\(function)'", dtype: dtype)
  }

  /// Reads a shape argument: a list or tuple of Ints ≥ 0 (or -1 where `allowInferred`), or
  /// one Int.
  static func shape(_ value: Value, _ parameter: String, of function: String, allowInferred: Bool = false) throws -> [Int] {
    let sizes = try positions(value, parameter, of: function)
    for n in sizes where n < 0 && !(allowInferred && n == -1) {
      throw MelixError("argument '\(parameter)' of '\(function)': sizes must be ≥ 0, got \(n)")
    }
    try checkSize(sizes, function)
    return sizes
  }

  /// Reads a list or tuple of Ints of any sign (or one Int): positions such as `split`'s,
  /// not a shape, so no size limit applies.
  static func positions(_ value: Value, _ parameter: String, of function: String) throws -> [Int] {
    let items: [Value]
    switch value {
    case .int: items = [value]
    case .list(let l): items = l.items
    case .tuple(let t): items = t.items
    default: throw MelixError("argument '\(parameter)' of '\(function)': expected a list of Ints, got \(value.typeName)")
    }
    return try items.map { item in
      guard case .int(let n) = item else {
        throw MelixError("argument '\(parameter)' of '\(function)': expected a list of Ints, got an element of type \(item.typeName)")
      }
      return n
    }
  }

  /// Reads an optional dtype name (`"float32"`, `"float64"`, `"int64"`, `"bool"`).
  static func dtype(_ value: Value) throws -> DType? {
    guard case .string(let name) = value else { return nil }
    return try DType.named(name)
  }

  /// Reads an optional axis or list of axes; nil means every axis.
  static func axes(_ value: Value, _ function: String) throws -> [Int]? {
    switch value {
    case .null: return nil
    case .int(let a): return [a]
    case .list, .tuple:
      return try (TensorConversion.sequenceItems(value) ?? []).map { item in
        guard case .int(let a) = item else {
          throw MelixError("argument 'axis' of '\(function)': expected Int or a list of Ints, got an element of type \(item.typeName)")
        }
        return a
      }
    default:
      throw MelixError("argument 'axis' of '\(function)': expected Int or a list of Ints, got \(value.typeName)")
    }
  }

  /// Reads an optional single axis.
  static func axis(_ value: Value, _ function: String) throws -> Int? {
    switch value {
    case .null: return nil
    case .int(let a): return a
    default: throw MelixError("argument 'axis' of '\(function)': expected Int, got \(value.typeName)")
    }
  }

  /// Whether a Bool argument is true.
  static func flag(_ value: Value) -> Bool {
    if case .bool(true) = value { return true }
    return false
  }

  /// The result of an element-wise function: a number when the argument was a number.
  static func result(_ t: Tensor, from argument: Value) -> Value {
    switch argument {
    case .int, .float, .bool: return TensorConversion.scalarOrTensor(t)
    default: return .tensor(t)
    }
  }
}

extension BuiltinTable {
  /// Tensor entries that must be tried before the core entry of the same name, because the
  /// core entry's first parameter also accepts a tensor (`sum` takes any iterable).
  static var tensorPreferred: [Builtin] {
    [TensorBuiltins.reduction("sum", type: TensorBuiltins.tensorOnly, doc: "Sums a tensor over 'axis' (every axis when nil); pairwise summation keeps float32 sums accurate. 'keepdims' keeps reduced axes with size 1. Over every axis the result is a number (a tensor when it requires grad).", example: "sum(tensor([[1, 2], [3, 4]]), axis: 0)  # tensor([4, 6], shape=[2], dtype=int64)") { t, axes, keep in
      try t.sum(axes: axes, keepDims: keep)
    }]
  }

  /// Every other tensor built-in: creation, random, conversion, element-wise math,
  /// reductions, shape, linear algebra and autograd.
  static var tensor: [Builtin] {
    tensorCreation + tensorRandom + tensorConversion + tensorMath + tensorReductions + tensorShape + tensorLinalg
      + tensorAutograd + tensorStatistics
  }
}
