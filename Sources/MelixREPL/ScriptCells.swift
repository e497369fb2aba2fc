/// Selects parts of a notebook script by line, keeping the file's line numbers.
enum ScriptCells {
  /// `text` with every line outside `keep` (1-based line numbers) replaced by an empty
  /// line, so diagnostics in what is left still name the file's lines.
  static func masked(_ text: String, keeping keep: (Int) -> Bool) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false)
      .enumerated()
      .map { keep($0.offset + 1) ? String($0.element) : "" }
      .joined(separator: "\n")
  }

  /// The lines of the preamble: those before the first cell's `#%%` line.
  static func preamble(_ cells: [CellInfo]) -> Range<Int> {
    1..<(cells.map(\.startLine).min() ?? Int.max)
  }

  /// The lines of the cell at `position` in `cells` (sorted by `startLine`): from its
  /// `#%%` line up to the next cell's.
  static func lines(ofCellAt position: Int, in cells: [CellInfo]) -> Range<Int> {
    let start = cells[position].startLine
    let end = position + 1 < cells.count ? cells[position + 1].startLine : Int.max
    return start..<end
  }
}
