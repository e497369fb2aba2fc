/// Selects parts of a notebook script by line, keeping the file's line numbers: what
/// `melix run --cell N` and the REPL's `:run FILE --cell N` run.
public enum ScriptCells {
  /// `text` with every line outside `keep` (1-based line numbers) replaced by an empty
  /// line, so diagnostics in what is left still name the file's lines.
  ///
  /// - Parameters:
  ///   - text: The whole script.
  ///   - keep: Whether to keep the line with this 1-based number.
  /// - Returns: A text with as many lines as `text`.
  public static func masked(_ text: String, keeping keep: (Int) -> Bool) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false)
      .enumerated()
      .map { keep($0.offset + 1) ? String($0.element) : "" }
      .joined(separator: "\n")
  }

  /// The lines of the preamble: those before the first cell's `#%%` line.
  ///
  /// - Parameter startLines: 1-based `#%%` lines of the cells, in file order.
  /// - Returns: `1..<first start line`, or `1..<Int.max` when there are no cells.
  public static func preamble(startLines: [Int]) -> Range<Int> {
    1..<(startLines.min() ?? Int.max)
  }

  /// The lines of the cell at `position`: from its `#%%` line up to the next cell's.
  ///
  /// - Parameters:
  ///   - position: 0-based index into `startLines`; must be a valid index.
  ///   - startLines: 1-based `#%%` lines of the cells, sorted ascending.
  /// - Returns: The cell's 1-based line range (open-ended for the last cell).
  public static func lines(ofCellAt position: Int, startLines: [Int]) -> Range<Int> {
    let start = startLines[position]
    let end = position + 1 < startLines.count ? startLines[position + 1] : Int.max
    return start..<end
  }
}
