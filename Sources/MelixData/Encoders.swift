/// Replaces categorical columns with 0/1 indicator features (Melix's `one_hot`), as
/// scikit-learn's `OneHotEncoder(sparse_output=False)`.
///
/// Fit learns, per column, the levels present in the training data (in level order, which
/// is sorted for CSV input, so the columns match scikit-learn's sorted categories).
/// Transform removes each fitted categorical column and appends one numeric feature per
/// learned level, named `column_level` (scikit-learn's `get_feature_names_out`), placed
/// where the categorical column was in `columnOrder`. A missing value encodes as all zeros.
public struct OneHotEncoder: Sendable {
  /// What to do with a level not seen when fitting.
  public enum UnknownLevel: String, Sendable {
    /// Throw `DataError.unknownLevel` (scikit-learn's default).
    case error
    /// Encode as all zeros.
    case ignore
  }

  /// Categorical columns to encode (nil: all).
  public var columns: [String]?
  /// Handling of unseen levels.
  public var handleUnknown: UnknownLevel

  /// Creates an unfitted encoder.
  ///
  /// - Parameters:
  ///   - columns: Categorical column names, or nil for all.
  ///   - handleUnknown: `.error` (default) or `.ignore`.
  public init(columns: [String]? = nil, handleUnknown: UnknownLevel = .error) {
    self.columns = columns
    self.handleUnknown = handleUnknown
  }

  /// The learned levels.
  public struct Fitted: Equatable, Sendable {
    /// Encoded columns in order, each with its learned levels.
    public var categories: [(column: String, levels: [String])]
    /// Handling of unseen levels.
    public var handleUnknown: UnknownLevel

    /// Names of the indicator features, `column_level`, in output order.
    public var featureNamesOut: [String] {
      categories.flatMap { entry in entry.levels.map { "\(entry.column)_\($0)" } }
    }

    /// Compares columns and levels.
    public static func == (lhs: Fitted, rhs: Fitted) -> Bool {
      lhs.handleUnknown == rhs.handleUnknown
        && lhs.categories.map(\.column) == rhs.categories.map(\.column)
        && lhs.categories.map(\.levels) == rhs.categories.map(\.levels)
    }

    /// Encodes the fitted columns of `dataset`.
    ///
    /// - Parameter dataset: Any dataset holding the fitted categorical columns.
    /// - Returns: `[nSamples, nFeatures]` → `[nSamples, nFeatures + Σ levels]`, without
    ///   those categorical columns.
    /// - Throws: `DataError.unknownColumn`, or `DataError.unknownLevel` for an unseen level
    ///   with `.error`; `DataError.invalidArgument` when the encoded features would hold
    ///   more than 2^30 values (one level per row of a large identifier column, say).
    public func transform(_ dataset: Dataset) throws -> Dataset {
      var out = dataset
      var order = dataset.columnOrder
      for (column, levels) in categories {
        guard let k = out.categorical.firstIndex(where: { $0.name == column }) else {
          throw DataError.unknownColumn(name: column, available: dataset.categoricalNames)
        }
        let data = out.categorical[k]
        var position: [String: Int] = [:]
        for (i, level) in levels.enumerated() { position[level] = i }
        let used = Set(data.codes.filter { $0 >= 0 })
        let map: [Int] = try data.levels.enumerated().map { code, level in
          if let i = position[level] { return i }
          if handleUnknown == .error, used.contains(code) {
            throw DataError.unknownLevel(operation: "one_hot", column: column, level: level)
          }
          return -1
        }
        // One-hot encoding an identifier column (a level per row) asks for rows² values:
        // refuse before allocating, the bound being the interpreter's tensor size bound.
        let (total, overflow) = dataset.count.multipliedReportingOverflow(
          by: out.features.columns + levels.count)
        guard !overflow, total <= maxEncodedValues else {
          throw DataError.invalidArgument(
            function: "one_hot",
            message:
              "column '\(column)' has \(levels.count) levels: encoding \(dataset.count) rows "
              + "would make more than \(maxEncodedValues) feature values")
        }
        var indicators = [Double](repeating: 0, count: dataset.count * levels.count)
        for (r, code) in data.codes.enumerated() where code >= 0 {
          let i = map[code]
          if i >= 0 { indicators[r * levels.count + i] = 1 }
        }
        out.features = out.features.appendingColumns(
          FeatureMatrix(rows: dataset.count, columns: levels.count, values: indicators))
        let names = levels.map { "\(column)_\($0)" }
        out.featureNames += names
        out.categorical.remove(at: k)
        if let at = order.firstIndex(of: column) { order.replaceSubrange(at...at, with: names) }
      }
      out.columnOrder = order
      return out
    }
  }

  /// Learns the levels present in the training data.
  ///
  /// - Parameter dataset: Training data.
  /// - Returns: The fitted encoder.
  /// - Throws: `DataError.unknownColumn` for a name that is not a categorical column.
  public func fit(_ dataset: Dataset) throws -> Fitted {
    let names = columns ?? dataset.categoricalNames
    var categories: [(column: String, levels: [String])] = []
    for name in names {
      guard let data = dataset.categorical.first(where: { $0.name == name }) else {
        throw DataError.unknownColumn(name: name, available: dataset.categoricalNames)
      }
      var seen = [Bool](repeating: false, count: data.levels.count)
      for code in data.codes where code >= 0 { seen[code] = true }
      categories.append((name, data.levels.indices.filter { seen[$0] }.map { data.levels[$0] }))
    }
    return Fitted(categories: categories, handleUnknown: handleUnknown)
  }
}

/// Maps text labels to integer codes 0..<n in sorted order (Melix's `label_encoder`), as
/// scikit-learn's `LabelEncoder`.
public struct LabelEncoder: Sendable {
  /// Creates an unfitted encoder.
  public init() {}

  /// The learned classes.
  public struct Fitted: Equatable, Sendable {
    /// The sorted distinct labels; a label's code is its position here.
    public var classes: [String]

    /// Encodes labels.
    ///
    /// - Parameter labels: Labels seen when fitting, shape `[n]`.
    /// - Returns: Codes, shape `[n]`.
    /// - Throws: `DataError.unknownLevel` for an unseen label.
    public func transform(_ labels: [String]) throws -> [Int] {
      var position: [String: Int] = [:]
      for (i, label) in classes.enumerated() { position[label] = i }
      return try labels.map { label in
        guard let code = position[label] else {
          throw DataError.unknownLevel(operation: "label_encoder", column: "labels", level: label)
        }
        return code
      }
    }

    /// Decodes codes back to labels.
    ///
    /// - Parameter codes: Codes in `0..<classes.count`.
    /// - Returns: The labels.
    /// - Throws: `DataError.invalidArgument` for a code out of range.
    public func inverseTransform(_ codes: [Int]) throws -> [String] {
      try codes.map { code in
        guard code >= 0, code < classes.count else {
          throw DataError.invalidArgument(
            function: "label_encoder", message: "code \(code) is outside 0..<\(classes.count)")
        }
        return classes[code]
      }
    }

    /// Replaces the categorical column `column` of `dataset` by a numeric feature holding
    /// the label codes (missing stays NaN), at the same place in `columnOrder`.
    ///
    /// - Parameters:
    ///   - dataset: The dataset.
    ///   - column: A categorical column name.
    /// - Returns: The dataset with one more numeric feature and one fewer categorical column.
    /// - Throws: `DataError.unknownColumn`, `DataError.unknownLevel`.
    public func transform(_ dataset: Dataset, column: String) throws -> Dataset {
      guard let k = dataset.categorical.firstIndex(where: { $0.name == column }) else {
        throw DataError.unknownColumn(name: column, available: dataset.categoricalNames)
      }
      let data = dataset.categorical[k]
      let present = Set(data.codes.filter { $0 >= 0 })
      let used = data.levels.indices.filter { present.contains($0) }
      let levelCodes = try transform(used.map { data.levels[$0] })
      var codeOf: [Int: Int] = [:]
      for (i, level) in used.enumerated() { codeOf[level] = levelCodes[i] }
      var out = dataset
      let values = data.codes.map { $0 < 0 ? Double.nan : Double(codeOf[$0] ?? 0) }
      out.features = out.features.appendingColumns(
        FeatureMatrix(rows: dataset.count, columns: 1, values: values))
      out.featureNames.append(column)
      out.categorical.remove(at: k)
      return out
    }
  }

  /// Learns the sorted distinct labels.
  ///
  /// - Parameter labels: Training labels.
  /// - Returns: The fitted encoder.
  public func fit(_ labels: [String]) -> Fitted {
    Fitted(classes: Array(Set(labels)).sorted())
  }
}

/// The most feature values (rows × columns) one-hot encoding may produce: 2^30, 8 GiB.
let maxEncodedValues = 1 << 30
