/// What reading one line of input produced.
enum LineEvent: Equatable {
  /// A line, without its newline.
  case line(String)
  /// Ctrl-C at the prompt: drop what was typed.
  case interrupt
  /// Ctrl-D on an empty line, or the input closed.
  case endOfInput
}

/// Where the interactive loop gets its lines: the libedit `LineEditor` at a terminal, a
/// scripted list in tests.
protocol LineSource: AnyObject {
  /// Shows `prompt` and reads one line.
  func readLine(prompt: String) -> LineEvent
  /// True when more input is already waiting (the rest of a pasted block).
  func hasPendingInput() -> Bool
  /// Adds a line to the history (and to the history file, if any).
  func remember(_ line: String)
}
