import Foundation

/// Where the REPL writes, and whether it may colour what it writes.
struct Console {
  /// Writes to standard output (results, listings, prompts' companions).
  var write: (String) -> Void
  /// Writes to standard error (errors and warnings).
  var writeError: (String) -> Void
  /// Whether standard output may carry ANSI colours.
  var color: Bool
  /// Whether standard error may carry ANSI colours.
  var errorColor: Bool
  /// The width of the terminal in columns, for wrapping help text at word boundaries; nil
  /// when output is not a terminal (then nothing is wrapped).
  var columns: () -> Int? = { nil }

  /// The process's standard output and error, flushed after every write so that text
  /// interleaves correctly with libedit's own output.
  static func standard(color: Bool, errorColor: Bool) -> Console {
    Console(
      write: { text in
        writeBytes(text, to: stdout)
        fflush(stdout)
      },
      writeError: { text in
        writeBytes(text, to: stderr)
        fflush(stderr)
      },
      color: color, errorColor: errorColor,
      columns: {
        guard isatty(STDOUT_FILENO) != 0 else { return nil }
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
      })
  }

  /// Writes the UTF-8 bytes of `text`, NUL characters included (`fputs` stops at a NUL).
  private static func writeBytes(_ text: String, to stream: UnsafeMutablePointer<FILE>) {
    var text = text
    text.withUTF8 { bytes in
      guard let base = bytes.baseAddress else { return }
      _ = fwrite(base, 1, bytes.count, stream)
    }
  }

  /// Prints a REPL-level error (`error: message`, then `help: ...` when given).
  func error(_ message: String, help: String? = nil) {
    var text = paint("error:", .red, enabled: errorColor) + " " + message + "\n"
    if let help { text += paint("help:", .cyan, enabled: errorColor) + " " + help + "\n" }
    writeError(text)
  }
}

/// The few ANSI colours the REPL uses.
enum Paint: String {
  case red = "1;31"
  case green = "1;32"
  case cyan = "1;36"
  case dim = "2"
}

/// `text` wrapped in the ANSI escape for `colour` when `enabled`, else unchanged.
func paint(_ text: String, _ colour: Paint, enabled: Bool) -> String {
  enabled ? "\u{1B}[\(colour.rawValue)m\(text)\u{1B}[0m" : text
}

/// When colour is allowed, from the environment (no-color.org, `TERM`) and whether
/// the stream is a terminal.
enum ColorPolicy {
  /// True when `isTerminal`, `NO_COLOR` is unset or empty, and `TERM` is set and not
  /// `dumb` (an unset `TERM` is treated as dumb, as git and less do).
  static func allowsColor(isTerminal: Bool, environment: [String: String]) -> Bool {
    guard isTerminal else { return false }
    if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
    guard let term = environment["TERM"], !term.isEmpty else { return false }
    return term != "dumb"
  }
}

/// Word wrapping for help text, so a terminal does not break words in two.
enum TextWrap {
  /// `text` broken at spaces into lines of at most `width` characters (a longer word stays
  /// whole on its own line); continuation lines start with `indent` spaces.
  ///
  /// - Parameters:
  ///   - text: One line of text (no newlines).
  ///   - width: The terminal width in columns.
  ///   - indent: The columns continuation lines are indented by (the hanging indent).
  /// - Returns: The lines joined by newlines, without a final newline.
  static func wrap(_ text: String, width: Int, indent: Int = 0) -> String {
    guard text.count > width, width > indent + 10 else { return text }
    let leading = String(text.prefix(while: { $0 == " " }))
    var lines: [String] = []
    var line = leading
    let pad = String(repeating: " ", count: indent)
    for word in text.dropFirst(leading.count).split(separator: " ", omittingEmptySubsequences: false) {
      let isLineStart = line == leading || line == pad
      if !isLineStart && line.count + 1 + word.count > width {
        lines.append(line)
        line = pad + word
      } else {
        line += (isLineStart ? "" : " ") + word
      }
    }
    lines.append(line)
    return lines.joined(separator: "\n")
  }
}
