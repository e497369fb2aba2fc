import Dispatch
import Foundation

/// Splitting work over the machine's cores with `DispatchQueue.concurrentPerform`.
enum Parallel {
  /// Element count below which element-wise work stays on one thread. Measured on the
  /// 2-core Zen 4 machines: splitting `a + b` on float64 pays from about 64 Ki elements
  /// (the dispatch costs a few microseconds).
  static let elementThreshold = 1 << 16

  /// Cores available, read once: Foundation's `activeProcessorCount` reads cgroup files on
  /// every call (about 15 µs, more than a small tensor operation). An immutable constant.
  static let cores = ProcessInfo.processInfo.activeProcessorCount

  /// Runs `body` over `0..<count` in contiguous chunks, on several threads when `count` is at
  /// least `threshold` (or `work` estimates enough), else inline.
  ///
  /// - Parameters:
  ///   - count: Number of items.
  ///   - threshold: Minimum items for going parallel.
  ///   - body: Called once per chunk with its range; chunks are disjoint.
  static func forChunks(
    count: Int, threshold: Int = elementThreshold, _ body: (Range<Int>) -> Void
  ) {
    if count < threshold || cores < 2 {
      if count > 0 { body(0..<count) }
      return
    }
    // Four chunks per core: when another process holds a core (the machines are shared),
    // the free threads take more chunks instead of waiting for one late half.
    let chunks = min(cores * 4, max(count / max(threshold / 4, 1), cores))
    // Long chunks end on multiples of 64 items, which keeps SIMD loops and cache lines
    // aligned when the items are elements.
    var per = (count + chunks - 1) / chunks
    if per > 4096 { per = (per + 63) & ~63 }
    DispatchQueue.concurrentPerform(iterations: chunks) { c in
      let lo = min(c * per, count)
      let hi = min(lo + per, count)
      if lo < hi { body(lo..<hi) }
    }
  }

  /// Runs `count` independent tasks, concurrently when the machine has several cores.
  ///
  /// - Parameters:
  ///   - count: Number of tasks.
  ///   - body: Called once with each task number in `0..<count`.
  static func tasks(_ count: Int, _ body: (Int) -> Void) {
    if cores < 2 {
      for i in 0..<count { body(i) }
    } else {
      DispatchQueue.concurrentPerform(iterations: count, execute: body)
    }
  }
}
