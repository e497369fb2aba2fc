import MelixML

extension BuiltinTable {
  /// linear_regression logistic_regression knn mlp sequential.
  static var mlModels: [Builtin] {
    [
      Builtin(
        "linear_regression", [BuiltinParameter("alpha", .number, default: "0.0")],
        returns: "Model",
        doc: """
          A linear regression model: ordinary least squares, or ridge regression with L2 penalty \
          'alpha' > 0 (the intercept is not penalised), solved in closed form with LAPACK. \
          'train' fits it; epoch options are ignored.
          """,
        example: "let model = linear_regression(alpha: 1.0)"
      ) { args, _ in
        let alpha = args[0].asDouble ?? 0
        guard alpha.isFinite, alpha >= 0 else {
          throw MelixError("argument 'alpha' of 'linear_regression': expected >= 0, got \(alpha)")
        }
        return .native(ModelValue(.classical(ClassicalModel(.linearRegression(alpha: alpha)))))
      },
      Builtin(
        "logistic_regression",
        [
          BuiltinParameter("C", .number, default: "1.0"),
          BuiltinParameter("max_iter", .int, default: "100"),
        ],
        returns: "Model",
        doc: """
          A logistic regression classifier (binary, or multinomial for more classes) with L2 \
          penalty of inverse strength 'C', fitted by L-BFGS for at most 'max_iter' iterations; \
          its coefficients match scikit-learn's LogisticRegression on the same data and C.
          """,
        example: "let model = logistic_regression(C: 1.0, max_iter: 200)"
      ) { args, _ in
        let c = args[0].asDouble ?? 1
        guard c.isFinite, c > 0 else {
          throw MelixError("argument 'C' of 'logistic_regression': expected > 0, got \(c)")
        }
        let maxIter = try MLBridge.int(args[1], "logistic_regression", "max_iter", minimum: 1)
        return .native(
          ModelValue(.classical(ClassicalModel(.logisticRegression(C: c, maxIter: maxIter)))))
      },
      Builtin(
        "knn", [BuiltinParameter("k", .int, default: "5")], returns: "Model",
        doc: """
          A k-nearest-neighbours model (Euclidean distance, uniform weights): a classifier or a \
          regressor depending on the data's task at 'train'.
          """,
        example: "let model = knn(k: 5)"
      ) { args, _ in
        let k = try MLBridge.int(args[0], "knn", "k", minimum: 1)
        return .native(ModelValue(.classical(ClassicalModel(.knn(k: k)))))
      },
      Builtin(
        "mlp",
        [
          BuiltinParameter("hidden", .list, default: "nil"),
          BuiltinParameter("activation", .string, default: "\"relu\""),
          BuiltinParameter("dropout", .number, default: "0.0"),
        ],
        returns: "Model",
        doc: """
          A multi-layer perceptron: per width in 'hidden' (default [64]) a dense layer, the \
          'activation' ("relu", "tanh", "sigmoid" or "gelu") and, when 'dropout' > 0, a dropout \
          layer; 'train' adds the output layer (one unit per class, or one for regression). \
          Weights start He-initialised before ReLU, Glorot otherwise, from the training seed.
          """,
        example: "let model = mlp(hidden: [64, 32], activation: \"relu\", dropout: 0.2)"
      ) { args, _ in
        var hidden = [64]
        if case .list(let list) = args[0] {
          hidden = try list.items.map { item in
            guard case .int(let width) = item else {
              throw MelixError(
                "argument 'hidden' of 'mlp': expected a list of Int widths, got \(item.repr)")
            }
            return width
          }
        }
        guard case .string(let name) = args[1] else { return .null }
        let activation = try activationNamed(name, "mlp")
        let rate = args[2].asDouble ?? 0
        return .native(
          ModelValue(
            .network(
              try MLBridge.run {
                try NeuralNetwork(mlp: hidden, activation: activation, dropout: rate)
              })))
      },
      Builtin(
        "sequential", [BuiltinParameter("layers", .any, variadic: true)], returns: "Model",
        doc: """
          A neural network from layers in order: 'dense', the activations 'relu', 'tanh', \
          'sigmoid', 'gelu', 'softmax', 'dropout' and 'batch_norm'. The last dense layer must \
          have one unit per class (or one for regression); a final 'softmax' is folded into the \
          cross-entropy loss.
          """,
        example: "let model = sequential(dense(64), relu(), dropout(0.2), dense(10))"
      ) { args, _ in
        guard case .list(let list) = args[0] else { return .null }
        let specs = try list.items.enumerated().map { index, item -> LayerSpec in
          guard case .native(let n) = item, let layer = n as? LayerValue else {
            throw MelixError(
              "argument \(index + 1) of 'sequential': expected Layer (dense(64), relu(), ...), got \(item.typeName)"
            )
          }
          return layer.spec
        }
        return .native(
          ModelValue(.network(try MLBridge.run { try NeuralNetwork(sequential: specs) })))
      },
    ]
  }

  /// An activation by name, or an error listing the names.
  static func activationNamed(_ name: String, _ function: String) throws -> Activation {
    guard let activation = Activation(rawValue: name), activation != .softmax else {
      throw MelixError(
        "argument 'activation' of '\(function)': expected \"relu\", \"tanh\", \"sigmoid\" or \"gelu\", got \"\(name)\""
      )
    }
    return activation
  }
}
