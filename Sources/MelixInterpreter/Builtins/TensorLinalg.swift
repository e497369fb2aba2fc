import MelixNumerics

extension TensorBuiltins {
  /// A linear-algebra entry of one matrix argument `a`.
  static func matrixFunction(_ name: String, returns: String = "Tensor", doc: String, example: String, _ f: @escaping (Tensor) throws -> Value) -> Builtin {
    entry(name, [BuiltinParameter("a", tensorLike)], returns: returns, doc: doc, example: example) { args, _ in
      try f(floating(try tensor(args, 0, "a", of: name)))
    }
  }
}

extension BuiltinTable {
  /// matmul dot solve inv det cholesky qr svd eigh lstsq norm.
  static var tensorLinalg: [Builtin] {
    typealias T = TensorBuiltins
    return [
      T.entry(
        "matmul", [BuiltinParameter("a", T.tensorLike), BuiltinParameter("b", T.tensorLike)],
        doc: "The matrix product, as 'a @ b': [m, k] × [k, n] → [m, n]; vectors and stacks of matrices as NumPy's matmul. Runs on BLAS.",
        example: "matmul(eye(2), tensor([[1.0], [2.0]])).shape  # (2, 1)"
      ) { args, _ in .tensor(try T.tensor(args, 0, "a", of: "matmul").matmul(try T.tensor(args, 1, "b", of: "matmul"))) },
      T.entry(
        "dot", [BuiltinParameter("a", T.tensorLike), BuiltinParameter("b", T.tensorLike)],
        returns: "Tensor or number",
        doc: "The dot product of two vectors (a number), or the matrix product for matrices.",
        example: "dot(tensor([1, 2, 3]), tensor([4, 5, 6]))  # 32"
      ) { args, _ in
        TensorConversion.scalarOrTensor(try T.tensor(args, 0, "a", of: "dot").matmul(try T.tensor(args, 1, "b", of: "dot")))
      },
      T.entry(
        "solve", [BuiltinParameter("a", T.tensorLike), BuiltinParameter("b", T.tensorLike)],
        doc: "x such that a @ x = b, for a square non-singular a [n, n] and b [n] or [n, k] (LAPACK gesv).",
        example: "solve(tensor([[2.0, 0.0], [0.0, 4.0]]), tensor([2.0, 2.0]))  # tensor([1. , 0.5], shape=[2], dtype=float64)"
      ) { args, _ in
        .tensor(try Linalg.solve(T.floating(try T.tensor(args, 0, "a", of: "solve")), T.floating(try T.tensor(args, 1, "b", of: "solve"))))
      },
      T.matrixFunction("inv", doc: "The inverse of a square non-singular matrix (LAPACK getrf + getri).", example: "inv(tensor([[2.0, 1.0], [1.0, 1.0]]))  # tensor([[ 1., -1.], [-1.,  2.]], shape=[2, 2], dtype=float64)") {
        .tensor(try Linalg.inv($0))
      },
      T.matrixFunction("det", returns: "Float", doc: "The determinant of a square matrix (LAPACK getrf).", example: "det(tensor([[2.0, 0.0], [0.0, 3.0]]))  # 6.0") {
        TensorConversion.scalarOrTensor(try Linalg.det($0))
      },
      T.matrixFunction("cholesky", doc: "The lower-triangular L with L @ L.T = a, for a symmetric positive-definite a (LAPACK potrf).", example: "cholesky(tensor([[4.0, 2.0], [2.0, 3.0]])).tolist()  # [[2.0, 0.0], [1.0, 1.4142135623730951]]") {
        .tensor(try Linalg.cholesky($0))
      },
      T.matrixFunction("qr", returns: "Tuple", doc: "The reduced QR decomposition (q, r) of a [m, n] matrix: q [m, k] with orthonormal columns, r [k, n] upper triangular, k = min(m, n) (LAPACK geqrf + orgqr).", example: "let (q, r) = qr(tensor([[1.0, 2.0], [3.0, 4.0]]))") {
        let (q, r) = try Linalg.qr($0)
        return .tuple(TupleRef([.tensor(q), .tensor(r)]))
      },
      T.matrixFunction("svd", returns: "Tuple", doc: "The reduced singular value decomposition (u, s, vt) with a = u @ diag(s) @ vt, s descending (LAPACK gesdd).", example: "let (u, s, vt) = svd(eye(2))\ns  # tensor([1., 1.], shape=[2], dtype=float64)") {
        let (u, s, vt) = try Linalg.svd($0)
        return .tuple(TupleRef([.tensor(u), .tensor(s), .tensor(vt)]))
      },
      T.matrixFunction("eigh", returns: "Tuple", doc: "The eigenvalues (ascending) and eigenvectors (columns) of a symmetric matrix, as a tuple (values, vectors) (LAPACK syevd).", example: "let (w, v) = eigh(tensor([[2.0, 0.0], [0.0, 1.0]]))\nw  # tensor([1., 2.], shape=[2], dtype=float64)") {
        let (values, vectors) = try Linalg.eigh($0)
        return .tuple(TupleRef([.tensor(values), .tensor(vectors)]))
      },
      T.entry(
        "lstsq", [BuiltinParameter("a", T.tensorLike), BuiltinParameter("b", T.tensorLike)],
        returns: "Tuple",
        doc: "The least-squares solution x minimising |a @ x - b|, as NumPy's lstsq: a tuple (x, residuals, rank, singular_values) (LAPACK gelsd).",
        example: "let (x, res, rank, sv) = lstsq(tensor([[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]]), tensor([1.0, 2.0, 3.0]))"
      ) { args, _ in
        let fit = try Linalg.lstsq(T.floating(try T.tensor(args, 0, "a", of: "lstsq")), T.floating(try T.tensor(args, 1, "b", of: "lstsq")))
        return .tuple(TupleRef([.tensor(fit.solution), .tensor(fit.residuals), .int(fit.rank), .tensor(fit.singularValues)]))
      },
      T.entry(
        "norm", [BuiltinParameter("x", T.tensorLike), BuiltinParameter("ord", .optional(.number), default: "nil"), BuiltinParameter("axis", T.axisType, default: "nil")],
        returns: "Float or Tensor",
        doc: "The Euclidean norm: of the flattened tensor (the Frobenius norm of a matrix), or over 'axis'. For a vector (or over one 'axis'), 'ord' 1 gives the sum of absolute values and 'ord' inf the largest absolute value; for a matrix without 'axis', as NumPy, 'ord' 2 is the largest singular value, 1 the largest column sum of absolute values, inf the largest row sum.",
        example: "norm(tensor([3.0, 4.0]))  # 5.0"
      ) { args, _ in
        let t = T.floating(try T.tensor(args, 0, "x", of: "norm"))
        let axes = try T.axes(args[2], "norm")
        let value: Tensor
        if let ord = args[1].asDouble, axes == nil || axes?.count == 2, t.rank >= 2 {
          // NumPy's matrix norms (np.linalg.norm with ord on a 2-D input).
          guard t.rank == 2, axes == nil else {
            throw MelixError("argument 'ord' of 'norm' needs a vector or a matrix without 'axis', got shape \(formatShape(t.shape))")
          }
          switch ord {
          case 2: value = try Linalg.svd(t).s.max()
          case 1: value = try t.abs().sum(axes: [0]).max()
          case .infinity: value = try t.abs().sum(axes: [1]).max()
          default: throw MelixError("argument 'ord' of 'norm': expected nil, 1, 2 or inf, got \(Value.formatFloat(ord))")
          }
          return TensorConversion.scalarOrTensor(value)
        }
        switch args[1].asDouble {
        case nil, 2?: value = try (t * t).sum(axes: axes).sqrt()
        case 1?: value = try t.abs().sum(axes: axes)
        case let p? where p == .infinity: value = try t.abs().max(axes: axes)
        case let p?: throw MelixError("argument 'ord' of 'norm': expected nil, 1, 2 or inf, got \(Value.formatFloat(p))")
        }
        return TensorConversion.scalarOrTensor(value)
      },
    ]
  }

  /// backward zero_grad detach requires_grad.
  static var tensorAutograd: [Builtin] {
    typealias T = TensorBuiltins
    return [
      T.entry(
        "backward", [BuiltinParameter("y", T.tensorOnly), BuiltinParameter("gradient", .optional(T.tensorLike), default: "nil")],
        returns: "Nil",
        doc: "Computes the gradient of 'y' (a one-element tensor, or with 'gradient' of its shape) with respect to every tensor made with 'requires_grad: true' it was computed from; each one's '.grad' then holds it (gradients add up across calls; see 'zero_grad').",
        example: "let x = tensor([1.0, 2.0], requires_grad: true)\nlet y = sum(x * x)\ny.backward()\nx.grad  # tensor([2., 4.], shape=[2], dtype=float64)"
      ) { args, _ in
        let y = try T.tensor(args, 0, "y", of: "backward")
        if case .null = args[1] {
          try y.backward()
        } else {
          try y.backward(gradient: try T.tensor(args, 1, "gradient", of: "backward"))
        }
        return .null
      },
      T.entry(
        "zero_grad", [BuiltinParameter("x", T.tensorOnly)], returns: "Nil",
        doc: "Clears the gradient accumulated in x.grad.",
        example: "let x = tensor([1.0], requires_grad: true)\nsum(x * 3).backward()\nzero_grad(x)\nx.grad  # nil"
      ) { args, _ in
        try T.tensor(args, 0, "x", of: "zero_grad").zeroGrad()
        return .null
      },
      T.entry(
        "detach", [BuiltinParameter("x", T.tensorOnly)],
        doc: "The same values without gradient tracking.",
        example: "detach(tensor([1.0], requires_grad: true)).requires_grad  # false"
      ) { args, _ in .tensor(try T.tensor(args, 0, "x", of: "detach").detached()) },
    ]
  }
}
