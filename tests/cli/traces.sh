#!/usr/bin/env bash
# Record and check offline (issue 16, docs/traces.md): a run recorded against the bundled emulator
# checks conformant offline; a run recorded with a planted fault checks non-conformant offline with
# every finding key of the live run; a garbled or truncated trace is one line and exit 2; a
# recording cut off mid-entry (a killed run) is repaired to its complete entries; ActionTrail exports
# are judged (conformant, non-conformant, bad).
# usage: traces.sh PAIRCHECK PAIRCHECK_EMULATOR FIXTURES
set -uo pipefail
paircheck=$1 emulator=$2 fixtures=$3
source "$(dirname "$0")/lib.sh"
failures=0
fail() { echo "  FAIL: $*"; failures=$((failures + 1)); }
keys() { python3 -c 'import json,sys; print(" ".join(sorted(f["key"] for f in json.load(open(sys.argv[1]))["failures"])))' "$1"; }

# 1. Conformant live, conformant offline.
"$paircheck" run --seed 3 --sequences 200 --quiet --report-dir "$work/run" --record "$work/ok.har" >/dev/null
rc=$?
[ "$rc" = 0 ] || fail "fault-free run exit $rc"
out=$("$paircheck" check "$work/ok.har" --report-dir "$work/check" 2>&1)
rc=$?
echo "fault-free: check exit $rc; $(echo "$out" | grep -m1 CONFORMANT)"
[ "$rc" = 0 ] || { fail "check of a fault-free recording: exit $rc"; echo "$out" | head -30; }
for f in scorecard.json junit.xml report.html summary.md run.jsonl; do
  [ -s "$work/check/$f" ] || fail "check wrote no $f"
done
grep -q 'Signature=REDACTED' "$work/ok.har" || fail "no redacted signature in the recording"

# 1a. The same recording judged from the wire alone (as a proxy's HAR is): every _paircheck.request
# taken out, so that action, parameters and envelope are read from the query, form and headers.
python3 - "$work/ok.har" "$work/wire.har" <<'PY'
import json, sys
lines = open(sys.argv[1]).read().split("\n")
out = [lines[0]]
for line in lines[1:]:
    if line.lstrip(",").startswith("{"):
        comma = "," if line.startswith(",") else ""
        entry = json.loads(line[len(comma):])
        entry.get("_paircheck", {}).pop("request", None)
        line = comma + json.dumps(entry)
    out.append(line)
open(sys.argv[2], "w").write("\n".join(out))
PY
out=$("$paircheck" check "$work/wire.har" --report-dir "$work/check-wire" 2>&1)
rc=$?
echo "from the wire: check exit $rc; $(echo "$out" | grep -m1 CONFORMANT)"
[ "$rc" = 0 ] || { fail "check of the recording from the wire alone: exit $rc"; echo "$out" | head -30; }
grep -q '^not judged: .*SignatureDoesNotMatch' <<< "$out" || fail "wire-only: G7 answers not named as not judged"

# 1b. The emulator's own recording (--record) of a run against it: conformant offline too; the
# gateway answers that need a secret are named as not judged.
start_emulator emu --clock virtual --control-token T --record "$work/emu.har"
"$paircheck" run --target "http://127.0.0.1:$port" --control-token T --seed 3 --sequences 60 \
  --quiet --report-dir "$work/run-emu" >/dev/null
kill -TERM "$pid"
wait "$pid"
grep -q ']}}' <<< "$(tail -c 4 "$work/emu.har")" || fail "the emulator's recording is not closed on SIGTERM"
out=$("$paircheck" check "$work/emu.har" --report-dir "$work/check-emu" 2>&1)
rc=$?
echo "emulator recording: check exit $rc; $(echo "$out" | grep -m1 CONFORMANT)"
[ "$rc" = 0 ] || { fail "check of the emulator's recording: exit $rc"; echo "$out" | head -30; }

# 2. A planted fault: the live run's keys all show offline.
for fault in invalid-status-as-400 token-mismatch-ignored; do
  "$paircheck" run --emulator-fault "$fault" --seed 1 --sequences 400 --max-failures 3 --quiet \
    --report-dir "$work/run-$fault" --record "$work/$fault.har" >/dev/null
  rc=$?
  [ "$rc" = 1 ] || fail "$fault: run exit $rc, expected 1"
  "$paircheck" check "$work/$fault.har" --report-dir "$work/check-$fault" >/dev/null 2>&1
  rc=$?
  live=$(keys "$work/run-$fault/scorecard.json")
  offline=$(keys "$work/check-$fault/scorecard.json")
  echo "$fault: check exit $rc; live: $live; offline: $offline"
  [ "$rc" = 1 ] || fail "$fault: check exit $rc, expected 1"
  [ -n "$live" ] || fail "$fault: the live run found nothing"
  for k in $live; do
    grep -qF " $k " <<< " $offline " || fail "$fault: live key $k not found offline"
  done
done

# 3. Bad traces: one line, exit 2.
python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1])), indent=1))' \
  "$work/ok.har" > "$work/pretty.har"
head -c 20000 "$work/pretty.har" > "$work/truncated.har"
awk 'NR == 5 { $0 = ",{\"garbage" } { print }' "$work/ok.har" > "$work/garbled.har"
printf 'not a trace at all\n' > "$work/garbage.har"
for bad in truncated garbled garbage missing; do
  err=$("$paircheck" check "$work/$bad.har" --report-dir "$work/check-$bad" 2>&1 >/dev/null)
  rc=$?
  echo "$bad: exit $rc: $err"
  [ "$rc" = 2 ] || fail "$bad trace: exit $rc, expected 2"
  [ "$(printf '%s\n' "$err" | wc -l)" = 1 ] || fail "$bad trace: not one line: $err"
done

# 4. A killed recording: cut mid-entry, repaired, judged.
size=$(stat -c %s "$work/ok.har")
head -c $((size * 2 / 3)) "$work/ok.har" > "$work/killed.har"
err=$("$paircheck" check "$work/killed.har" --report-dir "$work/check-killed" 2>&1 >/dev/null)
rc=$?
echo "killed: exit $rc: $err"
[ "$rc" = 0 ] || fail "killed recording: exit $rc, expected 0"
grep -q 'cut off' <<< "$err" || fail "killed recording: no repair note"

# 5. ActionTrail exports (tests/data/traces, written from the documented event fields): a
# conformant one whose same-second Starts only overlap explains (exit 0), a JSON-lines one with a
# Stop accepted on a stopped pair (exit 1, O4), the LookupEvents form of the same-second Starts a
# second apart (exit 1, O2), an event without eventTime (exit 2); --format forces the reader.
at=$(dirname "$0")/../data/traces
out=$("$paircheck" check "$at/actiontrail-ok.json" --report-dir "$work/check-at-ok" 2>&1)
rc=$?
echo "actiontrail ok: exit $rc; $(echo "$out" | grep -m1 '^trace:')"
[ "$rc" = 0 ] || { fail "ActionTrail ok: exit $rc, expected 0"; echo "$out" | head -30; }
grep -q '^trace: ActionTrail, 8 entries' <<< "$out" || fail "ActionTrail ok: no trace line"
grep -q "^not judged: 1 ('DescribeDisks' is not an action" <<< "$out" ||
  fail "ActionTrail ok: the ECS event not named as not judged"
for bad in bad.jsonl:O4 apart.json:O2; do
  file=actiontrail-${bad%%:*} rule=${bad##*:}
  "$paircheck" check "$at/$file" --report-dir "$work/check-$file" >/dev/null 2>&1
  rc=$?
  found=$(keys "$work/check-$file/scorecard.json")
  echo "$file: check exit $rc; keys: $found"
  [ "$rc" = 1 ] || fail "$file: exit $rc, expected 1"
  case "$found" in "$rule|"*) ;; *) fail "$file: keys '$found', expected $rule" ;; esac
done
err=$("$paircheck" check "$at/actiontrail-no-time.json" --report-dir "$work/check-at-bad" 2>&1 >/dev/null)
rc=$?
echo "actiontrail-no-time: exit $rc: $err"
[ "$rc" = 2 ] || fail "ActionTrail without eventTime: exit $rc, expected 2"
[ "$(printf '%s\n' "$err" | wc -l)" = 1 ] || fail "ActionTrail without eventTime: not one line"
grep -q 'event 3 has no eventTime' <<< "$err" || fail "ActionTrail without eventTime: $err"
err=$("$paircheck" check "$work/ok.har" --format actiontrail --report-dir "$work/check-forced" 2>&1 >/dev/null)
rc=$?
echo "a HAR forced as ActionTrail: exit $rc: $err"
[ "$rc" = 2 ] || fail "a HAR read as ActionTrail: exit $rc, expected 2"
"$paircheck" check "$at/actiontrail-ok.json" --format har --report-dir "$work/check-forced" >/dev/null 2>&1
rc=$?
[ "$rc" = 2 ] || fail "ActionTrail read as HAR: exit $rc, expected 2"

[ "$failures" = 0 ] && echo "record, check offline: same verdicts and keys; bad traces exit 2" ||
  { echo "$failures failure(s)"; exit 1; }
