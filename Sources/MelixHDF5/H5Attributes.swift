import CHDF5

/// The value of an HDF5 attribute.
///
/// Scalars and 1-D arrays are distinguished as h5py does: `attrs["task"] = "x"` is
/// `.string`, `attrs["feature_names"] = ["a", "b"]` is `.strings`.
public enum H5AttributeValue: Equatable, Sendable {
  /// A scalar integer (read from any integer width).
  case int(Int64)
  /// A 1-D integer array.
  case ints([Int64])
  /// A scalar float (read from float32 or float64).
  case double(Double)
  /// A 1-D float array.
  case doubles([Double])
  /// A scalar string (variable or fixed length).
  case string(String)
  /// A 1-D string array.
  case strings([String])
}

/// The attributes of a group or dataset.
public struct H5Attributes {
  let location: H5Location

  /// Whether an attribute called `name` exists.
  ///
  /// - Parameter name: Attribute name.
  /// - Complexity: Calls `H5Aexists`.
  public func contains(_ name: String) -> Bool {
    let found = H5Aexists(location.handle.id, name)
    if found < 0 { _ = h5ErrorStack() }
    return found > 0
  }

  /// All attribute names, in name order.
  ///
  /// - Throws: `HDF5Error.callFailed`. Calls `H5Oget_info2` and `H5Aget_name_by_idx`.
  public func names() throws -> [String] {
    var info = H5O_info_t()
    try h5Check(
      H5Oget_info2(location.handle.id, &info, UInt32(H5O_INFO_NUM_ATTRS)), "H5Oget_info2",
      file: location.file, path: location.path)
    var names: [String] = []
    let id = location.handle.id
    for index in 0..<info.num_attrs {
      names.append(
        try h5ReadName("H5Aget_name_by_idx", location: location) { buffer, size in
          H5Aget_name_by_idx(
            id, ".", H5_INDEX_NAME, H5_ITER_INC, index, buffer, size, melix_h5p_default())
        })
    }
    return names
  }

  /// Reads the attribute `name`.
  ///
  /// - Parameter name: Attribute name.
  /// - Returns: Its value; a rank-0 attribute is a scalar case, rank ≥ 1 an array case
  ///   (flattened in row-major order).
  /// - Throws: `HDF5Error.attributeNotFound`, `HDF5Error.typeMismatch` for other types
  ///   (compound, enum, ...), `HDF5Error.callFailed`. Calls `H5Aopen` and `H5Aread`.
  public func value(_ name: String) throws -> H5AttributeValue {
    guard contains(name) else {
      throw HDF5Error.attributeNotFound(file: location.file, path: location.path, name: name)
    }
    let attributePath = location.path + "@" + name
    let attribute = H5Handle(
      try h5Check(
        H5Aopen(location.handle.id, name, melix_h5p_default()), "H5Aopen",
        file: location.file, path: attributePath),
      kind: .attribute)
    let space = H5Handle(
      try h5Check(
        H5Aget_space(attribute.id), "H5Aget_space", file: location.file, path: attributePath),
      kind: .dataspace)
    let fileType = H5Handle(
      try h5Check(
        H5Aget_type(attribute.id), "H5Aget_type", file: location.file, path: attributePath),
      kind: .datatype)
    let at = H5Location(handle: attribute, file: location.file, path: attributePath)
    let dims = try H5Dataset.dimensions(of: space.id, location: at)
    let isScalar = dims.isEmpty
    let count = dims.reduce(1, *)
    let kind = H5ElementType.classify(fileType.id)
    let attributeID = attribute.id
    switch kind {
    case .variableString, .fixedString:
      let strings = try h5ReadStrings(
        count: count, fileType: fileType.id, space: space.id, location: at, function: "H5Aread"
      ) { memoryType, buffer in H5Aread(attributeID, memoryType, buffer) }
      return isScalar ? .string(strings.first ?? "") : .strings(strings)
    case .float32, .float64, .other(class: "float", _, _):
      var values = [Double](repeating: 0, count: count)
      if count > 0 {
        try h5Check(
          H5Aread(attributeID, melix_h5t_native_double(), &values), "H5Aread",
          file: location.file, path: attributePath)
      }
      return isScalar ? .double(values.first ?? 0) : .doubles(values)
    case .int64, .int32, .uint8, .other(class: "integer", _, _):
      var values = [Int64](repeating: 0, count: count)
      if count > 0 {
        try h5Check(
          H5Aread(attributeID, melix_h5t_native_int64(), &values), "H5Aread",
          file: location.file, path: attributePath)
      }
      return isScalar ? .int(values.first ?? 0) : .ints(values)
    default:
      throw HDF5Error.typeMismatch(
        file: location.file, path: attributePath, expected: "number or string",
        found: kind.description)
    }
  }

  /// Reads a scalar string attribute.
  ///
  /// - Parameter name: Attribute name.
  /// - Throws: `HDF5Error.attributeNotFound`, or `HDF5Error.typeMismatch` if it is not a
  ///   scalar string.
  public func string(_ name: String) throws -> String {
    let found = try value(name)
    if case .string(let text) = found { return text }
    if case .strings(let texts) = found, texts.count == 1 { return texts[0] }
    throw mismatch(name, expected: "a string", found: found)
  }

  /// Reads a string-array attribute (a scalar string counts as one element).
  ///
  /// - Parameter name: Attribute name.
  /// - Throws: `HDF5Error.attributeNotFound`, or `HDF5Error.typeMismatch` if not strings.
  public func strings(_ name: String) throws -> [String] {
    let found = try value(name)
    if case .strings(let texts) = found { return texts }
    if case .string(let text) = found { return [text] }
    throw mismatch(name, expected: "a string array", found: found)
  }

  /// Reads a scalar integer attribute.
  ///
  /// - Parameter name: Attribute name.
  /// - Throws: `HDF5Error.attributeNotFound`, or `HDF5Error.typeMismatch` if not an integer.
  public func int(_ name: String) throws -> Int64 {
    let found = try value(name)
    if case .int(let number) = found { return number }
    if case .ints(let numbers) = found, numbers.count == 1 { return numbers[0] }
    throw mismatch(name, expected: "an integer", found: found)
  }

  /// Reads an integer-array attribute (a scalar counts as one element).
  ///
  /// - Parameter name: Attribute name.
  /// - Throws: `HDF5Error.attributeNotFound`, or `HDF5Error.typeMismatch` if not integers.
  public func ints(_ name: String) throws -> [Int64] {
    let found = try value(name)
    if case .ints(let numbers) = found { return numbers }
    if case .int(let number) = found { return [number] }
    throw mismatch(name, expected: "an integer array", found: found)
  }

  /// Reads a numeric attribute (integer or float, scalar or array) as doubles.
  ///
  /// - Parameter name: Attribute name.
  /// - Throws: `HDF5Error.attributeNotFound`, or `HDF5Error.typeMismatch` for strings.
  public func doubles(_ name: String) throws -> [Double] {
    switch try value(name) {
    case .double(let number): return [number]
    case .doubles(let numbers): return numbers
    case .int(let number): return [Double(number)]
    case .ints(let numbers): return numbers.map(Double.init)
    case let other: throw mismatch(name, expected: "numbers", found: other)
    }
  }

  /// Writes (or replaces) the attribute `name`.
  ///
  /// Strings are stored as variable-length UTF-8, integers as int64, floats as float64,
  /// scalars with a scalar dataspace and arrays as 1-D: what h5py writes for the same values.
  /// - Parameters:
  ///   - name: Attribute name.
  ///   - value: The value.
  /// - Throws: `HDF5Error.callFailed`. Calls `H5Adelete`, `H5Acreate2` and `H5Awrite`.
  public func set(_ name: String, _ value: H5AttributeValue) throws {
    let attributePath = location.path + "@" + name
    if contains(name) {
      try h5Check(
        H5Adelete(location.handle.id, name), "H5Adelete", file: location.file, path: attributePath)
    }
    let count: Int?
    let fileType: H5Handle
    switch value {
    case .int: (count, fileType) = (nil, H5Handle(H5Tcopy(melix_h5t_std_i64le()), kind: .datatype))
    case .ints(let values):
      (count, fileType) = (values.count, H5Handle(H5Tcopy(melix_h5t_std_i64le()), kind: .datatype))
    case .double:
      (count, fileType) = (nil, H5Handle(H5Tcopy(melix_h5t_ieee_f64le()), kind: .datatype))
    case .doubles(let values):
      (count, fileType) = (values.count, H5Handle(H5Tcopy(melix_h5t_ieee_f64le()), kind: .datatype))
    case .string: (count, fileType) = (nil, h5VariableStringType())
    case .strings(let values): (count, fileType) = (values.count, h5VariableStringType())
    }
    let spaceID: hid_t
    if let count {
      var dims = [hsize_t(count)]
      spaceID = H5Screate_simple(1, &dims, nil)
    } else {
      spaceID = H5Screate(H5S_SCALAR)
    }
    let space = H5Handle(
      try h5Check(spaceID, "H5Screate", file: location.file, path: attributePath), kind: .dataspace)
    let attribute = H5Handle(
      try h5Check(
        H5Acreate2(
          location.handle.id, name, fileType.id, space.id, melix_h5p_default(),
          melix_h5p_default()),
        "H5Acreate2", file: location.file, path: attributePath),
      kind: .attribute)
    let at = H5Location(handle: attribute, file: location.file, path: attributePath)
    let id = attribute.id
    switch value {
    case .int(let number):
      var copy = number
      try h5Check(
        H5Awrite(id, melix_h5t_native_int64(), &copy), "H5Awrite", file: at.file, path: at.path)
    case .ints(let numbers):
      guard !numbers.isEmpty else { return }
      try h5Check(
        H5Awrite(id, melix_h5t_native_int64(), numbers), "H5Awrite", file: at.file, path: at.path)
    case .double(let number):
      var copy = number
      try h5Check(
        H5Awrite(id, melix_h5t_native_double(), &copy), "H5Awrite", file: at.file, path: at.path)
    case .doubles(let numbers):
      guard !numbers.isEmpty else { return }
      try h5Check(
        H5Awrite(id, melix_h5t_native_double(), numbers), "H5Awrite", file: at.file, path: at.path)
    case .string(let text):
      try h5WriteStrings([text], location: at, function: "H5Awrite") { H5Awrite(id, $0, $1) }
    case .strings(let texts):
      guard !texts.isEmpty else { return }
      try h5WriteStrings(texts, location: at, function: "H5Awrite") { H5Awrite(id, $0, $1) }
    }
  }

  private func mismatch(_ name: String, expected: String, found: H5AttributeValue) -> HDF5Error {
    let kind: String
    switch found {
    case .int: kind = "an integer"
    case .ints: kind = "an integer array"
    case .double: kind = "a float"
    case .doubles: kind = "a float array"
    case .string: kind = "a string"
    case .strings: kind = "a string array"
    }
    return HDF5Error.typeMismatch(
      file: location.file, path: location.path + "@" + name, expected: expected, found: kind)
  }
}
