import Foundation
import MelixSyntax

extension REPLLoop {
  /// Carries out a parsed command.
  func execute(_ command: Command) -> Next {
    switch command {
    case .help(let topic):
      if let topic { showHelp(for: topic) } else { showHelpIndex() }
    case .vars:
      showVariables()
    case .time(let statement):
      time(statement)
    case .load(let path):
      if let text = script(at: path) {
        let source = SourceFile(path: path, text: text)
        if passesChecks(source) { runSource(source, display: false) }
      }
    case .run(let path, let cell):
      run(path: path, cell: cell)
    case .cells(let path):
      listCells(path)
    case .reset:
      engine.reset()
      console.write("all variables forgotten\n")
    case .quit:
      return .quit
    }
    return .proceed
  }

  // MARK: - :help

  private func showHelpIndex() {
    var text = "commands:\n"
    let usages = Command.specs.map {
      ":" + $0.name + ($0.arguments.isEmpty ? "" : " " + $0.arguments)
    }
    let width = usages.map(\.count).max() ?? 0
    let columns = console.columns()
    for (usage, spec) in zip(usages, Command.specs) {
      text += wrapped("  " + padded(usage, to: width) + "  " + spec.summary, columns, indent: width + 4)
    }
    let builtins = engine.builtinSummaries().sorted { $0.name < $1.name }
    if !builtins.isEmpty {
      text += "\nbuilt-ins (':help NAME' shows one):\n"
      let nameWidth = builtins.map(\.name.count).max() ?? 0
      for builtin in builtins {
        text += wrapped(
          "  " + padded(builtin.name, to: nameWidth) + "  " + builtin.summary, columns,
          indent: nameWidth + 4)
      }
    }
    text += "\n" + wrapped(
      "keys: Tab completes, Ctrl-R searches history, Ctrl-C stops a running statement, "
        + "Ctrl-D leaves", columns)
    console.write(text)
  }

  /// One line of help, wrapped at word boundaries to the terminal's width (continuation
  /// lines indented by `indent`), newline-terminated.
  private func wrapped(_ line: String, _ columns: Int?, indent: Int = 0) -> String {
    guard let columns else { return line + "\n" }
    return TextWrap.wrap(line, width: columns - 1, indent: indent) + "\n"
  }

  private func showHelp(for topic: String) {
    let isCommand = topic.hasPrefix(":")
    let name = isCommand ? String(topic.dropFirst()) : topic
    let spec = Command.specs.first(where: { $0.name == name })
    // `:help :time` is the command; `:help time` the built-in, else the command.
    if let spec, isCommand || engine.help(for: name) == nil {
      let usage = ":" + spec.name + (spec.arguments.isEmpty ? "" : " " + spec.arguments)
      console.write(usage + "\n" + wrapped("  " + spec.summary, console.columns(), indent: 2))
      return
    }
    if let text = engine.help(for: name) {
      let columns = console.columns()
      let body = text.hasSuffix("\n") ? String(text.dropLast()) : text
      var shown = body.split(separator: "\n", omittingEmptySubsequences: false)
        .map { wrapped(String($0), columns) }.joined()
      if spec != nil { shown += "(the command: ':help :\(name)')\n" }
      console.write(shown)
      return
    }
    let known = engine.builtinSummaries().map(\.name) + Command.specs.map { ":" + $0.name }
    let suggestion = EditDistance.nearest(to: topic, in: known)
    console.error(
      "no help for '\(topic)'",
      help: suggestion.map { "did you mean '\($0)'?" } ?? "':help' lists what there is")
  }

  // MARK: - :vars

  private func showVariables() {
    let globals = engine.globalsSummary()
    guard !globals.isEmpty else {
      console.write("no variables yet\n")
      return
    }
    let nameWidth = globals.map(\.name.count).max() ?? 0
    let kindWidth = globals.map(\.kind.count).max() ?? 0
    var text = ""
    for global in globals {
      let line =
        padded(global.name, to: nameWidth) + "  " + padded(global.kind, to: kindWidth)
        + "  " + global.summary
      text += line.trimmingBlanksAtEnd() + "\n"
    }
    console.write(text)
  }

  // MARK: - :time

  private func time(_ statement: String) {
    let start = now()
    let succeeded = runCode(statement)
    let elapsed = now() &- start
    if succeeded {
      console.write(
        paint("time: " + ElapsedTime.describe(nanoseconds: elapsed), .dim, enabled: console.color)
          + "\n")
    }
  }

  // MARK: - :run and :cells

  private func run(path: String, cell number: Int?) {
    guard let text = script(at: path) else { return }
    let source = SourceFile(path: path, text: text)
    let cells = engine.cells(of: source).sorted { $0.startLine < $1.startLine }
    guard let number else {
      if passesChecks(source) { runAllCells(of: source, cells) }
      return
    }
    guard !cells.isEmpty else {
      console.error(
        "no cell \(number) in '\(path)': it has no cells", help: "a cell starts at a '#%%' or '# %%' line")
      return
    }
    guard number <= cells.count else {
      console.error(
        "no cell \(number) in '\(path)': it has \(cells.count) cell\(cells.count == 1 ? "" : "s")",
        help: "':cells \(path)' lists them")
      return
    }
    let preamble = ScriptCells.preamble(startLines: cells.map(\.startLine))
    let cell = ScriptCells.lines(ofCellAt: number - 1, startLines: cells.map(\.startLine))
    let selected = SourceFile(
      path: path, text: ScriptCells.masked(text) { preamble.contains($0) || cell.contains($0) })
    if passesChecks(selected) { runSource(selected, display: true) }
  }

  /// Runs `melix check`'s checks on the whole of what a `:run` or `:load` will run, before
  /// any of it runs (as `melix run` does), so a misspelt keyword in the last cell does not
  /// surface after the first cells have trained; shows the errors when there are any.
  ///
  /// - Returns: true when nothing stops the run.
  private func passesChecks(_ source: SourceFile) -> Bool {
    guard let rendered = engine.check(source, color: console.errorColor) else { return true }
    console.writeError(rendered)
    return false
  }

  /// Runs the preamble, then every cell in turn, showing each one's value, as a notebook's
  /// "run all" does; stops at the first error.
  private func runAllCells(of source: SourceFile, _ cells: [CellInfo]) {
    guard !cells.isEmpty else {
      runSource(source, display: true)
      return
    }
    let preamble = ScriptCells.preamble(startLines: cells.map(\.startLine))
    let preambleText = ScriptCells.masked(source.text, keeping: preamble.contains)
    if !preambleText.isBlank {
      guard runSource(SourceFile(path: source.path, text: preambleText), display: true) else {
        return
      }
    }
    for position in cells.indices {
      let lines = ScriptCells.lines(ofCellAt: position, startLines: cells.map(\.startLine))
      let text = ScriptCells.masked(source.text, keeping: lines.contains)
      guard runSource(SourceFile(path: source.path, text: text), display: true) else { return }
    }
  }

  private func listCells(_ path: String) {
    guard let text = script(at: path) else { return }
    let cells = engine.cells(of: SourceFile(path: path, text: text))
      .sorted { $0.startLine < $1.startLine }
    guard !cells.isEmpty else {
      console.write("'\(path)' has no cells (a cell starts at a '#%%' or '# %%' line)\n")
      return
    }
    let numberWidth = String(cells.count).count
    let titles = cells.map { $0.title.isEmpty ? "(untitled)" : $0.title }
    let titleWidth = titles.map(\.count).max() ?? 0
    var listing = ""
    for (position, cell) in cells.enumerated() {
      let number = String(position + 1)
      listing +=
        "  " + String(repeating: " ", count: numberWidth - number.count) + number
        + "  " + padded(titles[position], to: titleWidth) + "  "
        + paint("line \(cell.startLine)", .dim, enabled: console.color) + "\n"
    }
    console.write(listing)
  }

  /// The text of the script at `path`, or nil after printing why it cannot be read.
  private func script(at path: String) -> String? {
    do {
      return try readFile(path)
    } catch {
      console.error(
        error.message, help: error.help(workingDirectory: FileManager.default.currentDirectoryPath))
      return nil
    }
  }

  private func padded(_ text: String, to width: Int) -> String {
    text + String(repeating: " ", count: max(0, width - text.count))
  }
}

/// Human-readable durations for `:time`.
enum ElapsedTime {
  /// `nanoseconds` in the largest unit that keeps the value at least 1 (ns, µs, ms, s),
  /// with three significant digits: `812 ns`, `1.25 ms`, `42.0 s`.
  static func describe(nanoseconds: UInt64) -> String {
    let value = Double(nanoseconds)
    let (scaled, unit): (Double, String) =
      value < 1e3
      ? (value, "ns")
      : value < 1e6
        ? (value / 1e3, "µs")
        : value < 1e9 ? (value / 1e6, "ms") : (value / 1e9, "s")
    if unit == "ns" { return "\(nanoseconds) ns" }
    let digits = scaled < 10 ? 2 : scaled < 100 ? 1 : 0
    return String(format: "%.\(digits)f", scaled) + " " + unit
  }
}

extension String {
  /// The string without trailing blanks.
  func trimmingBlanksAtEnd() -> String {
    var text = self
    while text.last?.isWhitespace == true { text.removeLast() }
    return text
  }
}
