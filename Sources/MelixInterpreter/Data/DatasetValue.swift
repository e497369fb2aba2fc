import MelixData
import MelixNumerics

/// A Melix dataset: a `MelixData.Dataset` held as an immutable native value.
///
/// Every operation (`select`, `split`, a transformer's `transform`) returns a new dataset,
/// so a dataset bound to a name never changes under it.
///
/// Fields: `X` (float64 tensor `[nSamples, nFeatures]`, NaN = missing, numeric features
/// only), `y` (int64 class indices `[nSamples]` for classification, carrying the class
/// names for the metric built-ins; float64 values for regression), `shape` (`(rows, columns)` counting every column), `feature_names` (the
/// columns of `X`), `categorical` (the text columns), `columns`, `classes`, `task`,
/// `target`, `n_samples`, `missing` (Bool tensor `[nSamples, nFeatures]`, true where `X`
/// is missing), `metadata` (provenance strings such as `source`, `license`, `citation`
/// kept from an HDF5 file).
///
/// Subscripts: `ds[0:10]` (rows), `ds[3]` (one row as a dict), `ds["age"]` (a column),
/// `ds[mask]` (rows where a Bool tensor or list is true), `ds[[0, 5]]` (rows by index).
public final class DatasetValue: NativeValue {
  /// The wrapped dataset.
  public let dataset: Dataset

  /// Wraps `dataset`.
  ///
  /// - Parameter dataset: The dataset.
  public init(_ dataset: Dataset) { self.dataset = dataset }

  /// `Dataset`.
  public var typeName: String { "Dataset" }

  /// A header with the shape and task, then an aligned table of the first 10 rows.
  public func display() -> String { DatasetTable.render(dataset, rows: 10) }

  /// `Dataset[150, 5] classification 'species'`.
  public func summary() -> String {
    var text = "Dataset[\(dataset.count), \(dataset.columns.count)]"
    if let task = dataset.task, let name = dataset.targetName {
      text += " \(task.rawValue) '\(name)'"
    }
    return text
  }

  /// The fields a dot may complete to.
  public var memberNames: [String] {
    [
      "X", "y", "shape", "feature_names", "categorical", "columns", "classes", "task", "target",
      "n_samples",
      "metadata", "missing",
    ]
  }

  /// Reads a field (see the type's documentation).
  ///
  /// - Throws: `MelixError` for an unknown field or `y` of a dataset without a target.
  public func member(_ name: String) throws -> Value {
    switch name {
    case "X": return try DatasetValue.features(dataset)
    case "y": return try DatasetValue.target(dataset)
    case "shape": return .tuple(TupleRef([.int(dataset.count), .int(dataset.columns.count)]))
    case "n_samples": return .int(dataset.count)
    case "feature_names": return DataBridge.list(dataset.featureNames)
    case "categorical": return DataBridge.list(dataset.categoricalNames)
    case "columns": return DataBridge.list(dataset.columns)
    case "classes": return dataset.classNames.map(DataBridge.list) ?? .null
    case "task": return dataset.task.map { .string($0.rawValue) } ?? .null
    case "target": return dataset.targetName.map { .string($0) } ?? .null
    case "missing":
      let matrix = dataset.features
      return .tensor(try DatasetValue.tensor(shape: matrix.shape, matrix.missingMask))
    case "metadata":
      let dict = DictRef()
      for key in dataset.metadata.keys.sorted() {
        dict.set(.string(key), original: .string(key), .string(dataset.metadata[key] ?? ""))
      }
      return .dict(dict)
    default: throw MelixError(DataMessages.noField("Dataset", name))
    }
  }

  /// The numeric features as a float64 tensor `[nSamples, nFeatures]`.
  static func features(_ dataset: Dataset) throws -> Value {
    let matrix = dataset.features
    return .tensor(try tensor(shape: matrix.shape, matrix.values))
  }

  /// The target as a tensor `[nSamples]`: int64 class indices that carry the class names
  /// (so the metric built-ins match them by name), or float64 values.
  static func target(_ dataset: Dataset) throws -> Value {
    switch dataset.target {
    case .classes(let indices, let names)?:
      let codes = try tensor(shape: [indices.count], indices.map { Int64($0) })
      return .native(TensorValue(codes, classNames: names))
    case .values(let values)?:
      return .tensor(try tensor(shape: [values.count], values))
    case nil:
      throw MelixError(DataMessages.noTarget)
    }
  }

  private static func tensor<T: TensorScalar>(shape: [Int], _ values: [T]) throws -> Tensor {
    do {
      return try Tensor(shape: shape, scalars: values)
    } catch {
      throw MelixError(DataMessages.tensorFailed(shape: shape, reason: "\(error)"))
    }
  }

  /// `ds[lo:hi:step]`, `ds[i]`, `ds["name"]`, `ds[mask]`, `ds[[i, j]]`.
  ///
  /// - Throws: `MelixError` for an unknown column, a row out of range, a mask of the wrong
  ///   length, or more than one subscript.
  public func index(_ subscripts: [SubscriptValue]) throws -> Value {
    guard subscripts.count == 1, let only = subscripts.first else {
      throw MelixError(DataMessages.subscriptCount(subscripts.count))
    }
    switch only {
    case .slice(let lower, let upper, let step):
      let rows = DatasetValue.sliceIndices(
        count: dataset.count, lower: lower, upper: upper, step: step ?? 1)
      return .native(DatasetValue(try DataBridge.run { try dataset.rows(rows) }))
    case .index(let value):
      switch value {
      case .string(let name): return try DatasetValue.column(dataset, name)
      case .int(let i):
        let count = dataset.count
        let row = i < 0 ? i + count : i
        guard row >= 0, row < count else {
          throw MelixError(DataMessages.rowOutOfRange(i, count: count))
        }
        return DatasetValue.row(dataset, row)
      case .list(let list)
      where list.items.allSatisfy({ if case .int = $0 { return true } else { return false } }):
        let rows = list.items.map { item -> Int in
          if case .int(let i) = item { return i < 0 ? i + dataset.count : i }
          return 0
        }
        return .native(DatasetValue(try DataBridge.run { try dataset.rows(rows) }))
      default:
        let mask = try DatasetValue.mask(value, role: "Dataset subscript")
        return .native(DatasetValue(try DataBridge.run { try dataset.filter(mask: mask) }))
      }
    }
  }

  /// Python's slice rules, clamped: the row indices `lower:upper:step` selects.
  static func sliceIndices(count: Int, lower: Int?, upper: Int?, step: Int) -> [Int] {
    func clamp(_ value: Int?, _ fallback: Int, low: Int, high: Int) -> Int {
      guard let value else { return fallback }
      let adjusted = value < 0 ? value + count : value
      return min(max(adjusted, low), high)
    }
    if step > 0 {
      let start = clamp(lower, 0, low: 0, high: count)
      let end = clamp(upper, count, low: 0, high: count)
      return start < end ? Array(stride(from: start, to: end, by: step)) : []
    }
    let start = clamp(lower, count - 1, low: -1, high: count - 1)
    let end = clamp(upper, -1, low: -1, high: count - 1)
    return start > end ? Array(stride(from: start, to: end, by: step)) : []
  }

  /// A column: a float64 tensor for numbers (NaN = missing), a list of strings (nil =
  /// missing) for text and class targets.
  static func column(_ dataset: Dataset, _ name: String) throws -> Value {
    switch try DataBridge.run({ try dataset.column(name) }) {
    case .numeric(let values), .target(.values(let values)):
      return .tensor(try tensor(shape: [values.count], values))
    case .categorical(let column):
      return .list(
        ListRef(
          (0..<column.codes.count).map { row in column.value(at: row).map { .string($0) } ?? .null }
        ))
    case .target(.classes(let indices, let names)):
      return .list(ListRef(indices.map { .string(names[$0]) }))
    }
  }

  /// One row as a dict from column name to value, in column order (see `RowReader`).
  static func row(_ dataset: Dataset, _ row: Int) -> Value { RowReader(dataset).dict(row) }

  /// A row mask from a Bool tensor or a list of Bools.
  ///
  /// - Throws: `MelixError` naming `role` for anything else.
  static func mask(_ value: Value, role: String) throws -> [Bool] {
    if case .list(let list) = value {
      return try list.items.map { item in
        guard case .bool(let b) = item else {
          throw MelixError(DataMessages.maskElement(role, got: item.typeName))
        }
        return b
      }
    }
    if let t = value.tensorValue, t.dtype == .bool, t.rank == 1 {
      return t.scalars.map { $0 != 0 }
    }
    if let t = value.tensorValue {
      throw MelixError(DataMessages.maskTensor(role, shape: t.shape, dtype: "\(t.dtype)"))
    }
    throw MelixError(DataMessages.badSubscript(role, got: value.typeName))
  }

  /// The number of rows.
  public var length: Int? { dataset.count }

  /// Each row as a dict (see `row`), so `for row in ds` works.
  public func elements() throws -> [Value]? {
    let reader = RowReader(dataset)
    return (0..<dataset.count).map { reader.dict($0) }
  }

  /// Two datasets are equal when every column, value and name is the same (NaN equals NaN).
  public func isEqual(to other: Value) -> Bool {
    if case .native(let native) = other, let rhs = native as? DatasetValue {
      return rhs.dataset == dataset
    }
    return false
  }
}
