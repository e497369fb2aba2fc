import CHDF5

/// Owns one libhdf5 identifier and closes it with the matching `H5?close` in `deinit`.
///
/// Internal: no `hid_t` is visible outside MelixHDF5.
final class H5Handle {
  enum Kind { case file, group, dataset, attribute, dataspace, datatype, propertyList }

  let id: hid_t
  let kind: Kind

  init(_ id: hid_t, kind: Kind) {
    self.id = id
    self.kind = kind
  }

  deinit {
    switch kind {
    case .file: _ = H5Fclose(id)
    case .group: _ = H5Gclose(id)
    case .dataset: _ = H5Dclose(id)
    case .attribute: _ = H5Aclose(id)
    case .dataspace: _ = H5Sclose(id)
    case .datatype: _ = H5Tclose(id)
    case .propertyList: _ = H5Pclose(id)
    }
  }
}

/// Where an object lives: its handle, the file's path and the object's path in the file,
/// so every error can name both.
struct H5Location {
  let handle: H5Handle
  let file: String
  let path: String

  /// Joins `name` to this location's path (`/` + `a` → `/a`, `/a` + `b` → `/a/b`).
  func childPath(_ name: String) -> String {
    if name.hasPrefix("/") { return name }
    return path == "/" ? "/" + name : path + "/" + name
  }
}

/// Reads and clears libhdf5's error stack as one line (innermost error first).
func h5ErrorStack() -> String {
  var buffer = [CChar](repeating: 0, count: 1024)
  let used = buffer.withUnsafeMutableBufferPointer {
    melix_h5_error_message($0.baseAddress, $0.count)
  }
  let bytes = buffer.prefix(used).map { UInt8(bitPattern: $0) }
  return String(decoding: bytes, as: UTF8.self)
}

/// Throws `HDF5Error.callFailed` when an identifier-returning call returned a negative id.
@discardableResult
func h5Check(_ id: hid_t, _ function: String, file: String, path: String) throws -> hid_t {
  if id < 0 {
    throw HDF5Error.callFailed(function: function, file: file, path: path, reason: h5ErrorStack())
  }
  return id
}

/// Throws `HDF5Error.callFailed` when a status-returning call returned a negative status.
func h5Check(_ status: herr_t, _ function: String, file: String, path: String) throws {
  if status < 0 {
    throw HDF5Error.callFailed(function: function, file: file, path: path, reason: h5ErrorStack())
  }
}

/// Reads a name with libhdf5's two-call pattern: `get(nil, 0)` returns the name's length in
/// bytes, then `get(buffer, length + 1)` fills the buffer (NUL-terminated).
///
/// - Throws: `HDF5Error.callFailed` naming `function` when either call fails.
func h5ReadName(
  _ function: String, location: H5Location,
  _ get: (UnsafeMutablePointer<CChar>?, Int) -> Int
) throws -> String {
  let length = get(nil, 0)
  var buffer = [CChar](repeating: 0, count: max(length, 0) + 1)
  let filled = length < 0 ? length : get(&buffer, buffer.count)
  if filled < 0 {
    throw HDF5Error.callFailed(
      function: function, file: location.file, path: location.path, reason: h5ErrorStack())
  }
  return String(
    decoding: buffer.prefix(max(length, 0)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
