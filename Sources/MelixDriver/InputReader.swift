import Foundation
import MelixSyntax

/// Reads the Melix source a command names: a file path, or `-` for standard input.
public enum InputReader {
  /// The path shown in diagnostics for code read from standard input.
  public static let stdinPath = "<stdin>"

  /// Reads `path` (or standard input when `path` is `-`) as UTF-8 text.
  ///
  /// - Parameter path: A file path as the user wrote it, or `-`.
  /// - Returns: The source, keeping `path` as written so diagnostics show it unchanged.
  /// - Throws: `DriverError.fileNotFound`, `.isDirectory`, `.unreadable` or `.notUTF8`.
  public static func read(_ path: String) throws -> SourceFile {
    if path == "-" {
      let data = FileHandle.standardInput.readDataToEndOfFile()
      return try decode(data, path: stdinPath)
    }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw DriverError.fileNotFound(path: path)
    }
    if isDirectory.boolValue { throw DriverError.isDirectory(path: path) }
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw DriverError.unreadable(path: path, reason: "permission denied or i/o error")
    }
    return try decode(data, path: path)
  }

  /// Decodes `data` as strict UTF-8 (no silent replacement characters).
  static func decode(_ data: Data, path: String) throws -> SourceFile {
    guard let text = String(data: data, encoding: .utf8) else {
      throw DriverError.notUTF8(path: path)
    }
    return SourceFile(path: path, text: text)
  }
}
