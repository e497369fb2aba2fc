import Dispatch
import Foundation

/// Turns Ctrl-C (SIGINT) during a running statement into `REPLEngine.interrupt()`.
///
/// SIGINT's default action is replaced by a dispatch signal source whose handler runs on a
/// background queue and reaches the engine through its own capture, so no global state is
/// needed. SIGINT is also blocked in the calling thread (threads it starts later, such as
/// the interpreter's big-stack thread, inherit the mask; libdispatch's own threads block
/// it already). On Linux libdispatch reads signals from a `signalfd`, which works on a
/// blocked, pending signal whatever its disposition, whereas libedit (EL_SIGNAL) swaps the
/// SIGINT action around every `el_gets` and can restore a stale one (SIG_IGN) over the one
/// libdispatch installs lazily: measured without the mask, about half of the Ctrl-Cs on a
/// running loop were lost.
///
/// A SIGINT while nothing runs is ignored: at the prompt the line editor receives Ctrl-C as a
/// key instead (ISIG is off while editing). The third Ctrl-C during one statement ends the
/// process with status 130, for code that never reaches an interrupt check.
final class InterruptRelay {
  private let source: DispatchSourceSignal
  private let running = RunningFlag()
  private let previousHandler: sighandler_t?
  private var previousMask = sigset_t()

  /// Starts relaying SIGINT to `engine` while `whileRunning` runs.
  init(engine: REPLEngine) {
    var blocked = sigset_t()
    sigemptyset(&blocked)
    sigaddset(&blocked, SIGINT)
    pthread_sigmask(SIG_BLOCK, &blocked, &previousMask)
    previousHandler = signal(SIGINT, SIG_IGN)
    source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global(qos: .userInitiated))
    let running = self.running
    source.setEventHandler { [weak engine] in
      switch running.noteInterrupt() {
      case .idle:
        break
      case .running:
        engine?.interrupt()
      case .stuck:
        // The running code has ignored two requests (a long native call, say): leave rather
        // than trap the user. 130 is the shell's status for death by SIGINT.
        fputs("\nmelix: interrupted \(RunningFlag.patience) times, leaving\n", stderr)
        _exit(130)
      }
    }
    source.resume()
  }

  deinit {
    source.cancel()
    signal(SIGINT, previousHandler ?? SIG_DFL)
    pthread_sigmask(SIG_SETMASK, &previousMask, nil)
  }

  /// Runs `body` with SIGINT relayed to the engine.
  ///
  /// - Returns: what `body` returned, and whether a SIGINT arrived meanwhile.
  func whileRunning<T>(_ body: () -> T) -> (result: T, interrupted: Bool) {
    running.start()
    let result = body()
    return (result, running.stop())
  }
}

/// Whether a statement runs, and whether SIGINT arrived during it; shared between the REPL
/// thread and the signal handler's queue.
private final class RunningFlag: @unchecked Sendable {
  // @unchecked: every access goes through `lock`.
  private let lock = NSLock()
  private var isRunning = false
  private var interrupts = 0

  /// How many Ctrl-C presses during one statement end the process.
  static let patience = 3

  /// What a SIGINT means now.
  enum State { case idle, running, stuck }

  func start() {
    lock.withLock {
      isRunning = true
      interrupts = 0
    }
  }

  /// Ends the run; returns whether it was interrupted.
  func stop() -> Bool {
    lock.withLock {
      isRunning = false
      return interrupts > 0
    }
  }

  /// Records a SIGINT and says what to do about it.
  func noteInterrupt() -> State {
    lock.withLock {
      guard isRunning else { return .idle }
      interrupts += 1
      return interrupts >= RunningFlag.patience ? .stuck : .running
    }
  }
}
