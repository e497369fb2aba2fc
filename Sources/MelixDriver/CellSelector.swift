import MelixSyntax

/// Builds the source `melix run --cell N` runs: the preamble plus cell N.
///
/// Lines of the other cells are replaced by empty lines, so the result has as many lines as
/// the file and every diagnostic keeps the line number of the whole file.
public enum CellSelector {
  /// The preamble (text before the first `#%%` line) and cell `number`, other lines blanked.
  ///
  /// - Parameters:
  ///   - number: 1-based cell number.
  ///   - source: The whole script.
  /// - Returns: A source with the same path and line count as `source`.
  /// - Throws: `DriverError.noSuchCell`, listing the cells, when `number` is out of range.
  public static func select(cell number: Int, from source: SourceFile) throws -> SourceFile {
    let cells = Cells.split(source).sorted { $0.startLine < $1.startLine }
    guard number >= 1, number <= cells.count else {
      throw DriverError.noSuchCell(
        requested: number, path: source.path,
        available: cells.enumerated().map { CellSummary(number: $0.offset + 1, title: $0.element.title) })
    }
    let startLines = cells.map(\.startLine)
    let preamble = ScriptCells.preamble(startLines: startLines)
    let cell = ScriptCells.lines(ofCellAt: number - 1, startLines: startLines)
    let text = ScriptCells.masked(source.text) { preamble.contains($0) || cell.contains($0) }
    return SourceFile(path: source.path, text: text)
  }
}
