/// One column of a dataset, as returned by `Dataset.column(_:)` (Melix's `ds["age"]`).
public enum DatasetColumn: Equatable, Sendable {
  /// A numeric feature, shape `[nSamples]`, NaN = missing.
  case numeric([Double])
  /// A categorical feature.
  case categorical(CategoricalColumn)
  /// The target.
  case target(Target)
}

/// A read-only view of one row, passed to `Dataset.filter(_:)` predicates.
public struct DatasetRow {
  let dataset: Dataset
  /// The row's position in the dataset.
  public let index: Int

  /// The numeric feature `name` in this row (NaN if missing), or nil if `name` is not a
  /// numeric feature (or a regression target).
  public func number(_ name: String) -> Double? {
    if let column = dataset.featureNames.firstIndex(of: name) {
      return dataset.features[index, column]
    }
    if name == dataset.targetName, case .values(let values)? = dataset.target {
      return values[index]
    }
    return nil
  }

  /// The categorical feature `name` (or class-name target) as text, or nil if missing or
  /// not a categorical column.
  public func text(_ name: String) -> String? {
    if let column = dataset.categorical.first(where: { $0.name == name }) {
      return column.value(at: index)
    }
    if name == dataset.targetName, case .classes(let indices, let names)? = dataset.target {
      return names[indices[index]]
    }
    return nil
  }
}

extension Dataset {
  /// The rows at `indices`, in that order (repeats allowed): the basis of splits and sampling.
  ///
  /// - Parameter indices: Row positions in `0..<count`.
  /// - Returns: A dataset of `indices.count` rows with the same columns.
  /// - Throws: `DataError.rowsOutOfRange` if an index is outside `0..<count`.
  public func rows(_ indices: [Int]) throws -> Dataset {
    if let bad = indices.first(where: { $0 < 0 || $0 >= count }) {
      throw DataError.rowsOutOfRange(lower: bad, upper: bad + 1, count: count)
    }
    var out = self
    out.features = features.selectingRows(indices)
    out.categorical = categorical.map { column in
      var copy = column
      copy.codes = indices.map { column.codes[$0] }
      return copy
    }
    out.target = target?.selecting(indices)
    return out
  }

  /// Row slicing, Melix's `ds[0:10]`.
  ///
  /// - Parameter range: Rows to keep; must lie within `0...count`.
  /// - Returns: The rows in `range`, in order.
  /// - Throws: `DataError.rowsOutOfRange`.
  public func rows(_ range: Range<Int>) throws -> Dataset {
    if range.lowerBound < 0 || range.upperBound > count {
      throw DataError.rowsOutOfRange(lower: range.lowerBound, upper: range.upperBound, count: count)
    }
    return try rows(Array(range))
  }

  /// The first `n` rows (all rows if there are fewer).
  ///
  /// - Parameter n: Row count, default 5; negative counts are treated as 0.
  /// - Returns: A dataset of `min(n, count)` rows.
  public func head(_ n: Int = 5) -> Dataset {
    (try? rows(0..<min(max(n, 0), count))) ?? self
  }

  /// Keeps the rows where `mask` is true.
  ///
  /// - Parameter mask: One Bool per row, shape `[nSamples]`.
  /// - Returns: The kept rows, in order.
  /// - Throws: `DataError.shapeMismatch` if `mask.count != count`.
  public func filter(mask: [Bool]) throws -> Dataset {
    if mask.count != count {
      throw DataError.shapeMismatch(operation: "filter mask", expected: [count], got: [mask.count])
    }
    return try rows(mask.indices.filter { mask[$0] })
  }

  /// Keeps the rows for which `isIncluded` returns true.
  ///
  /// - Parameter isIncluded: A predicate on a row view.
  /// - Returns: The kept rows, in order.
  /// - Throws: Whatever `isIncluded` throws.
  public func filter(_ isIncluded: (DatasetRow) throws -> Bool) throws -> Dataset {
    var kept: [Int] = []
    for index in 0..<count where try isIncluded(DatasetRow(dataset: self, index: index)) {
      kept.append(index)
    }
    return try rows(kept)
  }

  /// Column access, Melix's `ds["age"]`.
  ///
  /// - Parameter name: A feature, categorical or target column name.
  /// - Returns: The column's values, shape `[nSamples]`.
  /// - Throws: `DataError.unknownColumn` listing the available names.
  public func column(_ name: String) throws -> DatasetColumn {
    if let index = featureNames.firstIndex(of: name) { return .numeric(features.column(index)) }
    if let column = categorical.first(where: { $0.name == name }) { return .categorical(column) }
    if name == targetName, let target { return .target(target) }
    throw DataError.unknownColumn(name: name, available: columnOrder)
  }

  /// Keeps only the named feature columns (numeric or categorical), in the given order; the
  /// target is always kept.
  ///
  /// - Parameter names: Feature column names.
  /// - Returns: The narrower dataset.
  /// - Throws: `DataError.unknownColumn` for a name that is not a feature column.
  public func select(_ names: [String]) throws -> Dataset {
    for name in names where !featureNames.contains(name) && !categoricalNames.contains(name) {
      throw DataError.unknownColumn(name: name, available: featureNames + categoricalNames)
    }
    let numericNames = names.filter { featureNames.contains($0) }
    let indices = numericNames.compactMap { featureNames.firstIndex(of: $0) }
    var out = self
    out.features = features.selectingColumns(indices)
    out.featureNames = numericNames
    out.categorical = names.compactMap { name in categorical.first { $0.name == name } }
    let keep = Set(names + (targetName.map { [$0] } ?? []))
    out.columnOrder = columnOrder.filter { keep.contains($0) }
    return out
  }

  /// Removes the named columns; naming the target removes the target.
  ///
  /// - Parameter names: Column names to remove.
  /// - Returns: The narrower dataset.
  /// - Throws: `DataError.unknownColumn` for a name that is not a column.
  public func drop(_ names: [String]) throws -> Dataset {
    for name in names where !columnOrder.contains(name) {
      throw DataError.unknownColumn(name: name, available: columnOrder)
    }
    var out = try select((featureNames + categoricalNames).filter { !names.contains($0) })
    if let targetName, names.contains(targetName) {
      out.target = nil
      out.targetName = nil
      out.columnOrder.removeAll { $0 == targetName }
    }
    return out
  }

  /// Row slicing as a subscript: `try ds[0..<10]`.
  ///
  /// - Parameter range: Rows to keep, within `0...count`.
  /// - Throws: `DataError.rowsOutOfRange`.
  public subscript(range: Range<Int>) -> Dataset {
    get throws { try rows(range) }
  }

  /// Column access as a subscript: `try ds["age"]`.
  ///
  /// - Parameter name: A feature, categorical or target column name.
  /// - Throws: `DataError.unknownColumn`.
  public subscript(name: String) -> DatasetColumn {
    get throws { try column(name) }
  }

  /// All column names in file order (Melix's `columns(ds)`).
  public var columns: [String] { columnOrder }
}
