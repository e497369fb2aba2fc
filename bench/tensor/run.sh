#!/usr/bin/env bash
# Runs the MelixNumerics benchmark and the NumPy benchmark on this machine, one after the
# other, and prints each figure with the ratio Melix / NumPy (higher is better for Melix).
set -euo pipefail
cd "$(dirname "$0")"
swift build -c release --product TensorBench >&2
bin="$(swift build -c release --show-bin-path)/TensorBench"
melix="$("$bin")"
# NumPy's bundled OpenBLAS runs slower kernels when these are set (see the machine notes),
# so they are unset for the NumPy side only.
numpy="$(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 numpy_bench.py)"
echo "$numpy" | grep '^#' || true
printf '%-22s %12s %12s %8s  %s\n' figure melix numpy ratio unit
while read -r name value unit; do
  other="$(echo "$numpy" | awk -v n="$name" '$1 == n { print $2 }')"
  printf '%-22s %12.2f %12.2f %8.2f  %s\n' "$name" "$value" "$other" \
    "$(python3 -c "print($value / $other)")" "$unit"
done <<< "$melix"
cpu="$(lscpu | sed -n 's/^Model name: *//p')"
echo "cpu: $cpu, $(nproc) cores"
