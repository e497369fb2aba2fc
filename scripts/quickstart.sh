#!/usr/bin/env bash
# Sets up (Debian packages, release build) and runs the main example.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
.build/release/melix run examples/iris.mlx
