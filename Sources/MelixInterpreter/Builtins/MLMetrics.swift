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
    let averaged =
      pair + [
        BuiltinParameter("average", .string, default: "\"binary\""),
        BuiltinParameter("pos_label", .any, default: "nil"),
      ]
    return [
      labelMetric("accuracy", "The fraction of correct predictions (sklearn accuracy_score).") {
        t, p, _ in try Metrics.accuracy(yTrue: t, yPred: p)
      },
      labelMetric(
        "balanced_accuracy", "The mean per-class recall (sklearn balanced_accuracy_score)."
      ) {
        try Metrics.balancedAccuracy(yTrue: $0, yPred: $1, onWarning: $2)
      },
      averagedMetric(
        "precision", "Precision tp/(tp + fp) (sklearn precision_score)", averaged, ratio: "precision"
      ) {
        try Metrics.precision(
          yTrue: $0, yPred: $1, average: $2, positiveLabel: $3, onWarning: $4)
      },
      averagedMetric(
        "recall", "Recall tp/(tp + fn) (sklearn recall_score)", averaged, ratio: "recall"
      ) {
        try Metrics.recall(yTrue: $0, yPred: $1, average: $2, positiveLabel: $3, onWarning: $4)
      },
      averagedMetric(
        "f1", "The F1 score, the harmonic mean of precision and recall (sklearn f1_score)", averaged,
        ratio: "f-score"
      ) {
        try Metrics.f1(yTrue: $0, yPred: $1, average: $2, positiveLabel: $3, onWarning: $4)
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
          try MetricWarnings.printing("roc_auc") { warn in
            try MLBridge.run {
              scored.isMatrix
                ? try Metrics.rocAUC(
                  yTrue: scored.y, probabilities: scored.rows, labels: scored.labels,
                  average: average, onWarning: warn)
                : try Metrics.rocAUC(
                  yTrue: scored.y, scores: scored.rows.map { $0[0] }, onWarning: warn)
            }
          })
      },
      Builtin(
        "average_precision",
        [
          BuiltinParameter("y_true"), BuiltinParameter("scores"),
          BuiltinParameter("average", .string, default: "\"macro\""),
          BuiltinParameter("pos_label", .any, default: "nil"),
        ],
        returns: "Float",
        doc:
          "The area under the precision-recall curve as a step sum (sklearn average_precision_score). 'scores' [n] are the positive class's scores (code 'pos_label', default 1, with plain codes in y_true). A probability matrix [n, 2] of a binary problem scores one column, as sklearn's average_precision_score(y, p[:, 1]) and 'evaluate' do: the column of 'pos_label' (a class name, or a code of y_true), by default the matrix's second column (the model's second class, 'model.classes[1]', for 'predict_proba'). With more classes, the one-vs-rest 'average' \"macro\", \"weighted\" or \"micro\" (sklearn's average_precision_score(label_binarize(y), p, average=...)). "
          + classNote,
        example:
          "let (train_set, test_set) = split(read_csv(\"data/iris.csv\", target: \"species\"), test: 0.2, seed: 42)\nlet model = logistic_regression()\ntrain(model, train_set)\naverage_precision(test_set.y, predict_proba(model, test_set))"
      ) { args, _ in
        let scored = try scoredLabels(args, "average_precision", "scores")
        let average = try rankingAverage(args[2], "average_precision")
        let binary = scored.isMatrix && scored.rows.first?.count == 2
        var positive = 1
        if binary || !scored.isMatrix {
          if args[3] != .null {
            positive = try positiveCode(
              args[3], classes: scored.classes, present: [], "average_precision")
          } else if binary, let columns = scored.columns, columns.count == 2,
            let index = scored.classes?.firstIndex(of: columns[1])
          {
            positive = index
          }
          guard positive == 0 || positive == 1 || !scored.isMatrix else {
            throw MelixError(
              "argument 'pos_label' of 'average_precision' is \(positive); a probability "
                + "matrix of two columns has classes 0 and 1")
          }
        }
        return .float(
          try MetricWarnings.printing("average_precision") { warn in
            try MLBridge.run {
              if binary {
                return try Metrics.averagePrecision(
                  yTrue: scored.y, scores: scored.rows.map { $0[positive] },
                  positiveLabel: positive, onWarning: warn)
              }
              return scored.isMatrix
                ? try Metrics.averagePrecision(
                  yTrue: scored.y, probabilities: scored.rows, labels: scored.labels,
                  average: average, onWarning: warn)
                : try Metrics.averagePrecision(
                  yTrue: scored.y, scores: scored.rows.map { $0[0] }, positiveLabel: positive,
                  onWarning: warn)
            }
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
          try MetricWarnings.printing("log_loss") { warn in
            try MLBridge.run {
              try Metrics.logLoss(
                yTrue: scored.y, probabilities: scored.rows, labels: scored.labels,
                onWarning: warn)
            }
          })
      },
      Builtin(
        "confusion_matrix", pair, returns: "Tensor",
        doc:
          "Counts [nLabels, nLabels] of true (rows) against predicted (columns) labels present in either, labels sorted (sklearn confusion_matrix); for labels with class names, in y_true's class order, then the classes only y_pred has. "
          + classNote,
        example: "confusion_matrix([0, 1, 1], [0, 1, 0])  # [[1, 0], [1, 1]]"
      ) { args, _ in
        let (t, p, _) = try pairedLabels(args, "confusion_matrix")
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
        try Metrics.r2(yTrue: $0, yPred: $1, onWarning: $2)
      },
      valueMetric("mse", "The mean squared error (sklearn mean_squared_error).") {
        t, p, _ in try Metrics.meanSquaredError(yTrue: t, yPred: p)
      },
      valueMetric("rmse", "The root mean squared error (sklearn root_mean_squared_error).") {
        t, p, _ in try Metrics.rootMeanSquaredError(yTrue: t, yPred: p)
      },
      valueMetric("mae", "The mean absolute error (sklearn mean_absolute_error).") {
        t, p, _ in try Metrics.meanAbsoluteError(yTrue: t, yPred: p)
      },
      valueMetric(
        "mape",
        "The mean absolute percentage error as a fraction (sklearn mean_absolute_percentage_error)."
      ) {
        t, p, _ in try Metrics.meanAbsolutePercentageError(yTrue: t, yPred: p)
      },
      valueMetric(
        "explained_variance", "The explained variance score (sklearn explained_variance_score)."
      ) {
        t, p, _ in try Metrics.explainedVariance(yTrue: t, yPred: p)
      },
    ]
  }

  /// The two label arguments as codes in one class order: matched by class name when both
  /// carry names (see `ClassLabels`), as they are when neither does; with the class of each
  /// code when they carry names.
  private static func pairedLabels(_ args: [Value], _ name: String) throws
    -> (yTrue: [Int], yPred: [Int], classes: [String]?)
  {
    let t = try ClassLabels.read(args[0], name, "y_true")
    let p = try ClassLabels.read(args[1], name, "y_pred")
    let (codes, predicted) = try ClassLabels.paired(t, p, name)
    return (codes, predicted, ClassLabels.commonClasses(t, p))
  }

  /// The true labels and the scores of a ranking metric or log-loss: a probability matrix's
  /// columns are matched to the labels' classes by name when both carry names.
  /// `classes` is the class of each code (y_true's, then the columns' others) and `columns`
  /// the classes of the matrix's columns as passed, when both carry names.
  private static func scoredLabels(_ args: [Value], _ name: String, _ parameter: String) throws
    -> (
      y: [Int], rows: [[Double]], isMatrix: Bool, labels: [Int]?, classes: [String]?,
      columns: [String]?
    )
  {
    let t = try ClassLabels.read(args[0], name, "y_true")
    let (rows, isMatrix) = try MLBridge.scoreRows(args[1], name, parameter)
    if !isMatrix { try ClassLabels.requirePlain(t, forScores: parameter, name) }
    guard isMatrix, rows.count == t.codes.count else {
      return (t.codes, rows, isMatrix, nil, nil, nil)
    }
    let columns = ClassLabels.names(of: args[1])
    let paired = try ClassLabels.pairedColumns(t, rows, columns: columns, parameter, name)
    return (paired.yTrue, paired.rows, true, paired.labels, paired.classes, columns)
  }

  /// The code of the positive class of `average: "binary"`: `pos_label` as a class name
  /// (labels with class names) or an Int code; by default code 1, which is scikit-learn's
  /// `pos_label=1` for plain codes and y_true's second class for labels with class names.
  ///
  /// - Parameters:
  ///   - value: The `pos_label` argument (nil, a String or an Int).
  ///   - classes: The class of each code, when the labels carry names.
  ///   - present: The codes present in y_true or y_pred.
  ///   - name: The built-in, for errors.
  /// - Returns: The positive code.
  /// - Throws: `MelixError` for a name the labels lack, a name with plain codes, or a
  ///   positive class that is not one of two classes present.
  static func positiveCode(
    _ value: Value, classes: [String]?, present: Set<Int>, _ name: String
  ) throws -> Int {
    let code: Int
    let shown: String
    switch value {
    case .null:
      code = 1
      shown = classes.map { $0.count > 1 ? "'\($0[1])' (code 1)" : "code 1" } ?? "1"
    case .int(let i):
      code = i
      shown = "\(i)"
    case .string(let label):
      guard let classes else {
        throw MelixError(
          "argument 'pos_label' of '\(name)' is the class name '\(label)', but the labels are "
            + "plain integer codes; pass the code of the positive class")
      }
      guard let i = classes.firstIndex(of: label) else {
        throw MelixError(
          "argument 'pos_label' of '\(name)': no class '\(label)'; the classes are "
            + classes.map { "'\($0)'" }.joined(separator: ", "))
      }
      code = i
      shown = "'\(label)'"
    default:
      throw MelixError(
        Messages.argumentType(name, "pos_label", expected: "String or Int", got: value.typeName))
    }
    if present.count == 2 && !present.contains(code) {
      let labels = present.sorted().map { c -> String in
        if let classes, c >= 0, c < classes.count { return "'\(classes[c])'" }
        return "\(c)"
      }
      var error = MelixError(
        "'\(name)': the positive class \(shown) is not one of the two classes present ("
          + labels.joined(separator: ", ") + ")")
      error.help = "pass 'pos_label:' with one of them"
      throw error
    }
    return code
  }

  /// How every classification metric reads its labels, appended to their docs.
  private static let classNote =
    "Labels are Int codes or class names as Strings; a Dataset's 'y' and 'predict' carry their class names, and two arguments that both carry them are matched by name (a loaded checkpoint may order its classes differently from the data), never by code. Mixing labels with class names and plain codes (a literal list, an indexed 'ds.y') is an error naming the classes. Warnings (an undefined score) go to stderr, each once per call."

  private static func labelMetric(
    _ name: String, _ doc: String,
    _ body: @escaping ([Int], [Int], (MetricWarning) -> Void) throws -> Double
  ) -> Builtin {
    Builtin(
      name, [BuiltinParameter("y_true"), BuiltinParameter("y_pred")], returns: "Float",
      doc: doc + " " + classNote,
      example: "\(name)([0, 1, 1, 0], [0, 1, 0, 0])"
    ) { args, _ in
      let (t, p, _) = try pairedLabels(args, name)
      return .float(try MetricWarnings.printing(name) { warn in try MLBridge.run { try body(t, p, warn) } })
    }
  }

  /// A precision, recall or F1 built-in; `ratio` is the library's name of the ratio it
  /// returns, whose undefined-ratio warnings are the only ones printed (the library also
  /// computes the other two).
  private static func averagedMetric(
    _ name: String, _ doc: String, _ parameters: [BuiltinParameter], ratio: String,
    _ body: @escaping ([Int], [Int], Average, Int, (MetricWarning) -> Void) throws -> Double
  ) -> Builtin {
    Builtin(
      name, parameters, returns: "Float",
      doc: doc
        + "; 'average' is \"binary\" (the score of the positive class 'pos_label': a class name, or an Int code; by default 1, which for labels with class names is y_true's second class, as scikit-learn's pos_label=1), \"micro\", \"macro\" or \"weighted\" (which ignore 'pos_label'). Name the positive class when the labels carry names: two files of the same data may order their classes differently. An undefined score (no predicted positives, or no true ones) is 0 with a warning, as scikit-learn's zero_division=\"warn\". "
        + classNote,
      example: "\(name)([0, 1, 2, 2], [0, 2, 2, 1], average: \"macro\")"
    ) { args, _ in
      let (t, p, classes) = try pairedLabels(args, name)
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
      var positive = 1
      if average == .binary {
        positive = try positiveCode(
          args[3], classes: classes, present: Set(t).union(p), name)
      }
      return .float(
        try MetricWarnings.printing(name) { warn in
          try MLBridge.run {
            try body(t, p, average, positive) { warning in
              if case .illDefined(let metric, _) = warning, metric != ratio { return }
              warn(warning)
            }
          }
        })
    }
  }

  private static func valueMetric(
    _ name: String, _ doc: String,
    _ body: @escaping ([Double], [Double], (MetricWarning) -> Void) throws -> Double
  ) -> Builtin {
    Builtin(
      name, [BuiltinParameter("y_true"), BuiltinParameter("y_pred")], returns: "Float", doc: doc,
      example: "\(name)([3.0, 1.0, 2.0], [2.5, 1.0, 2.0])"
    ) { args, _ in
      let t = try MLBridge.doubles(args[0], name, "y_true")
      let p = try MLBridge.doubles(args[1], name, "y_pred")
      return .float(
        try MetricWarnings.printing(name) { warn in try MLBridge.run { try body(t, p, warn) } })
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
