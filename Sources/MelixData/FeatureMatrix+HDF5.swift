import MelixHDF5

extension FeatureMatrix {
  /// Reads a 2-D numeric HDF5 dataset (any integer or float type, converted to float64 by
  /// libhdf5) straight into a matrix's storage, with no intermediate copy.
  ///
  /// - Parameters:
  ///   - path: The `.h5` file.
  ///   - dataset: Path of a rank-2 dataset in the file, default `/X`.
  ///   - rows: Optional row range to read (a hyperslab: only those rows are read).
  /// - Returns: A matrix of shape `[rows, columns]` as stored (or `[rows.count, columns]`).
  /// - Throws: `DataError.hdf5` for a missing/corrupt file, a missing object, a non-numeric
  ///   type or an out-of-range row range; `DataError.invalidLayout` if the rank is not 2.
  public static func readHDF5(path: String, dataset: String = "/X", rows: Range<Int>? = nil) throws
    -> FeatureMatrix
  {
    do {
      let file = try H5File(path: path)
      let data = try file.dataset(dataset)
      guard data.shape.count == 2 else {
        throw DataError.invalidLayout(
          file: path, path: data.path, reason: "expected rank 2, got shape \(data.shape)")
      }
      let columns = data.shape[1]
      if let rows {
        return FeatureMatrix(
          rows: rows.count, columns: columns, values: try data.readRows(rows, as: Double.self))
      }
      return FeatureMatrix(
        rows: data.shape[0], columns: columns, values: try data.read(as: Double.self))
    } catch let error as HDF5Error {
      throw DataError.hdf5(error)
    }
  }
}
