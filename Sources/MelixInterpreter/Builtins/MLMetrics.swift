import Foundation
import MelixML
import MelixNumerics

extension BuiltinTable {
  /// The metric built-ins on (y_true, y_pred or scores); each equals scikit-learn's
  /// function of the same name. Labels that carry class names (a Dataset's `y`, `predict`,
  /// `predict_proba`, Strings) are matched by name (see `ClassLabels`). Warnings (an
  /// undefined score) go to stderr.
  static var mlMetrics: [Builtin] {
    let pair = [BuiltinParameter("y_true"), BuiltinParameter("y_pred")]
    let averaged = pair + [BuiltinParameter("average", .string, default: "\"binary\"")]
    return [
      labelMetric("accuracy", "The fraction of correct predictions (sklearn accuracy_score).") {
        try Metrics.accuracy(yTrue: $0, yPred: $1)
      },
      labelMetric(
        "balanced_accuracy", "The mean per-class recall (sklearn balanced_accuracy_score)."
      ) {
        try Metrics.balancedAccuracy(yTrue: $0, yPred: $1, onWarning: warn)
      },
      averagedMetric("precision", "Precision tp/(tp + fp) (sklearn precision_score)", averaged) {
        try Metrics.precision(yTrue: $0, yPred: $1, average: $2, onWarning: warn)
      },
      averagedMetric("recall", "Recall tp/(tp + fn) (sklearn recall_score)", averaged) {
        try Metrics.recall(yTrue: $0, yPred: $1, average: $2, onWarning: warn)
      },
      averagedMetric(
        "f1", "The F1 score, the harmonic mean of precision and recall (sklearn f1_score)", averaged
      ) {
        try Metrics.f1(yTrue: $0, yPred: $1, average: $2, onWarning: warn)
      },
      Builtin(
        "roc_auc",
        [
          BuiltinParameter("y_true"), BuiltinParameter("scores"),
          BuiltinParameter("average", .string, default: "\"macro\""),
        ],
        returns: "Float",
        doc: """
          The area under the ROC curve (sklearn roc_auc_score): 'scores' [n] for two classes \
          (the positive class's score), or probabilities [n, nClasses] for one-vs-rest with \
          'average' "macro", "weighted" or "micro". The columns of 'predict_proba' carry their \
          classes and are matched to y_true's by name; [n] scores (of class 1) need plain \
          codes in y_true, as they name no class. With one class present the score is \
          undefined: nan and a warning.
          """ + " " + classNote,
        example:
          "let (train_set, test_set) = split(read_csv(\"data/iris.csv\", target: \"species\"), test: 0.2, seed: 42)\nlet model = logistic_regression()\ntrain(model, train_set)\nroc_auc(test_set.y, predict_proba(model, test_set))"
      ) { args, _ in
        let scored = try scoredLabels(args, "roc_auc", "scores")
        let average = try rankingAverage(args[2], "roc_auc")
        return .float(
          try MLBridge.run {
            scored.isMatrix
              ? try Metrics.rocAUC(
                yTrue: scored.y, probabilities: scored.rows, labels: scored.labels,
                average: average, onWarning: warn)
              : try Metrics.rocAUC(
                yTrue: scored.y, scores: scored.rows.map { $0[0] }, onWarning: warn)
          })
      },
      Builtin(
        "average_precision",
        [
          BuiltinParameter("y_true"), BuiltinParameter("scores"),
          BuiltinParameter("average", .string, default: "\"macro\""),
        ],
        returns: "Float",
        doc:
          "The area under the precision-recall curve as a step sum (sklearn average_precision_score); 'scores' as for 'roc_auc' (two columns: the mean over both classes). "
          + classNote,
        example:
          "let (train_set, test_set) = split(read_csv(\"data/iris.csv\", target: \"species\"), test: 0.2, seed: 42)\nlet model = logistic_regression()\ntrain(model, train_set)\naverage_precision(test_set.y, predict_proba(model, test_set))"
      ) { args, _ in
        let scored = try scoredLabels(args, "average_precision", "scores")
        let average = try rankingAverage(args[2], "average_precision")
        return .float(
          try MLBridge.run {
            scored.isMatrix
              ? try Metrics.averagePrecision(
                yTrue: scored.y, probabilities: scored.rows, labels: scored.labels,
                average: average, onWarning: warn)
              : try Metrics.averagePrecision(
                yTrue: scored.y, scores: scored.rows.map { $0[0] }, onWarning: warn)
          })
      },
      Builtin(
        "log_loss", [BuiltinParameter("y_true"), BuiltinParameter("probabilities")],
        returns: "Float",
        doc: """
          The mean negative log-likelihood in nats (sklearn log_loss): 'probabilities' [n, nClasses] \
          in class order, or [n] for class 1 of two (with plain codes in y_true); probabilities \
          of exactly 0 or 1 are clipped to the float64 epsilon as scikit-learn does. The columns of \
          'predict_proba' carry their classes and are matched to y_true's by name, every column \
          counting as a class (sklearn's labels=); a class of y_true with no column is an error.
          """ + " " + classNote,
        example:
          "let (train_set, test_set) = split(read_csv(\"data/iris.csv\", target: \"species\"), test: 0.2, seed: 42)\nlet model = logistic_regression()\ntrain(model, train_set)\nlog_loss(test_set.y, predict_proba(model, test_set))"
      ) { args, _ in
        var scored = try scoredLabels(args, "log_loss", "probabilities")
        if !scored.isMatrix { scored.rows = scored.rows.map { [1 - $0[0], $0[0]] } }
        return .float(
          try MLBridge.run {
            try Metrics.logLoss(
              yTrue: scored.y, probabilities: scored.rows, labels: scored.labels, onWarning: warn)
          })
      },
      Builtin(
        "confusion_matrix", pair, returns: "Tensor",
        doc:
          "Counts [nLabels, nLabels] of true (rows) against predicted (columns) labels present in either, labels sorted (sklearn confusion_matrix); for labels with class names, in y_true's class order, then the classes only y_pred has. "
          + classNote,
        example: "confusion_matrix([0, 1, 1], [0, 1, 0])  # [[1, 0], [1, 1]]"
      ) { args, _ in
        let (t, p) = try pairedLabels(args, "confusion_matrix")
        let m = try MLBridge.run { try Metrics.confusionMatrix(yTrue: t, yPred: p) }
        let n = m.labels.count
        return .tensor(
          try MLBridge.run {
            try Tensor(shape: [n, n], scalars: m.counts.flatMap { $0.map { Int64($0) } })
          })
      },
      valueMetric(
        "r2",
        "The coefficient of determination R² (sklearn r2_score); constant targets give 1 for a perfect fit, else 0."
      ) {
        try Metrics.r2(yTrue: $0, yPred: $1, onWarning: warn)
      },
      valueMetric("mse", "The mean squared error (sklearn mean_squared_error).") {
        try Metrics.meanSquaredError(yTrue: $0, yPred: $1)
      },
      valueMetric("rmse", "The root mean squared error (sklearn root_mean_squared_error).") {
        try Metrics.rootMeanSquaredError(yTrue: $0, yPred: $1)
      },
      valueMetric("mae", "The mean absolute error (sklearn mean_absolute_error).") {
        try Metrics.meanAbsoluteError(yTrue: $0, yPred: $1)
      },
      valueMetric(
        "mape",
        "The mean absolute percentage error as a fraction (sklearn mean_absolute_percentage_error)."
      ) {
        try Metrics.meanAbsolutePercentageError(yTrue: $0, yPred: $1)
      },
      valueMetric(
        "explained_variance", "The explained variance score (sklearn explained_variance_score)."
      ) {
        try Metrics.explainedVariance(yTrue: $0, yPred: $1)
      },
    ]
  }

  /// The two label arguments as codes in one class order: matched by class name when both
  /// carry names (see `ClassLabels`), as they are when neither does.
  private static func pairedLabels(_ args: [Value], _ name: String) throws -> ([Int], [Int]) {
    let t = try ClassLabels.read(args[0], name, "y_true")
    let p = try ClassLabels.read(args[1], name, "y_pred")
    return try ClassLabels.paired(t, p, name)
  }

  /// The true labels and the scores of a ranking metric or log-loss: a probability matrix's
  /// columns are matched to the labels' classes by name when both carry names.
  private static func scoredLabels(_ args: [Value], _ name: String, _ parameter: String) throws
    -> (y: [Int], rows: [[Double]], isMatrix: Bool, labels: [Int]?)
  {
    let t = try ClassLabels.read(args[0], name, "y_true")
    let (rows, isMatrix) = try MLBridge.scoreRows(args[1], name, parameter)
    if !isMatrix { try ClassLabels.requirePlain(t, forScores: parameter, name) }
    guard isMatrix, rows.count == t.codes.count else { return (t.codes, rows, isMatrix, nil) }
    let paired = try ClassLabels.pairedColumns(
      t, rows, columns: ClassLabels.names(of: args[1]), parameter, name)
    return (paired.yTrue, paired.rows, true, paired.labels)
  }

  /// How every classification metric reads its labels, appended to their docs.
  private static let classNote =
    "Labels are Int codes or class names as Strings; a Dataset's 'y' and 'predict' carry their class names, and two arguments that both carry them are matched by name (a loaded checkpoint may order its classes differently from the data), never by code. Mixing labels with class names and plain codes (a literal list, an indexed 'ds.y') is an error naming the classes."

  /// Writes a metric warning to stderr.
  private static func warn(_ warning: MetricWarning) {
    FileHandle.standardError.write(Data("warning: \(warning)\n".utf8))
  }

  private static func labelMetric(
    _ name: String, _ doc: String, _ body: @escaping ([Int], [Int]) throws -> Double
  ) -> Builtin {
    Builtin(
      name, [BuiltinParameter("y_true"), BuiltinParameter("y_pred")], returns: "Float",
      doc: doc + " " + classNote,
      example: "\(name)([0, 1, 1, 0], [0, 1, 0, 0])"
    ) { args, _ in
      let (t, p) = try pairedLabels(args, name)
      return .float(try MLBridge.run { try body(t, p) })
    }
  }

  private static func averagedMetric(
    _ name: String, _ doc: String, _ parameters: [BuiltinParameter],
    _ body: @escaping ([Int], [Int], Average) throws -> Double
  ) -> Builtin {
    Builtin(
      name, parameters, returns: "Float",
      doc: doc
        + "; 'average' is \"binary\" (the positive class, label 1: y_true's second class when the labels carry names), \"micro\", \"macro\" or \"weighted\". An undefined score (no predicted positives) is 0 with a warning. "
        + classNote,
      example: "\(name)([0, 1, 2, 2], [0, 2, 2, 1], average: \"macro\")"
    ) { args, _ in
      let (t, p) = try pairedLabels(args, name)
      guard case .string(let text) = args[2] else { return .null }
      let average: Average
      switch text {
      case "binary": average = .binary
      case "micro": average = .micro
      case "macro": average = .macro
      case "weighted": average = .weighted
      default:
        throw MelixError(
          "argument 'average' of '\(name)': expected \"binary\", \"micro\", \"macro\" or \"weighted\", got \"\(text)\""
        )
      }
      return .float(try MLBridge.run { try body(t, p, average) })
    }
  }

  private static func valueMetric(
    _ name: String, _ doc: String, _ body: @escaping ([Double], [Double]) throws -> Double
  ) -> Builtin {
    Builtin(
      name, [BuiltinParameter("y_true"), BuiltinParameter("y_pred")], returns: "Float", doc: doc,
      example: "\(name)([3.0, 1.0, 2.0], [2.5, 1.0, 2.0])"
    ) { args, _ in
      let t = try MLBridge.doubles(args[0], name, "y_true")
      let p = try MLBridge.doubles(args[1], name, "y_pred")
      return .float(try MLBridge.run { try body(t, p) })
    }
  }

  private static func rankingAverage(_ value: Value, _ name: String) throws -> RankingAverage {
    guard case .string(let text) = value else { return .macro }
    switch text {
    case "macro": return .macro
    case "weighted": return .weighted
    case "micro": return .micro
    default:
      throw MelixError(
        "argument 'average' of '\(name)': expected \"macro\", \"weighted\" or \"micro\", got \"\(text)\""
      )
    }
  }
}
