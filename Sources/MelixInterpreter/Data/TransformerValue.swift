import MelixData

/// A preprocessing transformer (`standard_scaler()`, `minmax_scaler()`, `imputer()`,
/// `one_hot()`, `label_encoder()`): configuration, plus learned state once fitted.
///
/// Methods: `fit(train)` learns on the training set, updates this value in place and
/// returns it (so `let sc = standard_scaler().fit(train)` works, as in scikit-learn);
/// `transform(ds)` applies what was learned to any dataset; `fit_transform(ds)`;
/// `inverse_transform(x)` for `standard_scaler` and `label_encoder`. Fields give the
/// learned values (`mean`, `scale`, `data_min`, `classes`, ...).
public final class TransformerValue: NativeValue {
  /// What kind of transformer, with its configuration.
  enum Kind {
    case standard(StandardScaler)
    case minmax(MinMaxScaler)
    case imputer(Imputer)
    case oneHot(OneHotEncoder)
    /// A label encoder on a list of labels, or on the categorical column `column` of a
    /// dataset (`nil` = the dataset's target).
    case label(LabelEncoder, column: String?)
  }

  /// Learned state, one case per kind.
  enum Fitted {
    case standard(StandardScaler.Fitted)
    case minmax(MinMaxScaler.Fitted)
    case imputer(Imputer.Fitted)
    case oneHot(OneHotEncoder.Fitted)
    case label(LabelEncoder.Fitted)
  }

  let kind: Kind
  /// Nil until `fit` runs; replaced by each `fit`.
  private(set) var fitted: Fitted?

  init(_ kind: Kind) { self.kind = kind }

  /// The built-in's name (`standard_scaler`), used in messages and display.
  var name: String {
    switch kind {
    case .standard: return "standard_scaler"
    case .minmax: return "minmax_scaler"
    case .imputer: return "imputer"
    case .oneHot: return "one_hot"
    case .label: return "label_encoder"
    }
  }

  /// `Transformer`.
  public var typeName: String { "Transformer" }

  /// `standard_scaler (fitted on 4 columns)` or `standard_scaler (not fitted)`.
  public func display() -> String {
    guard let fitted else { return "\(name) (not fitted)" }
    switch fitted {
    case .standard(let f): return "\(name) (fitted on \(f.columns.count) columns)"
    case .minmax(let f): return "\(name) (fitted on \(f.columns.count) columns)"
    case .imputer(let f):
      return "\(name) (fitted on \(f.numericFills.count + f.levelFills.count) columns)"
    case .oneHot(let f): return "\(name) (fitted on \(f.categories.count) columns)"
    case .label(let f): return "\(name) (fitted on \(f.classes.count) classes)"
    }
  }

  /// The learned fields for this kind.
  public var memberNames: [String] {
    switch kind {
    case .standard: return ["fitted", "columns", "mean", "scale"]
    case .minmax: return ["fitted", "columns", "data_min", "data_max", "scale", "offset"]
    case .imputer: return ["fitted", "fills"]
    case .oneHot: return ["fitted", "categories", "feature_names"]
    case .label: return ["fitted", "classes"]
    }
  }

  /// A learned field, or `fitted` (Bool).
  ///
  /// - Throws: `MelixError` when not fitted yet or the field does not exist.
  public func member(_ field: String) throws -> Value {
    if field == "fitted" { return .bool(fitted != nil) }
    guard memberNames.contains(field) else {
      throw MelixError(DataMessages.transformerNoField(name, field))
    }
    let state = try requireFitted()
    switch (state, field) {
    case (.standard(let f), "columns"): return DataBridge.list(f.columns)
    case (.standard(let f), "mean"): return DataBridge.list(f.mean)
    case (.standard(let f), "scale"): return DataBridge.list(f.scale)
    case (.minmax(let f), "columns"): return DataBridge.list(f.columns)
    case (.minmax(let f), "data_min"): return DataBridge.list(f.dataMin)
    case (.minmax(let f), "data_max"): return DataBridge.list(f.dataMax)
    case (.minmax(let f), "scale"): return DataBridge.list(f.scale)
    case (.minmax(let f), "offset"): return DataBridge.list(f.offset)
    case (.imputer(let f), "fills"):
      let dict = DictRef()
      for key in f.numericFills.keys.sorted() {
        dict.set(.string(key), original: .string(key), .float(f.numericFills[key] ?? .nan))
      }
      for key in f.levelFills.keys.sorted() {
        dict.set(.string(key), original: .string(key), .string(f.levelFills[key] ?? ""))
      }
      return .dict(dict)
    case (.oneHot(let f), "categories"):
      let dict = DictRef()
      for (column, levels) in f.categories {
        dict.set(.string(column), original: .string(column), DataBridge.list(levels))
      }
      return .dict(dict)
    case (.oneHot(let f), "feature_names"): return DataBridge.list(f.featureNamesOut)
    case (.label(let f), "classes"): return DataBridge.list(f.classes)
    default: throw MelixError(DataMessages.transformerNoField(name, field))
    }
  }

  private func requireFitted() throws -> Fitted {
    guard let fitted else { throw MelixError(DataMessages.notFitted(name)) }
    return fitted
  }

  /// `fit`, `transform`, `fit_transform`, `inverse_transform`; nil for another name.
  ///
  /// - Throws: `MelixError` for a wrong argument, an unfitted transformer, or the library's
  ///   errors (an unknown column, a level not seen when fitting).
  public func callMethod(
    _ method: String, positional: [Value], keywords: [(String, Value)], context: CallContext
  ) throws -> Value? {
    let methods = ["fit", "transform", "fit_transform", "inverse_transform"]
    guard methods.contains(method) else { return nil }
    if let (label, _) = keywords.first {
      throw MelixError(DataMessages.methodKeyword(method, of: name, label))
    }
    guard positional.count == 1 else {
      throw MelixError(DataMessages.methodArity(method, of: name, got: positional.count))
    }
    let argument = positional[0]
    switch method {
    case "fit":
      try fit(argument, method: method)
      return .native(self)
    case "transform":
      return try transform(argument, method: method)
    case "fit_transform":
      try fit(argument, method: method)
      return try transform(argument, method: method)
    default:
      return try inverseTransform(argument, method: method)
    }
  }

  private func fit(_ argument: Value, method: String) throws {
    switch kind {
    case .label(let encoder, let column):
      fitted = .label(encoder.fit(try labels(argument, column: column, method: method)))
    case .standard(let scaler):
      let dataset = try DataBridge.dataset(argument, method)
      fitted = .standard(try DataBridge.run { try scaler.fit(dataset) })
    case .minmax(let scaler):
      let dataset = try DataBridge.dataset(argument, method)
      fitted = .minmax(try DataBridge.run { try scaler.fit(dataset) })
    case .imputer(let imputer):
      let dataset = try DataBridge.dataset(argument, method)
      fitted = .imputer(try DataBridge.run { try imputer.fit(dataset) })
    case .oneHot(let encoder):
      let dataset = try DataBridge.dataset(argument, method)
      fitted = .oneHot(try DataBridge.run { try encoder.fit(dataset) })
    }
  }

  private func transform(_ argument: Value, method: String) throws -> Value {
    let state = try requireFitted()
    if case .label(let f) = state {
      if case .label(_, let column) = kind, case .native(let native) = argument,
        let wrapped = native as? DatasetValue
      {
        if let column {
          return .native(
            DatasetValue(try DataBridge.run { try f.transform(wrapped.dataset, column: column) }))
        }
      }
      let codes = try DataBridge.run {
        try f.transform(try labels(argument, column: nil, method: method))
      }
      return .list(ListRef(codes.map { .int($0) }))
    }
    let dataset = try DataBridge.dataset(argument, method, "dataset")
    let result = try DataBridge.run { () -> Dataset in
      switch state {
      case .standard(let f): return try f.transform(dataset)
      case .minmax(let f): return try f.transform(dataset)
      case .imputer(let f): return try f.transform(dataset)
      case .oneHot(let f): return try f.transform(dataset)
      case .label: return dataset
      }
    }
    return .native(DatasetValue(result))
  }

  private func inverseTransform(_ argument: Value, method: String) throws -> Value {
    switch try requireFitted() {
    case .standard(let f):
      let dataset = try DataBridge.dataset(argument, method, "dataset")
      return .native(DatasetValue(try DataBridge.run { try f.inverseTransform(dataset) }))
    case .label(let f):
      let codes = try DataBridge.run {
        try f.inverseTransform(try DataBridge.ints(argument, method, "codes"))
      }
      return DataBridge.list(codes)
    default:
      throw MelixError(DataMessages.noInverse(name))
    }
  }

  /// Labels to encode: a list of strings, a dataset's categorical column `column`, or a
  /// dataset's class names (its target) when `column` is nil.
  private func labels(_ argument: Value, column: String?, method: String) throws -> [String] {
    guard case .native(let native) = argument, let wrapped = native as? DatasetValue else {
      return try DataBridge.strings(argument, method, "labels")
    }
    let dataset = wrapped.dataset
    if let column {
      guard let data = dataset.categorical.first(where: { $0.name == column }) else {
        throw DataBridge.unknownColumn(column, dataset.categoricalNames)
      }
      return (0..<data.codes.count).compactMap { data.value(at: $0) }
    }
    guard case .classes(let indices, let names)? = dataset.target else {
      throw MelixError(DataMessages.labelSource(method))
    }
    return indices.map { names[$0] }
  }
}
