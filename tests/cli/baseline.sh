#!/usr/bin/env bash
# Issue 17, baselines: a planted emulator fault, waived by a baseline `paircheck baseline` wrote
# from its scorecard, exits 0 and shows as waived in all five outputs (terminal, scorecard.json,
# junit.xml, report.html, summary.md); with --now past the expiry it exits 1 again; a waiver that
# matches nothing is reported as stale in all five; a bad baseline is refused in one line, exit 2,
# before anything runs.
# usage: baseline.sh PAIRCHECK PAIRCHECK_EMULATOR FIXTURES
set -uo pipefail
paircheck=$1 emulator=$2
source "$(dirname "$0")/lib.sh"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
seed=1
fault=start-ignores-status  # two findings within 40 sequences at seed 1
grep -q "^$fault" <<< "$("$emulator" --list-faults)" || { echo "FAIL: no fault $fault"; exit 1; }
# The waived run must meet exactly the findings the baseline was written from: every failure of the
# same 40 sequences (no --max-failures: a waived finding does not count toward it, so the waived
# run went on past where the first one stopped and met new keys), each shrunk to its end, which
# is deterministic on the virtual clock (a shrink cut by --shrink-time 1 ended on another first
# violation under ASan's load: O3 where the first run had O9; CI, 2026-12-03).
run=(--emulator-fault "$fault" --sequences 40)

expect found 1 "${run[@]}"
"$paircheck" baseline --from "$work/found/scorecard.json" --expires 2027-01-31 --now 2026-12-01 \
  --reason "emulator issue 42: deleted pairs listed" --owner emu-team --out "$work/b.json" ||
  fail "baseline did not write $work/b.json"
keys=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["waivers"]))' "$work/b.json")
echo "baseline: $keys waiver(s)"
[ "${keys:-0}" -ge 1 ] || fail "the baseline lists no waiver"

# Waived: exit 0, and every output lists each waived finding with its reason and date.
expect waived 0 "${run[@]}" --baseline "$work/b.json" --now 2026-12-01
d="$work/waived"
grep -q "^CONFORMANT" <<< "$out" || fail "terminal: no CONFORMANT verdict"
[ "$(echo "$out" | grep -c '^  waived .* until 2027-01-31 (owner emu-team): emulator issue 42')" = "$keys" ] ||
  fail "terminal: not $keys waived line(s): $out"
python3 - "$d/scorecard.json" "$keys" <<'PY' || fail "scorecard.json: waived list wrong"
import json, sys
card = json.load(open(sys.argv[1]))
n = int(sys.argv[2])
assert card["failures"] == [], card["failures"]
assert len(card["waived"]) == n, card["waived"]
assert all(w["waiver"]["expires"] == "2027-01-31" and w["waiver"]["owner"] == "emu-team" for w in card["waived"])
assert card["baseline"]["stale"] == [] and card["baseline"]["now"] == "2026-12-01"
assert card["run"]["exit_code"] == 0 and card["conformant"] is True
PY
[ "$(grep -c 'classname="paircheck.baseline.waived"' "$d/junit.xml")" = "$keys" ] || fail "junit: waived cases"
grep -q '<skipped message="waived until 2027-01-31 (owner emu-team): emulator issue 42' "$d/junit.xml" ||
  fail "junit: no skipped message with the date and reason"
grep -q ' failures="0"' "$d/junit.xml" || fail "junit: a failure counted"
[ "$(grep -c '<tr class="waived">' "$d/report.html")" = "$keys" ] || fail "html: waived rows"
grep -q "^### Baseline: $keys waived, 0 expired, 0 stale" "$d/summary.md" || fail "summary.md: no baseline section"

# `paircheck report` applies the same baseline to the run log, which records the run unwaived.
"$paircheck" report "$d/run.jsonl" --format json --baseline "$work/b.json" --now 2026-12-01 --out "$work/re.json" ||
  fail "report --baseline: exit $?"
cmp -s "$d/scorecard.json" "$work/re.json" || fail "report --baseline: not the run's scorecard.json"
"$paircheck" report "$d/run.jsonl" --format json --out "$work/raw.json"
python3 -c 'import json,sys; c=json.load(open(sys.argv[1])); assert c["waived"] == [] and c["failures"]' "$work/raw.json" ||
  fail "report without --baseline: the run log is not the unwaived record"

# Past its date: the finding fails like any other.
expect expired 1 "${run[@]}" --baseline "$work/b.json" --now 2027-02-01
grep -q "^NOT CONFORMANT" <<< "$out" || fail "expired: not NOT CONFORMANT"
grep -q "EXPIRED waiver" <<< "$out" || fail "expired: the expired waiver not named"
grep -q '<tr class="expired">' "$work/expired/report.html" || fail "expired: html"

# Stale: a fault-free run matches none of the waivers.
expect stale 0 --sequences 20 --baseline "$work/b.json" --now 2026-12-01
d="$work/stale"
[ "$(echo "$out" | grep -c 'stale waiver (matches no finding of this run)')" = "$keys" ] ||
  fail "stale: terminal: $out"
python3 -c 'import json,sys; c=json.load(open(sys.argv[1])); assert len(c["baseline"]["stale"]) == int(sys.argv[2])' \
  "$d/scorecard.json" "$keys" || fail "stale: scorecard.json"
[ "$(grep -c 'classname="paircheck.baseline.stale"' "$d/junit.xml")" = "$keys" ] || fail "stale: junit"
[ "$(grep -c '<tr class="stale">' "$d/report.html")" = "$keys" ] || fail "stale: html"
grep -q "^### Baseline: 0 waived, 0 expired, $keys stale" "$d/summary.md" || fail "stale: summary.md"

# Bad baselines: one line, exit 2, no report written.
bad() {
  local name=$1 says=$2
  expect "bad-$name" 2 --sequences 5 --baseline "$work/$name.json"
  [ "$(echo "$out" | wc -l)" = 1 ] || fail "bad-$name: not one line: $out"
  [[ "$out" == "paircheck: "*"$says"* ]] || fail "bad-$name: does not say '$says': $out"
  [ -e "$work/bad-$name" ] && fail "bad-$name: a report directory was written"
}
key='"key": "O9|DescribeDiskReplicaPairs|200|"'
echo '{"schema": "paircheck-baseline/1", "waivers": [{'"$key"', "expires": "2027-01-31"}]}' > "$work/no-reason.json"
echo '{"schema": "paircheck-baseline/1", "waivers": [{'"$key"', "reason": "r"}]}' > "$work/no-expiry.json"
echo '{"schema": "paircheck-baseline/1", "waivers": [{'"$key"', "reason": "r", "expires": "soon"}]}' > "$work/bad-date.json"
echo '{"schema": "paircheck-baseline/1", "waivers": [' > "$work/torn.json"
bad no-reason 'waivers[0]: no "reason"'
bad no-expiry 'waivers[0]: no "expires"'
bad bad-date 'must be a date YYYY-MM-DD'
bad torn 'not valid JSON'
bad missing 'cannot read'
# fuzz reads the same flags (its campaign needs the fuzz preset; the refusal comes first).
out=$("$paircheck" fuzz --baseline "$work/no-reason.json" --report-dir "$work/fuzz" 2>&1)
[ $? = 2 ] && [[ "$out" == *'waivers[0]: no "reason"' ]] || fail "fuzz --baseline: $out"
expect now-alone 2 --sequences 5 --now 2026-12-01
[[ "$out" == "paircheck: --now: only with --baseline"* ]] || fail "--now alone: $out"
out=$("$paircheck" baseline --from "$work/found/scorecard.json" --expires 2026-11-30 --now 2026-12-01 \
  --reason r --out "$work/past.json" 2>&1)
[ $? = 2 ] && [[ "$out" == *"already past"* ]] || fail "baseline with a past expiry: $out"
out=$("$paircheck" baseline --from "$work/found/scorecard.json" --expires 2027-01-31 --out "$work/x.json" 2>&1)
[ $? = 2 ] && [[ "$out" == "paircheck: --reason: required"* ]] || fail "baseline without --reason: $out"

# check reads the same flags: the fault's recording checked offline, waived by a baseline written
# from check's own scorecard, exits 0; past the expiry, 1; --now alone is refused.
expect recorded 1 "${run[@]}" --record "$work/recorded.har"
"$paircheck" check "$work/recorded.har" --report-dir "$work/check" --quiet > /dev/null
[ $? = 1 ] || fail "check of the recording: not exit 1"
"$paircheck" baseline --from "$work/check/scorecard.json" --expires 2027-01-31 --now 2026-12-01 \
  --reason "known" --out "$work/check-b.json" > /dev/null || fail "baseline from check's scorecard"
out=$("$paircheck" check "$work/recorded.har" --report-dir "$work/check-w" --quiet \
  --baseline "$work/check-b.json" --now 2026-12-01 2>&1)
rc=$?
[ "$rc" = 0 ] && grep -q "waived by the baseline" <<< "$out" || fail "check --baseline: exit $rc: $out"
"$paircheck" check "$work/recorded.har" --report-dir "$work/check-x" --quiet \
  --baseline "$work/check-b.json" --now 2027-02-01 > /dev/null
[ $? = 1 ] || fail "check --baseline past its expiry: not exit 1"
out=$("$paircheck" check "$work/recorded.har" --report-dir "$work/check-n" --now 2026-12-01 2>&1)
[ $? = 2 ] && [[ "$out" == "paircheck: --now: only with --baseline"* ]] || fail "check --now alone: $out"

[ "$failures" = 0 ] && echo "baselines: waived, expired, stale and refused as documented" ||
  { echo "$failures failure(s)"; exit 1; }
