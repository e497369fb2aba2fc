import Dispatch
import Foundation
import XCTest

@testable import MelixNumerics

/// `Parallel.forChunks` must not wrap a single item in `concurrentPerform`: the body of a
/// whole-tensor reduction splits its own work with `Parallel.tasks`, and libdispatch runs a
/// `concurrentPerform` nested in another on one thread (`sum` of 10^7 doubles ran on one
/// core, at half the speed of the same code called directly).
final class ParallelTests: XCTestCase {
  func testOneItemRunsInlineOnTheCallingThread() {
    let caller = pthread_self()
    var calls: [Range<Int>] = []
    var onCaller = false
    Parallel.forChunks(count: 1, threshold: 1) { range in
      calls.append(range)
      onCaller = pthread_equal(pthread_self(), caller) != 0
    }
    XCTAssertEqual(calls, [0..<1])
    XCTAssertTrue(onCaller)
  }

  /// The two tasks a one-item body starts meet each other, which needs two threads: nested in
  /// `concurrentPerform` they ran one after the other and the first waited in vain.
  func testTasksInsideOneItemRunConcurrently() throws {
    try XCTSkipIf(Parallel.cores < 2, "one core")
    let arrived = [DispatchSemaphore(value: 0), DispatchSemaphore(value: 0)]
    var met = [false, false]
    met.withUnsafeMutableBufferPointer { buffer in
      let met = buffer
      Parallel.forChunks(count: 1, threshold: 1) { _ in
        Parallel.tasks(2) { task in
          arrived[task].signal()
          met[task] = arrived[1 - task].wait(timeout: .now() + 10) == .success
        }
      }
    }
    XCTAssertEqual(met, [true, true])
  }

  func testChunksCoverEveryItemOnce() {
    let count = 1 << 18
    var seen = [Int](repeating: 0, count: count)
    seen.withUnsafeMutableBufferPointer { buffer in
      let seen = buffer
      Parallel.forChunks(count: count) { range in
        for i in range { seen[i] += 1 }
      }
    }
    XCTAssertEqual(seen.min(), 1)
    XCTAssertEqual(seen.max(), 1)
  }

  /// A whole-tensor sum is the same pairwise sum of eight fixed chunks whichever thread runs
  /// each chunk: the value is exact for integers below 2^53.
  func testLongSumIsExactAndReproducible() throws {
    let n = 3_000_001
    let t = Tensor((0..<n).map { Double($0) })
    let expected = Double(n - 1) * Double(n) / 2
    XCTAssertEqual(try t.sum().item(), expected)
    XCTAssertEqual(try t.sum().item(), try t.sum().item())
  }
}

/// The SIMD and multi-threaded `max`/`min`/`argmax`/`argmin` kernels against a plain
/// left-to-right scan (NumPy's semantics: first NaN wins, ties give the first position), over
/// lengths around the SIMD width, the block and the parallel threshold.
final class ExtremumKernelTests: XCTestCase {
  func reference<T: Comparable>(_ xs: [T], larger: Bool) -> Int {
    var best = 0
    for (i, v) in xs.enumerated() {
      if v != v { return i }
      if larger ? v > xs[best] : v < xs[best] { best = i }
    }
    return best
  }

  func check<T: ExtremumScalar>(_ xs: [T], _ label: String) {
    for larger in [true, false] {
      let expected = reference(xs, larger: larger)
      let (index, value) = xs.withUnsafeBufferPointer { b -> (Int, T) in
        let p = b.baseAddress!
        return (
          Extremum.index(p, xs.count, larger: larger), Extremum.value(p, xs.count, larger: larger)
        )
      }
      XCTAssertEqual(index, expected, "\(label) larger: \(larger) n: \(xs.count)")
      let e = xs[expected]
      XCTAssertTrue(value == e || (value != value && e != e), "\(label) value \(value) vs \(e)")
    }
  }

  func testAgainstAScalarScan() throws {
    var g = PCG64(seed: 7)
    let lengths = [1, 2, 7, 8, 9, 15, 16, 17, 31, 100, 1000, 4099, (1 << 17) - 1, 1 << 17, 300_007]
    for n in lengths {
      // Few distinct values, so ties across lanes and chunks are common.
      let small = try Tensor.randint(-5, 5, shape: [n], using: &g)
      let ints = small.toArray(Int64.self)
      check(ints, "int64")
      var doubles = ints.map { Double($0) }
      check(doubles, "float64 ties")
      check(doubles.map { Float($0) }, "float32 ties")
      // The extreme in the last (tail) element, then a NaN at a few positions.
      doubles[n - 1] = 99
      check(doubles, "float64 last")
      for at in Set([0, n / 3, n - 1]) {
        var withNaN = doubles
        withNaN[at] = .nan
        if n > 2 { withNaN[n - 2] = -.nan }
        check(withNaN, "float64 NaN at \(at)")
        check(withNaN.map { Float($0) }, "float32 NaN at \(at)")
      }
      check(doubles.map { -$0 }, "negated")
    }
  }

  func testInfinitiesAndSignedZeros() {
    check([0.0, -0.0, 0.0, -.infinity, .infinity, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, .infinity], "inf")
    check([-0.0, 0.0, -0.0, 0.0, -0.0, 0.0, -0.0, 0.0, -0.0, 0.0, -0.0, 0.0, -0.0, 0.0, -0.0, 0.0, 0.0], "zeros")
  }
}

/// The SIMD nonzero counts behind `any` and `all` against `x != 0`, over lengths around the
/// SIMD widths, the 1024 block and the parallel threshold, with NaN (nonzero) and -0.0 (zero).
final class NonzeroKernelTests: XCTestCase {
  func check<T: NonzeroCounting>(_ xs: [T], _ label: String) {
    let nonzero = xs.filter { $0 != T.zeroValue }.count
    xs.withUnsafeBufferPointer { b in
      let p = b.baseAddress!
      XCTAssertEqual(T.countNonzero(p, 0, xs.count), nonzero, "\(label) n: \(xs.count)")
      XCTAssertEqual(T.decides(p, 0..<xs.count, any: true), nonzero > 0, "\(label) any")
      XCTAssertEqual(T.decides(p, 0..<xs.count, any: false), nonzero < xs.count, "\(label) all")
    }
  }

  func testAgainstAScalarCount() throws {
    var g = PCG64(seed: 3)
    for n in [1, 7, 8, 9, 31, 32, 33, 1023, 1024, 1025, 8191, 300_007] {
      let ints = try Tensor.randint(0, 3, shape: [n], using: &g).toArray(Int64.self)
      check(ints, "int64")
      check(ints.map { $0 == 2 ? Int64.min : -$0 }, "int64 negative")
      check(ints.map { $0 != 0 }, "bool")
      var doubles = ints.map { $0 == 0 ? -0.0 : $0 == 1 ? Double.nan : 2.5 }
      check(doubles, "float64")
      check(doubles.map { Float($0) }, "float32")
      // One nonzero at the very end, and one zero at the very end.
      doubles = [Double](repeating: 0, count: n)
      doubles[n - 1] = .nan
      check(doubles, "float64 last nonzero")
      check(doubles.map { Float($0) }, "float32 last nonzero")
      check((0..<n).map { $0 == n - 1 ? 0 : Int64($0 + 1) }, "int64 last zero")
      check((0..<n).map { $0 != n - 1 }, "bool last false")
    }
  }

  /// More than 255 × 32 true bytes in one count: the byte lanes must be widened in time.
  func testLongBoolRunsDoNotWrap() {
    let xs = [Bool](repeating: true, count: 32 * 300 + 5)
    xs.withUnsafeBufferPointer { b in
      XCTAssertEqual(Bool.countNonzero(b.baseAddress!, 0, xs.count), xs.count)
    }
  }

  func testTensorAnyAllOverAxes() throws {
    let t = try Tensor(shape: [2, 3], scalars: [0.0, -0.0, .nan, 0, 0, 0])
    XCTAssertEqual(try t.any(axes: [1]).toArray(Bool.self), [true, false])
    XCTAssertEqual(try t.all(axes: [0]).toArray(Bool.self), [false, false, false])
    XCTAssertEqual(try t.any().item(), 1)
    XCTAssertEqual(try Tensor.zeros([0]).all().item(), 1)
    XCTAssertEqual(try Tensor.zeros([0]).any().item(), 0)
  }
}

/// `max`/`min` over leading axes fold whole rows; they must equal the same reduction done
/// along the last axis of the transposed copy (the run kernels, tested above).
final class LeadingExtremumTests: XCTestCase {
  func testLeadingAxesEqualTheTransposedReduction() throws {
    var g = PCG64(seed: 11)
    for (rows, columns) in [(1, 1), (3, 7), (5, 8), (9, 17), (2000, 3), (700, 301), (20_000, 10)] {
      let ints = try Tensor.randint(-4, 4, shape: [rows, columns], using: &g)
      var t = ints.cast(to: .float64)
      // NaN in a few places: the first row, the last row, a middle column.
      try t.setValue(.nan, at: [0, columns - 1])
      try t.setValue(.nan, at: [rows - 1, 0])
      try t.setValue(.nan, at: [rows / 2, columns / 2])
      for dtype in [DType.float64, .float32, .int64] {
        let x = dtype == .int64 ? ints : t.cast(to: dtype)
        let transposed = x.transposed.contiguous()
        for larger in [true, false] {
          let got = larger ? try x.max(axes: [0]) : try x.min(axes: [0])
          let want = larger ? try transposed.max(axes: [1]) : try transposed.min(axes: [1])
          XCTAssertEqual(got.shape, [columns])
          XCTAssertEqual(
            got.toArray(Double.self).map { $0.isNaN ? "nan" : "\($0)" },
            want.toArray(Double.self).map { $0.isNaN ? "nan" : "\($0)" },
            "\(dtype) \(rows)x\(columns) larger: \(larger)")
        }
      }
    }
  }

  func testSeveralLeadingAxesWithKeepDims() throws {
    var g = PCG64(seed: 12)
    let x = Tensor.randn([4, 5, 6], using: &g)
    let got = try x.max(axes: [0, 1], keepDims: true)
    XCTAssertEqual(got.shape, [1, 1, 6])
    let want = try x.reshaped([20, 6]).transposed.contiguous().max(axes: [1])
    XCTAssertEqual(got.toArray(Double.self), want.toArray(Double.self))
  }
}
