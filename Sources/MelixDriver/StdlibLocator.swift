import Foundation

/// Finds the folder of Melix's standard library, passed to `Session` as a search path.
public enum StdlibLocator {
  /// The environment variable that overrides the search.
  public static let environmentKey = "MELIX_STDLIB"

  /// The stdlib folder: `$MELIX_STDLIB` when set and non-empty; else the first `stdlib/`
  /// holding `prelude.mlx` found walking up from the executable's folder (so a binary in
  /// `.build/release/` finds the package's `stdlib/`); else nil.
  ///
  /// - Parameters:
  ///   - environment: The process environment.
  ///   - executablePath: The running executable's path; nil skips the walk.
  ///   - fileExists: Tests whether a file exists (injected so tests need no real files).
  /// - Returns: A folder path, or nil when no standard library was found.
  public static func locate(
    environment: [String: String],
    executablePath: String?,
    fileExists: (String) -> Bool = { FileManager.default.fileExists(atPath: $0) }
  ) -> String? {
    if let override = environment[environmentKey], !override.isEmpty { return override }
    guard let executablePath else { return nil }
    var folder = URL(fileURLWithPath: executablePath).standardizedFileURL
      .deletingLastPathComponent()
    // Stop at the root: deletingLastPathComponent of "/" is "/" again (or "/..").
    while folder.path != "/" && !folder.path.isEmpty {
      let candidate = folder.appendingPathComponent("stdlib")
      if fileExists(candidate.appendingPathComponent("prelude.mlx").path) {
        return candidate.path
      }
      let parent = folder.deletingLastPathComponent().standardizedFileURL
      if parent.path == folder.path { break }
      folder = parent
    }
    return nil
  }

  /// A warning when `$MELIX_STDLIB` is set but names no folder (the session then uses the
  /// prelude compiled into the interpreter), e.g.
  /// `warning: MELIX_STDLIB is '/nope', which is not a folder; using the built-in prelude`.
  ///
  /// - Parameters:
  ///   - environment: The process environment.
  ///   - isFolder: Tests whether a path is an existing folder (injected for tests).
  /// - Returns: The warning text (no newline), or nil when there is nothing to say.
  public static func overrideWarning(
    environment: [String: String],
    isFolder: (String) -> Bool = { path in
      var folder: ObjCBool = false
      return FileManager.default.fileExists(atPath: path, isDirectory: &folder) && folder.boolValue
    },
    hasPrelude: (String) -> Bool = { folder in
      FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent("prelude.mlx"))
    }
  ) -> String? {
    guard let override = environment[environmentKey], !override.isEmpty else { return nil }
    guard isFolder(override) else {
      return "warning: \(environmentKey) is '\(override)', which is not a folder; using the built-in prelude"
    }
    guard hasPrelude(override) else {
      return "warning: \(environmentKey) folder '\(override)' has no prelude.mlx; using the built-in prelude"
    }
    return nil
  }

  /// The running executable's real path (`/proc/self/exe` resolved on Linux).
  public static func currentExecutablePath() -> String? {
    if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
      return resolved
    }
    return Bundle.main.executablePath
  }
}
