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
      color: color, errorColor: errorColor)
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
