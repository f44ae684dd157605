#!/usr/bin/env bash
# --target direct (docs/harness.md "The direct path"): a fault of the emulator's state machine is
# found and its printed replay reproduces on the direct path; a fault of the wire is found through
# the signed share; every reachable rule, the wire's included, is reached; the scorecard names the
# target; --record, --clients and certify refuse it with one line and exit 2.
# usage: direct.sh PAIRCHECK PAIRCHECK_EMULATOR FIXTURES
set -uo pipefail
paircheck=$1 emulator=$2 fixtures=$3
source "$(dirname "$0")/lib.sh"
status=0
fail() { echo "FAIL: $*"; status=1; }
cd "$work" || exit 1

seed=11 expect clean 0 --target direct --require-all-rules
python3 -c "import json,sys; k=json.load(open('$work/clean/scorecard.json'))['run']['target']; sys.exit(k != 'direct')" ||
  fail "the scorecard does not name the direct target"

for fault in invalid-status-as-400 replay-reexecutes no-signature-check; do
  # One finding, briefly shrunk: found and replayed is what is checked here (16 shrunk findings
  # per fault took 95 % of this script's time).
  out=$("$paircheck" run --seed 1 --sequences 400 --target direct --emulator-fault "$fault" \
    --max-failures 1 --shrink-time 2 --report-dir "$work/$fault" 2>&1)
  rc=$?
  echo "$fault: exit $rc"
  [ "$rc" = 1 ] || { fail "$fault: exit $rc, expected 1"; echo "$out" | tail -5; continue; }
  replay=$(echo "$out" | sed -n 's/^   replay: paircheck replay //p' | head -1)
  [ -n "$replay" ] || { fail "$fault: no replay line printed"; continue; }
  rout=$(eval "\"$paircheck\" replay $replay" 2>&1)
  rrc=$?
  if [ "$rrc" != 1 ] || ! grep -q '^REPRODUCED: ' <<< "$rout"; then
    fail "$fault: replay $replay exit $rrc, expected 1 with REPRODUCED"; echo "$rout" | tail -5
  fi
done

refused() {  # NAME ARGS...: exit 2 with exactly one line on stderr
  local name=$1; shift
  "$paircheck" "$@" > "$work/$name.out" 2> "$work/$name.err"
  local rc=$?
  [ "$rc" = 2 ] || fail "$name: exit $rc, expected 2"
  [ "$(wc -l < "$work/$name.err")" = 1 ] || fail "$name: stderr is not one line: $(cat "$work/$name.err")"
  echo "$name: exit $rc: $(cat "$work/$name.err")"
}
refused record run --target direct --sequences 5 --record "$work/x.har" --report-dir "$work/r1"
refused clients run --target direct --sequences 5 --clients 2 --report-dir "$work/r2"
refused certify certify --target direct --out "$work/bundle"
exit $status
