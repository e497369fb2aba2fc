import Dispatch
import Foundation

/// Splitting work over the machine's cores with `DispatchQueue.concurrentPerform`.
enum Parallel {
  /// Element count below which element-wise work stays on one thread. Measured on the
  /// 2-core machines for `a + b` in float64 (median µs, serial vs two threads): 4 Ki 1.0 vs
  /// 1.1, 32 Ki 7.4 vs 7.8, 64 Ki 16.3 vs 16.8 while other builds held the second core;
  /// `concurrentPerform` costs a few µs, so below 64 Ki elements two threads cannot win.
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
    // One item stays inline: a body that splits its own work (a sum of one long run) would
    // otherwise run inside `concurrentPerform`, where libdispatch runs a nested
    // `concurrentPerform` on one thread.
    if count < Swift.max(threshold, 2) || cores < 2 {
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

  /// Runs of at least this many elements are reduced in ``partChunks`` parts concurrently.
  /// Below it, two threads cannot win (the dispatch costs a few µs; a run of 2^17 doubles
  /// takes about 20 µs).
  static let partThreshold = 1 << 17
  /// The fixed number of parts: results do not depend on the machine's core count, and
  /// several parts per core keep a core taken by another process from holding up the rest.
  static let partChunks = 8

  /// Reduces a run of `count` elements in parts: `body` reduces each part's range and
  /// `combine` the parts' results (in order). A run shorter than ``partThreshold`` is one
  /// part, reduced inline without `combine` and without allocating. The parts end on
  /// multiples of 8 so SIMD loops stay aligned.
  ///
  /// - Parameters:
  ///   - count: Length of the run.
  ///   - threshold: Shortest run that is split (``partThreshold`` elements unless told, e.g.
  ///     fewer rows when each item is a row).
  ///   - body: Reduces one part; parts are disjoint and cover `0..<count`.
  ///   - combine: Reduces the parts' results, given in the order of their ranges.
  static func reduceParts<R>(
    count: Int, threshold: Int = partThreshold, _ body: (Range<Int>) -> R,
    combine: ([R]) -> R
  ) -> R {
    // Not `cores < 2`: one core runs the same parts one after the other (`tasks`), so a sum
    // rounds the same on every machine.
    if count < Swift.max(threshold, partChunks) { return body(0..<count) }
    var per = (count + partChunks - 1) / partChunks
    per = (per + 7) & ~7
    var parts: [R?] = Array(repeating: nil, count: partChunks)
    parts.withUnsafeMutableBufferPointer { out in
      let o = out
      tasks(partChunks) { c in
        let lo = Swift.min(c * per, count)
        let hi = Swift.min(lo + per, count)
        if lo < hi { o[c] = body(lo..<hi) }
      }
    }
    return combine(parts.compactMap { $0 })
  }
}
