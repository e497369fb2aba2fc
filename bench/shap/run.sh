#!/usr/bin/env bash
# Kernel SHAP, Melix (release build) vs shap.KernelExplainer in one run: the same logistic
# regression (breast cancer, first 10 features, standardised), the same 50 background rows
# and 20 explained rows. 10 features: both enumerate all 1022 coalitions, so the values are
# exact and must agree (checked to 1e-6). Prints median seconds per call and the ratio.
# Usage: bench/shap/run.sh [repeats]   (needs: pip install shap)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repeats="${1:-5}"
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1
python3 -c "import shap" 2>/dev/null || pip install --quiet shap
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
python3 "$here/shap_bench.py" make "$tmp/case.json"
(cd "$here" && swift build -c release --product melix-shap-bench >/dev/null 2>&1)
bin="$(cd "$here" && swift build -c release --show-bin-path 2>/dev/null)/melix-shap-bench"
melix="$("$bin" "$tmp/case.json" "$repeats")"
shap="$(python3 "$here/shap_bench.py" time "$tmp/case.json" "$repeats")"
python3 - "$melix" "$shap" "$repeats" <<'PY'
import json, sys
m, s = json.loads(sys.argv[1]), json.loads(sys.argv[2])
diff = max(abs(a - b) for a, b in zip(m["first_row"], s["first_row"]))
print(f"# Kernel SHAP, 20 rows x 10 features, 50 background rows, 1022 coalitions ({sys.argv[3]} repeats, median)")
print(f"melix {m['seconds'] * 1e3:.1f} ms, shap {s['seconds'] * 1e3:.1f} ms, "
      f"ratio {s['seconds'] / m['seconds']:.1f}x; max |difference| in row 0: {diff:.1e}")
if diff > 1e-6:
    sys.exit("values differ from shap by more than 1e-6")
PY
