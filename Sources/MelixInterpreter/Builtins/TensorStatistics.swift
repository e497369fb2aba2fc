import Foundation
import MelixNumerics

extension TensorBuiltins {
  /// `f` applied to every element as float64 (a float32 tensor stays float32). Gradients do
  /// not flow through it.
  static func mapReal(_ t: Tensor, _ f: (Double) -> Double) throws -> Tensor {
    let values = t.cast(to: .float64).contiguous().toArray(Double.self).map(f)
    let out = try Tensor(shape: t.shape, scalars: values)
    return t.dtype == .float32 ? out.cast(to: .float32) : out
  }

  /// The `q`-quantile of each lane along `axis` (every element when nil) with NumPy's default
  /// 'linear' method: sorted values v[0..<n], position h = q (n - 1), result
  /// v[⌊h⌋] + (h - ⌊h⌋)(v[⌈h⌉] - v[⌊h⌋]) (Hyndman & Fan 1996, definition 7). A lane holding
  /// nan gives nan, an empty lane nan, as NumPy.
  ///
  /// - Parameters:
  ///   - t: The tensor, shape `[d0, ..., dk]`.
  ///   - q: The quantile in [0, 1].
  ///   - axis: The axis to reduce (negative counts from the end), or nil for all.
  ///   - function: The built-in's name, for errors.
  /// - Returns: A Float for `axis` nil, else a float64 tensor with `axis` removed.
  /// - Throws: `MelixError` for an axis out of range.
  static func quantile(_ t: Tensor, _ q: Double, axis: Int?, _ function: String) throws -> Value {
    let values = t.cast(to: .float64).contiguous().toArray(Double.self)
    guard let axis else { return .float(lane(values[...], q)) }
    let rank = t.shape.count
    let a = axis < 0 ? axis + rank : axis
    guard a >= 0, a < rank else {
      throw MelixError("axis \(axis) of '\(function)' is out of range for a tensor of rank \(rank)")
    }
    let outer = t.shape[..<a].reduce(1, *)
    let n = t.shape[a]
    let inner = t.shape[(a + 1)...].reduce(1, *)
    var out: [Double] = []
    out.reserveCapacity(outer * inner)
    var buffer = [Double](repeating: 0, count: n)
    for o in 0..<outer {
      for i in 0..<inner {
        for k in 0..<n { buffer[k] = values[(o * n + k) * inner + i] }
        out.append(lane(buffer[...], q))
      }
    }
    var shape = t.shape
    shape.remove(at: a)
    return .tensor(try Tensor(shape: shape, scalars: out))
  }

  private static func lane(_ values: ArraySlice<Double>, _ q: Double) -> Double {
    if values.isEmpty || values.contains(where: \.isNaN) { return .nan }
    let sorted = values.sorted()
    let h = q * Double(sorted.count - 1)
    let lower = Int(h.rounded(.down))
    let upper = min(lower + 1, sorted.count - 1)
    return sorted[lower] + (h - Double(lower)) * (sorted[upper] - sorted[lower])
  }

  /// Reads a quantile argument and checks it lies in [0, `scale`].
  static func fraction(_ value: Value, _ function: String, scale: Double) throws -> Double {
    guard let q = value.asDouble, q >= 0, q <= scale else {
      throw MelixError("argument 'q' of '\(function)' must be a number in [0, \(scale == 1 ? "1" : "100")]")
    }
    return q / scale
  }
}

extension BuiltinTable {
  /// sin cos tan of tensors; median quantile percentile; copy.
  static var tensorStatistics: [Builtin] {
    typealias T = TensorBuiltins
    let trig: [(String, String, (Double) -> Double)] = [
      ("sin", "The sine of each element, in radians.", Foundation.sin),
      ("cos", "The cosine of each element, in radians.", Foundation.cos),
      ("tan", "The tangent of each element, in radians.", Foundation.tan),
    ]
    let axisParameter = BuiltinParameter("axis", .optional(.int), default: "nil")
    return trig.map { name, doc, f in
      T.elementwise(
        name, type: T.tensorOrList, doc: doc,
        example: "\(name)(tensor([0.0]))  # tensor([\(name == "cos" ? "1." : "0.")], shape=[1], dtype=float64)"
      ) { try T.mapReal($0, f) }
    } + [
      T.entry(
        "median", [BuiltinParameter("x", T.tensorOrList), axisParameter], returns: "Float or Tensor",
        doc: "The median over 'axis' (every element when nil, giving a Float): the middle value, or the mean of the two middle values, as NumPy's median (nan when a value is nan). Also the method 't.median()'.",
        example: "median(tensor([[1, 5], [3, 2]]), axis: 0)  # tensor([2. , 3.5], shape=[2], dtype=float64)"
      ) { args, _ in
        try T.quantile(try T.tensor(args, 0, "x", of: "median"), 0.5, axis: try T.axis(args[1], "median"), "median")
      },
      T.entry(
        "quantile", [BuiltinParameter("x", T.tensorOrList), BuiltinParameter("q", .number), axisParameter],
        returns: "Float or Tensor",
        doc: "The 'q'-quantile (q in [0, 1]) over 'axis' (every element when nil, giving a Float), interpolating linearly between sorted values as NumPy's quantile with its default method.",
        example: "quantile(tensor([1, 2, 3, 4]), 0.25)  # 1.75"
      ) { args, _ in
        let q = try T.fraction(args[1], "quantile", scale: 1)
        return try T.quantile(try T.tensor(args, 0, "x", of: "quantile"), q, axis: try T.axis(args[2], "quantile"), "quantile")
      },
      T.entry(
        "percentile", [BuiltinParameter("x", T.tensorOrList), BuiltinParameter("q", .number), axisParameter],
        returns: "Float or Tensor",
        doc: "The 'q'-th percentile (q in [0, 100]) over 'axis': 'quantile' with q / 100, as NumPy's percentile.",
        example: "percentile(tensor([1, 2, 3, 4]), 50)  # 2.5"
      ) { args, _ in
        let q = try T.fraction(args[1], "percentile", scale: 100)
        return try T.quantile(try T.tensor(args, 0, "x", of: "percentile"), q, axis: try T.axis(args[2], "percentile"), "percentile")
      },
      Builtin(
        "copy", [BuiltinParameter("x", .oneOf([T.tensorOnly, .list, .dict]))], returns: "Tensor, List or Dict",
        doc: "A copy of a tensor that shares nothing with it (binding and basic indexing share, as NumPy's views), or a shallow copy of a list or dict. Also the method 'x.copy()'.",
        example: "let a = tensor([1, 2])\nlet b = copy(a)\nb[0] = 5\na  # tensor([1, 2], shape=[2], dtype=int64)"
      ) { args, _ in
        switch args[0] {
        case .list(let list): return .list(ListRef(list.items))
        case .dict(let dict):
          let out = DictRef()
          for (key, value) in zip(dict.keys, dict.values) {
            if let hashKey = HashKey(key) { out.set(hashKey, original: key, value) }
          }
          return .dict(out)
        default: return .tensor(try T.tensor(args, 0, "x", of: "copy"))
        }
      },
    ]
  }
}
