#!/usr/bin/env bash
# Classical models, Melix (release build) vs scikit-learn in one run, on the same split
# (every 4th row held out), scaling, hyper-parameters and tolerance: logistic regression on
# breast_cancer (binary) and digits (10-class multinomial), k-NN on digits. Prints each
# side's median fit / predict time, iterations and test accuracy, then the time ratios.
# Usage: bench/train/run.sh [repeats]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
fixtures="$here/../../Tests/MelixMLTests/Fixtures"
repeats="${1:-30}"
# One BLAS thread for both sides: the problems are small (DESIGN.md, numerics notes).
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# digits from scikit-learn's bundled copy (same values as /work/shared/data/digits.csv).
python3 - "$tmp/digits.csv" <<'PY'
import sys
from sklearn.datasets import load_digits
d = load_digits(as_frame=True).frame
d.to_csv(sys.argv[1], index=False)
PY

(cd "$here" && swift build -c release --product melix-train-bench >/dev/null 2>&1)
bin="$(cd "$here" && swift build -c release --show-bin-path 2>/dev/null)/melix-train-bench"

compare() {
  local title="$1"
  shift
  echo "# $title ($repeats repeats, median)"
  local melix sklearn
  melix="$("$bin" "$@" "$repeats")"
  sklearn="$(python3 "$here/sklearn_bench.py" "$@" "$repeats")"
  echo "$melix"
  echo "$sklearn"
  python3 - "$melix" "$sklearn" <<'PY'
import json, sys
m, s = json.loads(sys.argv[1]), json.loads(sys.argv[2])
print(f"fit: melix {m['fit_seconds'] * 1e3:.3f} ms, sklearn {s['fit_seconds'] * 1e3:.3f} ms, "
      f"ratio {s['fit_seconds'] / m['fit_seconds']:.2f}x; "
      f"predict ratio {s['predict_seconds'] / m['predict_seconds']:.2f}x; "
      f"accuracy melix {m['accuracy']:.4f}, sklearn {s['accuracy']:.4f}")
PY
}

compare "logistic regression, breast_cancer, C=1, tol=1e-4" \
  logistic "$fixtures/breast_cancer.csv" diagnosis 1.0 1e-4
compare "logistic regression, breast_cancer, C=1, tol=1e-8" \
  logistic "$fixtures/breast_cancer.csv" diagnosis 1.0 1e-8
compare "logistic regression (multinomial), digits, C=1, tol=1e-4" \
  logistic "$tmp/digits.csv" target 1.0 1e-4
compare "k-NN classifier, digits, k=5" knn "$tmp/digits.csv" target 5
