#!/usr/bin/env bash
# Installs the Debian packages Melix builds on (when missing) and builds the release binary.
# Usage: scripts/setup.sh [--no-build]
set -euo pipefail
cd "$(dirname "$0")/.."

# curl: the server tests send real HTTP requests with it.
packages=(libopenblas-dev liblapacke-dev libhdf5-dev libedit-dev pkg-config curl)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  sudo=""
  if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! command -v swift >/dev/null; then
  echo "setup: error: 'swift' not found; install Swift 6 from swift.org first" >&2
  exit 1
fi

if [ "${1:-}" != "--no-build" ]; then
  swift build -c release --product melix
fi
