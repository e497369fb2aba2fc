import MelixData
import MelixML
import MelixNumerics

/// Helpers shared by the model built-ins: reading arguments, turning a dataset into
/// tensors, and converting library errors into Melix runtime errors.
enum MLBridge {
  /// Runs a library call, converting its typed error (`ModelError`, `NNError`,
  /// `CheckpointError`, `MetricError`, `HDF5Error`, `TensorError`…) into a `MelixError`
  /// with the library's message.
  static func run<T>(
    path resolved: String? = nil, as written: String? = nil, _ body: () throws -> T
  )
    throws -> T
  {
    do {
      return try body()
    } catch let error as MelixError {
      throw error
    } catch {
      var message = "\(error)"
      if let resolved, let written, resolved != written {
        message = message.replacingOccurrences(resolved, with: written)
      }
      throw MelixError(message)
    }
  }

  /// The model an argument holds.
  static func model(_ value: Value, _ function: String, _ parameter: String = "model") throws
    -> ModelValue
  {
    if case .native(let n) = value, let model = n as? ModelValue { return model }
    throw MelixError(
      Messages.argumentType(function, parameter, expected: "Model", got: value.typeName))
  }

  /// Labelled data from a Dataset or a tuple `(X, y)`.
  struct Labelled {
    var x: Tensor
    var y: Tensor
    var task: MelixML.Task
    var featureNames: [String]
    var classNames: [String]
  }

  /// Reads labelled data: a Dataset with a target, or a tuple `(X, y)` (int64 or bool `y`
  /// means classification; a `y` that carries class names, such as a Dataset's `y`, gives
  /// them).
  static func labelled(_ value: Value, _ function: String, _ parameter: String = "data") throws
    -> Labelled
  {
    if case .native(let n) = value, let wrapped = n as? DatasetValue {
      let dataset = wrapped.dataset
      guard let task = dataset.task else {
        throw MelixError(
          "argument '\(parameter)' of '\(function)': the dataset has no target; "
            + "read it with 'target:'")
      }
      let x = try DatasetValue.features(dataset).tensorValue
      let y = try DatasetValue.target(dataset).tensorValue
      guard let x, let y else { throw MelixError("dataset conversion failed") }
      return Labelled(
        x: x, y: y, task: task == .classification ? .classification : .regression,
        featureNames: dataset.featureNames, classNames: dataset.classNames ?? [])
    }
    if case .tuple(let tuple) = value, tuple.items.count == 2 {
      let x = try asTensor(tuple.items[0], role: "X of argument '\(parameter)' of '\(function)'")
      let y = try asTensor(tuple.items[1], role: "y of argument '\(parameter)' of '\(function)'")
      let task: MelixML.Task =
        (y.dtype == .int64 || y.dtype == .bool) ? .classification : .regression
      // A Dataset's 'y' keeps its class names, so '(ds.X, ds.y)' trains a model that
      // knows them (and whose predictions the metric built-ins match by name).
      let names = task == .classification ? ClassLabels.names(of: tuple.items[1]) ?? [] : []
      return Labelled(x: x, y: y, task: task, featureNames: [], classNames: names)
    }
    throw MelixError(
      Messages.argumentType(function, parameter, expected: "Dataset or (X, y)", got: value.typeName)
    )
  }

  /// Labelled data with its feature columns matched to the model's by name (see
  /// `featuresAligned`) and its class codes rewritten into the model's class order.
  ///
  /// A Dataset codes its classes by its own (sorted, or `levels:`) order; a model predicts
  /// the index of a class in its `classNames`, which can differ: a checkpoint written with
  /// scikit-learn's breast-cancer order (malignant, benign) against the CSV's sorted order
  /// (benign, malignant). Comparing codes without this step turns a 98% accurate model into
  /// a 2% one. Data or a model without class names is returned unchanged.
  ///
  /// - Throws: `MelixError` naming the class when the data has a class the model lacks, the
  ///   columns when its feature names differ from the model's, or when the data's target is for classification and the model a regressor (or the
  ///   reverse).
  static func aligned(
    _ data: Labelled, to model: ModelValue, _ function: String, _ parameter: String = "data"
  ) throws -> Labelled {
    if let task = model.task, task != data.task {
      // A regressor scored on class codes (or a classifier on a numeric target) would give
      // numbers computed on the wrong kind of target, silently.
      throw MelixError(
        "argument '\(parameter)' of '\(function)' has a \(data.task.rawValue) target, but the "
          + "model was trained for \(task.rawValue)")
    }
    let named = try featuresAligned(data, to: model.featureNames, function, parameter)
    return try aligned(named, to: model.classNames, function, parameter)
  }

  /// Labelled data with its class codes rewritten into the order of `modelNames` (a model's
  /// classes, or the training data's for a validation set); see `aligned(_:to:_:_:)`.
  ///
  /// - Throws: `MelixError` naming the class when the data has a class `modelNames` lacks.
  static func aligned(
    _ data: Labelled, to modelNames: [String], _ function: String, _ parameter: String = "data"
  ) throws -> Labelled {
    guard data.task == .classification, !data.classNames.isEmpty, !modelNames.isEmpty,
      data.classNames != modelNames
    else { return data }
    let position = Dictionary(
      modelNames.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    var recode: [Int] = []
    for name in data.classNames {
      guard let index = position[name] else {
        throw MelixError(
          "argument '\(parameter)' of '\(function)' has class '\(name)', which the model does "
            + "not know; its classes are \(modelNames.map { "'\($0)'" }.joined(separator: ", "))")
      }
      recode.append(index)
    }
    let codes = try labels(.tensor(data.y), function, parameter)
    var mapped: [Int64] = []
    mapped.reserveCapacity(codes.count)
    for (i, code) in codes.enumerated() {
      guard code >= 0, code < recode.count else {
        throw MelixError(
          "argument '\(parameter)' of '\(function)': class code \(code) of row \(i) is outside "
            + "0..<\(recode.count)")
      }
      mapped.append(Int64(recode[code]))
    }
    var result = data
    result.y = try run { try Tensor(shape: data.y.shape, scalars: mapped) }
    result.classNames = modelNames
    return result
  }

  /// Features from a Dataset (its `X`), a tensor or a list of rows.
  static func features(_ value: Value, _ function: String, _ parameter: String = "x") throws
    -> Tensor
  {
    if case .native(let n) = value, let wrapped = n as? DatasetValue {
      guard let x = try DatasetValue.features(wrapped.dataset).tensorValue else {
        throw MelixError("dataset conversion failed")
      }
      return x
    }
    return try asTensor(value, role: "argument '\(parameter)' of '\(function)'")
  }

  /// A tensor argument as `[Double]`, for the metric built-ins.
  static func doubles(_ value: Value, _ function: String, _ parameter: String) throws -> [Double] {
    try asTensor(value, role: "argument '\(parameter)' of '\(function)'").scalars
  }

  /// A tensor argument as integer labels.
  static func labels(_ value: Value, _ function: String, _ parameter: String) throws -> [Int] {
    try doubles(value, function, parameter).enumerated().map { i, v in
      guard v.isFinite, v.rounded() == v, abs(v) < 9e15 else {
        throw MelixError(
          "argument '\(parameter)' of '\(function)': labels must be integers, element \(i) is \(v)")
      }
      return Int(v)
    }
  }

  /// A rank-1 or rank-2 score argument as rows of probabilities (`[n]` → one column).
  static func scoreRows(_ value: Value, _ function: String, _ parameter: String) throws
    -> (rows: [[Double]], isMatrix: Bool)
  {
    let t = try asTensor(value, role: "argument '\(parameter)' of '\(function)'")
    let v = t.scalars
    if t.rank == 2 {
      let cols = t.shape[1]
      return ((0..<t.shape[0]).map { Array(v[($0 * cols)..<(($0 + 1) * cols)]) }, true)
    }
    return (v.map { [$0] }, false)
  }

  /// An optional Double from an Int or Float argument.
  static func double(_ value: Value) -> Double? { value.asDouble }

  /// An Int argument checked to be at least `minimum`.
  static func int(_ value: Value, _ function: String, _ parameter: String, minimum: Int) throws
    -> Int
  {
    guard case .int(let i) = value, i >= minimum else {
      throw MelixError(
        "argument '\(parameter)' of '\(function)': expected an Int >= \(minimum), got \(value.repr)"
      )
    }
    return i
  }

  /// Formats a number for tables and progress lines (`0.9333`).
  static func format(_ x: Double, digits: Int = 4) -> String {
    guard x.isFinite else { return x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf") }
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let rounded = (x * scale).rounded() / scale
    var text = "\(rounded)"
    if let dot = text.firstIndex(of: "."), !text.contains("e") {
      let decimals = text.distance(from: dot, to: text.endIndex) - 1
      if decimals < digits { text += String(repeating: "0", count: digits - decimals) }
    }
    return text
  }
}
