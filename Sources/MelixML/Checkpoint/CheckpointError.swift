/// An error saving or loading a checkpoint, naming the file (and the HDF5 path inside it).
///
/// Messages follow the style guide: lower case, no trailing period, code in single quotes.
public enum CheckpointError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The file is HDF5 but not a Melix checkpoint (no `format` attribute).
  case notACheckpoint(file: String)
  /// The checkpoint was written by a newer Melix (format version above the supported one).
  case newerVersion(file: String, found: Int, supported: Int)
  /// The checkpoint is missing data or holds inconsistent data.
  case damaged(file: String, reason: String)
  /// The model cannot be saved (not trained yet).
  case notSaveable(model: String, reason: String)
  /// Writing failed (directory missing, permissions, disk full).
  case writeFailed(file: String, reason: String)

  /// A one-line message naming the file and the facts.
  public var description: String {
    switch self {
    case .notACheckpoint(let file):
      return "'\(file)' is not a Melix checkpoint (no 'format' attribute)"
    case .newerVersion(let file, let found, let supported):
      return
        "'\(file)' has checkpoint format version \(found) but this Melix reads up to "
        + "\(supported); upgrade Melix"
    case .damaged(let file, let reason):
      return "'\(file)' is a damaged checkpoint: \(reason)"
    case .notSaveable(let model, let reason):
      return "cannot save '\(model)': \(reason)"
    case .writeFailed(let file, let reason):
      return "cannot write checkpoint '\(file)': \(reason)"
    }
  }
}
