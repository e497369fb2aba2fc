// Times MelixNumerics on the figures bench/tensor/numpy_bench.py times for NumPy and prints
// one `name value unit` line each (medians of several repetitions).
import Foundation
import MelixNumerics

func now() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_MONOTONIC, &t)
  return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

func median(_ reps: Int, _ body: () throws -> Void) rethrows -> Double {
  try body()  // warm-up
  var times: [Double] = []
  for _ in 0..<reps {
    let start = now()
    try body()
    times.append(now() - start)
  }
  times.sort()
  return times[times.count / 2]
}

var generator = PCG64(seed: 1)
var sink = 0.0

// BENCH_ONLY=mlp times one training step of a small MLP through autograd (Melix only).
if ProcessInfo.processInfo.environment["BENCH_ONLY"] == "mlp" {
  let x = Tensor.randn([128, 64], using: &generator)
  let y = try Tensor.randint(0, 10, shape: [128], using: &generator)
  var w1 = (Tensor.randn([64, 128], using: &generator) * 0.1).requiringGrad()
  var w2 = (Tensor.randn([128, 10], using: &generator) * 0.1).requiringGrad()
  let b1 = Tensor.zeros([128]).requiringGrad()
  let t = try median(50) {
    w1.zeroGrad()
    w2.zeroGrad()
    b1.zeroGrad()
    let h = try (try x.matmul(w1) + b1).relu()
    let loss = try Tensor.crossEntropy(logits: try h.matmul(w2), targets: y)
    try loss.backward()
    if let g = w1.grad { try w1.addScaled(g, by: -0.01) }
    if let g = w2.grad { try w2.addScaled(g, by: -0.01) }
  }
  print("# mlp step 128x64x128x10: \(t * 1e6) µs")
  exit(0)
}

// BENCH_ONLY=overhead: 10^6 small additions and products, for timing per-call overhead.
if ProcessInfo.processInfo.environment["BENCH_ONLY"] == "overhead" {
  let p = Tensor.rand([10], using: &generator)
  let q = Tensor.rand([10], using: &generator)
  for _ in 0..<1_000_000 { sink += try (try (try p + q) * q).value(at: [0]) }
  print("# \(sink)")
  exit(0)
}

// BENCH_ONLY=matmul256 prints the fastest and median of 200 products at n = BENCH_N (256
// unless told), for telling a slow library from a loaded machine; numpy_bench.py has the
// same mode.
if ProcessInfo.processInfo.environment["BENCH_ONLY"] == "matmul256" {
  let size = Int(ProcessInfo.processInfo.environment["BENCH_N"] ?? "") ?? 256
  for dtype in [DType.float32, .float64] {
    let a = Tensor.rand([size, size], dtype: dtype, using: &generator)
    let b = Tensor.rand([size, size], dtype: dtype, using: &generator)
    var times: [Double] = []
    sink += try a.matmul(b).value(at: [0, 0])
    for _ in 0..<200 {
      let start = now()
      sink += try a.matmul(b).value(at: [0, 0])
      times.append(now() - start)
    }
    times.sort()
    let flop = 2 * Double(size * size * size)
    print("# melix \(size) \(dtype) min \(flop / times[0] / 1e9) med \(flop / times[100] / 1e9)")
  }
  exit(0)
}

// BENCH_ONLY=sum prints the fastest and median of 2001 sums of 10^5 doubles (in cache) and
// of 41 sums of 10^7 (from memory); numpy_bench.py has the same mode.
if ProcessInfo.processInfo.environment["BENCH_ONLY"] == "sum" {
  for size in [100_000, 10_000_000] {
    let a = Tensor.rand([size], using: &generator)
    var times: [Double] = []
    for _ in 0..<(size > 100_000 ? 41 : 2001) {
      let start = now()
      sink += try a.sum().item()
      times.append(now() - start)
    }
    times.sort()
    let bytes = 8 * Double(size)
    print(
      "# melix sum \(size) min \(bytes / times[0] / 1e9) med \(bytes / times[times.count / 2] / 1e9) GB/s"
    )
  }
  exit(0)
}

// BENCH_ONLY=elementwise skips the matrix products, BENCH_ONLY=small runs only the
// small-tensor figures (for profiling).
let only = ProcessInfo.processInfo.environment["BENCH_ONLY"]
let onlyElementwise = only == "elementwise" || only == "small"
// 200 products at n = 256 (40 ms): with 30, a quiet run showed both libraries at about one
// core's speed (106 and 110 GFLOP/s in float32), against 180 to 190 over 200 back-to-back
// products (BENCH_ONLY=matmul256).
for dtype in [DType.float32, .float64] where !onlyElementwise {
  for (n, reps) in [(256, 200), (1024, 7), (2048, 5)] {
    let a = Tensor.rand([n, n], dtype: dtype, using: &generator)
    let b = Tensor.rand([n, n], dtype: dtype, using: &generator)
    let t = try median(reps) { sink += try a.matmul(b).value(at: [0, 0]) }
    print("matmul_\(n)_\(dtype) \(2 * Double(n * n * n) / t / 1e9) GFLOP/s")
  }
}

let n = only == "small" ? 1000 : 10_000_000
let a = Tensor.rand([n], using: &generator)
let b = Tensor.rand([n], using: &generator)
let tAdd = try median(9) { sink += try (a + b).value(at: [0]) }
print("add_1e7_float64 \(3 * 8 * Double(n) / tAdd / 1e9) GB/s")
let tExp = try median(9) { sink += try a.exp().value(at: [0]) }
print("exp_1e7_float64 \(2 * 8 * Double(n) / tExp / 1e9) GB/s")
let tSum = try median(9) { sink += try a.sum().item() }
print("sum_1e7_float64 \(8 * Double(n) / tSum / 1e9) GB/s")
let tMax = try median(9) { sink += try a.max().item() }
print("max_1e7_float64 \(8 * Double(n) / tMax / 1e9) GB/s")
let tArgmax = try median(9) { sink += try a.argmax().item() }
print("argmax_1e7_float64 \(8 * Double(n) / tArgmax / 1e9) GB/s")
// Per-call overhead on small tensors (what a training loop on small batches pays).
let small1 = Tensor.rand([10], using: &generator)
let small2 = Tensor.rand([10], using: &generator)
let tSmall = try median(9) { for _ in 0..<10_000 { sink += try (small1 + small2).value(at: [0]) } }
print("add_small_10 \(10_000 / tSmall / 1e6) Mops/s")
let x = Tensor.rand([32, 64], using: &generator)
let w = Tensor.rand([64, 10], using: &generator)
let tSmallMM = try median(9) { for _ in 0..<10_000 { sink += try x.matmul(w).value(at: [0, 0]) } }
print("matmul_32x64x10 \(10_000 / tSmallMM / 1e6) Mops/s")
if sink == 42 { print("") }
