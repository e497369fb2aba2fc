import MelixData

/// Builds the dict Melix code sees for one row of a dataset (`ds[3]`, `filter` predicates,
/// `for row in ds`): column name → Float for numbers, String for text and class targets,
/// nil when missing, in column order.
///
/// The column look-ups are resolved once per dataset, so reading every row is O(rows ×
/// columns) rather than O(rows × columns²).
struct RowReader {
  private let names: [String]
  private let cells: [(Int) -> Value]

  /// Prepares to read rows of `dataset`.
  ///
  /// - Parameter dataset: The dataset (captured; rows are read from this copy).
  init(_ dataset: Dataset) {
    names = dataset.columns
    let matrix = dataset.features
    let target = dataset.target
    var featureIndex: [String: Int] = [:]
    for (i, name) in dataset.featureNames.enumerated() { featureIndex[name] = i }
    cells = dataset.columns.map { name -> (Int) -> Value in
      if let c = featureIndex[name] { return { DataBridge.cell(matrix[$0, c]) } }
      if let column = dataset.categorical.first(where: { $0.name == name }) {
        let texts = column.levels.map { Value.string($0) }
        let codes = column.codes
        return { row in
          let code = codes[row]
          return code >= 0 && code < texts.count ? texts[code] : .null
        }
      }
      switch target {
      case .classes(let indices, let classNames)?:
        let texts = classNames.map { Value.string($0) }
        return { texts[indices[$0]] }
      case .values(let values)?: return { DataBridge.cell(values[$0]) }
      case nil: return { _ in .null }
      }
    }
  }

  /// Row `row` as a new dict.
  ///
  /// - Parameter row: A row index in `0..<count` (the caller checks the range).
  func dict(_ row: Int) -> Value {
    let dict = DictRef()
    for (name, cell) in zip(names, cells) {
      dict.set(.string(name), original: .string(name), cell(row))
    }
    return .dict(dict)
  }
}
