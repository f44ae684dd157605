#!/usr/bin/env bash
# The bench programs still run and print only `name: value unit` lines (a tiny workload; nothing
# about time is asserted: figures come from scripts/bench.sh on a quiet machine).
# usage: bench_smoke.sh BENCH_JUDGE BENCH_INPROCESS BENCH_EMULATOR BENCH_HTTP
set -uo pipefail
failures=0
check() {  # check PROGRAM ARGS...
  local out rc
  out=$("$@" 2>&1); rc=$?
  if [ "$rc" != 0 ]; then echo "FAIL: $* exited $rc"; echo "$out" | head; failures=$((failures + 1)); return; fi
  local bad
  bad=$(echo "$out" | grep -Ev '^[a-z0-9_]+: -?[0-9.]+ [A-Za-z/%]+$' || true)
  if [ -n "$bad" ]; then echo "FAIL: $1 printed lines that are not 'name: value unit':"; echo "$bad" | head; failures=$((failures + 1)); fi
  echo "$(basename "$1"): $(echo "$out" | wc -l) figures"
}
check "$1" 20
check "$2" 30
check "$3" --requests 300
check "$4" 30
[ "$failures" = 0 ] || exit 1
