/// One notebook cell of a script: the text from a `#%%` line to the next one.
public struct Cell: Sendable {
  /// 1-based cell number.
  public let index: Int
  /// The title after `#%%`, trimmed (may be empty).
  public let title: String
  /// 1-based line of the cell's first line (its `#%%` line) in the file.
  public let startLine: Int
  /// The cell's text, padded with blank lines in front so that line numbers in diagnostics
  /// stay those of the whole file.
  public let text: String

  /// Creates a cell.
  ///
  /// - Parameters:
  ///   - index: 1-based cell number.
  ///   - title: The title after `#%%`.
  ///   - startLine: 1-based line of the `#%%` line.
  ///   - text: The cell's text, padded to keep file line numbers.
  public init(index: Int, title: String, startLine: Int, text: String) {
    self.index = index
    self.title = title
    self.startLine = startLine
    self.text = text
  }
}

/// Splits a script into notebook cells at lines starting with `#%%` or `# %%` (the VS Code,
/// Jupytext and Spyder spelling).
public enum Cells {
  /// The title when `line` starts a cell (`#%% Load` or `# %% Load` → `Load`), else nil.
  ///
  /// - Parameter line: One line of a script.
  /// - Returns: The trimmed title (may be empty), or nil for any other line.
  public static func markerTitle(_ line: Substring) -> String? {
    if line.hasPrefix("#%%") { return line.dropFirst(3).trimmingCharacters() }
    if line.hasPrefix("# %%") { return line.dropFirst(4).trimmingCharacters() }
    return nil
  }

  /// The cells of `source`, numbered from 1.
  ///
  /// A preamble before the first `#%%` line is not a cell of its own but is run before any
  /// cell that `melix run --cell N` selects (see `preamble(_:)`). A script without any `#%%`
  /// line has no cells.
  ///
  /// - Parameter source: The script.
  /// - Returns: The cells in file order. Each cell's `text` starts with blank lines so that
  ///   line numbers match the whole file.
  public static func split(_ source: SourceFile) -> [Cell] {
    let lines = source.text.split(separator: "\n", omittingEmptySubsequences: false)
    var cells: [Cell] = []
    var current: (title: String, start: Int, lines: [Substring])?
    func finish() {
      guard let open = current else { return }
      let padding = String(repeating: "\n", count: open.start - 1)
      cells.append(
        Cell(
          index: cells.count + 1, title: open.title, startLine: open.start,
          text: padding + open.lines.joined(separator: "\n")))
    }
    for (offset, line) in lines.enumerated() {
      if let title = markerTitle(line) {
        finish()
        current = (title, offset + 1, [line])
      } else if current != nil {
        current?.lines.append(line)
      }
    }
    finish()
    return cells
  }

  /// The text before the first `#%%` line (the whole text when there is none).
  ///
  /// - Parameter source: The script.
  /// - Returns: The preamble's text, with its original line numbers.
  public static func preamble(_ source: SourceFile) -> String {
    let lines = source.text.split(separator: "\n", omittingEmptySubsequences: false)
    guard let first = lines.firstIndex(where: { markerTitle($0) != nil }) else { return source.text }
    return lines[..<first].joined(separator: "\n")
  }
}

extension Substring {
  /// The text without leading and trailing spaces and tabs.
  func trimmingCharacters() -> String {
    var slice = self[...]
    while let first = slice.first, first == " " || first == "\t" || first == "\r" {
      slice = slice.dropFirst()
    }
    while let last = slice.last, last == " " || last == "\t" || last == "\r" {
      slice = slice.dropLast()
    }
    return String(slice)
  }
}
