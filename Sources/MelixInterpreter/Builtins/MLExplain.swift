import MelixML
import MelixNumerics

extension BuiltinTable {
  /// The explanation built-ins (issue 7): `shap`, its weighted background
  /// `kmeans_background`, its views `summary`, `waterfall` and `plot`, and
  /// `permutation_importance`.
  static var mlExplain: [Builtin] {
    let explanation = BuiltinParameter("explanation", .native("Explanation"))
    let setup =
      "let iris = read_csv(\"data/iris.csv\", target: \"species\")\nlet model = logistic_regression()\ntrain(model, iris)\nlet ex = shap(model, iris.X[0:5], background: iris)\n"
    return [
      Builtin(
        "shap",
        [
          BuiltinParameter("model", .native("Model")), BuiltinParameter("data"),
          BuiltinParameter("background"),
          BuiltinParameter("samples", .int, default: "2048"),
          BuiltinParameter("seed", .int, default: "0"),
        ],
        returns: "Explanation",
        doc: """
          SHAP values of a trained model for the rows of 'data' (a Dataset, a tensor \
          [nRows, nFeatures] or a list of rows), relative to 'background' (a Dataset or a \
          tensor of reference rows, equally weighted, or the weighted centroids of \
          'kmeans_background'). Linear and logistic regression get exact interventional \
          SHAP (the 'shap' package's LinearExplainer; logistic in log-odds, one output for two \
          classes; with more classes one output per class, in that class's score x·w + b, \
          its log-probability up to a per-row constant: output_space "score (x·w + b)"). Every background row is used (shap's \
          LinearExplainer(model, data) keeps a sample of 100 rows of a larger one). Every \
          other model gets Kernel SHAP (Lundberg & Lee, 2017) on the background, with at most \
          'samples' coalitions per row (every coalition, exact, when 2^features - 2 fits) \
          drawn with 'seed': class probabilities for a classifier, the prediction for a \
          regressor. Fields: 'values' ([nRows, nFeatures], or a list of one such tensor per \
          class where shap 0.4x returns [nRows, nFeatures, nClasses]), 'base_value', 'data', \
          'feature_names', 'output_names', 'output_space'. Base value plus a row's sum equals the model output; this is \
          checked on every call and a failure is an error. Kernel SHAP costs about \
          min(samples, 2^features) * background rows model rows per explained row: pass a \
          small background, such as kmeans_background(data, 10). The columns of a Dataset (as \
          'data', 'background' or the Dataset given to kmeans_background) are matched to the \
          model's feature names, as 'predict' does.
          """,
        example: setup + "print(ex.base_value, len(ex.values), ex.values[0].shape)  # one per class"
      ) { args, context in
        let model = try MLBridge.model(args[0], "shap")
        try model.requireTrained("shap")
        let (data, dataNames) = try rows(args[1], "data", for: model)
        let background = try backgroundArgument(args[2], for: model)
        let samples = try MLBridge.int(args[3], "shap", "samples", minimum: 2)
        let seed = try MLBridge.int(args[4], "shap", "seed", minimum: 0)
        let names = dataNames.count == data.first?.count ? dataNames : model.featureNames
        let result = try interruptible(context.interruptFlag) { shouldStop in
          try shap(
            model, data, background: background, samples: samples,
            seed: UInt64(seed), featureNames: names, shouldStop: shouldStop)
        }
        return .native(ExplanationValue(result))
      },
      Builtin(
        "kmeans_background",
        [
          BuiltinParameter("data"), BuiltinParameter("k", .int),
          BuiltinParameter("seed", .int, default: "0"),
        ],
        returns: "Background",
        doc: """
          Summarises 'data' (a Dataset's features, a tensor [nRows, nFeatures] or a list of \
          rows) by k-means into at most 'k' centroids weighted by the share of rows in their \
          cluster, for the 'background' of 'shap': the language's shap.kmeans(X, k, \
          round_values=False). Lloyd's algorithm from k-means++ seeds drawn with 'seed', the \
          best of 10 starts (scikit-learn's KMeans, which shap.kmeans calls, also keeps the \
          best of 10); empty clusters are dropped; centroids in lexicographic order. Kernel \
          SHAP then costs k instead of nRows model rows per coalition. Fields: 'rows' \
          [k, nFeatures] and 'weights' [k], summing to 1.
          """,
        example:
          "let iris = read_csv(\"data/iris.csv\", target: \"species\")\nlet model = knn(k: 5)\ntrain(model, iris)\nlet bg = kmeans_background(iris, 5)\nprint(bg.weights)\nlet ex = shap(model, iris.X[0:3], background: bg)"
      ) { args, context in
        let (data, names) = try rows(args[0], "data", function: "kmeans_background")
        let k = try MLBridge.int(args[1], "kmeans_background", "k", minimum: 1)
        let seed = try MLBridge.int(args[2], "kmeans_background", "seed", minimum: 0)
        guard k <= data.count else {
          throw MelixError(
            "argument 'k' of 'kmeans_background' is \(k), more than the \(data.count) rows "
              + "of 'data'")
        }
        return .native(
          BackgroundValue(
            try interruptible(context.interruptFlag) {
              try Background.kMeans(data, k: k, seed: UInt64(seed), shouldStop: $0)
            }, featureNames: names))
      },
      Builtin(
        "summary", [explanation, BuiltinParameter("limit", .optional(.int), default: "nil")],
        returns: "Text",
        doc: """
          The features of an Explanation ranked by mean |SHAP| over its rows (summed over \
          outputs), as a text table; 'limit' keeps the first rows of the table. The REPL \
          shows the table; a script prints it with 'print'; 'str' gives it as a String.
          """,
        example: setup + "print(summary(ex))"
      ) { args, _ in
        let ex = try explanationArgument(args[0], "summary")
        var limit: Int? = nil
        if args[1] != .null { limit = try MLBridge.int(args[1], "summary", "limit", minimum: 1) }
        return .native(TextValue(ex.explanation.summary(limit: limit)))
      },
      Builtin(
        "waterfall",
        [
          explanation, BuiltinParameter("row", .int),
          BuiltinParameter("output", .int, default: "0"),
        ],
        returns: "Text",
        doc: """
          How one explained row's prediction is built, as text: the base value, each \
          feature's SHAP value (largest |SHAP| first) and the model output. 'output' picks the \
          class of a multi-output explanation. The REPL shows the text; a script prints it \
          with 'print'; 'str' gives it as a String.
          """,
        example: setup + "print(waterfall(ex, 0))"
      ) { args, _ in
        let ex = try explanationArgument(args[0], "waterfall")
        let row = try MLBridge.int(args[1], "waterfall", "row", minimum: 0)
        let output = try MLBridge.int(args[2], "waterfall", "output", minimum: 0)
        try checkOutput(output, ex, "waterfall")
        return .native(
          TextValue(try MLBridge.run { try ex.explanation.waterfall(row: row, output: output) }))
      },
      Builtin(
        "plot",
        [
          explanation, BuiltinParameter("path", .string),
          BuiltinParameter("kind", .string, default: "\"beeswarm\""),
          BuiltinParameter("output", .int, default: "0"),
        ],
        returns: "Nil",
        doc: """
          Writes an Explanation as an SVG file that opens in a browser: 'kind' "beeswarm" \
          (one dot per row and feature, coloured by the feature's value) or "bar" (mean \
          |SHAP| per feature). The path must end in '.svg' (convert the file for a PNG) and \
          its folder must exist. A relative path is relative to the script's folder.
          """,
        example: setup + "plot(ex, \"shap.svg\", kind: \"bar\")"
      ) { args, context in
        let ex = try explanationArgument(args[0], "plot")
        guard case .string(let written) = args[1], case .string(let kindName) = args[2] else {
          return .null
        }
        guard let kind = Explanation.PlotKind(rawValue: kindName) else {
          throw MelixError(
            "argument 'kind' of 'plot': expected \"beeswarm\" or \"bar\", got \"\(kindName)\"")
        }
        let output = try MLBridge.int(args[3], "plot", "output", minimum: 0)
        try checkOutput(output, ex, "plot")
        let path = DataBridge.resolve(written, context: context)
        try MLBridge.run(path: path, as: written) {
          try ex.explanation.writeSVG(to: path, kind: kind, output: output)
        }
        return .null
      },
      Builtin(
        "permutation_importance",
        [
          BuiltinParameter("model", .native("Model")), BuiltinParameter("data"),
          BuiltinParameter("metric", .optional(.string), default: "nil"),
          BuiltinParameter("repeats", .int, default: "5"),
          BuiltinParameter("seed", .int, default: "0"),
        ],
        returns: "Dict",
        doc: """
          Permutation importance as in scikit-learn: for each feature of labelled 'data' (a \
          Dataset with a target or a tuple (X, y)), the drop of the score when that column \
          is shuffled, 'repeats' times with 'seed'. 'metric': "accuracy", "r2", \
          "neg_mean_squared_error" or "neg_mean_absolute_error" (default accuracy for a \
          classifier, r2 for a regressor). A Dataset's classes are matched to the model's by \
          name (a loaded checkpoint may order them differently); a class the model does not \
          know is an error. Returns a Dict with 'importances_mean' and 'importances_std' \
          (lists in feature order), 'importances' (every drop, a float64 tensor [nFeatures, \
          repeats], as scikit-learn's), 'feature_names' and 'baseline_score'.
          """,
        example:
          "let iris = read_csv(\"data/iris.csv\", target: \"species\")\nlet model = knn(k: 5)\ntrain(model, iris)\npermutation_importance(model, iris, repeats: 3)[\"importances_mean\"]"
      ) { args, context in
        let model = try MLBridge.model(args[0], "permutation_importance")
        try model.requireTrained("permutation_importance")
        let labelled = try MLBridge.aligned(
          try MLBridge.labelled(args[1], "permutation_importance"), to: model,
          "permutation_importance")
        let repeats = try MLBridge.int(args[3], "permutation_importance", "repeats", minimum: 1)
        let seed = try MLBridge.int(args[4], "permutation_importance", "seed", minimum: 0)
        let x = try tensorRows(labelled.x, "X of argument 'data' of 'permutation_importance'")
        let y = labelled.y.scalars
        let names =
          labelled.featureNames.count == x.first?.count ? labelled.featureNames : model.featureNames
        let result = try interruptible(context.interruptFlag) {
          shouldStop throws -> PermutationImportance in
          var metric: ScoreMetric
          switch model.task {
          case .classification?: metric = .accuracy
          default: metric = .r2
          }
          if case .string(let name) = args[2] { metric = try ScoreMetric(named: name) }
          // A class metric on a regressor's outputs (or a regression metric on class codes)
          // gives numbers that mean nothing: refuse it.
          switch (model.task, metric) {
          case (.regression?, .accuracy):
            throw MelixError(
              "argument 'metric' of 'permutation_importance' is 'accuracy', which needs a "
                + "classifier; the model is a regressor (use 'r2', 'mse' or 'mae')")
          case (.classification?, .r2), (.classification?, .negMeanSquaredError),
            (.classification?, .negMeanAbsoluteError):
            throw MelixError(
              "argument 'metric' of 'permutation_importance' is a regression metric; the model "
                + "is a classifier (use 'accuracy')")
          default: break
          }
          return try PermutationImportance(
            predict: { try model.predict($0).cast(to: .float64) }, x: x, y: y, metric: metric,
            repeats: repeats, seed: UInt64(seed), featureNames: names, shouldStop: shouldStop)
        }
        let dict = DictRef()
        func put(_ key: String, _ value: Value) {
          dict.set(.string(key), original: .string(key), value)
        }
        put("importances_mean", DataBridge.list(result.importancesMean))
        put("importances_std", DataBridge.list(result.importancesStd))
        let drops = try MLBridge.run {
          try Tensor(
            shape: [result.importances.count, repeats],
            scalars: result.importances.flatMap { $0 })
        }
        put("importances", .tensor(drops))
        put("feature_names", DataBridge.list(result.featureNames))
        put("baseline_score", .float(result.baselineScore))
        return .dict(dict)
      },
    ]
  }

  /// Explains rows with the method the model allows: the classical models' own `shap`
  /// (exact linear SHAP for linear and logistic regression, Kernel SHAP for k-NN), Kernel
  /// SHAP on probabilities (classifier) or predictions (regressor) for a network or a
  /// loaded pipeline (raw inputs through its preprocessing).
  private static func shap(
    _ model: ModelValue, _ data: [[Double]], background: Background, samples: Int, seed: UInt64,
    featureNames: [String], shouldStop: () -> Bool
  ) throws -> Explanation {
    // A loaded pipeline's model sees transformed inputs: explain raw ones through 'predict'.
    if let state = model.classicalState, model.pipeline.isEmpty {
      return try state.fitted.shap(
        data, background: background, samples: samples, seed: seed, featureNames: featureNames,
        classNames: model.classNames, shouldStop: shouldStop)
    }
    let isClassifier = model.task == .classification
    let explainer = KernelSHAP(
      model: { x in
        isClassifier ? try model.predictProbabilities(x) : try model.predict(x).cast(to: .float64)
      }, background: background, samples: samples, seed: seed)
    return try explainer.explain(
      data, featureNames: featureNames, outputNames: isClassifier ? model.classNames : [],
      outputSpace: isClassifier ? "probability" : "raw", shouldStop: shouldStop)
  }

  /// Rows `[nRows, nFeatures]` and feature names (a Dataset's; else empty) of an argument:
  /// a Dataset's features, a rank-2 tensor, a rank-1 tensor as one row, or a list of rows.
  /// With a `model`, a Dataset's columns are matched to the model's feature names (and the
  /// names returned are the model's).
  private static func rows(
    _ value: Value, _ parameter: String, function: String = "shap", for model: ModelValue? = nil
  ) throws -> ([[Double]], [String]) {
    var names: [String] = []
    if case .native(let n) = value, let wrapped = n as? DatasetValue {
      names = wrapped.dataset.featureNames
      if let model, !model.featureNames.isEmpty { names = model.featureNames }
    }
    let t =
      try model.map { try MLBridge.features(value, for: $0, function, parameter) }
      ?? MLBridge.features(value, function, parameter)
    return (try tensorRows(t, "argument '\(parameter)' of '\(function)'"), names)
  }

  /// The `background:` of `shap`: a `kmeans_background` value with its weights, else rows
  /// (a Dataset, a tensor, a list of rows) weighted equally.
  private static func backgroundArgument(_ value: Value, for model: ModelValue) throws
    -> Background
  {
    if case .native(let n) = value, let wrapped = n as? BackgroundValue {
      return try wrapped.matched(to: model)
    }
    let (backgroundRows, _) = try rows(value, "background", for: model)
    return try MLBridge.run { try Background(backgroundRows) }
  }

  /// The rows of a rank-1 (one row) or rank-2 tensor, as float64; `role` names the argument
  /// in the error for another rank.
  private static func tensorRows(_ t: Tensor, _ role: String) throws -> [[Double]] {
    let v = t.scalars
    switch t.rank {
    case 1: return [v]
    case 2:
      let cols = t.shape[1]
      return (0..<t.shape[0]).map { Array(v[($0 * cols)..<(($0 + 1) * cols)]) }
    default:
      throw MelixError(
        "\(role): expected rows [nRows, nFeatures], got a tensor of shape \(t.shape)")
    }
  }

  /// The Explanation an argument holds.
  private static func explanationArgument(_ value: Value, _ function: String) throws
    -> ExplanationValue
  {
    if case .native(let n) = value, let ex = n as? ExplanationValue { return ex }
    throw MelixError(
      Messages.argumentType(function, "explanation", expected: "Explanation", got: value.typeName))
  }

  /// Checks an output index against an Explanation's outputs.
  private static func checkOutput(_ output: Int, _ ex: ExplanationValue, _ function: String)
    throws
  {
    let count = ex.explanation.outputCount
    guard output < count else {
      throw MelixError(
        "argument 'output' of '\(function)' is \(output), the explanation has \(count) output\(count == 1 ? "" : "s")"
      )
    }
  }
}

/// Text that shows as itself: the REPL and `print` show the lines unquoted and unescaped
/// (`summary`, `waterfall`), as a `Description` table does; `str(t)` gives the String and
/// `t.lines` its lines.
final class TextValue: NativeValue {
  /// The text, without a trailing newline.
  let text: String

  init(_ text: String) { self.text = text }

  var typeName: String { "Text" }
  func display() -> String { text }
  /// The first line (a title), for the REPL's globals list.
  func summary() -> String {
    "Text: " + (text.split(separator: "\n", omittingEmptySubsequences: false).first ?? "")
  }
  var memberNames: [String] { ["lines"] }

  /// `lines`: a List of the lines as Strings.
  ///
  /// - Throws: `MelixError` for another name.
  func member(_ name: String) throws -> Value {
    guard name == "lines" else { throw MelixError("Text has no field '\(name)'") }
    return .list(
      ListRef(text.split(separator: "\n", omittingEmptySubsequences: false).map { .string(String($0)) }))
  }
}
