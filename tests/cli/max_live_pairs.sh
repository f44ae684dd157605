#!/usr/bin/env bash
# `paircheck run --max-live-pairs N` (issue 12 item 7): the run's clients never have more than N
# replica pairs on the account at once (the summary's peak_live_pairs, counted from accepted
# Creates to the cleanup that saw them gone), the run stays conformant, and a cap below what one
# lease's disks can form is refused with one line (exit 2).
# usage: max_live_pairs.sh PAIRCHECK PAIRCHECK_EMULATOR FIXTURES
set -uo pipefail
paircheck=$1 emulator=$2 fixtures=$3
fixtures="$(dirname "$fixtures")/clients.json"  # six leases of 2 + 2 + 1 disks: 2 pairs each
profile="$(dirname "$fixtures")/../profiles/realclock-emulator.json"
source "$(dirname "$0")/lib.sh"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

seed=5  # expect (lib.sh) runs paircheck with it

summary() {  # summary NAME FIELD: a field of the run log's summary line
  grep '"type":"summary"' "$work/$1/run.jsonl" | sed -n 's/.*"'"$2"'":\([0-9]*\).*/\1/p'
}

start_emulator real --clock real --transient-s 0.05:0.2 --sync-cycle-s 1 --cooldown-s 2
target=(--target "http://127.0.0.1:$port" --fixtures "$fixtures" --profile "$profile" --poll-ms 50
  --max-wait-s 1)

expect capped 0 "${target[@]}" --clients 6 --max-live-pairs 3 --sequences 60
grep -q '"max_live_pairs":3' "$work/capped/run.jsonl" || fail "the run line does not record the cap"
peak=$(summary capped peak_live_pairs)
creates=$(grep '"type":"resource"' "$work/capped/run.jsonl" | grep -c '"kind":"pair"')
echo "capped: $creates pairs created, at most $peak at once"
[ -n "$peak" ] || fail "the summary has no peak_live_pairs"
[ "${peak:-99}" -le 3 ] || fail "$peak pairs live at once, above --max-live-pairs 3"
[ "$creates" -gt 3 ] || fail "only $creates pairs created: the cap was never put to the test"
grep -q -- '--max-live-pairs 3' <<< "$out" || fail "the reproduce line lacks --max-live-pairs 3"

expect uncapped 0 "${target[@]}" --clients 6 --sequences 90
grep -q '"max_live_pairs"' "$work/uncapped/run.jsonl" && fail "an uncapped run records a cap"
echo "uncapped: at most $(summary uncapped peak_live_pairs) pairs at once"

expect too-small 2 "${target[@]}" --clients 6 --max-live-pairs 1 --sequences 10
grep -q "can form 2 pairs at once; give at least 2" <<< "$out" || fail "no clear error: $out"
[ "$(echo "$out" | wc -l)" = 1 ] || fail "the error is not one line: $out"

expect with-jobs 2 --jobs 2 --max-live-pairs 4 --sequences 10
grep -q -- "--jobs gives each job a target of its own" <<< "$out" || fail "no clear error: $out"
kill "$pid"; wait "$pid" 2>/dev/null

[ "$failures" = 0 ] && echo "the cap on live pairs holds" || { echo "$failures failure(s)"; exit 1; }
