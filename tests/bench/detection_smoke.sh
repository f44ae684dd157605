#!/usr/bin/env bash
# bench/detection/ttd.py still measures (scripts/bench.sh runs it in full): one planted fault, one
# seed, must be found and timed; a path that is not a program is refused with exit 2. Nothing about
# time is asserted beyond the bench's own budget.
# usage: detection_smoke.sh TTD_PY PAIRCHECK
set -uo pipefail
ttd=$1 paircheck=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$ttd" --paircheck "$work/none" >/dev/null 2>&1
rc=$?
[ "$rc" = 2 ] || { echo "FAIL: a missing program gave exit $rc, expected 2"; exit 1; }
out=$(python3 "$ttd" --paircheck "$paircheck" --faults invalid-status-as-400 --seeds 1 \
      --timeout 120 --work "$work/runs" 2>&1)
rc=$?
echo "$out"
[ "$rc" = 0 ] || { echo "FAIL: exit $rc"; exit 1; }
grep -Eq '^ttd invalid-status-as-400 seed 1: [0-9]+\.[0-9]+ s$' <<< "$out" ||
  { echo "FAIL: no time for the fault"; exit 1; }
grep -q '^ttd found invalid-status-as-400: 1/1 seeds$' <<< "$out" ||
  { echo "FAIL: the fault was not counted as found"; exit 1; }
