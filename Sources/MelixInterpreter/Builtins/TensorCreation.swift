import MelixNumerics

extension BuiltinTable {
  /// tensor zeros ones full eye arange linspace zeros_like ones_like.
  static var tensorCreation: [Builtin] {
    typealias T = TensorBuiltins
    let dtypeParameter = BuiltinParameter("dtype", .optional(.string), default: "nil")
    return [
      T.entry(
        "tensor",
        [
          BuiltinParameter("data", .oneOf([.native("Tensor"), .list, .tuple, .number, .bool, .iterable])), dtypeParameter,
          BuiltinParameter("requires_grad", .bool, default: "false"),
        ],
        doc: """
          Makes a tensor from a number, nested lists or a range. The dtype is bool when every element is a Bool, int64 when every \
          element is an Int, else float64, unless 'dtype' says otherwise ("float32", "float64", "int64", "bool"). \
          With 'requires_grad' operations on it are recorded for 'backward'.
          """,
        example: "tensor([[1, 2], [3, 4]])  # tensor([[1, 2], [3, 4]], shape=[2, 2], dtype=int64)"
      ) { args, _ in
        var t = try T.tensor(args, 0, "data", of: "tensor", dtype: try T.dtype(args[1]))
        if T.flag(args[2]) {
          guard t.dtype.isFloatingPoint else {
            throw MelixError("'requires_grad' needs a float tensor, got dtype \(t.dtype)")
          }
          t = t.requiringGrad()
        }
        // A copy of class labels (`tensor(ds.y)`) keeps their class names.
        if case .native(let source as TensorValue) = args[0], let names = source.classNames, t.dtype == source.tensor.dtype {
          return .native(TensorValue(t, classNames: names))
        }
        return .tensor(t)
      },
      T.entry(
        "zeros", [BuiltinParameter("shape", T.shapeType), dtypeParameter],
        doc: "A tensor of the given shape filled with 0 (float64 unless 'dtype').",
        example: "zeros([2, 3]).shape  # (2, 3)"
      ) { args, _ in .tensor(Tensor.zeros(try T.shape(args[0], "shape", of: "zeros"), dtype: try T.dtype(args[1]) ?? .float64)) },
      T.entry(
        "ones", [BuiltinParameter("shape", T.shapeType), dtypeParameter],
        doc: "A tensor of the given shape filled with 1 (float64 unless 'dtype').",
        example: "ones(3)  # tensor([1., 1., 1.], shape=[3], dtype=float64)"
      ) { args, _ in .tensor(Tensor.ones(try T.shape(args[0], "shape", of: "ones"), dtype: try T.dtype(args[1]) ?? .float64)) },
      T.entry(
        "full", [BuiltinParameter("shape", T.shapeType), BuiltinParameter("value", .oneOf([.number, .bool])), dtypeParameter],
        doc: "A tensor of the given shape filled with 'value'; the dtype follows the value (Int gives int64) unless 'dtype'.",
        example: "full([2], 7)  # tensor([7, 7], shape=[2], dtype=int64)"
      ) { args, _ in
        let shape = try T.shape(args[0], "shape", of: "full")
        let inferred: DType
        switch args[1] {
        case .int: inferred = .int64
        case .bool: inferred = .bool
        default: inferred = .float64
        }
        let value: Double = args[1].asDouble ?? (T.flag(args[1]) ? 1 : 0)
        if case .int(let i) = args[1], try T.dtype(args[2]) ?? inferred == .int64 {
          return .tensor(try Tensor(shape: shape, scalars: Array(repeating: Int64(i), count: shape.reduce(1, *))))
        }
        let dtype = try T.dtype(args[2]) ?? inferred
        if dtype == .int64 {
          // NaN, an infinity or a float beyond int64 has no int64 value: an error, not 0.
          _ = try TensorConversion.converted(Tensor([value]), to: .int64, role: "argument 'value' of 'full'")
        }
        return .tensor(Tensor.full(shape, value: value, dtype: dtype))
      },
      T.entry(
        "eye", [BuiltinParameter("n", .int), BuiltinParameter("m", .optional(.int), default: "nil"), dtypeParameter],
        doc: "The identity matrix of shape [n, m] ('m' defaults to 'n'): ones on the diagonal.",
        example: "eye(2)  # tensor([[1., 0.], [0., 1.]], shape=[2, 2], dtype=float64)"
      ) { args, _ in
        guard case .int(let n) = args[0], n >= 0 else { throw MelixError("argument 'n' of 'eye' must be ≥ 0") }
        var m: Int? = nil
        if case .int(let k) = args[1] {
          guard k >= 0 else { throw MelixError("argument 'm' of 'eye' must be ≥ 0") }
          m = k
        }
        try T.checkSize([n, m ?? n], "eye")
        return .tensor(Tensor.eye(n, m, dtype: try T.dtype(args[2]) ?? .float64))
      },
      T.entry(
        "arange",
        [
          BuiltinParameter("start", .number), BuiltinParameter("stop", .optional(.number), default: "nil"),
          BuiltinParameter("step", .number, default: "1"), dtypeParameter,
        ],
        doc: """
          Evenly spaced values from 'start' up to but not including 'stop', by 'step' (with one argument, from 0 up to \
          it), as NumPy's arange: int64 when every argument is an Int, else float64, unless 'dtype'.
          """,
        example: "arange(4)  # tensor([0, 1, 2, 3], shape=[4], dtype=int64)\narange(0, 1, 0.25)  # tensor([0.  , 0.25, 0.5 , 0.75], shape=[4], dtype=float64)"
      ) { args, _ in
        let (start, stop): (Value, Value) = args[1].asDouble == nil ? (.int(0), args[0]) : (args[0], args[1])
        let dtype = try T.dtype(args[3])
        if case .int(let a) = start, case .int(let b) = stop, case .int(let s) = args[2] {
          guard s != 0 else { throw MelixError("step must be finite and nonzero in 'arange'") }
          // RangeRef counts without overflowing at the ends of the Int range.
          let range = RangeRef(start: a, end: b, step: s)
          let count = range.exactCount ?? Int.max
          try T.checkSize([count], "arange")
          let values = (0..<count).map { Int64(range.element($0)) }
          return .tensor(Tensor(values).cast(to: dtype ?? .int64))
        }
        let a = start.asDouble ?? 0
        let b = stop.asDouble ?? 0
        let s = args[2].asDouble ?? 1
        if s != 0 && s.isFinite && ((b - a) / s) > Double(T.maxElements) {
          throw MelixError("'arange': shape [\(Value.formatFloat(((b - a) / s).rounded(.up)))] has more than \(T.maxElements) elements")
        }
        return .tensor(try Tensor.arange(a, b, step: s, dtype: dtype ?? .float64))
      },
      T.entry(
        "linspace",
        [BuiltinParameter("start", .number), BuiltinParameter("stop", .number), BuiltinParameter("num", .int, default: "50"), dtypeParameter],
        doc: "'num' evenly spaced values from 'start' to 'stop', both included (NumPy's linspace).",
        example: "linspace(0, 1, 5)  # tensor([0.  , 0.25, 0.5 , 0.75, 1.  ], shape=[5], dtype=float64)"
      ) { args, _ in
        guard case .int(let n) = args[2] else { return .null }
        try T.checkSize([n], "linspace")
        return .tensor(try Tensor.linspace(args[0].asDouble ?? 0, args[1].asDouble ?? 0, count: n, dtype: try T.dtype(args[3]) ?? .float64))
      },
      T.entry(
        "zeros_like", [BuiltinParameter("x", T.tensorLike), dtypeParameter],
        doc: "Zeros with the shape (and dtype, unless 'dtype') of x.",
        example: "zeros_like(eye(2)).shape  # (2, 2)"
      ) { args, _ in
        let t = try T.tensor(args, 0, "x", of: "zeros_like")
        return .tensor(Tensor.zeros(t.shape, dtype: try T.dtype(args[1]) ?? t.dtype))
      },
      T.entry(
        "ones_like", [BuiltinParameter("x", T.tensorLike), dtypeParameter],
        doc: "Ones with the shape (and dtype, unless 'dtype') of x.",
        example: "ones_like([1, 2])  # tensor([1, 1], shape=[2], dtype=int64)"
      ) { args, _ in
        let t = try T.tensor(args, 0, "x", of: "ones_like")
        return .tensor(Tensor.ones(t.shape, dtype: try T.dtype(args[1]) ?? t.dtype))
      },
    ]
  }

  /// rand randn randint permutation choice set_seed.
  static var tensorRandom: [Builtin] {
    typealias T = TensorBuiltins
    let seed = BuiltinParameter("seed", .optional(.int), default: "nil", keywordOnly: true)
    let dtypeParameter = BuiltinParameter("dtype", .optional(.string), default: "nil", keywordOnly: true)
    let seedDoc = " The same 'seed' gives the same numbers on every run and machine (PCG64); without it the session's generator is used (see 'set_seed')."
    return [
      T.entry(
        "rand", [BuiltinParameter("shape", T.shapeType), seed, dtypeParameter],
        doc: "Uniform random numbers in [0, 1) of the given shape." + seedDoc,
        example: "rand([2, 2], seed: 0).shape  # (2, 2)"
      ) { args, context in
        let shape = try T.shape(args[0], "shape", of: "rand")
        let dtype = try T.dtype(args[2]) ?? .float64
        guard dtype.isFloatingPoint else { throw MelixError("'rand' needs a float dtype, got \(dtype)") }
        return .tensor(try T.withGenerator(args[1], context) { Tensor.rand(shape, dtype: dtype, using: &$0) })
      },
      T.entry(
        "randn", [BuiltinParameter("shape", T.shapeType), seed, dtypeParameter],
        doc: "Standard normal random numbers (mean 0, standard deviation 1) of the given shape." + seedDoc,
        example: "randn(3, seed: 1).shape  # (3,)"
      ) { args, context in
        let shape = try T.shape(args[0], "shape", of: "randn")
        let dtype = try T.dtype(args[2]) ?? .float64
        guard dtype.isFloatingPoint else { throw MelixError("'randn' needs a float dtype, got \(dtype)") }
        return .tensor(try T.withGenerator(args[1], context) { Tensor.randn(shape, dtype: dtype, using: &$0) })
      },
      T.entry(
        "randint",
        [BuiltinParameter("low", .int), BuiltinParameter("high", .optional(.int), default: "nil"), BuiltinParameter("shape", T.shapeType, default: "1"), seed],
        doc: "Random int64 values in [low, high) of the given shape; with 'high' nil, in [0, low) (NumPy's randint(5, size=...))." + seedDoc,
        example: "randint(0, 10, [2, 3], seed: 0).shape  # (2, 3)"
      ) { args, context in
        guard case .int(let first) = args[0] else { return .null }
        let (low, high): (Int, Int)
        switch args[1] {
        case .int(let h): (low, high) = (first, h)
        default: (low, high) = (0, first)
        }
        let shape = try T.shape(args[2], "shape", of: "randint")
        return .tensor(try T.withGenerator(args[3], context) { try Tensor.randint(low, high, shape: shape, using: &$0) })
      },
      T.entry(
        "permutation", [BuiltinParameter("n", .oneOf([.int, .native("Tensor"), .list])), seed],
        doc: "A random permutation of 0..<n (int64), or of a tensor's rows." + seedDoc,
        example: "sorted(permutation(4, seed: 0).tolist())  # [0, 1, 2, 3]"
      ) { args, context in
        if case .int(let n) = args[0] {
          guard n >= 0 else { throw MelixError("argument 'n' of 'permutation' must be ≥ 0, got \(n)") }
          try T.checkSize([n], "permutation")
          return .tensor(try T.withGenerator(args[1], context) { Tensor.permutation(n, using: &$0) })
        }
        let t = try T.tensor(args, 0, "n", of: "permutation")
        guard t.rank > 0 else { throw MelixError("'permutation' needs a tensor with at least one axis") }
        let order = try T.withGenerator(args[1], context) { Tensor.permutation(t.shape[0], using: &$0) }
        return .tensor(try t.take(order, axis: 0))
      },
      T.entry(
        "choice",
        [
          BuiltinParameter("a", .oneOf([.int, .native("Tensor"), .list])), BuiltinParameter("size", .int, default: "1"),
          BuiltinParameter("replace", .bool, default: "true"), seed,
        ],
        doc: "Draws 'size' values from 0..<a (an Int) or rows of a tensor, with or without replacement." + seedDoc,
        example: "choice(10, 3, replace: false, seed: 0).shape  # (3,)"
      ) { args, context in
        guard case .int(let size) = args[1], size >= 0 else { throw MelixError("argument 'size' of 'choice' must be ≥ 0") }
        try T.checkSize([size], "choice")
        let replace = T.flag(args[2])
        if case .int(let n) = args[0] {
          return .tensor(try T.withGenerator(args[3], context) { try Tensor.choice(n, count: size, replace: replace, using: &$0) })
        }
        let t = try T.tensor(args, 0, "a", of: "choice")
        return .tensor(try T.withGenerator(args[3], context) { try t.choice(count: size, replace: replace, using: &$0) })
      },
      T.entry(
        "set_seed", [BuiltinParameter("seed", .int)], returns: "Nil",
        doc: "Restarts the session's random generator (used by 'rand', 'randn', 'randint', 'permutation' and 'choice' without 'seed:') from 'seed'. A session starts from seed 0.",
        example: "set_seed(42)\nrand(2)  # the same two numbers on every run"
      ) { args, context in
        guard case .int(let s) = args[0] else { return .null }
        SessionRandom.of(context).generator = PCG64(seed: s)
        return .null
      },
    ]
  }

  /// float int item tolist astype (conversions).
  static var tensorConversion: [Builtin] {
    typealias T = TensorBuiltins
    return [
      T.entry(
        "float", [BuiltinParameter("x", T.tensorOnly)], returns: "Float",
        doc: "The single element of a one-element tensor as a Float.",
        example: "float(tensor([2]))  # 2.0"
      ) { args, _ in .float(try T.tensor(args, 0, "x", of: "float").item()) },
      T.entry(
        "int", [BuiltinParameter("x", T.tensorOnly)], returns: "Int",
        doc: "The single element of a one-element tensor as an Int (truncating toward zero).",
        example: "int(tensor([2.7]))  # 2"
      ) { args, _ in
        let t = try T.tensor(args, 0, "x", of: "int")
        // An int64 element is read exactly (through Double, 2^53 + 1 became 2^53).
        if t.dtype == .int64 && t.count == 1 { return .int(Int(t.toArray(Int64.self)[0])) }
        let x = try t.item()
        guard x.isFinite, let i = Int(exactly: x.rounded(.towardZero)) else {
          throw MelixError("cannot convert \(Value.formatFloat(x)) to Int")
        }
        return .int(i)
      },
      T.entry(
        "item", [BuiltinParameter("x", T.tensorOnly)], returns: "Int, Float or Bool",
        doc: "The single element of a one-element tensor as a number (or Bool), keeping its kind.",
        example: "tensor([[5]]).item()  # 5"
      ) { args, _ in
        let t = try T.tensor(args, 0, "x", of: "item")
        guard t.count == 1 else {
          throw TensorError.invalidShape(op: "item", expected: "a tensor with one element", got: t.shape)
        }
        return TensorConversion.scalar(t)
      },
      T.entry(
        "item", [BuiltinParameter("x", .oneOf([.number, .bool]))], returns: "Int, Float or Bool",
        doc: "A number (or Bool) itself, so 't.sum().item()' works as in NumPy, where a whole-tensor reduction gives a NumPy scalar.",
        example: "tensor([1.5, 2.0]).sum().item()  # 3.5"
      ) { args, _ in args[0] },
      T.entry(
        "tolist", [BuiltinParameter("x", T.tensorOnly)], returns: "List",
        doc: "The elements as nested lists of numbers (a number for a zero-dimensional tensor).",
        example: "tensor([[1, 2], [3, 4]]).tolist()  # [[1, 2], [3, 4]]"
      ) { args, _ in TensorConversion.toList(try T.tensor(args, 0, "x", of: "tolist")) },
      T.entry(
        "astype", [BuiltinParameter("x", T.tensorLike), BuiltinParameter("dtype", .string)],
        doc: "The tensor converted to 'dtype' (\"float32\", \"float64\", \"int64\", \"bool\"). Floats become ints by truncation toward zero; any nonzero value becomes true.",
        example: "tensor([1.7, -1.7]).astype(\"int64\")  # tensor([ 1, -1], shape=[2], dtype=int64)"
      ) { args, _ in
        let t = try T.tensor(args, 0, "x", of: "astype")
        guard let dtype = try T.dtype(args[1]) else { return .tensor(t) }
        return .tensor(try t.checkedCast(to: dtype, op: "astype"))
      },
    ]
  }
}
