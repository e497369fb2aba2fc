"""NumPy side of bench/tensor: the same figures as the Swift TensorBench, same format."""
import os
import sys
import time

import numpy as np


def median(reps, body):
    body()  # warm-up
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        body()
        times.append(time.perf_counter() - start)
    times.sort()
    return times[len(times) // 2]


def timed(body):
    start = time.perf_counter()
    body()
    return time.perf_counter() - start


rng = np.random.default_rng(1)
only = os.environ.get("BENCH_ONLY")
if only == "matmul256":
    # The fastest and median of 200 products, as TensorBench's mode of the same name.
    size = int(os.environ.get("BENCH_N", "256"))
    for dtype in ["float32", "float64"]:
        a = rng.random((size, size)).astype(dtype)
        b = rng.random((size, size)).astype(dtype)
        a @ b
        times = sorted(timed(lambda: a @ b) for _ in range(200))
        flop = 2 * size**3
        print(f"# numpy {size} {dtype} min {flop / times[0] / 1e9} med {flop / times[100] / 1e9}")
    sys.exit(0)
if only == "sum":
    for size, reps in [(100_000, 2001), (10_000_000, 41)]:
        a = rng.random(size)
        times = sorted(timed(a.sum) for _ in range(reps))
        print(f"# numpy sum {size} min {8 * size / times[0] / 1e9} med {8 * size / times[len(times) // 2] / 1e9} GB/s")
    sys.exit(0)

# 200 products at n = 256, as TensorBench (with 30, both sides often showed one core's speed).
for dtype in ["float32", "float64"]:
    for n, reps in [(256, 200), (1024, 7), (2048, 5)]:
        a = rng.random((n, n)).astype(dtype)
        b = rng.random((n, n)).astype(dtype)
        t = median(reps, lambda: a @ b)
        print(f"matmul_{n}_{dtype} {2 * n**3 / t / 1e9} GFLOP/s")

n = 10_000_000
a = rng.random(n)
b = rng.random(n)
t = median(9, lambda: a + b)
print(f"add_1e7_float64 {3 * 8 * n / t / 1e9} GB/s")
t = median(9, lambda: np.exp(a))
print(f"exp_1e7_float64 {2 * 8 * n / t / 1e9} GB/s")
t = median(9, lambda: a.sum())
print(f"sum_1e7_float64 {8 * n / t / 1e9} GB/s")
t = median(9, lambda: a.max())
print(f"max_1e7_float64 {8 * n / t / 1e9} GB/s")
t = median(9, lambda: a.argmax())
print(f"argmax_1e7_float64 {8 * n / t / 1e9} GB/s")
s1 = rng.random(10)
s2 = rng.random(10)
def small_adds():
    for _ in range(10_000):
        s1 + s2
t = median(9, small_adds)
print(f"add_small_10 {10_000 / t / 1e6} Mops/s")
x = rng.random((32, 64))
w = rng.random((64, 10))
def small_mm():
    for _ in range(10_000):
        x @ w
t = median(9, small_mm)
print(f"matmul_32x64x10 {10_000 / t / 1e6} Mops/s")
try:
    from threadpoolctl import threadpool_info
    for info in threadpool_info():
        if info.get("internal_api") == "openblas":
            print(f"# numpy openblas {info.get('version')} kernel {info.get('architecture')} threads {info.get('num_threads')}")
except ImportError:
    pass
