/// Resolves which numeric feature columns a transformer works on.
func numericColumnIndices(_ names: [String]?, in dataset: Dataset, operation: String) throws
  -> [Int]
{
  guard let names else { return Array(dataset.featureNames.indices) }
  return try names.map { name in
    guard let index = dataset.featureNames.firstIndex(of: name) else {
      throw DataError.unknownColumn(name: name, available: dataset.featureNames)
    }
    return index
  }
}

/// Observed (non-NaN) values of feature column `index`.
func observedValues(_ dataset: Dataset, column index: Int) -> [Double] {
  var out: [Double] = []
  out.reserveCapacity(dataset.count)
  for r in 0..<dataset.count {
    let value = dataset.features[r, index]
    if !value.isNaN { out.append(value) }
  }
  return out
}

/// Standardises numeric features to zero mean and unit variance (Melix's `standard_scaler`).
///
/// Fit learns each column's mean and population standard deviation (n in the denominator)
/// over the non-missing values, as scikit-learn's `StandardScaler`; transform computes
/// `(x − mean) / std`. A constant column has std 0 and is divided by 1 instead, so it
/// becomes zeros, not NaN (scikit-learn's `_handle_zeros_in_scale`). Missing values stay NaN.
public struct StandardScaler: Sendable {
  /// Columns to scale (nil: every numeric feature).
  public var columns: [String]?
  /// Subtract the mean (default true).
  public var withMean: Bool
  /// Divide by the standard deviation (default true).
  public var withStd: Bool

  /// Creates an unfitted scaler.
  ///
  /// - Parameters:
  ///   - columns: Feature names to scale, or nil for all numeric features.
  ///   - withMean: Centre the data.
  ///   - withStd: Scale to unit variance.
  public init(columns: [String]? = nil, withMean: Bool = true, withStd: Bool = true) {
    self.columns = columns
    self.withMean = withMean
    self.withStd = withStd
  }

  /// The learned parameters; apply with `transform`.
  public struct Fitted: Equatable, Sendable {
    /// Names of the scaled columns.
    public var columns: [String]
    /// Per-column mean, shape `[columns.count]` (0 when `withMean` is false).
    public var mean: [Double]
    /// Per-column divisor, shape `[columns.count]`: the std, or 1 for a constant column.
    public var scale: [Double]

    /// Scales the fitted columns of `dataset`; other columns pass through.
    ///
    /// - Parameter dataset: Any dataset holding the fitted columns.
    /// - Returns: The dataset with scaled columns, same shape.
    /// - Throws: `DataError.unknownColumn` if a fitted column is absent.
    public func transform(_ dataset: Dataset) throws -> Dataset {
      let indices = try numericColumnIndices(columns, in: dataset, operation: "standard_scaler")
      var out = dataset
      for (k, c) in indices.enumerated() {
        for r in 0..<dataset.count {
          out.features[r, c] = (dataset.features[r, c] - mean[k]) / scale[k]
        }
      }
      return out
    }

    /// Undoes `transform`: `x × scale + mean`.
    ///
    /// - Parameter dataset: A transformed dataset.
    /// - Returns: The dataset on the original scale.
    /// - Throws: `DataError.unknownColumn` if a fitted column is absent.
    public func inverseTransform(_ dataset: Dataset) throws -> Dataset {
      let indices = try numericColumnIndices(columns, in: dataset, operation: "standard_scaler")
      var out = dataset
      for (k, c) in indices.enumerated() {
        for r in 0..<dataset.count {
          out.features[r, c] = dataset.features[r, c] * scale[k] + mean[k]
        }
      }
      return out
    }
  }

  /// Learns mean and std from the training set.
  ///
  /// - Parameter dataset: Training data.
  /// - Returns: The fitted scaler.
  /// - Throws: `DataError.unknownColumn`, or `DataError.noObservedValues` for a column
  ///   with no non-missing value.
  public func fit(_ dataset: Dataset) throws -> Fitted {
    let indices = try numericColumnIndices(columns, in: dataset, operation: "standard_scaler")
    var means: [Double] = []
    var scales: [Double] = []
    for c in indices {
      let values = observedValues(dataset, column: c)
      if values.isEmpty {
        throw DataError.noObservedValues(
          operation: "standard_scaler", column: dataset.featureNames[c])
      }
      let mean = values.reduce(0, +) / Double(values.count)
      let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
      let std = variance.squareRoot()
      means.append(withMean ? mean : 0)
      // scikit-learn treats a scale below 10 × machine epsilon as zero.
      scales.append(withStd && std >= 10 * Double.ulpOfOne ? std : 1)
    }
    return Fitted(columns: indices.map { dataset.featureNames[$0] }, mean: means, scale: scales)
  }
}

/// Rescales numeric features to a range (Melix's `minmax_scaler`), as scikit-learn's
/// `MinMaxScaler`.
///
/// Fit learns each column's min and max over non-missing values; transform computes
/// `x × scale + offset` with `scale = (high − low) / (max − min)` and
/// `offset = low − min × scale`. A constant column (max = min) uses range 1, so it maps to
/// `low` (0 by default), not NaN. Missing values stay NaN.
public struct MinMaxScaler: Sendable {
  /// Columns to scale (nil: every numeric feature).
  public var columns: [String]?
  /// Output range lower bound.
  public var low: Double
  /// Output range upper bound.
  public var high: Double

  /// Creates an unfitted scaler.
  ///
  /// - Parameters:
  ///   - columns: Feature names, or nil for all numeric features.
  ///   - low: Target minimum (default 0).
  ///   - high: Target maximum (default 1); must exceed `low`.
  public init(columns: [String]? = nil, low: Double = 0, high: Double = 1) {
    self.columns = columns
    self.low = low
    self.high = high
  }

  /// The learned parameters.
  public struct Fitted: Equatable, Sendable {
    /// Names of the scaled columns.
    public var columns: [String]
    /// Per-column training minimum.
    public var dataMin: [Double]
    /// Per-column training maximum.
    public var dataMax: [Double]
    /// Per-column multiplier.
    public var scale: [Double]
    /// Per-column offset added after scaling.
    public var offset: [Double]

    /// Rescales the fitted columns of `dataset`; other columns pass through.
    ///
    /// Values outside the training range map outside `low...high` (no clipping).
    /// - Parameter dataset: Any dataset holding the fitted columns.
    /// - Returns: The rescaled dataset, same shape.
    /// - Throws: `DataError.unknownColumn` if a fitted column is absent.
    public func transform(_ dataset: Dataset) throws -> Dataset {
      let indices = try numericColumnIndices(columns, in: dataset, operation: "minmax_scaler")
      var out = dataset
      for (k, c) in indices.enumerated() {
        for r in 0..<dataset.count {
          out.features[r, c] = dataset.features[r, c] * scale[k] + offset[k]
        }
      }
      return out
    }
  }

  /// Learns min and max from the training set.
  ///
  /// - Parameter dataset: Training data.
  /// - Returns: The fitted scaler.
  /// - Throws: `DataError.invalidArgument` if `high <= low`, `DataError.unknownColumn`,
  ///   `DataError.noObservedValues`.
  public func fit(_ dataset: Dataset) throws -> Fitted {
    guard high > low else {
      throw DataError.invalidArgument(
        function: "minmax_scaler", message: "range \(low)...\(high) is empty")
    }
    let indices = try numericColumnIndices(columns, in: dataset, operation: "minmax_scaler")
    var fitted = Fitted(
      columns: indices.map { dataset.featureNames[$0] }, dataMin: [], dataMax: [], scale: [],
      offset: [])
    for c in indices {
      let values = observedValues(dataset, column: c)
      guard let lowest = values.min(), let highest = values.max() else {
        throw DataError.noObservedValues(
          operation: "minmax_scaler", column: dataset.featureNames[c])
      }
      let range = highest - lowest
      let scale = (high - low) / (range < 10 * Double.ulpOfOne ? 1 : range)
      fitted.dataMin.append(lowest)
      fitted.dataMax.append(highest)
      fitted.scale.append(scale)
      fitted.offset.append(low - lowest * scale)
    }
    return fitted
  }
}
