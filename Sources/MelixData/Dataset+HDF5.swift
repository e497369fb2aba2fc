import MelixHDF5

/// The Melix HDF5 dataset layout version written by `Dataset.writeHDF5(path:)`.
public let datasetFormatVersion: Int64 = 1

/// The most classes a `/y` without a `target_names` attribute may index (they are named
/// `0`, `1`, ...); more must be named.
let maxUnnamedClasses = 1 << 16

extension Dataset {
  /// Reads a dataset in the Melix HDF5 layout (format_version 1).
  ///
  /// Layout: `/X` float64 `[nSamples, nFeatures]` (NaN = missing); `/y` int64 class indices
  /// (classification) or float64 values (regression), `[nSamples]`, optional;
  /// `/categorical/NAME` int64 codes (-1 = missing) with attributes `levels` and `ordered`;
  /// root attributes `feature_names`, `target_names`, `task`, `target`, `columns`,
  /// `categorical_names`, `source`, `license`, `citation`, `image_shape`. Missing
  /// optional attributes get defaults (`x0`, `x1`, ... for feature names).
  ///
  /// - Parameters:
  ///   - path: The `.h5` file.
  ///   - selection: Optional row range: only those rows of `/X`, `/y` and the categorical
  ///     columns are read (HDF5 hyperslabs), so a slice of a large file loads without the rest.
  /// - Returns: The dataset (`selection.count` rows when a range is given).
  /// - Throws: `DataError.rowsOutOfRange` for a range outside the file's rows,
  ///   `DataError.hdf5` (missing file, not HDF5, truncated, missing `/X`),
  ///   `DataError.lengthMismatch` naming both paths when `/X` and `/y` (or a categorical
  ///   column) disagree in length, `DataError.invalidLayout` for wrong ranks, names or codes.
  public static func readHDF5(path: String, rows selection: Range<Int>? = nil) throws -> Dataset {
    do {
      return try readHDF5Layout(path: path, selection: selection)
    } catch let error as HDF5Error {
      throw DataError.hdf5(error)
    }
  }

  private static func readHDF5Layout(path: String, selection: Range<Int>?) throws -> Dataset {
    let file = try H5File(path: path, mode: .readOnly)
    let attributes = file.attributes
    let xData = try file.dataset("X")
    guard xData.shape.count == 2 else {
      throw DataError.invalidLayout(
        file: path, path: "/X",
        reason: "expected rank 2 [n_samples, n_features], got shape \(xData.shape)")
    }
    let (rows, columns) = (xData.shape[0], xData.shape[1])
    let range = selection ?? 0..<rows
    if range.lowerBound < 0 || range.upperBound > rows {
      throw DataError.rowsOutOfRange(lower: range.lowerBound, upper: range.upperBound, count: rows)
    }
    func read<T: H5Numeric>(_ data: H5Dataset, as type: T.Type) throws -> [T] {
      selection == nil ? try data.read(as: T.self) : try data.readRows(range, as: T.self)
    }
    let features = FeatureMatrix(
      rows: range.count, columns: columns, values: try read(xData, as: Double.self))
    let featureNames =
      attributes.contains("feature_names")
      ? try attributes.strings("feature_names") : (0..<columns).map { "x\($0)" }
    if featureNames.count != columns {
      throw DataError.invalidLayout(
        file: path, path: "/",
        reason:
          "attribute 'feature_names' has \(featureNames.count) names for \(columns) columns of '/X'"
      )
    }
    var categorical: [CategoricalColumn] = []
    if file.root.kind(of: "categorical") == .group {
      let names =
        attributes.contains("categorical_names")
        ? try attributes.strings("categorical_names") : try file.group("categorical").memberNames()
      for name in names {
        let data = try file.dataset("categorical/" + name)
        if data.count != rows || data.shape.count != 1 {
          throw DataError.lengthMismatch(
            file: path, path: "/X", count: rows, otherPath: data.path, otherCount: data.count)
        }
        let levels = data.attributes.contains("levels") ? try data.attributes.strings("levels") : []
        let ordered =
          data.attributes.contains("ordered") ? try data.attributes.int("ordered") != 0 : false
        let codes = try readIntegers(data, file: path, rows: selection.map { _ in range })
        if let bad = codes.firstIndex(where: { $0 < -1 || $0 >= levels.count }) {
          throw DataError.invalidLayout(
            file: path, path: data.path,
            reason:
              "code \(codes[bad]) at row \(range.lowerBound + bad) is outside -1..<\(levels.count)")
        }
        categorical.append(
          CategoricalColumn(name: name, codes: codes, levels: levels, isOrdered: ordered))
      }
    }
    var target: Target? = nil
    var targetName: String? = nil
    if file.root.kind(of: "y") != nil {
      let yData = try file.dataset("y")
      if yData.count != rows || yData.shape.count != 1 {
        throw DataError.lengthMismatch(
          file: path, path: "/X", count: rows, otherPath: "/y", otherCount: yData.count)
      }
      let task = attributes.contains("task") ? try attributes.string("task") : nil
      let isClassification =
        task == "classification" || (task == nil && attributes.contains("target_names"))
      if isClassification {
        let indices = try readIntegers(yData, file: path, rows: selection.map { _ in range })
        let names: [String]
        if attributes.contains("target_names") {
          names = try attributes.strings("target_names")
        } else {
          // Unnamed classes are 0...max: bound the indices first, so a corrupt one can make
          // neither `max + 1` overflow nor a list of billions of names.
          if let bad = indices.firstIndex(where: { $0 < 0 || $0 >= maxUnnamedClasses }) {
            throw DataError.invalidLayout(
              file: path, path: "/y",
              reason:
                "class index \(indices[bad]) at row \(range.lowerBound + bad) is outside "
                + "0..<\(maxUnnamedClasses) and there is no 'target_names' attribute")
          }
          names = (0..<((indices.max() ?? -1) + 1)).map(String.init)
        }
        if let bad = indices.firstIndex(where: { $0 < 0 || $0 >= names.count }) {
          throw DataError.invalidLayout(
            file: path, path: "/y",
            reason:
              "class index \(indices[bad]) at row \(range.lowerBound + bad) is outside 0..<\(names.count)"
          )
        }
        target = .classes(indices: indices, names: names)
      } else {
        target = .values(try read(yData, as: Double.self))
      }
      targetName = attributes.contains("target") ? try attributes.string("target") : "target"
    }
    let order = attributes.contains("columns") ? try attributes.strings("columns") : nil
    var metadata: [String: String] = [:]
    for key in ["source", "license", "citation"] where attributes.contains(key) {
      metadata[key] = try attributes.string(key)
    }
    var dataset: Dataset
    do {
      dataset = try Dataset(
        features: features, featureNames: featureNames, categorical: categorical, target: target,
        targetName: targetName, columnOrder: order, metadata: metadata)
    } catch DataError.invalidArgument(_, let message) {
      // Repeated or unknown column names come from the file's attributes: name the file.
      throw DataError.invalidLayout(file: path, path: "/", reason: message)
    }
    if attributes.contains("image_shape") {
      dataset.imageShape = try attributes.ints("image_shape").map { Int($0) }
    }
    return dataset
  }

  /// Reads a 1-D dataset of codes or class indices as integers. A float dataset must hold
  /// whole numbers: libhdf5's own conversion would truncate 0.5 to 0 and turn NaN into
  /// Int.min without a word.
  ///
  /// - Throws: `DataError.invalidLayout` naming the file, the path, the row and the value.
  /// - Parameter rows: The row range to read (`readHDF5(path:rows:)`), or nil for all rows.
  private static func readIntegers(
    _ data: H5Dataset, file: String, rows: Range<Int>? = nil
  ) throws -> [Int] {
    let integers = try rows.map { try data.readRows($0, as: Int.self) } ?? data.read(as: Int.self)
    let doubles =
      try rows.map { try data.readRows($0, as: Double.self) } ?? data.read(as: Double.self)
    let first = rows?.lowerBound ?? 0
    for (offset, (i, d)) in zip(integers, doubles).enumerated() where Double(i) != d {
      let row = first + offset
      // An int64 above 2^53 reads back as a nearby Double: not a float problem.
      if d.isFinite && d == d.rounded(.towardZero) && Swift.abs(d) >= 9.007199254740992e15 { continue }
      throw DataError.invalidLayout(
        file: file, path: data.path, reason: "value \(d) at row \(row) is not a whole number")
    }
    return integers
  }

  /// Writes the dataset in the Melix HDF5 layout (see `readHDF5(path:)`), readable by h5py.
  ///
  /// The file is written to `path + ".tmp"` and renamed over `path`, so a failed write never
  /// leaves a half-written file under the real name.
  /// - Parameters:
  ///   - path: The `.h5` file to create or replace.
  ///   - gzipLevel: Optional deflate level 0...9 for `/X`, with the shuffle filter and chunks
  ///     of up to 1024 rows (as `mnist_5k.h5`); nil (default) writes it contiguous.
  /// - Throws: `DataError.hdf5` if libhdf5 fails, `DataError.cannotWrite` if the rename fails.
  public func writeHDF5(path: String, gzipLevel: Int? = nil) throws {
    let temporary = path + ".tmp"
    do {
      try writeHDF5Layout(
        path: temporary, compression: gzipLevel.map { H5Compression(gzipLevel: $0, shuffle: true) })
    } catch let error as HDF5Error {
      throw DataError.hdf5(error)
    }
    try renameFile(from: temporary, to: path)
  }

  private func writeHDF5Layout(path: String, compression: H5Compression?) throws {
    let file = try H5File(path: path, mode: .truncate)
    let chunks = compression == nil ? nil : [max(1, min(count, 1024)), max(1, features.columns)]
    try file.root.write(
      features.values, shape: features.shape, to: "X", chunks: chunks, compression: compression)
    let attributes = file.attributes
    try attributes.set("feature_names", .strings(featureNames))
    try attributes.set("columns", .strings(columnOrder))
    try attributes.set("format_version", .int(datasetFormatVersion))
    switch target {
    case .classes(let indices, let names):
      try file.root.write(indices.map { Int64($0) }, shape: [count], to: "y")
      try attributes.set("target_names", .strings(names))
      try attributes.set("task", .string(TaskKind.classification.rawValue))
    case .values(let values):
      try file.root.write(values, shape: [count], to: "y")
      try attributes.set("task", .string(TaskKind.regression.rawValue))
    case nil:
      break
    }
    if let targetName { try attributes.set("target", .string(targetName)) }
    if !categorical.isEmpty {
      try attributes.set("categorical_names", .strings(categoricalNames))
      for column in categorical {
        let data = try file.root.write(
          column.codes.map { Int64($0) }, shape: [count], to: "categorical/" + column.name)
        try data.attributes.set("levels", .strings(column.levels))
        try data.attributes.set("ordered", .int(column.isOrdered ? 1 : 0))
      }
    }
    for key in metadata.keys.sorted() { try attributes.set(key, .string(metadata[key] ?? "")) }
    if let imageShape { try attributes.set("image_shape", .ints(imageShape.map { Int64($0) })) }
    try file.flush()
  }
}
