#!/usr/bin/env bash
# Melix read_csv and HDF5 read against pandas.read_csv and h5py, in one run.
# Rows: read_csv (Melix's default, one thread), read_csv with the opt-in second thread
# (CSVReader.parallelThreshold), and the HDF5 read of /X into a FeatureMatrix.
# Usage: bench/data/run.sh [REPEATS]   (default 5). Inputs go to ${MELIX_BENCH_DIR:-/tmp/melix-bench-data}.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repeats="${1:-5}"
out="${MELIX_BENCH_DIR:-/tmp/melix-bench-data}"
mkdir -p "$out"

python3 "$here/make_data.py" "$out"
swift build -c release --package-path "$here" >&2
bin="$(swift build -c release --package-path "$here" --show-bin-path)/melix-data-bench"

# Melix and Python alternate, one timed repeat each (after one untimed warm-up read), so a
# change in machine load between them affects both sides alike.
melix=""
python=""
for _ in $(seq "$repeats"); do
  melix+="$("$bin" "$out/bench.csv" "$out/bench.h5" 1)"$'\n'
  python+="$(python3 "$here/python_bench.py" "$out/bench.csv" "$out/bench.h5" 1)"$'\n'
done

python3 - "$melix" "$python" "$out" <<'PY'
import os, statistics, sys
def parse(text):
    times = {}
    for line in text.strip().splitlines():
        times.setdefault(line.split()[0], []).extend(float(v) for v in line.split()[1:])
    return times
melix, python, out = parse(sys.argv[1]), parse(sys.argv[2]), sys.argv[3]
size = os.path.getsize(os.path.join(out, "bench.csv")) / 1e6
print(f"CSV: {size:.0f} MB, 1,000,000 rows x 11 columns; HDF5: 10^7 float64 (/X [1000000, 10])")
print("load average %.1f %.1f %.1f on %d cores (timings on a busy machine vary)" % (*os.getloadavg(), os.cpu_count()))
print(f"{'task':<10}{'Melix s':>10}{'Python s':>11}{'ratio (Python/Melix)':>23}")
for key, label, other in [("csv", "read_csv", "pandas"), ("csv2", "2 threads", "pandas"), ("h5", "hdf5 read", "h5py")]:
    m, p = statistics.median(melix[key]), statistics.median(python[key.rstrip("2")])
    print(f"{label:<10}{m:>10.3f}{p:>11.3f}{p / m:>20.2f}x  (vs {other}, median of {len(melix[key])})")
PY
