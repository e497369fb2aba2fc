import MelixData
import MelixNumerics

extension BuiltinTable {
  /// with_column.
  static var dataColumns: [Builtin] {
    [
      Builtin(
        "with_column",
        [
          BuiltinParameter("dataset", .native("Dataset")), BuiltinParameter("name", .string),
          BuiltinParameter("values", .any),
        ],
        returns: "Dataset",
        doc: """
          A dataset with the column 'name' added, or replaced if it exists: a tensor or list of \
          numbers ([n_samples], NaN or nil = missing) makes a numeric feature; a list of strings \
          (nil = missing) a categorical column with sorted levels. New columns go last. The target \
          cannot be replaced.
          """,
        example:
          "let iris = read_csv(\"data/iris.csv\", target: \"species\")\nlet more = with_column(iris, \"petal_area\", iris[\"petal_length\"] * iris[\"petal_width\"])\nmore.shape  # (150, 6)"
      ) { args, _ in
        let dataset = try DataBridge.dataset(args[0], "with_column")
        guard case .string(let name) = args[1] else { return .null }
        if name == dataset.targetName { throw MelixError(DataMessages.replaceTarget(name)) }
        let column = try newColumn(args[2], rows: dataset.count)
        return .native(
          DatasetValue(try DataBridge.run { try adding(column, named: name, to: dataset) }))
      }
    ]
  }

  /// The values of a new column: numbers, or text levels.
  private enum NewColumn {
    case numbers([Double])
    case texts([String?])
  }

  private static func newColumn(_ value: Value, rows: Int) throws -> NewColumn {
    let role = "argument 'values' of 'with_column'"
    if case .list(let list) = value,
      list.items.contains(where: { if case .string = $0 { return true } else { return false } })
    {
      let texts = try list.items.map { item -> String? in
        switch item {
        case .string(let text): return text
        case .null: return nil
        default: throw MelixError(DataMessages.mixedColumn(role, got: item.typeName))
        }
      }
      guard texts.count == rows else {
        throw MelixError(DataMessages.columnLength(role, rows: rows, got: texts.count))
      }
      return .texts(texts)
    }
    var numbers: [Double]
    if case .list(let list) = value,
      list.items.contains(where: { if case .null = $0 { return true } else { return false } })
    {
      numbers = try list.items.map { item -> Double in
        if case .null = item { return .nan }
        guard let number = item.asDouble else {
          throw MelixError(DataMessages.mixedColumn(role, got: item.typeName))
        }
        return number
      }
    } else {
      let tensor = try asTensor(value, role: role, dtype: .float64)
      guard tensor.rank == 1 else {
        throw MelixError(
          DataMessages.columnLength(role, rows: rows, got: tensor.shape.reduce(1, *)))
      }
      numbers = tensor.scalars
    }
    guard numbers.count == rows else {
      throw MelixError(DataMessages.columnLength(role, rows: rows, got: numbers.count))
    }
    return .numbers(numbers)
  }

  /// `dataset` with `column` added as `name`, or replacing the feature of that name.
  private static func adding(_ column: NewColumn, named name: String, to dataset: Dataset) throws
    -> Dataset
  {
    var featureNames = dataset.featureNames
    var features = dataset.features
    var categorical = dataset.categorical
    var order = dataset.columnOrder
    if let index = featureNames.firstIndex(of: name) {
      featureNames.remove(at: index)
      features = features.selectingColumns(Array(0..<features.columns).filter { $0 != index })
    }
    categorical.removeAll { $0.name == name }
    if !order.contains(name) { order.append(name) }
    switch column {
    case .numbers(let values):
      features = features.appendingColumns(
        FeatureMatrix(rows: dataset.count, columns: 1, values: values))
      featureNames.append(name)
    case .texts(let texts):
      let levels = Array(Set(texts.compactMap { $0 })).sorted()
      var position: [String: Int] = [:]
      for (i, level) in levels.enumerated() { position[level] = i }
      categorical.append(
        CategoricalColumn(
          name: name, codes: texts.map { $0.flatMap { position[$0] } ?? -1 }, levels: levels))
    }
    return try Dataset(
      features: features, featureNames: featureNames, categorical: categorical,
      target: dataset.target,
      targetName: dataset.targetName, columnOrder: order, metadata: dataset.metadata)
  }
}
