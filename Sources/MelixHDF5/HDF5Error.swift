/// An error from the HDF5 layer, naming the file and the object path where it applies.
///
/// Messages follow the team style: lower case, no trailing period, names in single quotes.
/// libhdf5's own error stack is folded into the `reason` fields; libhdf5 never prints to
/// stderr on our behalf (see `H5File`).
public enum HDF5Error: Error, Equatable, CustomStringConvertible {
  /// The file does not exist.
  case fileNotFound(file: String)
  /// The file exists but has no HDF5 signature (for example a CSV file named `.h5`).
  case notHDF5(file: String)
  /// The file has an HDF5 signature but libhdf5 cannot open it (truncated or corrupt).
  case corruptFile(file: String, reason: String)
  /// No object (group or dataset) exists at `path`.
  case objectNotFound(file: String, path: String)
  /// An object exists at `path` but is not of the expected kind (`group` or `dataset`).
  case wrongObjectKind(file: String, path: String, expected: String, found: String)
  /// No attribute called `name` is attached to the object at `path`.
  case attributeNotFound(file: String, path: String, name: String)
  /// The stored element type cannot be read as the requested one.
  case typeMismatch(file: String, path: String, expected: String, found: String)
  /// The stored shape differs from the one the caller needs.
  case shapeMismatch(file: String, path: String, expected: [Int], got: [Int])
  /// A row range outside `0..<rows` was requested.
  case rowsOutOfRange(file: String, path: String, lower: Int, upper: Int, rows: Int)
  /// The object's dimensions hold more elements than one process can address (their
  /// product, times 16 bytes, exceeds `Int.max`); `dimensions` are as stored in the file,
  /// with the string width in bytes appended for fixed-length strings too long to read.
  case tooLarge(file: String, path: String, dimensions: [UInt64])
  /// A libhdf5 call failed; `function` is the C function, `reason` libhdf5's error stack.
  case callFailed(function: String, file: String, path: String, reason: String)
  /// The path names a directory, not a file.
  case isDirectory(file: String)

  /// The one-line message, e.g. `'iris.h5': no object at '/y'`.
  public var description: String {
    switch self {
    case .fileNotFound(let file):
      return "cannot open '\(file)': no such file"
    case .isDirectory(let file):
      return "cannot open '\(file)': it is a directory, not an HDF5 file"
    case .notHDF5(let file):
      return "'\(file)' is not an HDF5 file (no HDF5 signature)"
    case .corruptFile(let file, let reason):
      return "'\(file)' is a truncated or corrupt HDF5 file: \(reason)"
    case .objectNotFound(let file, let path):
      return "'\(file)': no object at '\(path)'"
    case .wrongObjectKind(let file, let path, let expected, let found):
      return "'\(file)': '\(path)' is a \(found), expected a \(expected)"
    case .attributeNotFound(let file, let path, let name):
      return "'\(file)': '\(path)' has no attribute '\(name)'"
    case .typeMismatch(let file, let path, let expected, let found):
      return "'\(file)': '\(path)' holds \(found), expected \(expected)"
    case .shapeMismatch(let file, let path, let expected, let got):
      return "'\(file)': '\(path)' has shape \(got), expected \(expected)"
    case .rowsOutOfRange(let file, let path, let lower, let upper, let rows):
      return "'\(file)': rows \(lower)..<\(upper) of '\(path)' are out of range 0..<\(rows)"
    case .tooLarge(let file, let path, let dimensions):
      let shape = "[" + dimensions.map(String.init).joined(separator: ", ") + "]"
      return "'\(file)': '\(path)' has shape \(shape), too many elements to address"
    case .callFailed(let function, let file, let path, let reason):
      let detail = reason.isEmpty ? "" : ": \(reason)"
      return "'\(file)': '\(function)' failed on '\(path)'\(detail)"
    }
  }
}
