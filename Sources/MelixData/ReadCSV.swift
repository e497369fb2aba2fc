/// Reads a CSV file into a dataset (the library side of Melix's `read_csv`).
///
/// - Parameters:
///   - path: The CSV file (RFC 4180; UTF-8, optional BOM, LF or CRLF).
///   - target: Name of the target column, or nil for an unlabelled dataset.
///   - task: Force classification or regression; nil infers it (see `Dataset`).
///   - options: Delimiter, missing tokens, per-column type overrides (see `CSVOptions`).
/// - Returns: The dataset, features `[nSamples, nFeatures]`.
/// - Throws: `DataError` naming the file and, where it applies, the line, data row,
///   column and value (see `CSVReader.readTable(path:)`).
public func readCSV(
  path: String, target: String? = nil, task: TaskKind? = nil, options: CSVOptions = CSVOptions()
) throws -> Dataset {
  try CSVReader(options: options).readDataset(path: path, target: target, task: task)
}
