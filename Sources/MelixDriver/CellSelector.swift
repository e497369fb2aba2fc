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

  /// Adds a help line to each `undefined variable 'x'` error of a `--cell` run whose name a
  /// top-level `let`, `var` or `fn` of another cell defines: `'model' is defined in cell 2;
  /// run it first, or use the REPL's :run FILE --cell N` (the REPL keeps names between runs).
  ///
  /// - Parameters:
  ///   - diagnostics: The errors of the selected source.
  ///   - number: The cell that was run (1-based).
  ///   - source: The whole script.
  ///   - selected: What ran (`select(cell:from:)`'s result): the diagnostics' spans are
  ///     byte offsets into it.
  /// - Returns: `diagnostics`, some with their `help` replaced.
  public static func explainOtherCells(
    _ diagnostics: [Diagnostic], cell number: Int, in source: SourceFile, selected: SourceFile
  ) -> [Diagnostic] {
    let cells = Cells.split(source).sorted { $0.startLine < $1.startLine }
    guard cells.count > 1 else { return diagnostics }
    let startLines = cells.map(\.startLine)
    var definedIn: [String: Int] = [:]
    for position in cells.indices where position + 1 != number {
      let lines = ScriptCells.lines(ofCellAt: position, startLines: startLines)
      let text = ScriptCells.masked(source.text) { lines.contains($0) }
      let (program, _) = Parser.parse(SourceFile(path: source.path, text: text))
      for name in topLevelNames(program) where definedIn[name] == nil { definedIn[name] = position + 1 }
    }
    let bytes = Array(selected.text.utf8)
    return diagnostics.map { diagnostic in
      guard diagnostic.file == nil, let span = diagnostic.span, span.start >= 0, span.start < span.end,
        span.end <= bytes.count
      else { return diagnostic }
      let name = String(decoding: bytes[span.start..<span.end], as: UTF8.self)
      guard let cell = definedIn[name],
        diagnostic.message == Diagnostic.undefinedVariable(name, at: span, suggestion: nil).message
      else { return diagnostic }
      var explained = diagnostic
      explained.help = "'\(name)' is defined in cell \(cell); run it first, or use the REPL's :run FILE --cell N"
      return explained
    }
  }

  /// Names bound by the top-level `let`, `var` and `fn` statements of `program`.
  private static func topLevelNames(_ program: Program) -> [String] {
    func names(_ pattern: Pattern) -> [String] {
      switch pattern {
      case .name(let name, _, _): [name]
      case .tuple(let items, _): items.flatMap(names)
      }
    }
    return program.statements.flatMap { statement -> [String] in
      switch statement.kind {
      case .binding(_, let pattern, _): names(pattern)
      case .function(let decl): decl.name.map { [$0] } ?? []
      default: []
      }
    }
  }
}
