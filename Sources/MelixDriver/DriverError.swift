/// A usage-level problem the driver finds before any Melix code runs.
///
/// Each case renders as one `melix: error: ...` line on stderr and maps to an exit status.
public enum DriverError: Error, Equatable, Sendable {
  /// The input file does not exist.
  case fileNotFound(path: String)
  /// The input path names a directory, not a file.
  case isDirectory(path: String)
  /// The input exists but could not be read (permissions, I/O error).
  case unreadable(path: String, reason: String)
  /// The input is not valid UTF-8 text.
  case notUTF8(path: String)
  /// `--cell N` names a cell the script does not have; `available` lists `(number, title)`.
  case noSuchCell(requested: Int, path: String, available: [CellSummary])

  /// The lower-case message, without the `melix: error: ` prefix.
  public var message: String {
    switch self {
    case .fileNotFound(let path):
      return "no such file '\(path)'"
    case .isDirectory(let path):
      return "'\(path)' is a directory, not a Melix file"
    case .unreadable(let path, let reason):
      return "cannot read '\(path)': \(reason)"
    case .notUTF8(let path):
      return "'\(path)' is not valid UTF-8 text"
    case .noSuchCell(let requested, let path, let available):
      if available.isEmpty {
        return "no cell \(requested) in '\(path)': it has no cells (a cell starts at a '#%%' or '# %%' line)"
      }
      let list = available.map { cell in
        cell.title.isEmpty ? "  \(cell.number)" : "  \(cell.number)  \(cell.title)"
      }
      return "no cell \(requested) in '\(path)'; its cells are:\n" + list.joined(separator: "\n")
    }
  }

  /// The exit status this error ends the process with.
  public var exitStatus: ExitStatus {
    switch self {
    case .fileNotFound, .isDirectory, .unreadable, .noSuchCell: return .usage
    case .notUTF8: return .compileErrors
    }
  }
}

/// A cell's number and title, as listed when `--cell N` is out of range.
public struct CellSummary: Equatable, Sendable {
  /// 1-based cell number.
  public let number: Int
  /// The title after `#%%` (may be empty).
  public let title: String

  /// Creates a summary of cell `number` titled `title`.
  ///
  /// - Parameters:
  ///   - number: 1-based cell number.
  ///   - title: The text after `#%%` on the cell's first line (may be empty).
  public init(number: Int, title: String) {
    self.number = number
    self.title = title
  }
}
