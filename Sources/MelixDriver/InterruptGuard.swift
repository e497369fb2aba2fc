import Dispatch
import Foundation
import MelixInterpreter

/// Turns Ctrl-C (SIGINT) during a run into `Session.interrupt()`, so a script stuck in a
/// loop stops with an `interrupted` runtime error at its current line.
///
/// A second Ctrl-C while the first is still pending ends the process at once with status
/// 130, in case the running code never reaches a point where it checks for interrupts.
final class InterruptGuard {
  private let source: DispatchSourceSignal
  private let lock = NSLock()
  private var count = 0

  /// Installs the handler for the duration of this object's life; call `cancel()` after.
  init(session: Session) {
    // The signal must be ignored by default handling for a dispatch source to receive it.
    signal(SIGINT, SIG_IGN)
    source = DispatchSource.makeSignalSource(signal: SIGINT, queue: DispatchQueue.global())
    source.setEventHandler { [weak self, weak session] in
      guard let self else { return }
      if self.recordInterrupt() > 1 {
        fflush(stdout)
        fputs("\nmelix: interrupted again, exiting\n", stderr)
        _exit(ExitStatus.interrupted.rawValue)
      }
      session?.interrupt()
    }
    source.resume()
  }

  /// True when at least one SIGINT arrived while installed.
  var wasInterrupted: Bool {
    lock.lock()
    defer { lock.unlock() }
    return count > 0
  }

  private func recordInterrupt() -> Int {
    lock.lock()
    defer { lock.unlock() }
    count += 1
    return count
  }

  /// Removes the handler and restores the default SIGINT action.
  func cancel() {
    source.cancel()
    signal(SIGINT, SIG_DFL)
  }
}
