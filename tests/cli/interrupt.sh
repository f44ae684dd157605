#!/usr/bin/env bash
# Ctrl-C on a real clock (delivered twice at once, as by `timeout -s INT`): a run whose pairs sit in 60-second transitions (waits filled with reads,
# cleanups waiting to delete) stops within seconds of SIGINT, not when the transitions end: exit
# 130, the reports of what was judged written and marked incomplete, what was not released
# listed, and the `paircheck cleanup` command printed.
# usage: interrupt.sh PAIRCHECK PAIRCHECK_EMULATOR FIXTURES
set -uo pipefail
paircheck=$1 emulator=$2 fixtures=$3
source "$(dirname "$0")/lib.sh"
status=0
fail() { echo "FAIL: $*"; status=1; }

start_emulator emu --clock real --transient-s 60:60
"$paircheck" run --target "http://127.0.0.1:$port" --seed 3 --sequences 50 --poll-ms 50 \
  --report-dir "$work/report" > "$work/run.out" 2>&1 &
run=$!
# Interrupt once the run is under way: its first pairs exist (and stay 'creating' for 60 s).
for _ in $(seq 200); do
  grep -q '"type":"resource"' "$work/report/run.jsonl" 2>/dev/null && break
  sleep 0.05
done
# Twice at once, as `timeout -s INT` does (the child, then its process group): one interrupt, not
# the abort a second Ctrl-C half a second later asks for.
kill -INT "$run"; kill -INT "$run"
# 20 s is a third of one transition: a wait, settle or cleanup that ignored the interrupt would
# still be waiting for it to end.
exits_within 20 "$run"
echo "exit $rc"; cat "$work/run.out"
[ "$rc" = 130 ] || fail "exit $rc, expected 130"
grep -q '^INTERRUPTED' "$work/run.out" || fail "no INTERRUPTED line"
grep -q "paircheck cleanup $work/report/run.jsonl" "$work/run.out" || fail "no cleanup command"
grep -q 'not released: interrupted' "$work/run.out" || fail "the pairs left behind are not listed"
for f in scorecard.json junit.xml report.html; do
  [ -s "$work/report/$f" ] || fail "no $f written"
done
exit $status
