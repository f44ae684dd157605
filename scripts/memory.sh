#!/usr/bin/env bash
# Memory over run length (docs/performance.md): runs `paircheck run` for SEQUENCES sequences
# (100000 is about a million requests) against the in-process emulator, samples its resident set
# size every second, and prints it after the first minute and at the end, next to the peak that
# /usr/bin/time -v reports. The run log streams to disk, so the figures should stay flat.
#   scripts/memory.sh [SEQUENCES=100000] [BUILD_DIR=build/default] [extra paircheck run flags...]
set -euo pipefail
cd "$(dirname "$0")/.."
sequences=${1:-100000}
build=${2:-build/default}
shift $(( $# > 2 ? 2 : $# ))
[ -x /usr/bin/time ] || { echo "memory: /usr/bin/time is missing (apt-get install time)" >&2; exit 2; }
[ -x "$build/cli/paircheck" ] || { echo "memory: no $build/cli/paircheck; build first (cmake --preset default)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
/usr/bin/time -v -o "$work/time.txt" "$build/cli/paircheck" run --target inprocess --seed 1 \
  --sequences "$sequences" --quiet --report-dir "$work/report" "$@" > "$work/out.txt" &
timer=$!
sleep 0.2
pid=$(pgrep -P "$timer" paircheck || true)
start=$(date +%s)
: > "$work/rss.txt"
while [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; do
  rss=$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
  [ -n "$rss" ] && echo "$(( $(date +%s) - start )) $rss" >> "$work/rss.txt"
  sleep 1
done
rc=0; wait "$timer" || rc=$?
head -1 "$work/out.txt"
at60=$(awk '$1 >= 60 {print $2; exit}' "$work/rss.txt")
last=$(tail -1 "$work/rss.txt" | awk '{print $2}')
max=$(awk '$2 > m {m = $2} END {print m}' "$work/rss.txt")
peak=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time.txt")
echo "memory_seconds: $(tail -1 "$work/rss.txt" | awk '{print $1}') s"
echo "memory_rss_after_60s: ${at60:-n/a} KB"
echo "memory_rss_last_sample: ${last:-n/a} KB"
echo "memory_rss_max_sampled_after_60s: $(awk '$1 >= 60 && $2 > m {m = $2} END {print m + 0}' "$work/rss.txt") KB"
echo "memory_rss_peak_time_v: ${peak} KB"
echo "memory_run_log_bytes: $(stat -c %s "$work/report/run.jsonl") bytes"
if [ -n "$at60" ]; then
  awk -v a="$at60" -v m="$(awk '$1 >= 60 && $2 > m {m = $2} END {print m + 0}' "$work/rss.txt")" \
    'BEGIN {printf "memory_growth_after_first_minute: %.1f %%\n", (m - a) * 100 / a}'
fi
echo "paircheck exit code: $rc"
