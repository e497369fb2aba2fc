#!/bin/sh
# REPL start-up benchmark: time from start to a ready prompt and to the answer of `1 + 1`,
# medians of several runs through a pseudo-terminal, beside CPython's REPL (`python3 -q -i`).
# Target: melix under 100 ms for both.
#
#   bench/repl/run.sh [MELIX_BINARY]      (default: .build/release/melix, built if missing)
#   RUNS=25 bench/repl/run.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
runs=${RUNS:-15}
melix=${1:-${MELIX_BINARY:-$root/.build/release/melix}}
if [ ! -x "$melix" ]; then
  echo "building $melix (release)..." >&2
  (cd "$root" && swift build -c release --product melix >&2)
fi
python3 "$here/measure.py" --runs "$runs" "$melix"
