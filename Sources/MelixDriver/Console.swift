import Foundation

/// Where the driver writes: Melix output to stdout, diagnostics to stderr.
///
/// A value passed down explicitly (no global state), so every command writes the same way.
public struct Console: Sendable {
  /// True when diagnostics should carry ANSI colours: stderr is a terminal and `NO_COLOR`
  /// is unset or empty (https://no-color.org).
  public let colorDiagnostics: Bool

  /// Decides colour from the real stderr and `environment`.
  public init(environment: [String: String]) {
    let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
    self.colorDiagnostics = isatty(STDERR_FILENO) != 0 && !noColor
  }

  /// Writes Melix program output to stdout (buffered by the C library, flushed at exit).
  public func out(_ text: String) {
    Console.write(text, to: stdout)
  }

  /// Writes `text` to stderr, adding a final newline if it lacks one. Flushes stdout first
  /// so the program's output and the error appear in the order they happened.
  public func err(_ text: String) {
    fflush(stdout)
    Console.write(text.hasSuffix("\n") ? text : text + "\n", to: stderr)
  }

  /// Writes the UTF-8 bytes of `text` to `stream`, NUL characters included (`fputs` stops
  /// at the first NUL, which cut `print("a\u{0}b")` short).
  static func write(_ text: String, to stream: UnsafeMutablePointer<FILE>) {
    var text = text
    text.withUTF8 { bytes in
      guard let base = bytes.baseAddress else { return }
      _ = fwrite(base, 1, bytes.count, stream)
    }
  }

  /// Writes a usage-level driver error as `melix: error: message`.
  public func report(_ error: DriverError) {
    err("melix: error: \(error.message)")
  }
}
