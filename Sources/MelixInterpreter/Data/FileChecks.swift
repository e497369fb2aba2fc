import Foundation

/// Checks on a user's file path made before a data library call, so the error names the
/// path as written and the real problem (issues #15 and #64).
enum FileChecks {
  /// The 8-byte signature every HDF5 file starts with (HDF5 File Format Specification,
  /// section II.A "Format Signature").
  static let hdf5Signature: [UInt8] = [0x89, 0x48, 0x44, 0x46, 0x0D, 0x0A, 0x1A, 0x0A]

  /// Whether the file at `path` starts with the HDF5 signature (false when unreadable).
  ///
  /// - Parameter path: A file path.
  /// - Returns: True for an HDF5 file.
  static func isHDF5(_ path: String) -> Bool {
    guard let handle = FileHandle(forReadingAtPath: path) else { return false }
    defer { try? handle.close() }
    let head = (try? handle.read(upToCount: hdf5Signature.count)) ?? Data()
    return Array(head) == hdf5Signature
  }

  /// Throws when `read_csv` is given an HDF5 file.
  ///
  /// - Parameters:
  ///   - path: The resolved path.
  ///   - written: The path as the user wrote it.
  /// - Throws: `MelixError` `'data/iris.h5' is not a CSV file: it is an HDF5 file`, with a
  ///   help to use `load`.
  static func requireNotHDF5(_ path: String, as written: String) throws {
    guard isHDF5(path) else { return }
    var error = MelixError("'\(written)' is not a CSV file: it is an HDF5 file")
    error.help = "read it with 'load(\"\(written)\")'"
    throw error
  }

  /// Throws when the folder a file is to be written into does not exist.
  ///
  /// - Parameters:
  ///   - path: The resolved path of the file to write.
  ///   - written: The path as the user wrote it.
  /// - Throws: `MelixError` `cannot write 'out/x.h5': no such directory 'out'` (or `... is
  ///   not a directory`).
  static func requireWritableFolder(_ path: String, as written: String) throws {
    let folder = (path as NSString).deletingLastPathComponent
    guard !folder.isEmpty else { return }
    var isFolder: ObjCBool = false
    let exists = FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder)
    if exists && isFolder.boolValue { return }
    var shown = (written as NSString).deletingLastPathComponent
    if shown.isEmpty { shown = folder }
    throw MelixError("cannot write '\(written)': " + (exists ? "'\(shown)' is not a directory" : "no such directory '\(shown)'"))
  }
}
