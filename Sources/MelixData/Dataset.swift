/// Whether a dataset's target is predicted as a class or as a number.
public enum TaskKind: String, Equatable, Sendable {
  /// The target is a class index into class names.
  case classification
  /// The target is a float64 value.
  case regression
}

/// A dataset's target column.
public enum Target: Equatable, Sendable {
  /// Class indices, shape `[nSamples]`, each in `0..<names.count`.
  case classes(indices: [Int], names: [String])
  /// Float values, shape `[nSamples]`.
  case values([Double])

  /// Number of samples.
  public var count: Int {
    switch self {
    case .classes(let indices, _): return indices.count
    case .values(let values): return values.count
    }
  }

  /// The task this target implies.
  public var task: TaskKind {
    switch self {
    case .classes: return .classification
    case .values: return .regression
    }
  }

  /// The target at the given row positions, in that order.
  func selecting(_ rows: [Int]) -> Target {
    switch self {
    case .classes(let indices, let names):
      return .classes(indices: rows.map { indices[$0] }, names: names)
    case .values(let values): return .values(rows.map { values[$0] })
    }
  }
}

/// A categorical feature column: integer codes into a list of levels.
public struct CategoricalColumn: Equatable, Sendable {
  /// Column name.
  public var name: String
  /// Codes, shape `[nSamples]`: an index into `levels`, or -1 for missing.
  public var codes: [Int]
  /// The level names; the code is the position in this list.
  public var levels: [String]
  /// Whether the levels are ordinal, in the order listed.
  public var isOrdered: Bool

  /// Creates a categorical column.
  ///
  /// - Parameters:
  ///   - name: Column name.
  ///   - codes: Codes into `levels`, -1 = missing.
  ///   - levels: Level names.
  ///   - isOrdered: Whether the level order is meaningful (default false).
  public init(name: String, codes: [Int], levels: [String], isOrdered: Bool = false) {
    self.name = name
    self.codes = codes
    self.levels = levels
    self.isOrdered = isOrdered
  }

  /// The value at `row` as text, or nil if missing.
  public func value(at row: Int) -> String? {
    let code = codes[row]
    return code >= 0 && code < levels.count ? levels[code] : nil
  }
}

/// A table of samples: numeric features, categorical features and an optional target.
///
/// The layout mirrors the Melix HDF5 dataset format (`/X`, `/y`, `/categorical/NAME`):
/// numeric (and bool, as 0/1) columns are in `features` in file order; text columns are in
/// `categorical`; the target is apart from both. `columnOrder` keeps every column name in
/// file order, so a dataset can be written back as the same CSV.
///
/// Task inference (`readCSV` without `task:`): a text or bool target is classification, with
/// class names sorted (bool: `false`, `true`); a numeric target whose values are all
/// integers with at most 20 distinct values is classification, with class names the
/// integers in increasing order (`"0"`, `"1"`, `"2"`); any other numeric target is
/// regression.
public struct Dataset: Equatable, Sendable {
  /// Numeric features, shape `[nSamples, nFeatures]`; NaN = missing.
  public var features: FeatureMatrix
  /// Names of the `features` columns, shape `[nFeatures]`.
  public var featureNames: [String]
  /// Categorical (text) feature columns, in file order.
  public var categorical: [CategoricalColumn]
  /// The target, or nil for an unlabelled dataset.
  public var target: Target?
  /// The target column's name (nil when there is no target).
  public var targetName: String?
  /// Every column name (features, categorical and target) in file order.
  public var columnOrder: [String]
  /// Free-form provenance (`source`, `license`, `citation`), kept through HDF5.
  public var metadata: [String: String]
  /// For image data (digits, MNIST): the `[height, width]` of each row, row-major.
  public var imageShape: [Int]?

  /// Creates a dataset from its parts.
  ///
  /// - Parameters:
  ///   - features: Numeric features, `[nSamples, nFeatures]`.
  ///   - featureNames: `nFeatures` names.
  ///   - categorical: Categorical columns, each with `nSamples` codes.
  ///   - target: Optional target with `nSamples` entries.
  ///   - targetName: The target's name (default `target` when a target is given).
  ///   - columnOrder: All column names in display order (default: features, categorical,
  ///     target).
  ///   - metadata: Provenance strings.
  /// - Throws: `DataError.shapeMismatch` if the parts disagree in length,
  ///   `DataError.invalidArgument` if names repeat.
  public init(
    features: FeatureMatrix, featureNames: [String], categorical: [CategoricalColumn] = [],
    target: Target? = nil, targetName: String? = nil, columnOrder: [String]? = nil,
    metadata: [String: String] = [:]
  ) throws {
    let n = features.rows
    if featureNames.count != features.columns {
      throw DataError.shapeMismatch(
        operation: "dataset feature names", expected: [features.columns], got: [featureNames.count])
    }
    for column in categorical where column.codes.count != n {
      throw DataError.shapeMismatch(
        operation: "categorical column '\(column.name)'", expected: [n], got: [column.codes.count])
    }
    if let target, target.count != n {
      throw DataError.shapeMismatch(operation: "dataset target", expected: [n], got: [target.count])
    }
    let name = target == nil ? nil : (targetName ?? "target")
    let all = featureNames + categorical.map(\.name) + (name.map { [$0] } ?? [])
    if Set(all).count != all.count {
      throw DataError.invalidArgument(function: "Dataset", message: "column names repeat: \(all)")
    }
    let order = columnOrder.map { given in given.filter { all.contains($0) } } ?? all
    self.features = features
    self.featureNames = featureNames
    self.categorical = categorical
    self.target = target
    self.targetName = name
    self.columnOrder = order.count == all.count ? order : all
    self.metadata = metadata
    self.imageShape = nil
  }

  /// Number of samples (rows).
  public var count: Int { features.rows }
  /// The task implied by the target, or nil without a target.
  public var task: TaskKind? { target?.task }
  /// Class names for a classification target, else nil.
  public var classNames: [String]? {
    if case .classes(_, let names) = target { return names }
    return nil
  }
  /// The target as float64 values, shape `[nSamples]`: class indices for classification,
  /// the values for regression; nil without a target (Melix's `ds.y`).
  public var targetValues: [Double]? {
    switch target {
    case .classes(let indices, _)?: return indices.map(Double.init)
    case .values(let values)?: return values
    case nil: return nil
    }
  }

  /// Names of the categorical columns, in file order.
  public var categoricalNames: [String] { categorical.map(\.name) }
  /// Missing-value mask of `features`, row-major, shape `[nSamples, nFeatures]`.
  public var missingMask: [Bool] { features.missingMask }

  /// The number of missing cells over features and categorical columns.
  public var missingCount: Int {
    features.values.reduce(0) { $0 + ($1.isNaN ? 1 : 0) }
      + categorical.reduce(0) { total, column in
        total + column.codes.reduce(0) { $0 + ($1 < 0 ? 1 : 0) }
      }
  }
}

// MARK: - Building from a CSV table

extension Dataset {
  /// Builds a dataset from a parsed CSV table.
  ///
  /// - Parameters:
  ///   - table: The parsed columns.
  ///   - target: Name of the target column, or nil for none.
  ///   - task: Force classification or regression; nil infers it (see `Dataset`).
  /// - Throws: `DataError.unknownColumn` if `target` is not a column,
  ///   `DataError.missingTarget` for a missing target value,
  ///   `DataError.invalidArgument` for a regression task on a text target.
  public init(table: CSVTable, target: String?, task: TaskKind? = nil) throws {
    let targetIndex = try target.map { try table.index(of: $0) }
    var numeric: [[Double]] = []
    var names: [String] = []
    var categorical: [CategoricalColumn] = []
    for (index, column) in table.columns.enumerated() where index != targetIndex {
      switch column {
      case .number(let values), .bool(let values):
        numeric.append(values)
        names.append(table.names[index])
      case .category(let codes, let levels):
        categorical.append(
          CategoricalColumn(name: table.names[index], codes: codes, levels: levels))
      }
    }
    var targetValue: Target? = nil
    if let targetIndex {
      targetValue = try Dataset.makeTarget(
        table.columns[targetIndex], file: table.file, lines: table.lines,
        name: table.names[targetIndex], task: task)
    }
    try self.init(
      features: FeatureMatrix(columnValues: numeric, rows: table.rowCount), featureNames: names,
      categorical: categorical, target: targetValue, targetName: target, columnOrder: table.names)
  }

  /// The largest number of distinct integer values for which a numeric target is inferred
  /// to be class labels.
  public static let maxInferredClasses = 20

  /// The target from a parsed CSV column named `name` (see `Dataset` for the task rule).
  static func makeTarget(
    _ column: CSVColumnData, file: String, lines: [Int], name: String, task: TaskKind?
  ) throws -> Target {
    func missing(_ row: Int) -> DataError {
      DataError.missingTarget(
        file: file, line: row < lines.count ? lines[row] : 0, row: row + 1, column: name)
    }
    switch column {
    case .category(let codes, let levels):
      if let row = codes.firstIndex(of: -1) { throw missing(row) }
      if task == .regression {
        throw DataError.invalidArgument(
          function: "read_csv",
          message: "target '\(name)' holds text, so the task cannot be regression")
      }
      return .classes(indices: codes, names: levels)
    case .number(let values), .bool(let values):
      if let row = values.firstIndex(where: { $0.isNaN }) { throw missing(row) }
      let isBool = column.type == .bool
      if isBool && task != .regression {
        return .classes(indices: values.map { Int($0) }, names: ["false", "true"])
      }
      // Distinct values, stopping early once the target cannot be inferred as classes.
      // A short array beats a Set here: at most 21 entries are kept while inferring.
      var distinct: [Double] = []
      var distinctSet: Set<Double> = []
      var integral = true
      for value in values {
        // |value| < 1e15 keeps the Int64 conversion exact and in range (NaN fails it too);
        // converting avoids a libm `round` call per value.
        if !(abs(value) < 1e15) || Double(Int64(value)) != value { integral = false }
        if distinct.count <= maxInferredClasses {
          if !distinct.contains(value) { distinct.append(value) }
        } else if task == .classification {
          if distinctSet.isEmpty { distinctSet = Set(distinct) }
          distinctSet.insert(value)
        }
        if task == nil && (!integral || distinct.count > maxInferredClasses) { break }
      }
      if !distinctSet.isEmpty { distinct = Array(distinctSet) }
      let inferred: TaskKind =
        integral && distinct.count <= maxInferredClasses ? .classification : .regression
      if (task ?? inferred) == .regression { return .values(values) }
      let sorted = distinct.sorted()
      let names = sorted.map {
        abs($0) < 1e15 && Double(Int64($0)) == $0 ? String(Int64($0)) : String($0)
      }
      let indices = values.map { value -> Int in
        // Binary search in the sorted distinct values.
        var (low, high) = (0, sorted.count - 1)
        while low < high {
          let middle = (low + high) / 2
          if sorted[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
      }
      return .classes(indices: indices, names: names)
    }
  }
}
