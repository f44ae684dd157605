#!/usr/bin/env bash
# The README's test command: install what is missing, build the default preset, run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --node --report
cmake --preset default >/dev/null
cmake --build --preset default -j "$(nproc)"
ctest --preset default -j "$(nproc)"
