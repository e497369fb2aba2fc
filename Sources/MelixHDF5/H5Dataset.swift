import CHDF5

/// An open HDF5 dataset: an n-dimensional array of one element type.
///
/// Reads go straight into the caller's buffer (libhdf5 converts the element type if the
/// stored one differs, e.g. int64 → Double); nothing is copied twice.
public final class H5Dataset {
  let location: H5Location

  /// The dimensions, e.g. `[nSamples, nFeatures]`; `[]` for a scalar dataset.
  public let shape: [Int]
  /// The stored element type.
  public let elementType: H5ElementType

  init(location: H5Location) throws {
    self.location = location
    let id = location.handle.id
    let space = H5Handle(
      try h5Check(H5Dget_space(id), "H5Dget_space", file: location.file, path: location.path),
      kind: .dataspace)
    shape = try H5Dataset.dimensions(of: space.id, location: location)
    let type = H5Handle(
      try h5Check(H5Dget_type(id), "H5Dget_type", file: location.file, path: location.path),
      kind: .datatype)
    elementType = H5ElementType.classify(type.id)
  }

  /// The file path, for messages.
  public var file: String { location.file }
  /// The dataset's absolute path in the file, e.g. `/X`.
  public var path: String { location.path }
  /// The dataset's attributes.
  public var attributes: H5Attributes { H5Attributes(location: location) }
  /// The number of elements (product of `shape`; 1 for a scalar).
  public var count: Int { shape.reduce(1, *) }

  /// The chunk shape, or nil for contiguous or compact storage.
  ///
  /// - Complexity: Calls `H5Dget_create_plist`, `H5Pget_layout` and `H5Pget_chunk`.
  public var chunkShape: [Int]? {
    let list = H5Dget_create_plist(location.handle.id)
    if list < 0 {
      _ = h5ErrorStack()
      return nil
    }
    defer { _ = H5Pclose(list) }
    guard H5Pget_layout(list) == H5D_CHUNKED else { return nil }
    var dims = [hsize_t](repeating: 0, count: max(shape.count, 1))
    let rank = H5Pget_chunk(list, Int32(dims.count), &dims)
    if rank < 0 {
      _ = h5ErrorStack()
      return nil
    }
    return dims.prefix(Int(rank)).map { Int($0) }
  }

  /// The names of the filters in the pipeline, e.g. `["shuffle", "deflate"]`.
  ///
  /// - Complexity: Calls `H5Pget_nfilters` and `H5Pget_filter2`.
  public var filterNames: [String] {
    let list = H5Dget_create_plist(location.handle.id)
    if list < 0 {
      _ = h5ErrorStack()
      return []
    }
    defer { _ = H5Pclose(list) }
    let count = H5Pget_nfilters(list)
    guard count > 0 else { return [] }
    var names: [String] = []
    for index in 0..<UInt32(count) {
      var flags: UInt32 = 0
      var elementCount = 0
      var values = [UInt32](repeating: 0, count: 8)
      var name = [CChar](repeating: 0, count: 64)
      var config: UInt32 = 0
      let filter = H5Pget_filter2(
        list, index, &flags, &elementCount, &values, name.count, &name, &config)
      switch filter {
      case H5Z_FILTER_DEFLATE: names.append("deflate")
      case H5Z_FILTER_SHUFFLE: names.append("shuffle")
      default: names.append("filter \(filter)")
      }
    }
    return names
  }

  // MARK: - Reading numbers

  /// Reads every element into a new array, converting to `T`.
  ///
  /// - Parameter type: The Swift element type wanted.
  /// - Returns: `count` values in row-major (C) order, shape `shape`.
  /// - Throws: `HDF5Error.typeMismatch` for strings (or bool vs. number),
  ///   `HDF5Error.callFailed`. Calls `H5Dread`.
  public func read<T: H5Numeric>(as type: T.Type = T.self) throws -> [T] {
    let total = count
    return try [T](unsafeUninitializedCapacity: total) { buffer, initialized in
      adviseHugePages(
        UnsafeMutableRawPointer(buffer.baseAddress), byteCount: total * MemoryLayout<T>.stride)
      try read(into: UnsafeMutableBufferPointer(rebasing: buffer[0..<total]))
      initialized = total
    }
  }

  /// Reads every element straight into `buffer` (no intermediate copy).
  ///
  /// - Parameter buffer: Destination with exactly `count` elements.
  /// - Throws: `HDF5Error.shapeMismatch` if the buffer size differs from `count`,
  ///   `HDF5Error.typeMismatch`, `HDF5Error.callFailed`. Calls `H5Dread`.
  public func read<T: H5Numeric>(into buffer: UnsafeMutableBufferPointer<T>) throws {
    if buffer.count != count {
      throw HDF5Error.shapeMismatch(file: file, path: path, expected: [buffer.count], got: shape)
    }
    let memoryType = try numericMemoryType(for: T.self)
    guard buffer.count > 0, let base = buffer.baseAddress else { return }
    try h5Check(
      H5Dread(
        location.handle.id, memoryType.id, melix_h5s_all(), melix_h5s_all(), melix_h5p_default(),
        base),
      "H5Dread", file: file, path: path)
  }

  /// Reads rows `rows` (along the first dimension) into a new array, without reading the rest.
  ///
  /// - Parameters:
  ///   - rows: A range within `0..<shape[0]`.
  ///   - type: The Swift element type wanted.
  /// - Returns: `rows.count × (product of shape[1...])` values, row-major.
  /// - Throws: `HDF5Error.rowsOutOfRange`, `HDF5Error.typeMismatch`, `HDF5Error.callFailed`.
  /// - Complexity: Reads only the selected rows. Calls `H5Sselect_hyperslab` and `H5Dread`.
  public func readRows<T: H5Numeric>(_ rows: Range<Int>, as type: T.Type = T.self) throws -> [T] {
    let total = rows.count * rowWidth
    return try [T](unsafeUninitializedCapacity: total) { buffer, initialized in
      adviseHugePages(
        UnsafeMutableRawPointer(buffer.baseAddress), byteCount: total * MemoryLayout<T>.stride)
      try readRows(rows, into: UnsafeMutableBufferPointer(rebasing: buffer[0..<total]))
      initialized = total
    }
  }

  /// Reads rows `rows` straight into `buffer` (a hyperslab read; no intermediate copy).
  ///
  /// - Parameters:
  ///   - rows: A range within `0..<shape[0]`.
  ///   - buffer: Destination with exactly `rows.count × (product of shape[1...])` elements.
  /// - Throws: `HDF5Error.rowsOutOfRange`, `HDF5Error.shapeMismatch`,
  ///   `HDF5Error.typeMismatch`, `HDF5Error.callFailed`.
  /// - Complexity: Calls `H5Sselect_hyperslab` and `H5Dread`.
  public func readRows<T: H5Numeric>(_ rows: Range<Int>, into buffer: UnsafeMutableBufferPointer<T>)
    throws
  {
    guard let rowCount = shape.first, rows.lowerBound >= 0, rows.upperBound <= rowCount else {
      throw HDF5Error.rowsOutOfRange(
        file: file, path: path, lower: rows.lowerBound, upper: rows.upperBound,
        rows: shape.first ?? 0)
    }
    if buffer.count != rows.count * rowWidth {
      throw HDF5Error.shapeMismatch(
        file: file, path: path, expected: [buffer.count], got: [rows.count] + shape.dropFirst())
    }
    let memoryType = try numericMemoryType(for: T.self)
    guard buffer.count > 0, let base = buffer.baseAddress else { return }
    let fileSpace = H5Handle(
      try h5Check(H5Dget_space(location.handle.id), "H5Dget_space", file: file, path: path),
      kind: .dataspace)
    var start = [hsize_t](repeating: 0, count: shape.count)
    start[0] = hsize_t(rows.lowerBound)
    var counts = shape.map { hsize_t($0) }
    counts[0] = hsize_t(rows.count)
    try h5Check(
      H5Sselect_hyperslab(fileSpace.id, H5S_SELECT_SET, start, nil, counts, nil),
      "H5Sselect_hyperslab", file: file, path: path)
    let memorySpace = H5Handle(
      try h5Check(
        H5Screate_simple(Int32(counts.count), counts, nil), "H5Screate_simple", file: file,
        path: path),
      kind: .dataspace)
    try h5Check(
      H5Dread(
        location.handle.id, memoryType.id, memorySpace.id, fileSpace.id, melix_h5p_default(), base),
      "H5Dread", file: file, path: path)
  }

  // MARK: - Strings

  /// Reads a string dataset (variable-length or fixed-length, any rank) in row-major order.
  ///
  /// Fixed-length values lose their trailing NUL padding.
  /// - Returns: `count` strings.
  /// - Throws: `HDF5Error.typeMismatch` if the dataset is not of strings,
  ///   `HDF5Error.tooLarge` if fixed-length strings need more bytes than `Int` counts,
  ///   `HDF5Error.callFailed`. Calls `H5Dread` (and `H5Dvlen_reclaim` for variable-length).
  public func readStrings() throws -> [String] {
    let fileType = H5Handle(
      try h5Check(H5Dget_type(location.handle.id), "H5Dget_type", file: file, path: path),
      kind: .datatype)
    let space = H5Handle(
      try h5Check(H5Dget_space(location.handle.id), "H5Dget_space", file: file, path: path),
      kind: .dataspace)
    let id = location.handle.id
    return try h5ReadStrings(
      count: count, fileType: fileType.id, space: space.id, location: location, function: "H5Dread"
    ) { memoryType, buffer in
      H5Dread(id, memoryType, melix_h5s_all(), melix_h5s_all(), melix_h5p_default(), buffer)
    }
  }

  // MARK: - Writing

  /// Writes all elements of the dataset from `values` (row-major).
  ///
  /// - Parameter values: Exactly `count` values.
  /// - Throws: `HDF5Error.shapeMismatch` if the count differs, `HDF5Error.typeMismatch`,
  ///   `HDF5Error.callFailed`. Calls `H5Dwrite`.
  public func write<T: H5Numeric>(_ values: [T]) throws {
    if values.count != count {
      throw HDF5Error.shapeMismatch(file: file, path: path, expected: shape, got: [values.count])
    }
    let memoryType = try numericMemoryType(for: T.self)
    guard !values.isEmpty else { return }
    try values.withUnsafeBufferPointer { buffer in
      try h5Check(
        H5Dwrite(
          location.handle.id, memoryType.id, melix_h5s_all(), melix_h5s_all(), melix_h5p_default(),
          buffer.baseAddress),
        "H5Dwrite", file: file, path: path)
    }
  }

  /// Writes all elements of a string dataset created by `H5Group.write(strings:to:)`.
  ///
  /// - Parameter strings: Exactly `count` strings, stored as variable-length UTF-8.
  /// - Throws: `HDF5Error.shapeMismatch`, `HDF5Error.callFailed`. Calls `H5Dwrite`.
  public func write(strings: [String]) throws {
    if strings.count != count {
      throw HDF5Error.shapeMismatch(file: file, path: path, expected: shape, got: [strings.count])
    }
    let id = location.handle.id
    try h5WriteStrings(strings, location: location, function: "H5Dwrite") { memoryType, buffer in
      H5Dwrite(id, memoryType, melix_h5s_all(), melix_h5s_all(), melix_h5p_default(), buffer)
    }
  }

  // MARK: - Private

  private var rowWidth: Int { shape.dropFirst().reduce(1, *) }

  private func numericMemoryType<T: H5Numeric>(for type: T.Type) throws -> H5Handle {
    let wanted = T.h5ElementType
    let compatible = elementType.isNumeric && ((wanted == .bool) == (elementType == .bool))
    guard compatible, let memoryType = h5NativeType(wanted) else {
      throw HDF5Error.typeMismatch(
        file: file, path: path, expected: wanted.description, found: elementType.description)
    }
    return memoryType
  }

  static func dimensions(of space: hid_t, location: H5Location) throws -> [Int] {
    let rank = H5Sget_simple_extent_ndims(space)
    if rank < 0 {
      throw HDF5Error.callFailed(
        function: "H5Sget_simple_extent_ndims", file: location.file, path: location.path,
        reason: h5ErrorStack())
    }
    var dims = [hsize_t](repeating: 0, count: Int(rank))
    if rank > 0 { _ = H5Sget_simple_extent_dims(space, &dims, nil) }
    // A chunked dataset that was never written can declare any dimensions in a tiny file;
    // bound the element count so that `count` and every byte count (up to 16 bytes per
    // element) are computed without overflow.
    let limit = UInt64(Int.max / 16)
    var elements: UInt64 = 1
    for d in dims {
      let (product, overflow) = elements.multipliedReportingOverflow(by: UInt64(d))
      guard !overflow, d <= limit, product <= limit else {
        throw HDF5Error.tooLarge(
          file: location.file, path: location.path, dimensions: dims.map { UInt64($0) })
      }
      elements = product
    }
    return dims.map { Int($0) }
  }
}
