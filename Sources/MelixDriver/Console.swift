import Foundation
import Synchronization

/// Where the driver writes: Melix output to stdout, diagnostics to stderr.
///
/// A value passed down explicitly (no global state), so every command writes the same way.
public struct Console: Sendable {
  /// True when diagnostics should carry ANSI colours: stderr is a terminal and `NO_COLOR`
  /// is unset or empty (https://no-color.org).
  public let colorDiagnostics: Bool
  /// Set once a script serves a model: from then on every `out` is flushed. Shared by the
  /// copies of this console (the session's output closure and the `deploy` built-in).
  private let flushesEachWrite = FlushSwitch()

  /// Decides colour from the real stderr and `environment`.
  public init(environment: [String: String]) {
    let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
    self.colorDiagnostics = isatty(STDERR_FILENO) != 0 && !noColor
  }

  /// Writes Melix program output to stdout: buffered by the C library (line by line on a
  /// terminal, in blocks on a pipe, flushed at exit) until `flushEachWrite()` is called.
  ///
  /// Block buffering on a pipe is kept for ordinary scripts because flushing every line made
  /// a loop of a million `print`s 2.8 times slower piped to `cat` (0.91 s against 2.51 s, the
  /// extra time spent in `write(2)`; measured with `stdbuf -oL` on the release build).
  public func out(_ text: String) {
    Console.write(text, to: stdout)
    if flushesEachWrite.isOn { fflush(stdout) }
  }

  /// Flushes stdout now and after every later `out`: called when a script starts serving a
  /// model, so that `melix run deploy.mlx | tee log` shows each line as it is printed while
  /// the script waits on its server, not when the program ends.
  public func flushEachWrite() {
    flushesEachWrite.turnOn()
    fflush(stdout)
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

/// A flag that can only be turned on, readable from any thread (a server's output may come
/// from the script's thread while `deploy` turns it on).
private final class FlushSwitch: Sendable {
  private let flag = Atomic<Bool>(false)

  var isOn: Bool { flag.load(ordering: .relaxed) }

  func turnOn() { flag.store(true, ordering: .relaxed) }
}
