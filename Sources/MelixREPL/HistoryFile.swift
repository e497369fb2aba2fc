import Foundation

/// The persistent REPL history: a UTF-8 text file with one entry per line, oldest first.
///
/// Each entered line is appended as soon as it is entered, so history survives a crash and
/// two sessions at once both keep theirs. A line equal to the one before is not stored
/// again. The file is cut back to its newest `limit` lines when a session starts and it
/// has grown past twice that.
struct HistoryFile {
  /// Where the history lives (`~/.melix_history` unless `MELIX_HISTORY` says otherwise).
  let path: String
  /// How many entries a session loads and keeps.
  let limit: Int

  /// Why the history file could not be used.
  struct Failure: Error, Equatable {
    /// What went wrong, lower case, naming the path.
    let message: String
  }

  /// The history path for an environment: `MELIX_HISTORY` if set (an empty value turns
  /// persistence off), else `$HOME/.melix_history`, else nil.
  static func path(in environment: [String: String]) -> String? {
    if let configured = environment["MELIX_HISTORY"] {
      return configured.isEmpty ? nil : configured
    }
    guard let home = environment["HOME"], !home.isEmpty else { return nil }
    return home.hasSuffix("/") ? home + ".melix_history" : home + "/.melix_history"
  }

  /// The newest `limit` entries, oldest first; empty when the file does not exist yet.
  ///
  /// Bytes that are not UTF-8 are replaced (U+FFFD) rather than dropping the file. When the
  /// file holds more than twice `limit` lines it is rewritten with the newest `limit`.
  /// - Throws: `Failure` when the file exists but cannot be read or compacted.
  func load() throws(Failure) -> [String] {
    guard FileManager.default.fileExists(atPath: path) else { return [] }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw Failure(message: "cannot read history file '\(path)'")
    }
    let lines = String(decoding: data, as: UTF8.self)
      .split(separator: "\n", omittingEmptySubsequences: true)
      .map(String.init)
    let kept = Array(lines.suffix(limit))
    if lines.count > 2 * limit { try rewrite(kept) }
    return kept
  }

  /// Appends one entry (a single line; embedded newlines become spaces).
  ///
  /// Creates the file with mode 0600 (history can hold secrets) when it is missing.
  /// - Throws: `Failure` naming the path when the file cannot be created or written.
  func append(_ entry: String) throws(Failure) {
    let line = entry.replacingOccurrences(of: "\n", with: " ") + "\n"
    let manager = FileManager.default
    if !manager.fileExists(atPath: path) {
      let created = manager.createFile(
        atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
      if !created { throw Failure(message: "cannot create history file '\(path)'") }
    }
    guard let handle = FileHandle(forWritingAtPath: path) else {
      throw Failure(message: "cannot open history file '\(path)' for writing")
    }
    defer { try? handle.close() }
    do {
      try handle.seekToEnd()
      try handle.write(contentsOf: Data(line.utf8))
    } catch {
      throw Failure(message: "cannot write history file '\(path)': \(error.localizedDescription)")
    }
  }

  /// Replaces the file's contents atomically (temporary file, then rename).
  private func rewrite(_ entries: [String]) throws(Failure) {
    let text = entries.map { $0 + "\n" }.joined()
    do {
      try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
      try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
    } catch {
      throw Failure(message: "cannot rewrite history file '\(path)': \(error.localizedDescription)")
    }
  }
}

/// The in-memory side of history: remembers the last entry so a repeat is not stored.
struct HistoryDeduplicator {
  private(set) var last: String?

  /// Records `line` and says whether it should be stored: false for a blank line or a
  /// repeat of the previous entry.
  mutating func shouldStore(_ line: String) -> Bool {
    if line.allSatisfy(\.isWhitespace) || line == last { return false }
    last = line
    return true
  }
}
