import MelixNumerics

extension TensorBuiltins {
  /// Reads a list or tuple of tensors (each element converted with `asTensor`).
  static func tensorList(_ value: Value, _ parameter: String, of function: String) throws -> [Tensor] {
    guard let items = TensorConversion.sequenceItems(value) else {
      throw MelixError("argument '\(parameter)' of '\(function)': expected a list of tensors, got \(value.typeName)")
    }
    return try items.enumerated().map { i, item in
      try asTensor(item, role: "element \(i) of argument '\(parameter)' of '\(function)'")
    }
  }
}

extension BuiltinTable {
  /// reshape take flatten transpose squeeze expand_dims concat stack split sort argsort unique.
  static var tensorShape: [Builtin] {
    typealias T = TensorBuiltins
    return [
      T.entry(
        "reshape", [BuiltinParameter("x", T.tensorLike), BuiltinParameter("shape", T.shapeType)],
        doc: "The same elements (row-major) in a new shape; one size may be -1 and is then inferred.",
        example: "arange(6).reshape([3, -1]).shape  # (3, 2)"
      ) { args, _ in
        let t = try T.tensor(args, 0, "x", of: "reshape")
        return .tensor(try t.reshaped(try T.shape(args[1], "shape", of: "reshape", allowInferred: true)))
      },
      T.entry(
        "take", [BuiltinParameter("x", T.tensorLike), BuiltinParameter("indices", T.tensorLike), BuiltinParameter("axis", .optional(.int), default: "nil")],
        doc: "The elements (or slices along 'axis') at integer positions, NumPy's take: of the flattened tensor when 'axis' is nil; negative positions count from the end; the result has the indices' shape in place of the axis.",
        example: "take(tensor([[1, 2], [3, 4]]), [1, 0], axis: 1).tolist()  # [[2, 1], [4, 3]]"
      ) { args, _ in
        let t = try T.tensor(args, 0, "x", of: "take")
        var indices = try T.tensor(args, 1, "indices", of: "take")
        if indices.dtype != .int64 {
          guard indices.count == 0 else {
            throw MelixError("argument 'indices' of 'take': expected Ints, got \(indices.dtype) values")
          }
          indices = indices.cast(to: .int64)
        }
        // One Int position gives a number, as NumPy's take and t[i].
        guard let axis = try T.axis(args[2], "take") else {
          return TensorConversion.scalarOrTensor(try t.flattened().take(indices, axis: 0))
        }
        return TensorConversion.scalarOrTensor(try t.take(indices, axis: axis))
      },
      T.entry(
        "flatten", [BuiltinParameter("x", T.tensorLike)],
        doc: "The elements as a one-dimensional tensor, in row-major order.",
        example: "eye(2).flatten()  # tensor([1., 0., 0., 1.], shape=[4], dtype=float64)"
      ) { args, _ in .tensor(try T.tensor(args, 0, "x", of: "flatten").flattened()) },
      T.entry(
        "transpose", [BuiltinParameter("x", T.tensorLike), BuiltinParameter("axes", .optional(.oneOf([.list, .tuple])), default: "nil")],
        doc: "The axes reversed (as 't.T'), or put in the order 'axes'.",
        example: "zeros([2, 3, 4]).transpose([1, 0, 2]).shape  # (3, 2, 4)"
      ) { args, _ in
        let t = try T.tensor(args, 0, "x", of: "transpose")
        guard let order = try T.axes(args[1], "transpose") else {
          return .tensor(try t.permuted(Array((0..<t.rank).reversed())))
        }
        return .tensor(try t.permuted(order))
      },
      T.entry(
        "squeeze", [BuiltinParameter("x", T.tensorLike), BuiltinParameter("axis", T.axisType, default: "nil")],
        doc: "Removes axes of size 1 (every one, or those in 'axis').",
        example: "zeros([1, 3, 1]).squeeze().shape  # (3,)"
      ) { args, _ in .tensor(try T.tensor(args, 0, "x", of: "squeeze").squeezed(axes: try T.axes(args[1], "squeeze"))) },
      T.entry(
        "expand_dims", [BuiltinParameter("x", T.tensorLike), BuiltinParameter("axis", .int)],
        doc: "Inserts an axis of size 1 at position 'axis'.",
        example: "zeros([3]).expand_dims(0).shape  # (1, 3)"
      ) { args, _ in
        guard case .int(let axis) = args[1] else { return .null }
        return .tensor(try T.tensor(args, 0, "x", of: "expand_dims").expandingDims(at: axis))
      },
      T.entry(
        "concat", [BuiltinParameter("tensors", .oneOf([.list, .tuple])), BuiltinParameter("axis", .int, default: "0")],
        doc: "Joins tensors along an existing axis; the other sizes must match. Dtypes are promoted.",
        example: "concat([zeros([2, 3]), ones([1, 3])]).shape  # (3, 3)"
      ) { args, _ in
        guard case .int(let axis) = args[1] else { return .null }
        return .tensor(try Tensor.concat(try T.tensorList(args[0], "tensors", of: "concat"), axis: axis))
      },
      T.entry(
        "stack", [BuiltinParameter("tensors", .oneOf([.list, .tuple])), BuiltinParameter("axis", .int, default: "0")],
        doc: "Joins tensors of equal shape along a new axis.",
        example: "stack([zeros(3), ones(3)], axis: 1).shape  # (3, 2)"
      ) { args, _ in
        guard case .int(let axis) = args[1] else { return .null }
        return .tensor(try Tensor.stack(try T.tensorList(args[0], "tensors", of: "stack"), axis: axis))
      },
      T.entry(
        "split",
        [BuiltinParameter("x", T.tensorOnly), BuiltinParameter("sections", .oneOf([.int, .list, .tuple])), BuiltinParameter("axis", .int, default: "0")],
        returns: "List",
        doc: "Splits a tensor along 'axis' into 'sections' equal parts (an Int that divides the size), or at the positions in a list, negative ones counting from the end (NumPy's split).",
        example: "len(split(arange(6), 3))  # 3\nsplit(arange(5), [2])[1]  # tensor([2, 3, 4], shape=[3], dtype=int64)"
      ) { args, _ in
        let t = try T.tensor(args, 0, "x", of: "split")
        guard case .int(let axis) = args[2] else { return .null }
        let parts: [Tensor]
        if case .int(let sections) = args[1] {
          guard sections > 0 else { throw MelixError("argument 'sections' of 'split' must be > 0, got \(sections)") }
          parts = try t.split(sections: sections, axis: axis)
        } else {
          parts = try t.split(at: try T.positions(args[1], "sections", of: "split"), axis: axis)
        }
        return .list(ListRef(parts.map { .tensor($0) }))
      },
      T.entry(
        "sort", [BuiltinParameter("x", T.tensorLike), BuiltinParameter("axis", .int, default: "-1")],
        doc: "A sorted copy along 'axis' (ascending, nan last).",
        example: "sort(tensor([3, 1, 2]))  # tensor([1, 2, 3], shape=[3], dtype=int64)"
      ) { args, _ in
        guard case .int(let axis) = args[1] else { return .null }
        return .tensor(try T.tensor(args, 0, "x", of: "sort").sorted(axis: axis))
      },
      T.entry(
        "argsort", [BuiltinParameter("x", T.tensorLike), BuiltinParameter("axis", .int, default: "-1")],
        doc: "The indices that sort 'x' along 'axis' (a stable sort, nan last).",
        example: "argsort(tensor([3, 1, 2]))  # tensor([1, 2, 0], shape=[3], dtype=int64)"
      ) { args, _ in
        guard case .int(let axis) = args[1] else { return .null }
        return .tensor(try T.tensor(args, 0, "x", of: "argsort").argsort(axis: axis))
      },
      T.entry(
        "unique", [BuiltinParameter("x", T.tensorLike), BuiltinParameter("counts", .bool, default: "false")],
        returns: "Tensor or Tuple",
        doc: "The sorted distinct elements (flattened); with 'counts' a tuple (values, counts).",
        example: "unique(tensor([3, 1, 3]))  # tensor([1, 3], shape=[2], dtype=int64)"
      ) { args, _ in
        let t = try T.tensor(args, 0, "x", of: "unique")
        if T.flag(args[1]) {
          let (values, counts) = t.uniqueWithCounts()
          return .tuple(TupleRef([.tensor(values), .tensor(counts)]))
        }
        return .tensor(t.unique())
      },
    ]
  }
}
