import NIOCore
import NIOPosix

/// Process-wide set-up for a process whose only job is serving (`melix serve`).
///
/// Hummingbird reads requests on SwiftNIO event-loop threads and runs the route handlers as
/// Swift tasks. By default those tasks run on Swift's cooperative thread pool, so every
/// request hops from an event loop to the pool and back (0.85 context switches and about 80 µs
/// of CPU per one-row request in bench/serve). With one event-loop thread,
/// `dedicate(eventLoopThreads:)` makes that loop Swift's global executor, so a request is
/// read, handled and answered on one thread (0.04 context switches, about 60 µs).
///
/// With two or more threads it only sizes the group and keeps the cooperative pool: installed
/// as the global executor, several loops passed tasks between each other and measured worse
/// than the pool (more CPU per request and a longer tail), see docs/serving.md.
///
/// This changes the whole process (it is the one process-wide setting the server makes, the
/// way a `main` configures its runtime): call it only from a serving process's entry point,
/// never from a library, a REPL session (`deploy`) or tests.
public enum ServerProcess {
  /// Event-loop threads used by default: one on machines with at most two cores (the
  /// clients and the rest of the machine need the other core; measured with bench/serve,
  /// see docs/serving.md), else the number of cores.
  ///
  /// - Parameter cores: Cores available, `System.coreCount` by default.
  /// - Returns: A thread count, at least 1.
  public static func defaultEventLoopThreads(cores: Int = System.coreCount) -> Int {
    cores <= 2 ? 1 : cores
  }

  /// Sizes SwiftNIO's shared event-loop group (`NIOSingletons.groupLoopCountSuggestion`)
  /// and, for one thread, installs it as Swift Concurrency's global executor
  /// (`NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor`).
  ///
  /// Call it once, from the main thread, before any Swift task or SwiftNIO event loop starts.
  ///
  /// - Parameter eventLoopThreads: Threads in the group; values below 1 count as 1.
  /// - Returns: Whether the event loop is now the global executor (false for two or more
  ///   threads, or where unsupported; the server then works with the hops).
  public static func dedicate(eventLoopThreads: Int) -> Bool {
    let threads = max(1, eventLoopThreads)
    NIOSingletons.groupLoopCountSuggestion = threads
    guard threads == 1 else { return false }
    return NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
  }
}
