import Foundation

/// What Tab completes: REPL commands after a leading `:`, file paths inside a string literal
/// and after `:run`, `:load` and `:cells`, and otherwise Melix names from the engine.
struct REPLCompleter {
  /// One directory entry, for path completion.
  struct Entry: Equatable {
    /// The file or folder name.
    let name: String
    /// Whether it is a folder (completed with a trailing `/`).
    let isDirectory: Bool
  }

  /// What is being completed at the cursor.
  enum Context: Equatable {
    /// A command name after `:` (`typed` excludes the colon).
    case command(typed: String)
    /// A file path; `typed` is the path written so far (after the quote or the command).
    case path(typed: String)
    /// Melix code: the engine's names.
    case code
  }

  /// Where Melix names come from.
  let engine: REPLEngine
  /// Lists a folder (a path as the user wrote it, `~` not expanded); nil when it cannot be
  /// read.
  var listDirectory: (String) -> [Entry]? = REPLCompleter.listDirectory

  /// The text Tab completes and its candidates.
  ///
  /// - Parameters:
  ///   - line: The whole line.
  ///   - cursor: The cursor's character offset.
  /// - Returns: `typed` (nil: the identifier before the cursor) and full replacement words.
  func completions(for line: String, cursor: Int) -> (typed: String?, candidates: [String]) {
    switch Self.context(line: line, cursor: cursor) {
    case .command(let typed):
      return (typed, Command.specs.map(\.name).filter { $0.hasPrefix(typed) })
    case .path(let typed):
      return (typed, paths(completing: typed))
    case .code:
      return (nil, engine.completions(for: line, cursor: cursor))
    }
  }

  /// Decides what the text before `cursor` is completing.
  ///
  /// - Parameters:
  ///   - line: The whole line.
  ///   - cursor: The cursor's character offset.
  /// - Returns: The context.
  static func context(line: String, cursor: Int) -> Context {
    let before = String(line.prefix(max(0, cursor)))
    let trimmed = before.drop(while: \.isWhitespace)
    if trimmed.hasPrefix(":") {
      let body = trimmed.dropFirst()
      let name = body.prefix(while: { !$0.isWhitespace })
      if name.count == body.count { return .command(typed: String(name)) }
      let argument = String(body.split(separator: " ", omittingEmptySubsequences: false).last ?? "")
      switch name {
      case "run", "load", "cells":
        return .path(typed: argument.trimmingQuote())
      case "help", "h", "?":
        if argument.hasPrefix(":") { return .command(typed: String(argument.dropFirst())) }
        return .code
      case "time":
        return openString(in: String(body.dropFirst(name.count))).map { .path(typed: $0) } ?? .code
      default:
        return .code
      }
    }
    return openString(in: before).map { .path(typed: $0) } ?? .code
  }

  /// The text of a string literal still open at the end of `code`, or nil when the end is
  /// outside any string (or inside an interpolation `{...}`).
  static func openString(in code: String) -> String? {
    var inString = false
    var escaped = false
    var text = ""
    var braces = 0
    for ch in code {
      if !inString {
        if ch == "#" { return nil }  // a comment
        if ch == "\"" {
          inString = true
          text = ""
        }
        continue
      }
      if escaped {
        escaped = false
        text.append(ch)
      } else if ch == "\\" {
        escaped = true
      } else if braces > 0 {
        if ch == "{" { braces += 1 }
        if ch == "}" { braces -= 1 }
      } else if ch == "{" {
        braces = 1
      } else if ch == "\"" {
        inString = false
      } else {
        text.append(ch)
      }
    }
    return inString && braces == 0 ? text : nil
  }

  /// Paths that extend `typed`: the entries of its folder whose names start with its last
  /// component, folders ending in `/`. Hidden entries only when the component starts with
  /// a dot.
  func paths(completing typed: String) -> [String] {
    let folder: String
    let stem: String
    if let slash = typed.lastIndex(of: "/") {
      folder = String(typed[...slash])
      stem = String(typed[typed.index(after: slash)...])
    } else {
      folder = ""
      stem = typed
    }
    guard let entries = listDirectory(folder.isEmpty ? "." : folder) else { return [] }
    return entries.filter { entry in
      entry.name.hasPrefix(stem) && (stem.hasPrefix(".") || !entry.name.hasPrefix("."))
    }.map { folder + $0.name + ($0.isDirectory ? "/" : "") }.sorted()
  }

  /// The real file system's entries of `folder` (`~` expanded).
  static func listDirectory(_ folder: String) -> [Entry]? {
    let path = (folder as NSString).expandingTildeInPath
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return nil }
    return names.map { name in
      var isDirectory: ObjCBool = false
      let full = (path as NSString).appendingPathComponent(name)
      _ = FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory)
      return Entry(name: name, isDirectory: isDirectory.boolValue)
    }
  }
}

extension String {
  /// The string without one leading `"` or `'` (a quoted command argument being typed).
  fileprivate func trimmingQuote() -> String {
    if first == "\"" || first == "'" { return String(dropFirst()) }
    return self
  }
}
