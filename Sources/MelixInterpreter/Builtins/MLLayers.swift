import MelixML
import MelixNumerics

extension BuiltinTable {
  /// `relu() tanh() sigmoid() softmax()` as layers. They overload the tensor functions of
  /// the same names: a call without arguments reaches these entries (the only ones that
  /// need none), a call with an argument the tensor function, because these entries'
  /// parameter accepts only nil.
  static var mlActivationLayers: [Builtin] {
    [
      layerOnly(.relu, "max(0, x)"),
      layerOnly(.tanh, "the hyperbolic tangent"),
      layerOnly(.sigmoid, "the logistic function 1/(1 + e^-x)"),
      layerOnly(.softmax, "e^x_j / Σ_k e^x_k over the units (folded into a cross-entropy loss)"),
    ]
  }

  private static func layerOnly(_ a: Activation, _ formula: String) -> Builtin {
    Builtin(
      a.rawValue, [BuiltinParameter("layer", .optional(.native("NoArgument")), default: "nil")],
      returns: "Layer",
      doc: "An activation layer for 'sequential': \(a.rawValue), \(formula).",
      example: "sequential(dense(16), \(a.rawValue)(), dense(3))"
    ) { _, _ in .native(LayerValue(.activation(a))) }
  }

  /// dense gelu dropout batch_norm.
  static var mlLayers: [Builtin] {
    [
      Builtin(
        "dense", [BuiltinParameter("units", .int)], returns: "Layer",
        doc:
          "A fully connected layer 'x·W + b' with 'units' outputs, for 'sequential'; its input width comes from the previous layer or the data.",
        example: "sequential(dense(16), relu(), dense(3))"
      ) { args, _ in
        let units = try MLBridge.int(args[0], "dense", "units", minimum: 1)
        return .native(LayerValue(.dense(units: units)))
      },
      activation(.gelu, "the Gaussian error linear unit x·Φ(x) (exact form, as PyTorch's default)"),
      Builtin(
        "dropout", [BuiltinParameter("rate", .number)], returns: "Layer",
        doc: """
          A dropout layer for 'sequential': while training, each value is zeroed with \
          probability 'rate' (in [0, 1)) and the rest scaled by 1/(1 - rate); off at prediction.
          """,
        example: "sequential(dense(64), relu(), dropout(0.2), dense(10))"
      ) { args, _ in
        let spec = LayerSpec.dropout(rate: args[0].asDouble ?? 0)
        try MLBridge.run { try spec.validate() }
        return .native(LayerValue(spec))
      },
      Builtin(
        "batch_norm",
        [
          BuiltinParameter("momentum", .number, default: "0.1"),
          BuiltinParameter("eps", .number, default: "1e-05"),
        ],
        returns: "Layer",
        doc: """
          A batch-normalisation layer for 'sequential' (as PyTorch's BatchNorm1d): batch \
          statistics while training, running statistics (updated with 'momentum') at prediction.
          """,
        example: "sequential(dense(64), batch_norm(), relu(), dense(3))"
      ) { args, _ in
        let spec = LayerSpec.batchNorm(
          momentum: args[0].asDouble ?? 0.1, epsilon: args[1].asDouble ?? 1e-5)
        try MLBridge.run { try spec.validate() }
        return .native(LayerValue(spec))
      },
    ]
  }

  /// `relu()` makes a layer; `relu(x)` applies the function to a number or tensor.
  private static func activation(_ a: Activation, _ formula: String) -> Builtin {
    Builtin(
      a.rawValue, [BuiltinParameter("x", .any, default: "nil")], returns: "Layer or Tensor",
      doc: """
        The \(a.rawValue) activation, \(formula). Without an argument it is a layer for \
        'sequential'; with a number or tensor it applies the function element-wise.
        """,
      example:
        "sequential(dense(16), \(a.rawValue)(), dense(3))\n\(a.rawValue)(tensor([-1.0, 0.0, 2.0]))"
    ) { args, _ in
      if case .null = args[0] { return .native(LayerValue(.activation(a))) }
      let x = try asTensor(args[0], role: "argument 'x' of '\(a.rawValue)'")
      let y = a.apply(x)
      if case .int = args[0] { return .float(y.scalars.first ?? .nan) }
      if case .float = args[0] { return .float(y.scalars.first ?? .nan) }
      return .tensor(y)
    }
  }
}
