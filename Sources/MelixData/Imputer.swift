/// How `Imputer` fills missing values.
public enum ImputeStrategy: String, Equatable, Sendable {
  /// Column mean of the training data (numeric columns).
  case mean
  /// Column median (average of the two middle values for an even count), numeric columns.
  case median
  /// The most frequent value; ties go to the smallest value (numbers) or the first level in
  /// level order (categories), as scikit-learn's `SimpleImputer`.
  case mostFrequent = "most_frequent"
  /// A fixed value: `fillValue` for numbers, `fillLevel` for categories.
  case constant
}

/// Fills missing values with statistics learned on the training set (Melix's `imputer`),
/// following scikit-learn's `SimpleImputer`.
///
/// Numeric features are imputed with every strategy. Categorical columns are imputed only
/// with `.mostFrequent` and `.constant` (mean and median leave them as they are); a constant
/// level not yet in a column's levels is appended to them.
public struct Imputer: Sendable {
  /// The strategy.
  public var strategy: ImputeStrategy
  /// The numeric fill value for `.constant` (default 0).
  public var fillValue: Double
  /// The categorical fill level for `.constant` (default `missing`).
  public var fillLevel: String

  /// Creates an unfitted imputer.
  ///
  /// - Parameters:
  ///   - strategy: mean, median, most frequent or constant.
  ///   - fillValue: Numeric constant (for `.constant`).
  ///   - fillLevel: Categorical constant (for `.constant`).
  public init(
    strategy: ImputeStrategy = .mean, fillValue: Double = 0, fillLevel: String = "missing"
  ) {
    self.strategy = strategy
    self.fillValue = fillValue
    self.fillLevel = fillLevel
  }

  /// The learned fill values.
  public struct Fitted: Equatable, Sendable {
    /// Numeric feature names and their fill values.
    public var numericFills: [String: Double]
    /// Categorical column names and their fill levels.
    public var levelFills: [String: String]

    /// Replaces missing values in the fitted columns.
    ///
    /// - Parameter dataset: Any dataset holding the fitted columns.
    /// - Returns: The dataset without missing values in those columns.
    /// - Throws: `DataError.unknownColumn` if a fitted column is absent.
    public func transform(_ dataset: Dataset) throws -> Dataset {
      var out = dataset
      for (name, fill) in numericFills {
        guard let c = dataset.featureNames.firstIndex(of: name) else {
          throw DataError.unknownColumn(name: name, available: dataset.featureNames)
        }
        for r in 0..<dataset.count where dataset.features[r, c].isNaN { out.features[r, c] = fill }
      }
      for (name, level) in levelFills {
        guard let k = dataset.categorical.firstIndex(where: { $0.name == name }) else {
          throw DataError.unknownColumn(name: name, available: dataset.categoricalNames)
        }
        var column = out.categorical[k]
        var code = column.levels.firstIndex(of: level) ?? -1
        if code < 0 {
          column.levels.append(level)
          code = column.levels.count - 1
        }
        column.codes = column.codes.map { $0 < 0 ? code : $0 }
        out.categorical[k] = column
      }
      return out
    }
  }

  /// Learns fill values from the training set.
  ///
  /// - Parameter dataset: Training data.
  /// - Returns: The fitted imputer.
  /// - Throws: `DataError.noObservedValues` if a statistic is needed for a column with no
  ///   observed value (scikit-learn would drop such a column silently).
  public func fit(_ dataset: Dataset) throws -> Fitted {
    var numeric: [String: Double] = [:]
    for (c, name) in dataset.featureNames.enumerated() {
      let values = observedValues(dataset, column: c)
      if strategy == .constant {
        numeric[name] = fillValue
        continue
      }
      if values.isEmpty {
        throw DataError.noObservedValues(operation: "imputer(\(strategy.rawValue))", column: name)
      }
      switch strategy {
      case .mean: numeric[name] = values.reduce(0, +) / Double(values.count)
      case .median: numeric[name] = quantile(sorted: values.sorted(), 0.5)
      case .mostFrequent:
        var counts: [Double: Int] = [:]
        for value in values { counts[value, default: 0] += 1 }
        numeric[name] =
          counts.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key
      case .constant: break
      }
    }
    var levels: [String: String] = [:]
    for column in dataset.categorical {
      switch strategy {
      case .constant: levels[column.name] = fillLevel
      case .mostFrequent:
        var counts = [Int](repeating: 0, count: column.levels.count)
        for code in column.codes where code >= 0 { counts[code] += 1 }
        guard
          let best = counts.indices.max(by: {
            counts[$0] != counts[$1] ? counts[$0] < counts[$1] : $0 > $1
          }),
          counts[best] > 0
        else {
          throw DataError.noObservedValues(operation: "imputer(most_frequent)", column: column.name)
        }
        levels[column.name] = column.levels[best]
      case .mean, .median: break
      }
    }
    return Fitted(numericFills: numeric, levelFills: levels)
  }
}
