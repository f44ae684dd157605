#!/usr/bin/env bash
# The README's main command: install what is missing, build, and run a conformance run of the
# bundled emulator (`paircheck run --target embedded`), writing the report into paircheck-report/.
# Arguments are passed on to `paircheck run` (e.g. --seed 7 --sequences 2000 --target URL).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset default >/dev/null
cmake --build --preset default -j "$(nproc)" --target paircheck paircheck-emulator
report_dir=(--report-dir paircheck-report)
for arg in "$@"; do
  case "$arg" in --report-dir|--report-dir=*) report_dir=() ;; esac
done
exec build/default/cli/paircheck run "${report_dir[@]}" "$@"
