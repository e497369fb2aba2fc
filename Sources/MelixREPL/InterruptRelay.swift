import Dispatch
import Foundation

/// Turns Ctrl-C (SIGINT) during a running statement into `REPLEngine.interrupt()`.
///
/// SIGINT's default action is replaced by a dispatch signal source whose handler runs on a
/// background queue and reaches the engine through its own capture, so no global state is
/// needed. A SIGINT that arrives while nothing runs is ignored: at the prompt the line
/// editor receives Ctrl-C as a key instead (ISIG is off while editing).
final class InterruptRelay {
  private let source: DispatchSourceSignal
  private let running = RunningFlag()
  private let previousHandler: sighandler_t?

  /// Starts relaying SIGINT to `engine` while `whileRunning` runs.
  init(engine: REPLEngine) {
    previousHandler = signal(SIGINT, SIG_IGN)
    source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global(qos: .userInitiated))
    let running = self.running
    source.setEventHandler { [weak engine] in
      if running.isSet { engine?.interrupt() }
    }
    source.resume()
  }

  deinit {
    source.cancel()
    signal(SIGINT, previousHandler ?? SIG_DFL)
  }

  /// Runs `body` with SIGINT relayed to the engine, and returns its result.
  func whileRunning<T>(_ body: () -> T) -> T {
    running.set(true)
    defer { running.set(false) }
    return body()
  }
}

/// A Boolean shared between the REPL thread and the signal handler's queue.
private final class RunningFlag: @unchecked Sendable {
  // @unchecked: every access goes through `lock`.
  private let lock = NSLock()
  private var value = false

  var isSet: Bool { lock.withLock { value } }

  func set(_ newValue: Bool) { lock.withLock { value = newValue } }
}
