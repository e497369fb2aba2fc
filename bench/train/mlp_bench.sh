#!/usr/bin/env bash
# MLP training, Melix (release `melix`, a .mlx script) vs scikit-learn's MLPClassifier in
# one run: digits (8x8 pixels / 16), every 4th row held out, one hidden ReLU layer of 64,
# Adam lr 0.001, batch 32, 30 epochs, no early stopping. Prints each side's median time per
# epoch and test accuracy, then the ratio.
# Usage: bench/train/mlp_bench.sh [repeats]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/../.."
repeats="${1:-5}"
epochs=30 batch=32 hidden=64 lr=0.001
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
python3 - "$root/examples/data/digits.csv" "$tmp" <<'PY'
import sys
import pandas as pd
d = pd.read_csv(sys.argv[1]).rename(columns={"label": "target"})
features = [c for c in d.columns if c != "target"]
d[features] = d[features] / 16.0
rows = d.index.to_series()
d[rows % 4 != 0].to_csv(sys.argv[2] + "/train.csv", index=False)
d[rows % 4 == 0].to_csv(sys.argv[2] + "/test.csv", index=False)
PY
(cd "$root" && swift build -c release --product melix >/dev/null 2>&1)
melix="$(cd "$root" && swift build -c release --show-bin-path)/melix"
cat > "$tmp/mlp.mlx" <<MLX
let train_set = read_csv("$tmp/train.csv", target: "target", task: "classification")
let test_set = read_csv("$tmp/test.csv", target: "target", task: "classification")
var times = []
var acc = 0.0
for seed in range($repeats) {
  let model = mlp(hidden: [$hidden], activation: "relu")
  let h = train(model, train_set, epochs: $epochs, batch_size: $batch, optimizer: adam(lr: $lr), seed: seed, verbose: false)
  times = times + [h.seconds]
  acc = evaluate(model, test_set).accuracy
}
let ordered = sorted(times)
let median = ordered[int(len(ordered) / 2)]
print("{{\"tool\": \"melix\", \"seconds\": {median}, \"epoch_seconds\": {median / $epochs}, \"accuracy\": {acc}}}")
MLX
m="$("$melix" run "$tmp/mlp.mlx")"
s="$(python3 "$here/mlp_sklearn.py" "$tmp/train.csv" "$tmp/test.csv" $epochs $batch $hidden $lr "$repeats")"
echo "# MLP 64 relu on digits, adam lr $lr, batch $batch, $epochs epochs ($repeats repeats, median)"
echo "$m"
echo "$s"
python3 - "$m" "$s" <<'PY'
import json, sys
m, s = json.loads(sys.argv[1]), json.loads(sys.argv[2])
print(f"time per epoch: melix {m['epoch_seconds'] * 1e3:.2f} ms, sklearn {s['epoch_seconds'] * 1e3:.2f} ms, "
      f"ratio {s['epoch_seconds'] / m['epoch_seconds']:.2f}x; "
      f"test accuracy melix {m['accuracy']:.4f}, sklearn {s['accuracy']:.4f}")
PY
