#!/usr/bin/env bash
# Proof over the wire: paircheck-emulator is started with each --fault in turn and `paircheck run`
# against it must exit 1, naming a rule, with a minimal sequence of at most 6 requests; against the
# fault-free emulator it must exit 0. Prints the time to detection of each fault.
# usage: every_fault_over_http.sh PAIRCHECK PAIRCHECK_EMULATOR FIXTURES [FAULT_FREE_SEQUENCES (5000)]
# (the sanitized build passes 1000: under ASan the 5,000 fault-free sequences alone took ~10 min)
set -uo pipefail
paircheck=$1 emulator=$2 fixtures=$3 fault_free=${4:-5000}
source "$(dirname "$0")/lib.sh"
failures=0

run() {  # run NAME EXPECTED_EXIT [SEQUENCES (5000)]
  local t0 t1 rc out extra=()  # what it takes to see the fault at all (docs/harness.md)
  [ "$1" = check-then-act ] && extra=(--races on)
  [ "$1" = lost-answer-reexecutes ] && extra=(--nemesis drop-response)
  t0=$(date +%s.%N)
  out=$("$paircheck" run --target "http://127.0.0.1:$port" --control-token t0k --seed 1 --sequences "${3:-5000}" \
        --max-failures 1 "${extra[@]}" --quiet --report-dir "$work/report" 2>&1)
  rc=$?
  t1=$(date +%s.%N)
  local minimal rule
  # "minimal sequence (3 requests; ...", "partly shrunk sequence (...", "sequence, not shrunk (..."
  minimal=$(echo "$out" | sed -n 's/.*sequence[ ,a-z]*(\([0-9]*\) requests\{0,1\};.*/\1/p' | head -1)
  rule=$(echo "$out" | sed -n 's/^1\. \[\([A-Z][0-9]*\)\].*/\1/p' | head -1)
  printf '%-28s exit %s  %6.2f s  rule %-4s minimal %s requests\n' "$1" "$rc" "$(echo "$t1 - $t0" | bc)" "${rule:--}" "${minimal:--}"
  if [ "$rc" != "$2" ]; then
    echo "  FAIL $1: exit $rc, expected $2: $(echo "$out" | grep -m1 -E '^(paircheck|NOT|1\.)')"
    echo "$out" | head -20; failures=$((failures + 1))
  fi
  if [ "$2" = 1 ] && { [ -z "$rule" ] || [ -z "$minimal" ] || [ "$minimal" -gt 6 ]; }; then
    echo "  FAIL $1: rule '${rule}', minimal '${minimal}' requests (wanted a rule and at most 6)"
    echo "$out" | head -20; failures=$((failures + 1))
  fi
}

start_emulator emu --clock virtual --control-token t0k; run fault-free 0 "$fault_free"; kill $pid; wait $pid 2>/dev/null
for fault in $("$emulator" --list-faults | awk '{print $1}'); do
  start_emulator emu --clock virtual --control-token t0k --fault "$fault"; run "$fault" 1; kill $pid; wait $pid 2>/dev/null
done
[ "$failures" = 0 ] && echo "every fault found over HTTP" || { echo "$failures failure(s)"; exit 1; }
