import CHDF5
import Foundation

/// How `H5File` opens its file.
public enum H5FileMode: Sendable {
  /// Open an existing file for reading (`H5F_ACC_RDONLY`).
  case readOnly
  /// Open an existing file for reading and writing (`H5F_ACC_RDWR`).
  case readWrite
  /// Create the file, or truncate it if it exists (`H5F_ACC_TRUNC`).
  case truncate
}

/// An open HDF5 file; the file closes when the last reference to it (and to every group and
/// dataset opened from it) goes away.
///
/// Thread safety: Debian's libhdf5 is the serial (not thread-safe) build, so no two threads
/// may call into MelixHDF5 at the same time, even on different files. Callers that share
/// files across tasks (the model server) funnel every HDF5 call through one actor.
///
/// libhdf5's automatic printing of its error stack to stderr is switched off each time a
/// file is opened (`H5Eset_auto2(H5E_DEFAULT, NULL, NULL)`); errors surface as `HDF5Error`
/// values naming the file and the object path instead.
public final class H5File {
  /// The path the file was opened with, used in every error message.
  public let path: String
  /// The mode it was opened in.
  public let mode: H5FileMode
  /// The root group `/`.
  public let root: H5Group
  let handle: H5Handle

  /// Opens or creates an HDF5 file.
  ///
  /// - Parameters:
  ///   - path: File system path.
  ///   - mode: `.readOnly` (default), `.readWrite` or `.truncate` (create or overwrite).
  /// - Throws: `HDF5Error.fileNotFound` if a file to read does not exist, `.isDirectory` if
  ///   the path is a directory,
  ///   `HDF5Error.notHDF5` if it has no HDF5 signature, `HDF5Error.corruptFile` if libhdf5
  ///   cannot open it (for example a truncated file), `HDF5Error.callFailed` otherwise.
  /// - Complexity: Calls `H5Fis_hdf5` and `H5Fopen`, or `H5Fcreate` for `.truncate`.
  public init(path: String, mode: H5FileMode = .readOnly) throws {
    melix_h5_silence_errors()
    self.path = path
    self.mode = mode
    let id: hid_t
    switch mode {
    case .readOnly, .readWrite:
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw HDF5Error.fileNotFound(file: path)
      }
      if isDirectory.boolValue { throw HDF5Error.isDirectory(file: path) }
      let signature = H5Fis_hdf5(path)
      if signature == 0 { throw HDF5Error.notHDF5(file: path) }
      if signature < 0 {
        throw HDF5Error.corruptFile(file: path, reason: h5ErrorStack())
      }
      let flags = mode == .readOnly ? melix_h5f_acc_rdonly() : melix_h5f_acc_rdwr()
      id = H5Fopen(path, flags, melix_h5p_default())
      if id < 0 { throw HDF5Error.corruptFile(file: path, reason: h5ErrorStack()) }
    case .truncate:
      id = try h5Check(
        H5Fcreate(path, melix_h5f_acc_trunc(), melix_h5p_default(), melix_h5p_default()),
        "H5Fcreate", file: path, path: "/")
    }
    handle = H5Handle(id, kind: .file)
    let rootID = try h5Check(
      H5Gopen2(id, "/", melix_h5p_default()), "H5Gopen2", file: path, path: "/")
    root = H5Group(
      location: H5Location(handle: H5Handle(rootID, kind: .group), file: path, path: "/"))
  }

  /// Opens the group at `path` (absolute, or relative to `/`).
  ///
  /// - Throws: `HDF5Error.objectNotFound` or `HDF5Error.wrongObjectKind`.
  public func group(_ path: String) throws -> H5Group { try root.group(path) }

  /// Opens the dataset at `path` (absolute, or relative to `/`).
  ///
  /// - Throws: `HDF5Error.objectNotFound` or `HDF5Error.wrongObjectKind`.
  public func dataset(_ path: String) throws -> H5Dataset { try root.dataset(path) }

  /// The root group's attributes (`feature_names`, `task`, ... in Melix dataset files).
  public var attributes: H5Attributes { root.attributes }

  /// Writes buffered data to disk.
  ///
  /// - Throws: `HDF5Error.callFailed`. Calls `H5Fflush`.
  public func flush() throws {
    try h5Check(H5Fflush(handle.id, H5F_SCOPE_GLOBAL), "H5Fflush", file: path, path: "/")
  }
}
