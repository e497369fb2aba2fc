import Foundation
import MelixNumerics

extension TensorBuiltins {
  /// An element-wise function entry `name(x)`.
  static func elementwise(
    _ name: String, type: ParameterType = tensorLike, doc: String, example: String, _ f: @escaping (Tensor) throws -> Tensor
  ) -> Builtin {
    entry(name, [BuiltinParameter("x", type)], doc: doc, example: example) { args, _ in
      result(try f(try tensor(args, 0, "x", of: name)), from: args[0])
    }
  }

  /// Integers rounded to a multiple of 10^-digits (`digits` < 0), halves to even, exactly, as
  /// NumPy's `round` of an int array (it returned them unchanged). Wraps at the ends of int64,
  /// as NumPy does.
  static func roundedInts(_ values: [Int64], digits: Int) -> [Int64] {
    // 10^19 exceeds int64: every value rounds to 0 (|x| < 9.3e18 < 10^19 / 2).
    guard digits > -19 else { return [Int64](repeating: 0, count: values.count) }
    var q: Int64 = 1
    for _ in 0..<(-digits) { q *= 10 }
    return values.map { x in
      var r = x % q
      var base = x &- r
      if r < 0 {
        r += q
        base = base &- q
      }
      // 0 ≤ r < q ≤ 10^18, so 2r cannot overflow.
      let up = 2 * r > q || (2 * r == q && (base / q) % 2 != 0)
      return up ? base &+ q : base
    }
  }

  /// `t` with float dtype (int and bool become float64), for functions defined on reals.
  static func floating(_ t: Tensor) -> Tensor { t.dtype.isFloatingPoint ? t : t.cast(to: .float64) }
}

extension BuiltinTable {
  /// exp log log1p sqrt abs sign floor ceil round isnan isfinite tanh sigmoid relu softplus
  /// clip where maximum minimum logical_and logical_or logical_xor logical_not softmax
  /// log_softmax logsumexp.
  static var tensorMath: [Builtin] {
    typealias T = TensorBuiltins
    return [
      T.elementwise("exp", type: T.tensorOrList, doc: "e raised to each element.", example: "exp(tensor([0.0, 1.0]))  # tensor([1.        , 2.71828183], shape=[2], dtype=float64)") { $0.exp() },
      T.elementwise("log", type: T.tensorOrList, doc: "The natural logarithm of each element (nan below 0, -inf at 0, as NumPy).", example: "log(tensor([1.0]))  # tensor([0.], shape=[1], dtype=float64)") { $0.log() },
      T.elementwise("log1p", doc: "log(1 + x) of each element, accurate for small x.", example: "log1p(tensor([0.0]))  # tensor([0.], shape=[1], dtype=float64)") { $0.log1p() },
      T.elementwise("sqrt", type: T.tensorOrList, doc: "The square root of each element (nan below 0, as NumPy).", example: "sqrt(tensor([4, 9]))  # tensor([2., 3.], shape=[2], dtype=float64)") { $0.sqrt() },
      T.elementwise("abs", type: T.tensorOrList, doc: "The absolute value of each element, keeping the dtype.", example: "abs(tensor([-1, 2]))  # tensor([1, 2], shape=[2], dtype=int64)") { $0.abs() },
      T.elementwise("sign", doc: "-1, 0 or 1 for each element, keeping the dtype.", example: "sign(tensor([-2.0, 0.0, 3.0]))  # tensor([-1.,  0.,  1.], shape=[3], dtype=float64)") { $0.sign() },
      T.elementwise("floor", type: T.tensorOrList, doc: "Each element rounded down, keeping a float dtype.", example: "floor(tensor([-1.5, 1.5]))  # tensor([-2.,  1.], shape=[2], dtype=float64)") { $0.floor() },
      T.elementwise("ceil", type: T.tensorOrList, doc: "Each element rounded up, keeping a float dtype.", example: "ceil(tensor([-1.5, 1.5]))  # tensor([-1.,  2.], shape=[2], dtype=float64)") { $0.negated().floor().negated() },
      T.entry(
        "round", [BuiltinParameter("x", T.tensorOrList), BuiltinParameter("digits", .int, default: "0")],
        doc: "Each element rounded to 'digits' decimals, halves to even, as NumPy's round (which scales by 10^digits first, so 2.675 gives 2.68).",
        example: "round(tensor([0.5, 1.5, 2.675]), 2)  # tensor([0.5 , 1.5 , 2.68], shape=[3], dtype=float64)"
      ) { args, _ in
        let t = try T.tensor(args, 0, "x", of: "round")
        if case .int(let digits) = args[1], digits < 0, t.dtype == .int64 {
          return .tensor(try Tensor(shape: t.shape, scalars: T.roundedInts(t.toArray(Int64.self), digits: digits)))
        }
        guard case .int(let digits) = args[1], digits != 0, t.dtype.isFloatingPoint else { return .tensor(t.rounded()) }
        let scale = Foundation.pow(10.0, Double(digits))
        return .tensor((t * scale).rounded() / scale)
      },
      T.elementwise("isnan", type: T.tensorOrList, doc: "Whether each element is nan (a bool tensor).", example: "isnan(tensor([1.0, nan]))  # tensor([False,  True], shape=[2], dtype=bool)") { $0.isNaN() },
      T.elementwise("isinf", type: T.tensorOrList, doc: "Whether each element is +inf or -inf (a bool tensor).", example: "isinf(tensor([1.0, -inf, nan]))  # tensor([False,  True, False], shape=[3], dtype=bool)") {
        try $0.abs().isEqual(to: Tensor(scalar: Double.infinity))
      },
      T.entry(
        "pow", [BuiltinParameter("x", T.tensorOrList), BuiltinParameter("y", T.tensorLike)],
        doc: "Each element of x raised to y (broadcasting), as x ** y and NumPy's power: int64 to a non-negative int64 power stays int64.",
        example: "pow(tensor([1, 2, 3]), 2)  # tensor([1, 4, 9], shape=[3], dtype=int64)"
      ) { args, _ in
        let x = try T.tensor(args, 0, "x", of: "pow")
        let y = try T.tensor(args, 1, "y", of: "pow")
        return .tensor(try x.pow(y))
      },
      T.elementwise("isfinite", doc: "Whether each element is neither nan nor ±inf (a bool tensor).", example: "isfinite(tensor([1.0, inf]))  # tensor([ True, False], shape=[2], dtype=bool)") { $0.isFinite() },
      T.elementwise("tanh", doc: "The hyperbolic tangent of each element.", example: "tanh(tensor([0.0]))  # tensor([0.], shape=[1], dtype=float64)") { T.floating($0).tanh() },
      T.elementwise("sigmoid", doc: "The logistic function 1 / (1 + exp(-x)) of each element, computed stably.", example: "sigmoid(tensor([0.0]))  # tensor([0.5], shape=[1], dtype=float64)") { T.floating($0).sigmoid() },
      T.elementwise("relu", doc: "max(x, 0) of each element.", example: "relu(tensor([-1.0, 2.0]))  # tensor([0., 2.], shape=[2], dtype=float64)") { $0.relu() },
      T.elementwise("softplus", doc: "log(1 + exp(x)) of each element, computed stably.", example: "softplus(tensor([0.0]))  # tensor([0.69314718], shape=[1], dtype=float64)") { T.floating($0).softplus() },
      T.entry(
        "clip", [BuiltinParameter("x", T.tensorLike), BuiltinParameter("min", .optional(.number), default: "nil"), BuiltinParameter("max", .optional(.number), default: "nil")],
        doc: "Limits every element to [min, max]; either bound may be nil.",
        example: "clip(tensor([-2, 0, 5]), 0, 3)  # tensor([0, 0, 3], shape=[3], dtype=int64)"
      ) { args, _ in
        let t = try T.tensor(args, 0, "x", of: "clip")
        // Int bounds keep an int64 tensor int64, as NumPy, and clip it exactly (through
        // float64, as the library clips, 2^53 + 1 came back as 2^53).
        let intBounds = [args[1], args[2]].allSatisfy { if case .float = $0 { return false } else { return true } }
        if t.dtype == .int64 && intBounds {
          var clipped = t
          if case .int(let lower) = args[1] { clipped = try Tensor.elementwise(.maximum, clipped, Tensor(scalar: Int64(lower))) }
          if case .int(let upper) = args[2] { clipped = try Tensor.elementwise(.minimum, clipped, Tensor(scalar: Int64(upper))) }
          return T.result(clipped, from: args[0])
        }
        return T.result(t.clipped(lower: args[1].asDouble, upper: args[2].asDouble), from: args[0])
      },
      T.entry(
        "where", [BuiltinParameter("condition", T.tensorLike), BuiltinParameter("a", T.tensorLike), BuiltinParameter("b", T.tensorLike)],
        doc: "Element-wise choice: 'a' where 'condition' is true, else 'b' (all three broadcast).",
        example: "where(tensor([true, false]), 1, 0)  # tensor([1, 0], shape=[2], dtype=int64)"
      ) { args, _ in
        let condition = try T.tensor(args, 0, "condition", of: "where")
        let a = try T.tensor(args, 1, "a", of: "where")
        let b = try T.tensor(args, 2, "b", of: "where")
        return .tensor(try Tensor.where(condition, a, b))
      },
      T.entry(
        "maximum", [BuiltinParameter("a", T.tensorLike), BuiltinParameter("b", T.tensorLike)],
        doc: "The element-wise larger of a and b (broadcasting; nan wins).",
        example: "maximum(tensor([1, 5]), 3)  # tensor([3, 5], shape=[2], dtype=int64)"
      ) { args, _ in .tensor(try Tensor.maximum(try T.tensor(args, 0, "a", of: "maximum"), try T.tensor(args, 1, "b", of: "maximum"))) },
      T.entry(
        "minimum", [BuiltinParameter("a", T.tensorLike), BuiltinParameter("b", T.tensorLike)],
        doc: "The element-wise smaller of a and b (broadcasting; nan wins).",
        example: "minimum(tensor([1, 5]), 3)  # tensor([1, 3], shape=[2], dtype=int64)"
      ) { args, _ in .tensor(try Tensor.minimum(try T.tensor(args, 0, "a", of: "minimum"), try T.tensor(args, 1, "b", of: "minimum"))) },
      T.entry(
        "logical_and", [BuiltinParameter("a", T.tensorLike), BuiltinParameter("b", T.tensorLike)],
        doc: "Element-wise 'and' of two masks (nonzero is true), broadcasting; combine conditions with it, as NumPy's '&': logical_and(x > 0, x < 5).",
        example: "logical_and(tensor([true, true, false]), tensor([true, false, false]))  # tensor([ True, False, False], shape=[3], dtype=bool)"
      ) { args, _ in .tensor(try T.tensor(args, 0, "a", of: "logical_and").logicalAnd(try T.tensor(args, 1, "b", of: "logical_and"))) },
      T.entry(
        "logical_or", [BuiltinParameter("a", T.tensorLike), BuiltinParameter("b", T.tensorLike)],
        doc: "Element-wise 'or' of two masks (nonzero is true), broadcasting, as NumPy's '|'.",
        example: "logical_or(tensor([true, false]), tensor([false, false]))  # tensor([ True, False], shape=[2], dtype=bool)"
      ) { args, _ in .tensor(try T.tensor(args, 0, "a", of: "logical_or").logicalOr(try T.tensor(args, 1, "b", of: "logical_or"))) },
      T.entry(
        "logical_xor", [BuiltinParameter("a", T.tensorLike), BuiltinParameter("b", T.tensorLike)],
        doc: "Element-wise 'exclusive or' of two masks (nonzero is true), broadcasting, as NumPy's '^'.",
        example: "logical_xor(tensor([true, true]), tensor([true, false]))  # tensor([False,  True], shape=[2], dtype=bool)"
      ) { args, _ in .tensor(try T.tensor(args, 0, "a", of: "logical_xor").logicalXor(try T.tensor(args, 1, "b", of: "logical_xor"))) },
      T.entry(
        "logical_not", [BuiltinParameter("x", T.tensorLike)],
        doc: "Element-wise 'not' of a mask (nonzero is true), as NumPy's '~' on bools.",
        example: "logical_not(tensor([true, false]))  # tensor([False,  True], shape=[2], dtype=bool)"
      ) { args, _ in .tensor(try T.tensor(args, 0, "x", of: "logical_not").logicalNot()) },
      T.entry(
        "softmax", [BuiltinParameter("x", T.tensorLike), BuiltinParameter("axis", .int, default: "-1")],
        doc: "exp(x) / sum(exp(x)) along 'axis', computed stably (the maximum is subtracted first).",
        example: "softmax(tensor([0.0, 0.0]))  # tensor([0.5, 0.5], shape=[2], dtype=float64)"
      ) { args, _ in
        guard case .int(let axis) = args[1] else { return .null }
        return .tensor(try T.floating(try T.tensor(args, 0, "x", of: "softmax")).softmax(axis: axis))
      },
      T.entry(
        "log_softmax", [BuiltinParameter("x", T.tensorLike), BuiltinParameter("axis", .int, default: "-1")],
        doc: "log(softmax(x)) along 'axis', computed stably as x - logsumexp(x).",
        example: "log_softmax(tensor([0.0, 0.0]))  # tensor([-0.69314718, -0.69314718], shape=[2], dtype=float64)"
      ) { args, _ in
        guard case .int(let axis) = args[1] else { return .null }
        return .tensor(try T.floating(try T.tensor(args, 0, "x", of: "log_softmax")).logSoftmax(axis: axis))
      },
      T.reduction(
        "logsumexp", doc: "log(sum(exp(x))) over 'axis' (every axis when nil), computed stably.",
        example: "logsumexp(tensor([0.0, 0.0]))  # 0.6931471805599453"
      ) { t, axes, keep in try T.floating(t).logSumExp(axes: axes, keepDims: keep) },
    ]
  }
}
