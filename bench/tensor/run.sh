#!/usr/bin/env bash
# Runs the MelixNumerics benchmark (TensorBench) and the NumPy benchmark (numpy_bench.py)
# on this machine, alternating ROUNDS times (default 3) so both see the same background
# load, and prints for each figure the median over rounds and the ratio Melix / NumPy
# (every unit is "higher is better").
set -euo pipefail
cd "$(dirname "$0")"
rounds="${ROUNDS:-3}"
swift build -c release --product TensorBench >&2
bin="$(swift build -c release --show-bin-path)/TensorBench"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
# The CPU time of every process between these two snapshots of /proc/stat, less the
# benchmarks' own (from the shell's `times`), is what other processes took: the ratios only mean
# something when that is near zero (a 256³ product with Debian's OpenBLAS 0.3.21 drops to
# one core's speed while another process runs; see Sources/MelixNumerics/BLAS.swift).
times > "$out/cpu.start"
head -1 /proc/stat > "$out/stat.start"
for round in $(seq "$rounds"); do
  echo "round $round of $rounds" >&2
  "$bin" > "$out/melix.$round"
  # NumPy's bundled OpenBLAS picks slower kernels when these are set (see the machine
  # notes), so they are unset for the NumPy side only.
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 numpy_bench.py > "$out/numpy.$round"
done
head -1 /proc/stat > "$out/stat.end"
times > "$out/cpu.end"
python3 - "$out" "$rounds" <<'PY'
import statistics, subprocess, sys
out, rounds = sys.argv[1], int(sys.argv[2])
def jiffies(name):
    fields = [int(x) for x in open(f"{out}/{name}").read().split()[1:]]
    busy = fields[0] + fields[1] + fields[2] + sum(fields[5:8])  # user nice system irq softirq steal
    return busy, sum(fields[:8])
busy0, total0 = jiffies("stat.start")
busy1, total1 = jiffies("stat.end")
def children_cpu(name):  # `times`' second line: the children's user and system time, 1m2.345s
    seconds = 0.0
    for field in open(f"{out}/{name}").read().splitlines()[-1].split():
        minutes, rest = field.rstrip("s").split("m")
        seconds += 60 * float(minutes) + float(rest)
    return seconds
own = children_cpu("cpu.end") - children_cpu("cpu.start")
others = max(0.0, (busy1 - busy0) / 100 - own) / max((total1 - total0) / 100, 1e-9)
def load(side):
    figures, notes = {}, []
    for r in range(1, rounds + 1):
        for line in open(f"{out}/{side}.{r}"):
            if line.startswith("#"):
                notes.append(line.strip())
                continue
            name, value, unit = line.split()
            figures.setdefault(name, ([], unit))[0].append(float(value))
    return {k: (statistics.median(v), u) for k, (v, u) in figures.items()}, notes
melix, _ = load("melix")
numpy, notes = load("numpy")
for note in sorted(set(notes)):
    print(note)
print(f"{'figure':22} {'melix':>10} {'numpy':>10} {'ratio':>7}  unit")
for name, (value, unit) in melix.items():
    other = numpy.get(name, (float("nan"), unit))[0]
    print(f"{name:22} {value:10.2f} {other:10.2f} {value / other:7.2f}  {unit}")
cpu = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
model = next((l.split(":", 1)[1].strip() for l in cpu.splitlines() if l.startswith("Model name")), "?")
load_avg = open("/proc/loadavg").read().split()[:3]
print(f"cpu: {model}; load average at the end: {' '.join(load_avg)}; medians of {rounds} rounds")
print(f"other processes used {100 * others:.0f}% of the CPU time during the run"
      + (" (quiet)" if others < 0.05 else ": the ratios are not reliable, re-run on a quiet machine"))
PY
