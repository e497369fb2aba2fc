import Foundation
import MelixML
import MelixNumerics

extension BuiltinTable {
  /// train predict predict_proba evaluate.
  static var mlTraining: [Builtin] {
    [
      Builtin(
        "train",
        [
          BuiltinParameter("model", .native("Model")), BuiltinParameter("data"),
          BuiltinParameter("epochs", .int, default: "100"),
          BuiltinParameter("batch_size", .int, default: "32"),
          BuiltinParameter("optimizer", .optional(.native("Optimizer")), default: "nil"),
          BuiltinParameter("loss", .optional(.string), default: "nil"),
          BuiltinParameter("validation", .any, default: "nil"),
          BuiltinParameter("early_stopping", .any, default: "nil"),
          BuiltinParameter("seed", .int, default: "0"),
          BuiltinParameter("verbose", .optional(.bool), default: "nil"),
        ],
        returns: "History",
        doc: """
          Trains a model in place on a Dataset with a target (or a tuple (X, y)) and returns its \
          History. Neural networks run 'epochs' passes of mini-batches of 'batch_size' with \
          'optimizer' (default adam()) on 'loss' ("cross_entropy" for classes, "mse" for values; \
          also "mae", "huber", "binary_cross_entropy"). 'validation' is a fraction held out of \
          the data or a Dataset; 'early_stopping' a patience in epochs or a dict {"patience", \
          "min_delta", "metric"} (metric "val_loss", "val_accuracy", ...), after which the best \
          weights are restored. The same 'seed' and data give bit-identical weights. A progress \
          line per epoch goes to the terminal (stderr) when there is one, or to the output with \
          'verbose: true'. Ctrl-C stops training cleanly, keeping the best weights. Classical \
          models (linear, logistic, knn) are fitted and ignore the epoch options; logistic \
          regression's History has 'n_iter' and 'converged' (L-BFGS), and a fit that stops at \
          'max_iter' unconverged prints a warning on stderr. A Dataset \
          with categorical (string) feature columns is an error naming them: encode them with \
          one_hot or drop them; a missing value is an error naming its feature and row. \
          Training again: a trained neural network CONTINUES from its current weights (Keras's \
          fit, unlike scikit-learn's, which restarts), matching the new data's columns and \
          classes to its own by name; its History counts only the new epochs. Classical \
          models are refitted from scratch. To start a network afresh, build a new one \
          ('let fresh = mlp(hidden: [16])') and train that.
          """,
        example: """
          let (train_set, test_set) = split(read_csv("data/iris.csv", target: "species"), test: 0.2, seed: 42)
          let model = mlp(hidden: [16])
          let history = train(model, train_set, epochs: 200, optimizer: adam(lr: 0.01), validation: 0.1, early_stopping: 20, seed: 42)
          """
      ) { args, context in try trainModel(args, context) },
      Builtin(
        "predict",
        [BuiltinParameter("model", .native("Model")), BuiltinParameter("x")],
        returns: "Tensor",
        doc: """
          Predictions of a trained model for a Dataset (its X) or a tensor [nSamples, nFeatures]: \
          int64 class indices for a classifier, float64 values for a regressor. A classifier's \
          indices are in its class order ('model.classes', which a loaded checkpoint may order \
          differently from the data) and carry the class names, so the metric built-ins match \
          them to a Dataset's 'y' by name. A feature count that differs from training is an \
          error naming both counts. A Dataset's feature columns are matched to the model's by name ('model.feature_names'): the same names in another order are reordered, a missing or an extra one is an error naming it; a tensor has no names and is taken by position, as scikit-learn takes a NumPy array.
          """,
        example: "let (train_set, test_set) = split(read_csv(\"data/iris.csv\", target: \"species\"), test: 0.2, seed: 42)\nlet model = logistic_regression()\ntrain(model, train_set)\nlet y_hat = predict(model, test_set)"
      ) { args, _ in
        let model = try MLBridge.model(args[0], "predict")
        let codes = try model.predict(try MLBridge.features(args[1], for: model, "predict"))
        return ClassLabels.predictions(codes, of: model, columns: false)
      },
      Builtin(
        "predict_proba",
        [BuiltinParameter("model", .native("Model")), BuiltinParameter("x")],
        returns: "Tensor",
        doc:
          "Class probabilities [nSamples, nClasses] of a trained classifier for a Dataset or a tensor, columns in the model's class order ('model.classes'); the columns carry the class names, so 'roc_auc', 'average_precision' and 'log_loss' match them to y_true's classes by name. A Dataset's feature columns are matched to the model's by name ('model.feature_names'): the same names in another order are reordered, a missing or an extra one is an error naming it; a tensor has no names and is taken by position, as scikit-learn takes a NumPy array.",
        example: "let (train_set, test_set) = split(read_csv(\"data/iris.csv\", target: \"species\"), test: 0.2, seed: 42)\nlet model = logistic_regression()\ntrain(model, train_set)\nlet p = predict_proba(model, test_set)"
      ) { args, _ in
        let model = try MLBridge.model(args[0], "predict_proba")
        let p = try model.predictProbabilities(
          try MLBridge.features(args[1], for: model, "predict_proba"))
        return ClassLabels.predictions(p, of: model, columns: true)
      },
      Builtin(
        "evaluate",
        [BuiltinParameter("model", .native("Model")), BuiltinParameter("data")],
        returns: "Report",
        doc: """
          Scores a trained model on a Dataset with a target (or (X, y)) and returns a Report: for \
          classification accuracy, balanced accuracy, precision/recall/F1 (macro, micro, weighted, \
          per class), ROC AUC, average precision, log-loss and the confusion matrix; for \
          regression RMSE, MAE, R², MAPE and explained variance. A Dataset's classes are \
          matched to the model's by name (a loaded checkpoint may order them differently); a \
          class the model does not know is an error, and its feature columns are matched to \
          the model's by name (reordered, or an error naming a missing or an extra one). \
          Printing it shows a table.
          """,
        example: "let (train_set, test_set) = split(read_csv(\"data/iris.csv\", target: \"species\"), test: 0.2, seed: 42)\nlet model = logistic_regression()\ntrain(model, train_set)\nlet report = evaluate(model, test_set)\nprint(\"accuracy {report.accuracy:.3f}\")"
      ) { args, _ in
        let model = try MLBridge.model(args[0], "evaluate")
        try model.requireTrained("evaluate")
        let data = try MLBridge.aligned(
          try MLBridge.labelled(args[1], "evaluate"), to: model, "evaluate")
        let names = data.classNames.isEmpty ? nil : data.classNames
        return .native(ReportValue(try model.evaluate(data.x, data.y, targetNames: names)))
      },
    ]
  }

  /// The body of `train`.
  private static func trainModel(_ args: [Value], _ context: CallContext) throws -> Value {
    let model = try MLBridge.model(args[0], "train")
    if case .native(let n) = args[1], let wrapped = n as? DatasetValue {
      try MLBridge.run { try wrapped.dataset.requireNumericFeatures(for: "train") }
    }
    var data = try MLBridge.labelled(args[1], "train")
    if case .network(let network) = model.state, network.isBuilt {
      // A trained network continues from its weights: feed it the columns and class codes
      // its weights were trained on (by name), when the data holds the same ones.
      if let named = try? MLBridge.featuresAligned(
        data, to: model.featureNames, "train", "data")
      {
        data = named
      }
      if Set(data.classNames) == Set(model.classNames),
        let coded = try? MLBridge.aligned(data, to: model.classNames, "train", "data")
      {
        data = coded
      }
    }
    let start = Date()
    // A classical model, new or restored from a checkpoint (refitted from its configuration).
    func fitClassical(_ unfitted: ClassicalModel) throws -> Value {
      var classical = unfitted
      try fitting(data) { try classical.fit(data.x, data.y, task: data.task) }
      model.state = .classical(classical)
      model.featureNames = data.featureNames
      model.classNames = data.classNames
      var history = History(metricName: data.task == .classification ? "accuracy" : "mae")
      history.seconds = Date().timeIntervalSince(start)
      history.solver = classical.solverProgress
      warnUnconverged(classical)
      return .native(HistoryValue(history))
    }
    switch model.state {
    case .classical(let classical):
      return try fitClassical(classical)
    case .restored(let restored):
      return try fitClassical(ClassicalModel(restored.configuration))
    case .network(var network):
      let epochs = try MLBridge.int(args[2], "train", "epochs", minimum: 1)
      let batchSize = try MLBridge.int(args[3], "train", "batch_size", minimum: 1)
      var optimizer = try MLBridge.run { try Optimizer.adam() }
      if case .native(let n) = args[4], let o = n as? OptimizerValue { optimizer = o.optimizer }
      var loss: Loss? = nil
      if case .string(let name) = args[5] { loss = try MLBridge.run { try Loss(name: name) } }
      let validation = try validationOption(
        args[6], classNames: data.classNames, featureNames: data.featureNames)
      let early = try earlyStoppingOption(args[7])
      guard case .int(let seed) = args[8] else { return .null }
      let classCount =
        data.task == .classification && data.classNames.count >= 2 ? data.classNames.count : nil
      let options = try MLBridge.run {
        try TrainingOptions(
          epochs: epochs, batchSize: batchSize, optimizer: optimizer, loss: loss,
          validation: validation,
          earlyStopping: early, seed: seed, classCount: classCount)
      }
      var verbose: Bool? = nil
      if case .bool(let v) = args[9] { verbose = v }
      let toTerminal = verbose == nil && isatty(STDERR_FILENO) != 0
      let progress: ((EpochSummary) -> Void)? =
        verbose == true
        ? { context.write(progressLine($0) + "\n") }
        : toTerminal
          ? { FileHandle.standardError.write(Data((progressLine($0) + "\n").utf8)) } : nil
      let flag = context.interruptFlag
      network.featureNames = data.featureNames
      network.classNames = data.classNames
      let history = try fitting(data) {
        try network.train(
          data.x, data.y, task: data.task, options: options, progress: progress,
          shouldStop: { flag.isSet })
      }
      if history.interrupted {
        // The interrupt ended training only; the script or entry goes on with the best weights.
        flag.clear()
        FileHandle.standardError.write(
          Data("training interrupted after \(history.epochCount) epochs; best weights kept\n".utf8))
      }
      model.state = .network(network)
      model.featureNames = data.featureNames
      model.classNames = data.classNames
      return .native(HistoryValue(history))
    }
  }

  /// Writes scikit-learn's `ConvergenceWarning` to stderr when the model's solver stopped
  /// at `max_iter` unconverged.
  private static func warnUnconverged(_ model: ClassicalModel) {
    guard let warning = model.convergenceWarning else { return }
    FileHandle.standardError.write(Data("warning: \(warning)\n".utf8))
  }

  /// Runs a fit, naming a feature in place of a column index of X when
  /// the data has feature names (`feature 'age' holds NaN ... at row 15`).
  private static func fitting<T>(_ data: MLBridge.Labelled, _ body: () throws -> T) throws -> T {
    try MLBridge.run {
      do {
        return try body()
      } catch let error as ModelError {
        throw error.naming(features: data.featureNames)
      }
    }
  }

  /// `epoch 3/100  loss 0.5123  val_loss 0.4981  val_accuracy 0.9333  0.1s  eta 2.9s`.
  static func progressLine(_ s: EpochSummary) -> String {
    var line = "epoch \(s.epoch + 1)/\(s.epochs)  loss \(MLBridge.format(s.trainLoss))"
    if let v = s.validationLoss {
      line += "  val_loss \(MLBridge.format(v))  val_\(s.metricName) \(MLBridge.format(s.metric))"
    } else {
      line += "  \(s.metricName) \(MLBridge.format(s.metric))"
    }
    let perEpoch = s.elapsed / Double(s.epoch + 1)
    line +=
      "  \(MLBridge.format(s.elapsed, digits: 1))s  eta \(MLBridge.format(perEpoch * Double(s.epochs - s.epoch - 1), digits: 1))s"
    return line
  }

  /// `validation:` nil, a fraction, a Dataset or (X, y); a Dataset's feature columns are
  /// matched to the training data's by name and its class codes rewritten into the order of
  /// the training data's `classNames`.
  private static func validationOption(
    _ value: Value, classNames: [String], featureNames: [String]
  ) throws -> Validation {
    switch value {
    case .null: return .none
    case .int, .float: return .fraction(value.asDouble ?? 0)
    default:
      let named = try MLBridge.featuresAligned(
        try MLBridge.labelled(value, "train", "validation"), to: featureNames, "train",
        "validation")
      let data = try MLBridge.aligned(named, to: classNames, "train", "validation")
      return .data(data.x, data.y)
    }
  }

  /// `early_stopping:` nil, a patience, or {"patience", "min_delta", "metric"}.
  private static func earlyStoppingOption(_ value: Value) throws -> EarlyStopping? {
    switch value {
    case .null: return nil
    case .int(let patience): return try MLBridge.run { try EarlyStopping(patience: patience) }
    case .dict(let dict):
      var patience = 10
      var minDelta = 0.0
      var metric = "val_loss"
      for (key, v) in zip(dict.keys, dict.values) {
        switch (key, v) {
        case (.string("patience"), .int(let p)): patience = p
        case (.string("min_delta"), _) where v.asDouble != nil: minDelta = v.asDouble ?? 0
        case (.string("metric"), .string(let m)): metric = m
        default:
          throw MelixError(
            "argument 'early_stopping' of 'train': unexpected entry \(key.repr): \(v.repr); "
              + "expected \"patience\" (Int), \"min_delta\" (Float), \"metric\" (String)")
        }
      }
      return try MLBridge.run {
        try EarlyStopping(patience: patience, minDelta: minDelta, metric: metric)
      }
    default:
      throw MelixError(
        Messages.argumentType(
          "train", "early_stopping", expected: "Int or Dict", got: value.typeName))
    }
  }
}
