#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Renames `source` over `destination` atomically (POSIX `rename`).
func renameFile(from source: String, to destination: String) throws {
  if rename(source, destination) != 0 {
    let reason = String(cString: strerror(errno))
    unlink(source)
    throw DataError.cannotWrite(
      file: destination, reason: "cannot move the written file into place: \(reason)")
  }
}

/// Writes `bytes` to `path` through a temporary file and a rename.
func writeFileAtomically(_ bytes: [UInt8], to path: String) throws {
  let temporary = path + ".tmp"
  guard let handle = fopen(temporary, "wb") else {
    throw DataError.cannotWrite(file: path, reason: String(cString: strerror(errno)))
  }
  let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, handle) }
  let closed = fclose(handle)
  if written != bytes.count || closed != 0 {
    unlink(temporary)
    throw DataError.cannotWrite(file: path, reason: "write failed")
  }
  try renameFile(from: temporary, to: path)
}

/// The lower-cased extension of `path` (after the last `.` in the last component).
func fileExtension(_ path: String) -> String {
  let name = path.split(separator: "/").last.map(String.init) ?? path
  guard let dot = name.lastIndex(of: ".") else { return "" }
  return String(name[name.index(after: dot)...]).lowercased()
}
