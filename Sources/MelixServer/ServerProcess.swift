import NIOCore
import NIOPosix

/// Process-wide set-up for a process whose only job is serving (`melix serve`).
///
/// Hummingbird reads requests on SwiftNIO event-loop threads and runs the route handlers as
/// Swift tasks. By default those tasks run on Swift's cooperative thread pool, so every
/// request hops from an event loop to the pool and back (about one context switch per
/// request, measured with bench/serve). `dedicate(eventLoopThreads:)` makes the event loops
/// Swift's global executor, so a request is read, handled and answered on one thread.
///
/// This changes the whole process (it is the one process-wide setting the server makes, the
/// way a `main` configures its runtime): call it only from a serving process's entry point,
/// never from a library, a REPL session (`deploy`) or tests.
public enum ServerProcess {
  /// Event-loop threads used by default: one on machines with at most two cores (the
  /// load generator and the rest of the machine need the other core; measured with
  /// bench/serve, see docs/serving.md), else the number of cores.
  ///
  /// - Parameter cores: Cores available, `System.coreCount` by default.
  /// - Returns: A thread count, at least 1.
  public static func defaultEventLoopThreads(cores: Int = System.coreCount) -> Int {
    cores <= 2 ? 1 : cores
  }

  /// Sizes SwiftNIO's shared event-loop group and installs it as Swift Concurrency's global
  /// executor (`NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor`).
  ///
  /// Call it once, from the main thread, before any Swift task or SwiftNIO event loop starts.
  ///
  /// - Parameter eventLoopThreads: Threads in the group, at least 1.
  /// - Returns: Whether the executor was installed (false if the platform does not support
  ///   it; the server still works, with the hops).
  public static func dedicate(eventLoopThreads: Int) -> Bool {
    NIOSingletons.groupLoopCountSuggestion = max(1, eventLoopThreads)
    return NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
  }
}
