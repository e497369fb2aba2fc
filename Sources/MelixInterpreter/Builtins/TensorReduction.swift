import MelixNumerics

extension TensorBuiltins {
  /// A reduction entry `name(x, axis: nil, keepdims: false)`; over every axis the result is
  /// a number (a tensor when it requires grad).
  static func reduction(
    _ name: String, type: ParameterType = tensorLike, doc: String, example: String,
    _ f: @escaping (Tensor, [Int]?, Bool) throws -> Tensor
  ) -> Builtin {
    entry(
      name, [BuiltinParameter("x", type), BuiltinParameter("axis", axisType, default: "nil"), BuiltinParameter("keepdims", .bool, default: "false")],
      returns: "Tensor or number", doc: doc, example: example
    ) { args, _ in
      let t = try tensor(args, 0, "x", of: name)
      return TensorConversion.scalarOrTensor(try f(t, try axes(args[1], name), flag(args[2])))
    }
  }

  /// An arg-reduction entry `name(x, axis: nil, keepdims: false)` over one axis or the
  /// flattened tensor.
  static func argReduction(_ name: String, doc: String, example: String, _ f: @escaping (Tensor, Int?, Bool) throws -> Tensor) -> Builtin {
    entry(
      name, [BuiltinParameter("x", tensorLike), BuiltinParameter("axis", .optional(.int), default: "nil"), BuiltinParameter("keepdims", .bool, default: "false")],
      returns: "Tensor or Int", doc: doc, example: example
    ) { args, _ in
      let t = try tensor(args, 0, "x", of: name)
      return TensorConversion.scalarOrTensor(try f(t, try axis(args[1], name), flag(args[2])))
    }
  }

  /// `var(x, axis:, ddof:, keepdims:)`, reachable as `variance(...)` and the method `t.var()`.
  static var variance: Builtin {
    spread("variance", doc: "The variance over 'axis' (every axis when nil): the mean squared deviation, divided by n - ddof (ddof 0 as NumPy; 1 for the sample variance). Also the method 't.var()'.", example: "variance(tensor([1.0, 2.0, 3.0, 4.0]))  # 1.25") { t, axes, ddof, keep in
      try t.variance(axes: axes, ddof: ddof, keepDims: keep)
    }
  }

  static func spread(_ name: String, doc: String, example: String, _ f: @escaping (Tensor, [Int]?, Int, Bool) throws -> Tensor) -> Builtin {
    entry(
      name,
      [
        BuiltinParameter("x", tensorLike), BuiltinParameter("axis", axisType, default: "nil"), BuiltinParameter("ddof", .int, default: "0"),
        BuiltinParameter("keepdims", .bool, default: "false"),
      ],
      returns: "Tensor or Float", doc: doc, example: example
    ) { args, _ in
      let t = try tensor(args, 0, "x", of: name)
      guard case .int(let ddof) = args[2], ddof >= 0 else { throw MelixError("argument 'ddof' of '\(name)' must be ≥ 0") }
      return TensorConversion.scalarOrTensor(try f(t, try axes(args[1], name), ddof, flag(args[3])))
    }
  }
}

extension BuiltinTable {
  /// mean variance std min max prod any all argmin argmax cumsum (sum is in
  /// `tensorPreferred`).
  static var tensorReductions: [Builtin] {
    typealias T = TensorBuiltins
    return [
      T.reduction("mean", doc: "The arithmetic mean over 'axis' (every axis when nil).", example: "mean(tensor([[1, 2], [3, 4]]), axis: 1)  # tensor([1.5, 3.5], shape=[2], dtype=float64)") { t, axes, keep in
        try t.mean(axes: axes, keepDims: keep)
      },
      T.variance,
      T.spread("std", doc: "The standard deviation over 'axis' (every axis when nil): the square root of 'variance' with the same 'ddof'.", example: "std(tensor([1.0, 2.0, 3.0, 4.0]))  # 1.118033988749895") { t, axes, ddof, keep in
        try t.std(axes: axes, ddof: ddof, keepDims: keep)
      },
      T.reduction("min", type: T.tensorOnly, doc: "The smallest element of a tensor over 'axis' (every axis when nil); nan if any is nan.", example: "min(tensor([[1, 5], [3, 2]]), axis: 0)  # tensor([1, 2], shape=[2], dtype=int64)") { t, axes, keep in
        try t.min(axes: axes, keepDims: keep)
      },
      T.reduction("max", type: T.tensorOnly, doc: "The largest element of a tensor over 'axis' (every axis when nil); nan if any is nan.", example: "max(tensor([[1, 5], [3, 2]]), axis: 1)  # tensor([5, 3], shape=[2], dtype=int64)") { t, axes, keep in
        try t.max(axes: axes, keepDims: keep)
      },
      T.reduction("prod", doc: "The product of the elements over 'axis' (every axis when nil).", example: "prod(tensor([1, 2, 3, 4]))  # 24") { t, axes, keep in
        try t.prod(axes: axes, keepDims: keep)
      },
      T.reduction("any", doc: "Whether any element over 'axis' is nonzero (every axis when nil).", example: "any(tensor([0, 0, 1]))  # true") { t, axes, keep in
        try t.any(axes: axes, keepDims: keep)
      },
      T.reduction("all", doc: "Whether every element over 'axis' is nonzero (every axis when nil).", example: "all(tensor([1, 0, 1]))  # false") { t, axes, keep in
        try t.all(axes: axes, keepDims: keep)
      },
      T.argReduction("argmin", doc: "The index of the smallest element along 'axis' (of the flattened tensor when nil); the first one on ties.", example: "argmin(tensor([3, 1, 2]))  # 1") { t, axis, keep in
        try t.argmin(axis: axis, keepDims: keep)
      },
      T.argReduction("argmax", doc: "The index of the largest element along 'axis' (of the flattened tensor when nil); the first one on ties.", example: "argmax(tensor([[1, 9], [8, 2]]), axis: 1)  # tensor([1, 0], shape=[2], dtype=int64)") { t, axis, keep in
        try t.argmax(axis: axis, keepDims: keep)
      },
      T.entry(
        "cumsum", [BuiltinParameter("x", T.tensorLike), BuiltinParameter("axis", .optional(.int), default: "nil")],
        doc: "Running sums along 'axis' (of the flattened tensor when nil).",
        example: "cumsum(tensor([1, 2, 3]))  # tensor([1, 3, 6], shape=[3], dtype=int64)"
      ) { args, _ in
        .tensor(try T.tensor(args, 0, "x", of: "cumsum").cumsum(axis: try T.axis(args[1], "cumsum")))
      },
    ]
  }
}
