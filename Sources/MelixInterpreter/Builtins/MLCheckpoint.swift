import MelixML

extension BuiltinTable {
  /// save (of a Model) and load_model.
  static var mlCheckpoints: [Builtin] {
    [
      Builtin(
        "save",
        [
          BuiltinParameter("model", .native("Model")), BuiltinParameter("path", .string),
          BuiltinParameter("preprocessing", .optional(.oneOf([.native("Transformer"), .list])), default: "nil"),
        ],
        returns: "Nil",
        doc: """
          Saves a trained model as an HDF5 checkpoint: one group per layer, weights as datasets, \
          architecture, hyper-parameters, feature and class names and training metadata as \
          attributes, a format version (docs/checkpoints.md). `preprocessing:` takes the fitted \
          transformer (or a list of them, in the order applied) the model was trained after: \
          the learned numbers of a 'standard_scaler', 'minmax_scaler' or 'imputer' are stored \
          under /preprocessing, and the checkpoint becomes a pipeline: 'load_model', 'melix \
          serve' and 'deploy' of it apply those steps to RAW inputs before the model. The \
          model in memory does not (it was trained on transformed data: transform its inputs \
          yourself). Saving a loaded pipeline again keeps its steps unless 'preprocessing:' \
          replaces them. The write is atomic (a temporary file, then a rename). A checkpoint \
          is data: loading it never runs code. A relative path is relative to the script's \
          folder.
          """,
        example: "let (train_set, test_set) = split(read_csv(\"data/iris.csv\", target: \"species\"), test: 0.2, seed: 42)\nlet model = logistic_regression()\ntrain(model, train_set)\nsave(model, \"iris_mlp.h5\")"
      ) { args, context in
        let model = try MLBridge.model(args[0], "save")
        guard case .string(let written) = args[1] else { return .null }
        let path = DataBridge.resolve(written, context: context)
        let saved: SavedModel
        switch model.state {
        case .network(let n): saved = .network(n)
        case .classical, .restored:
          guard let state = model.classicalState else {
            throw MelixError("cannot save '\(model.name)': it has not been trained yet")
          }
          saved = .classical(state)
        }
        // A loaded pipeline keeps its steps unless 'preprocessing:' replaces them.
        var preprocessing: [String: [Double]] = args[2] == .null ? model.preprocessing : [:]
        var metadata = model.metadata
        let transformers: [Value]
        switch args[2] {
        case .list(let items): transformers = items.items
        case .null: transformers = []
        default: transformers = [args[2]]
        }
        for (index, item) in transformers.enumerated() {
          guard case .native(let native) = item, let transformer = native as? TransformerValue else {
            throw MelixError(
              "argument 'preprocessing' of 'save': expected Transformer, got \(item.typeName)")
          }
          let prefix = transformers.count > 1 ? "\(index)_" : ""
          let entries = try transformer.checkpointEntries(prefix: prefix)
          preprocessing.merge(entries.vectors) { _, new in new }
          metadata.merge(entries.metadata) { _, new in new }
        }
        try MLBridge.run(path: path, as: written) {
          try Checkpoint(
            saved, featureNames: model.featureNames, classNames: model.classNames,
            preprocessing: preprocessing, metadata: metadata
          ).save(to: path)
        }
        return .null
      },
      Builtin(
        "load_model", [BuiltinParameter("path", .string)], returns: "Model",
        doc: """
            Loads a model saved by 'save'. It predicts exactly as the saved model did. If the \
            checkpoint was saved with 'preprocessing:', the loaded model is a pipeline: \
            'predict', 'predict_proba', 'evaluate', 'shap' and 'permutation_importance' take RAW \
            inputs and apply the stored steps (scalers, imputer, in the saved order) first, as a \
            scikit-learn Pipeline does; its 'preprocessing' field shows the stored numbers. A \
            missing, damaged or non-checkpoint file, or one from a newer Melix, is an error \
            naming the file.
          """,
        example: "let model = logistic_regression()\ntrain(model, read_csv(\"data/iris.csv\", target: \"species\"))\nsave(model, \"iris_model.h5\")\nlet restored = load_model(\"iris_model.h5\")"
      ) { args, context in
        guard case .string(let written) = args[0] else { return .null }
        let path = DataBridge.resolve(written, context: context)
        let checkpoint = try MLBridge.run(path: path, as: written) {
          try Checkpoint.load(from: path)
        }
        let value: ModelValue
        switch checkpoint.model {
        case .network(let n): value = ModelValue(.network(n))
        case .classical(let c): value = ModelValue(.restored(c))
        }
        value.featureNames = checkpoint.featureNames
        value.classNames = checkpoint.classNames
        value.metadata = checkpoint.metadata
        value.preprocessing = checkpoint.preprocessing
        value.pipeline = checkpoint.pipeline
        return .native(value)
      },
    ]
  }
}
