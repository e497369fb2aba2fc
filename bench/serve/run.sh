#!/usr/bin/env bash
# Model serving, Melix (`melix serve`, release build) vs FastAPI + scikit-learn (uvicorn, one
# worker and two), the same iris logistic regression behind the same one-row TF-Serving
# request, each loaded in turn on loopback by `wrk -t2 -c16 -d10s`. Prints requests/s and
# p50/p99 latency side by side, and for the servers it starts itself the CPU time per request
# and how long its threads waited for a core (run-queue wait / run time, from
# /proc/PID/task/*/schedstat: 1.0 means every millisecond of work also waited a millisecond),
# and the same wait for wrk itself, whose latencies include it.
# A zero-work C server (floor.c) and a trivial route of melix (GET /v2/health/live) loaded the
# same way show what the machine and the HTTP stack allow by themselves.
# Usage: bench/serve/run.sh [duration in whole seconds, default 10s]
# Needs: wrk (apt-get install wrk), a C compiler, pip install fastapi uvicorn (installed if
# missing).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/../.."
duration="${1:-10s}"
iris="$root/Tests/MelixMLTests/Fixtures/explain/iris.csv"
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1
command -v wrk >/dev/null || { apt-get install -y wrk >/dev/null 2>&1 || (apt-get update >/dev/null && apt-get install -y wrk >/dev/null); }
python3 -c "import fastapi, uvicorn" 2>/dev/null || pip install --quiet fastapi uvicorn
tmp="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]:-}"; do [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT

(cd "$root" && swift build -c release --product melix >/dev/null 2>&1)
melix="$(cd "$root" && swift build -c release --show-bin-path 2>/dev/null)/melix"
cc -O2 -o "$tmp/floor" "$here/floor.c"
cat >"$tmp/make.mlx" <<MLX
let iris = read_csv("$iris", target: "species")
let model = logistic_regression(max_iter: 1000)
train(model, iris)
save(model, "$tmp/iris.h5")
MLX
"$melix" run "$tmp/make.mlx"

wait_ready() {  # url; at most 30 s
  for _ in $(seq 1 300); do
    curl -s -o /dev/null -X POST -H 'Content-Type: application/json' \
      -d '{"instances": [[6.1, 2.8, 4.7, 1.2]]}' "$1" && return 0
    sleep 0.1
  done
  echo "server at $1 did not start" >&2
  return 1
}

# CPU ticks (all threads) and run/wait nanoseconds (summed over threads) of a process.
cpu_of() { awk '{print $14 + $15}' "/proc/$1/stat"; }
sched_of() { cat /proc/"$1"/task/*/schedstat | awk '{r += $1; w += $2} END {printf "%.0f %.0f", r, w}'; }

load() {  # name url [server pid] [wrk script, default post.lua; "none" sends GET]
  local pid="${3:-}" script="${4:-$here/post.lua}" cpu0=0 sched0="0 0" cpu1=0 sched1="0 0"
  local with=(-s "$script")
  [ "$script" = none ] && with=()
  if [ -n "$pid" ]; then cpu0=$(cpu_of "$pid"); sched0=$(sched_of "$pid"); fi
  wrk -t2 -c16 -d"$duration" --latency "${with[@]}" "$2" >"$tmp/$1.txt" &
  local wrk_pid=$! wrk_sched="0 0"
  # wrk's own wait for a core, read a second before it ends: its latencies include it.
  sleep $(( ${duration%s} - 1 ))
  wrk_sched=$(sched_of "$wrk_pid" 2>/dev/null || echo "0 0")
  wait "$wrk_pid"
  if [ -n "$pid" ]; then cpu1=$(cpu_of "$pid"); sched1=$(sched_of "$pid"); fi
  python3 - "$1" "$tmp/$1.txt" "$cpu0" "$cpu1" $sched0 $sched1 "$(getconf CLK_TCK)" $wrk_sched <<'PY'
import re, sys
name, path = sys.argv[1], sys.argv[2]
cpu0, cpu1, run0, wait0, run1, wait1, hz, wrk_run, wrk_wait = map(float, sys.argv[3:12])
text = open(path).read()
def ms(label):
    m = re.search(r"^\s*" + label + r"\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
    v, unit = float(m.group(1)), m.group(2)
    return v / 1000 if unit == "us" else v * 1000 if unit == "s" else v
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
count = int(re.search(r"(\d+) requests in", text).group(1))
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
extra = ""
if cpu1 > 0:
    extra = (f"   cpu {(cpu1 - cpu0) / hz * 1e6 / count:5.1f} us/req"
             f"   wait/run {(wait1 - wait0) / max(run1 - run0, 1):4.2f}")
extra += f"   wrk wait/run {wrk_wait / max(wrk_run, 1):4.2f}"
print(f"{name:<26} {rps:>8.0f} req/s   p50 {ms('50%'):7.3f} ms   p99 {ms('99%'):7.3f} ms{extra}"
      + (f"   NON-2XX {errors.group(1)}" if errors else ""))
with open(path + ".rps", "w") as f:
    f.write(str(rps))
PY
}

echo "# one-row POST /v1/models/iris:predict, wrk -t2 -c16 -d$duration, loopback, $(getconf _NPROCESSORS_ONLN) cores"
echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
port=18430
"$tmp/floor" $port &
pids+=($!)
wait_ready "http://127.0.0.1:$port/v1/models/iris:predict"
load "C floor (no work)" "http://127.0.0.1:$port/v1/models/iris:predict" "${pids[-1]}"
kill -TERM "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true

# The default (one event-loop thread on <= 2 cores), then two threads for comparison.
for threads in default 2; do
  port=$((18431 + ${#pids[@]}))
  args=(); label="melix serve"
  if [ "$threads" != default ]; then args=(--threads "$threads"); label="melix serve --threads $threads"; fi
  "$melix" serve "$tmp/iris.h5" --name iris --port $port "${args[@]}" 2>"$tmp/melix.log" &
  pids+=($!)
  wait_ready "http://127.0.0.1:$port/v1/models/iris:predict"
  load "$label" "http://127.0.0.1:$port/v1/models/iris:predict" "${pids[-1]}"
  if [ "$threads" = default ]; then
    # A trivial route of the same server (Hummingbird, middleware, metrics; no JSON, no model).
    load "melix GET health live" "http://127.0.0.1:$port/v2/health/live" "${pids[-1]}" none
  fi
  kill -TERM "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true
done

for workers in 1 2; do
  port=$((18440 + workers))
  IRIS_CSV="$iris" python3 -m uvicorn fastapi_app:app --app-dir "$here" --host 127.0.0.1 \
    --port $port --workers $workers --log-level warning --no-access-log &
  pid=$!
  pids+=($pid)
  wait_ready "http://127.0.0.1:$port/v1/models/iris:predict"
  load "fastapi ($workers worker)" "http://127.0.0.1:$port/v1/models/iris:predict"
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
done
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$tmp" <<'PY'
import sys
d = sys.argv[1]
m = float(open(f"{d}/melix serve.txt.rps").read())
for w in (1, 2):
    f = float(open(f"{d}/fastapi ({w} worker).txt.rps").read())
    print(f"ratio melix / fastapi ({w} worker): {m / f:.1f}x requests/s")
PY
