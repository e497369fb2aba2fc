#!/usr/bin/env bash
# Interpreter benchmark: recursive fib(27), a loop summing 1..10^7 and a 120x120 matrix
# product over lists, each in Melix, Python 3 and Lua 5.4. Builds melix in release mode,
# checks that the three languages print the same result, then prints the median wall time
# of RUNS runs (default 5) and the ratio Melix/Python.
#
# Usage: bench/interp/run.sh            (from anywhere)
#        RUNS=3 bench/interp/run.sh
#        MELIX=/path/to/melix bench/interp/run.sh   (skip the build, use that binary)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

if [[ -z "${MELIX:-}" ]]; then
  echo "building melix (release)..." >&2
  (cd "$root" && swift build -c release --product melix >&2)
  MELIX="$(cd "$root" && swift build -c release --show-bin-path)/melix"
fi

for tool in python3 lua5.4; do
  command -v "$tool" >/dev/null || { echo "run.sh: '$tool' is not installed" >&2; exit 1; }
done

exec python3 "$here/measure.py" --melix "$MELIX" --runs "${RUNS:-5}" "$here"
