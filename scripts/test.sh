#!/usr/bin/env bash
# Sets up (Debian packages) and runs the whole test suite: unit tests, golden tests, examples.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --no-build
swift build --build-tests
swift test --skip-build "$@"
