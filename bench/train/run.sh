#!/usr/bin/env bash
# Logistic regression on breast_cancer: Melix (release build) vs scikit-learn, same split,
# scaling, C and tolerance, in one run. Prints each side's median fit time, iterations and
# test accuracy, then the time ratio. Usage: bench/train/run.sh [repeats]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
data="$here/../../Tests/MelixMLTests/Fixtures/breast_cancer.csv"
repeats="${1:-50}"
# One BLAS thread: the problem is tiny (see DESIGN.md, numerics notes).
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1

(cd "$here" && swift build -c release --product melix-train-bench >/dev/null)
bin="$(cd "$here" && swift build -c release --show-bin-path)/melix-train-bench"

for tol in 1e-4 1e-8; do
  echo "# C=1.0 tol=$tol, $repeats repeats, median fit time"
  melix="$("$bin" "$data" 1.0 "$tol" "$repeats")"
  sklearn="$(python3 "$here/sklearn_bench.py" "$data" 1.0 "$tol" "$repeats")"
  echo "$melix"
  echo "$sklearn"
  python3 - "$melix" "$sklearn" <<'PY'
import json, sys
m, s = json.loads(sys.argv[1]), json.loads(sys.argv[2])
print(f"ratio sklearn/melix fit time: {s['fit_seconds'] / m['fit_seconds']:.2f}x "
      f"(melix {m['fit_seconds'] * 1e3:.3f} ms, sklearn {s['fit_seconds'] * 1e3:.3f} ms; "
      f"accuracy melix {m['accuracy']:.4f}, sklearn {s['accuracy']:.4f})")
PY
done
