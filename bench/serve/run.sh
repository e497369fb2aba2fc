#!/usr/bin/env bash
# Model serving, Melix (`melix serve`, release build) vs FastAPI + scikit-learn (uvicorn, one
# worker and two), the same iris logistic regression behind the same one-row TF-Serving
# request, each loaded in turn on loopback by `wrk -t2 -c16 -d10s`. Prints requests/s and
# p50/p99 latency side by side. Usage: bench/serve/run.sh [duration, default 10s]
# Needs: wrk (apt-get install wrk), pip install fastapi uvicorn (installed if missing).
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

load() {  # name url
  wrk -t2 -c16 -d"$duration" --latency -s "$here/post.lua" "$2" >"$tmp/$1.txt"
  python3 - "$1" "$tmp/$1.txt" <<'PY'
import re, sys
text = open(sys.argv[2]).read()
def ms(label):
    m = re.search(r"^\s*" + label + r"\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
    v, unit = float(m.group(1)), m.group(2)
    return v / 1000 if unit == "us" else v * 1000 if unit == "s" else v
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
print(f"{sys.argv[1]:<22} {rps:>10.0f} req/s   p50 {ms('50%'):7.3f} ms   p99 {ms('99%'):7.3f} ms"
      + (f"   NON-2XX {errors.group(1)}" if errors else ""))
with open(sys.argv[2] + ".rps", "w") as f:
    f.write(str(rps))
PY
}

port=18431
"$melix" serve "$tmp/iris.h5" --name iris --port $port 2>"$tmp/melix.log" &
pids+=($!)
wait_ready "http://127.0.0.1:$port/v1/models/iris:predict"
echo "# one-row POST /v1/models/iris:predict, wrk -t2 -c16 -d$duration, loopback"
load "melix serve" "http://127.0.0.1:$port/v1/models/iris:predict"
kill -TERM "${pids[0]}"; wait "${pids[0]}" 2>/dev/null || true

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
python3 - "$tmp" <<'PY'
import sys
d = sys.argv[1]
m = float(open(f"{d}/melix serve.txt.rps").read())
for w in (1, 2):
    f = float(open(f"{d}/fastapi ({w} worker).txt.rps").read())
    print(f"ratio melix / fastapi ({w} worker): {m / f:.1f}x requests/s")
PY
