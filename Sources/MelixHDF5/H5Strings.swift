import CHDF5

#if canImport(Glibc)
  import Glibc
#endif

/// Reads `count` strings of `fileType` with `read(memoryType, buffer)`; shared by datasets
/// and attributes. Variable-length buffers are released with `H5Dvlen_reclaim`.
func h5ReadStrings(
  count: Int, fileType: hid_t, space: hid_t, location: H5Location, function: String,
  read: (hid_t, UnsafeMutableRawPointer) -> herr_t
) throws -> [String] {
  let kind = H5ElementType.classify(fileType)
  let cset = H5Tget_cset(fileType)
  switch kind {
  case .variableString:
    let memoryType = h5VariableStringType()
    _ = H5Tset_cset(memoryType.id, cset)
    var pointers = [UnsafeMutablePointer<CChar>?](repeating: nil, count: count)
    guard count > 0 else { return [] }
    let status = pointers.withUnsafeMutableBytes { raw -> herr_t in
      guard let base = raw.baseAddress else { return -1 }
      return read(memoryType.id, base)
    }
    try h5Check(status, function, file: location.file, path: location.path)
    let strings = pointers.map { pointer in pointer.map { String(cString: $0) } ?? "" }
    _ = pointers.withUnsafeMutableBytes {
      H5Dvlen_reclaim(memoryType.id, space, melix_h5p_default(), $0.baseAddress)
    }
    return strings
  case .fixedString(let length):
    let memoryType = H5Handle(H5Tcopy(melix_h5t_c_s1()), kind: .datatype)
    _ = H5Tset_size(memoryType.id, max(length, 1))
    _ = H5Tset_strpad(memoryType.id, H5T_STR_NULLPAD)
    _ = H5Tset_cset(memoryType.id, cset)
    let width = max(length, 1)
    // The element count is bounded when the shape is read, but not the width it multiplies.
    let (byteCount, overflow) = count.multipliedReportingOverflow(by: width)
    if overflow {
      throw HDF5Error.tooLarge(
        file: location.file, path: location.path, dimensions: [UInt64(count), UInt64(width)])
    }
    var bytes = [UInt8](repeating: 0, count: byteCount)
    guard count > 0 else { return [] }
    let status = bytes.withUnsafeMutableBytes { raw -> herr_t in
      guard let base = raw.baseAddress else { return -1 }
      return read(memoryType.id, base)
    }
    try h5Check(status, function, file: location.file, path: location.path)
    return (0..<count).map { index in
      let slice = bytes[(index * width)..<((index + 1) * width)]
      let end = slice.firstIndex(of: 0) ?? slice.endIndex
      return String(decoding: slice[slice.startIndex..<end], as: UTF8.self)
    }
  default:
    throw HDF5Error.typeMismatch(
      file: location.file, path: location.path, expected: "strings", found: kind.description)
  }
}

/// Writes `strings` as variable-length UTF-8 with `write(memoryType, buffer)`.
func h5WriteStrings(
  _ strings: [String], location: H5Location, function: String,
  write: (hid_t, UnsafeRawPointer) -> herr_t
) throws {
  let memoryType = h5VariableStringType()
  var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
  defer { pointers.forEach { free($0) } }
  let status = pointers.withUnsafeMutableBytes { bytes -> herr_t in
    guard let base = bytes.baseAddress else { return 0 }
    return write(memoryType.id, UnsafeRawPointer(base))
  }
  try h5Check(status, function, file: location.file, path: location.path)
}
