import CHDF5

/// What kind of object a path names.
public enum H5ObjectKind: String, Sendable {
  /// A group.
  case group
  /// A dataset.
  case dataset
  /// A named datatype or anything else.
  case other
}

/// Optional compression for chunked datasets.
public struct H5Compression: Equatable, Sendable {
  /// deflate (gzip) level in 0...9.
  public var gzipLevel: Int
  /// Whether to apply the byte-shuffle filter before deflate (as h5py's `shuffle=True`).
  public var shuffle: Bool

  /// Creates a compression setting.
  ///
  /// - Parameters:
  ///   - gzipLevel: deflate level, clamped to 0...9 (default 4, h5py's default).
  ///   - shuffle: apply the shuffle filter first (default true).
  public init(gzipLevel: Int = 4, shuffle: Bool = true) {
    self.gzipLevel = min(max(gzipLevel, 0), 9)
    self.shuffle = shuffle
  }
}

/// An open HDF5 group: a folder of groups and datasets with attributes.
public final class H5Group {
  let location: H5Location

  init(location: H5Location) { self.location = location }

  /// The file path, for messages.
  public var file: String { location.file }
  /// The group's absolute path in the file, e.g. `/categorical`.
  public var path: String { location.path }
  /// The group's attributes.
  public var attributes: H5Attributes { H5Attributes(location: location) }

  /// The kind of object at `path`, or nil if there is none.
  ///
  /// Each component of a nested path is checked in turn, because `H5Lexists` fails when an
  /// intermediate group is missing.
  /// - Parameter path: Relative to this group, or absolute.
  /// - Returns: The object's kind, or nil if nothing is there.
  /// - Complexity: Calls `H5Lexists` per component, then `H5Oopen` and `H5Iget_type`.
  public func kind(of path: String) -> H5ObjectKind? {
    let parts = path.split(separator: "/", omittingEmptySubsequences: true)
    if parts.isEmpty { return .group }
    var prefix = path.hasPrefix("/") ? "/" : ""
    for (index, part) in parts.enumerated() {
      prefix += (index == 0 ? "" : "/") + part
      if H5Lexists(location.handle.id, prefix, melix_h5p_default()) <= 0 {
        _ = h5ErrorStack()
        return nil
      }
    }
    let object = H5Oopen(location.handle.id, path, melix_h5p_default())
    if object < 0 {
      _ = h5ErrorStack()
      return nil
    }
    defer { _ = H5Oclose(object) }
    switch H5Iget_type(object) {
    case H5I_GROUP: return .group
    case H5I_DATASET: return .dataset
    default: return .other
    }
  }

  /// Whether an object exists at `path`.
  ///
  /// - Parameter path: Relative to this group, or absolute.
  public func contains(_ path: String) -> Bool { kind(of: path) != nil }

  /// The names of this group's direct members, in name order.
  ///
  /// - Throws: `HDF5Error.callFailed`. Calls `H5Gget_info` and `H5Lget_name_by_idx`.
  public func memberNames() throws -> [String] {
    var info = H5G_info_t()
    try h5Check(H5Gget_info(location.handle.id, &info), "H5Gget_info", file: file, path: path)
    var names: [String] = []
    let id = location.handle.id
    for index in 0..<info.nlinks {
      names.append(
        try h5ReadName("H5Lget_name_by_idx", location: location) { buffer, size in
          H5Lget_name_by_idx(
            id, ".", H5_INDEX_NAME, H5_ITER_INC, index, buffer, size, melix_h5p_default())
        })
    }
    return names
  }

  /// Opens the group at `path`.
  ///
  /// - Parameter path: Relative to this group, or absolute.
  /// - Returns: The group.
  /// - Throws: `HDF5Error.objectNotFound`, `HDF5Error.wrongObjectKind`. Calls `H5Gopen2`.
  public func group(_ path: String) throws -> H5Group {
    let full = location.childPath(path)
    try expect(.group, at: path, full: full)
    let id = try h5Check(
      H5Gopen2(location.handle.id, path, melix_h5p_default()), "H5Gopen2", file: file, path: full)
    return H5Group(location: H5Location(handle: H5Handle(id, kind: .group), file: file, path: full))
  }

  /// Opens the dataset at `path`.
  ///
  /// - Parameter path: Relative to this group, or absolute.
  /// - Returns: The dataset, with its shape and element type read.
  /// - Throws: `HDF5Error.objectNotFound`, `HDF5Error.wrongObjectKind`. Calls `H5Dopen2`.
  public func dataset(_ path: String) throws -> H5Dataset {
    let full = location.childPath(path)
    try expect(.dataset, at: path, full: full)
    let id = try h5Check(
      H5Dopen2(location.handle.id, path, melix_h5p_default()), "H5Dopen2", file: file, path: full)
    return try H5Dataset(
      location: H5Location(handle: H5Handle(id, kind: .dataset), file: file, path: full))
  }

  /// Creates a group at `path`, creating missing intermediate groups.
  ///
  /// - Parameter path: Relative to this group, or absolute.
  /// - Returns: The new group.
  /// - Throws: `HDF5Error.callFailed` (for example if the name is taken). Calls `H5Gcreate2`.
  @discardableResult
  public func createGroup(_ path: String) throws -> H5Group {
    let full = location.childPath(path)
    let links = try linkCreationList(full)
    let id = try h5Check(
      H5Gcreate2(location.handle.id, path, links.id, melix_h5p_default(), melix_h5p_default()),
      "H5Gcreate2", file: file, path: full)
    return H5Group(location: H5Location(handle: H5Handle(id, kind: .group), file: file, path: full))
  }

  /// Creates an empty numeric dataset; missing intermediate groups are created.
  ///
  /// - Parameters:
  ///   - path: Relative to this group, or absolute.
  ///   - shape: Dimensions, e.g. `[nSamples, nFeatures]`; an empty shape makes a scalar.
  ///   - type: Element type (`Double.self`, `Int64.self`, ...).
  ///   - chunks: Chunk shape (same rank as `shape`, each entry ≥ 1), or nil for contiguous
  ///     storage. Required when `compression` is given.
  ///   - compression: gzip (+ shuffle) filters for chunked storage.
  /// - Returns: The new dataset.
  /// - Throws: `HDF5Error.shapeMismatch` if `chunks` has the wrong rank,
  ///   `HDF5Error.callFailed` if libhdf5 refuses. Calls `H5Dcreate2`.
  @discardableResult
  public func createDataset<T: H5Numeric>(
    _ path: String, shape: [Int], of type: T.Type,
    chunks: [Int]? = nil, compression: H5Compression? = nil
  ) throws -> H5Dataset {
    guard let fileType = h5FileType(T.h5ElementType) else {
      throw HDF5Error.typeMismatch(file: file, path: path, expected: "number", found: "\(T.self)")
    }
    return try createDataset(
      path, shape: shape, fileType: fileType, chunks: chunks, compression: compression)
  }

  /// Writes `values` as a new numeric dataset of the given shape.
  ///
  /// - Parameters:
  ///   - values: Row-major (C order) values; `values.count` = product of `shape`.
  ///   - shape: Dimensions, e.g. `[nSamples, nFeatures]`.
  ///   - path: Relative to this group, or absolute.
  ///   - chunks: Optional chunk shape; see `createDataset(_:shape:of:chunks:compression:)`.
  ///   - compression: Optional gzip + shuffle.
  /// - Returns: The new dataset.
  /// - Throws: `HDF5Error.shapeMismatch` if the count and shape disagree,
  ///   `HDF5Error.callFailed`. Calls `H5Dcreate2` and `H5Dwrite`.
  @discardableResult
  public func write<T: H5Numeric>(
    _ values: [T], shape: [Int], to path: String,
    chunks: [Int]? = nil, compression: H5Compression? = nil
  ) throws -> H5Dataset {
    let full = location.childPath(path)
    if shape.reduce(1, *) != values.count {
      throw HDF5Error.shapeMismatch(file: file, path: full, expected: shape, got: [values.count])
    }
    let dataset = try createDataset(
      path, shape: shape, of: T.self, chunks: chunks, compression: compression)
    try dataset.write(values)
    return dataset
  }

  /// Writes `strings` as a new 1-D dataset of variable-length UTF-8 strings (h5py's `str`).
  ///
  /// - Parameters:
  ///   - strings: The values, shape `[count]`.
  ///   - path: Relative to this group, or absolute.
  /// - Returns: The new dataset.
  /// - Throws: `HDF5Error.callFailed`. Calls `H5Dcreate2` and `H5Dwrite`.
  @discardableResult
  public func write(strings: [String], to path: String) throws -> H5Dataset {
    let dataset = try createDataset(
      path, shape: [strings.count], fileType: h5VariableStringType(), chunks: nil, compression: nil)
    try dataset.write(strings: strings)
    return dataset
  }

  // MARK: - Private

  private func expect(_ kind: H5ObjectKind, at path: String, full: String) throws {
    guard let found = self.kind(of: path) else {
      throw HDF5Error.objectNotFound(file: file, path: full)
    }
    if found != kind {
      throw HDF5Error.wrongObjectKind(
        file: file, path: full, expected: kind.rawValue, found: found.rawValue)
    }
  }

  private func linkCreationList(_ full: String) throws -> H5Handle {
    let id = try h5Check(H5Pcreate(melix_h5p_link_create()), "H5Pcreate", file: file, path: full)
    let list = H5Handle(id, kind: .propertyList)
    try h5Check(
      H5Pset_create_intermediate_group(id, 1), "H5Pset_create_intermediate_group", file: file,
      path: full)
    return list
  }

  private func createDataset(
    _ path: String, shape: [Int], fileType: H5Handle, chunks: [Int]?, compression: H5Compression?
  ) throws -> H5Dataset {
    let full = location.childPath(path)
    let dims = shape.map { hsize_t(max($0, 0)) }
    let spaceID: hid_t =
      dims.isEmpty ? H5Screate(H5S_SCALAR) : H5Screate_simple(Int32(dims.count), dims, nil)
    let space = H5Handle(
      try h5Check(spaceID, "H5Screate_simple", file: file, path: full), kind: .dataspace)
    let createList = H5Handle(
      try h5Check(H5Pcreate(melix_h5p_dataset_create()), "H5Pcreate", file: file, path: full),
      kind: .propertyList)
    var chunkShape = chunks
    if chunkShape == nil, compression != nil, !shape.isEmpty {
      chunkShape = shape.map { max(1, min($0, 1 << 16)) }
    }
    if let chunkShape {
      guard chunkShape.count == shape.count, chunkShape.allSatisfy({ $0 >= 1 }) else {
        throw HDF5Error.shapeMismatch(
          file: file, path: full + " (chunks)", expected: shape, got: chunkShape)
      }
      let chunkDims = chunkShape.map { hsize_t($0) }
      try h5Check(
        H5Pset_chunk(createList.id, Int32(chunkDims.count), chunkDims), "H5Pset_chunk", file: file,
        path: full)
      if let compression {
        if compression.shuffle {
          try h5Check(H5Pset_shuffle(createList.id), "H5Pset_shuffle", file: file, path: full)
        }
        try h5Check(
          H5Pset_deflate(createList.id, UInt32(compression.gzipLevel)), "H5Pset_deflate",
          file: file, path: full)
      }
    }
    let links = try linkCreationList(full)
    let id = try h5Check(
      H5Dcreate2(
        location.handle.id, path, fileType.id, space.id, links.id, createList.id,
        melix_h5p_default()),
      "H5Dcreate2", file: file, path: full)
    return try H5Dataset(
      location: H5Location(handle: H5Handle(id, kind: .dataset), file: file, path: full))
  }
}
