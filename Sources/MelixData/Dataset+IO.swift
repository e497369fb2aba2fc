/// Loads a dataset by file extension: `.csv` through `readCSV`, `.h5`/`.hdf5` through
/// `Dataset.readHDF5` (the library side of Melix's `load`).
///
/// - Parameters:
///   - path: The file.
///   - target: For CSV, the target column (nil: none); ignored for HDF5, which records it.
/// - Returns: The dataset.
/// - Throws: `DataError.unsupportedExtension`, or the reader's errors.
public func load(path: String, target: String? = nil) throws -> Dataset {
  switch fileExtension(path) {
  case "csv": return try readCSV(path: path, target: target)
  case "h5", "hdf5": return try Dataset.readHDF5(path: path)
  default: throw DataError.unsupportedExtension(path: path)
  }
}

/// Saves a dataset by file extension: `.csv` or `.h5`/`.hdf5` (Melix's `save`).
///
/// - Parameters:
///   - dataset: The dataset.
///   - path: The file to create or replace (atomically).
/// - Throws: `DataError.unsupportedExtension`, `DataError.cannotWrite`, `DataError.hdf5`.
public func save(_ dataset: Dataset, path: String) throws {
  switch fileExtension(path) {
  case "csv": try dataset.writeCSV(path: path)
  case "h5", "hdf5": try dataset.writeHDF5(path: path)
  default: throw DataError.unsupportedExtension(path: path)
  }
}
