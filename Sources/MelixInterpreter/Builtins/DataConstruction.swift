import MelixData
import MelixNumerics

extension BuiltinTable {
  /// dataset.
  static var dataConstruction: [Builtin] {
    [
      Builtin(
        "dataset",
        [
          BuiltinParameter("X", .any), BuiltinParameter("y", .any, default: "nil"),
          BuiltinParameter("feature_names", .optional(.list), default: "nil"),
          BuiltinParameter("target", .string, default: "\"target\""),
          BuiltinParameter("task", .optional(.string), default: "nil"),
        ],
        returns: "Dataset",
        doc: """
          Builds a Dataset from features X (a tensor or nested list, [n_samples, n_features]) and \
          an optional target y ([n_samples]): a list of strings gives classes (sorted names); Ints \
          give classes named by their values; Floats give a regression target, unless 'task' says \
          "classification" or "regression". Features are named x0, x1, ... unless \
          'feature_names' is given; the target column is named 'target'.
          """,
        example: "let ds = dataset([[1, 2], [3, 4]], y: [\"a\", \"b\"])\nds.shape  # (2, 3)"
      ) { args, _ in
        let features = try asTensor(args[0], role: "argument 'X' of 'dataset'", dtype: .float64)
        guard features.rank == 2 else {
          throw MelixError(DataMessages.datasetFeatures(shape: features.shape))
        }
        let (rows, columns) = (features.shape[0], features.shape[1])
        let names =
          try DataBridge.optionalStrings(args[2], "dataset", "feature_names")
          ?? (0..<columns).map { "x\($0)" }
        let task = try taskKind(args[4], "dataset")
        let target = try makeTarget(args[1], rows: rows, task: task)
        let dataset = try DataBridge.run {
          try Dataset(
            features: FeatureMatrix(rows: rows, columns: columns, values: features.scalars),
            featureNames: names,
            target: target, targetName: target == nil ? nil : DataBridge.string(args[3]))
        }
        return .native(DatasetValue(dataset))
      }
    ]
  }

  /// The target of `dataset(X, y:)`: nil, class names from strings, classes from Ints (or
  /// with task "classification"), else regression values.
  private static func makeTarget(_ value: Value, rows: Int, task: TaskKind?) throws -> Target? {
    if case .null = value { return nil }
    let role = "argument 'y' of 'dataset'"
    var labels: [String]? = nil
    if case .list(let list) = value, let first = list.items.first, case .string = first {
      labels = try DataBridge.strings(value, "dataset", "y")
    }
    if let labels {
      guard labels.count == rows else {
        throw MelixError(DataMessages.labelCount(role, rows: rows, got: labels.count))
      }
      if task == .regression { throw MelixError(DataMessages.textRegression(role)) }
      let names = Array(Set(labels)).sorted()
      var position: [String: Int] = [:]
      for (i, name) in names.enumerated() { position[name] = i }
      return .classes(indices: labels.map { position[$0] ?? 0 }, names: names)
    }
    let tensor = try asTensor(value, role: role)
    guard tensor.rank == 1, tensor.shape[0] == rows else {
      throw MelixError(DataMessages.targetShape(role, rows: rows, shape: tensor.shape))
    }
    let values = tensor.scalars
    let integral = tensor.dtype == .int64 || tensor.dtype == .bool
    if task == .regression || (task == nil && !integral) { return .values(values) }
    guard values.allSatisfy({ $0 == $0.rounded() && abs($0) < 1e15 }) else {
      throw MelixError(DataMessages.wholeLabels(role))
    }
    let distinct = Array(Set(values)).sorted()
    var position: [Double: Int] = [:]
    for (i, v) in distinct.enumerated() { position[v] = i }
    return .classes(
      indices: values.map { position[$0] ?? 0 }, names: distinct.map { String(Int64($0)) })
  }
}
