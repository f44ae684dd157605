#!/usr/bin/env bash
# The README's test command: install what is missing, build the default preset, run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --node --report
# PAIRCHECK_OPT_FLAGS replaces the preset's "-O2 -g -DNDEBUG": CI builds without debug info
# ("-O2 -DNDEBUG", same code, ~40 % less compile time: docs/build-notes.md).
if [ -n "${PAIRCHECK_OPT_FLAGS:-}" ]; then
  cmake --preset default -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="$PAIRCHECK_OPT_FLAGS" >/dev/null
else
  cmake --preset default >/dev/null
fi
cmake --build --preset default -j "$(nproc)"
ctest --preset default -j "$(nproc)" --output-on-failure
