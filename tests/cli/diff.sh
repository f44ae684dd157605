#!/usr/bin/env bash
# paircheck diff (issue 16 item 3, docs/traces.md "Diff"): a run recorded against a correct
# emulator on a virtual clock, sent again to (1) a correct emulator of the same seed: no
# divergence, exit 0; (2) one with a planted fault: exit 1, and every divergence is the fault's
# (its rule, on the new target's side), no other; (3) a recording made with the fault sent to a
# correct emulator: the recorded side is wrong. A missing or garbled recording, resets without a
# control token and an unreachable target: one line, exit 2.
# The emulators draw transition durations from one random stream: a pair no longer replayed
# shifts the later draws, so the durations are fixed (--transient-s 2:2) to keep the timings of
# the pairs that are replayed equal (otherwise they differ as informational divergences).
# usage: diff.sh PAIRCHECK PAIRCHECK_EMULATOR FIXTURES
set -uo pipefail
paircheck=$1 emulator=$2 fixtures=$3
source "$(dirname "$0")/lib.sh"
failures=0
fail() { echo "  FAIL: $*"; failures=$((failures + 1)); }
emu_flags=(--clock virtual --control-token T --seed 7 --transient-s 2:2)

start_emulator recorded "${emu_flags[@]}"
"$paircheck" run --target "http://127.0.0.1:$port" --control-token T --seed 7 --sequences 150 \
  --quiet --report-dir "$work/run" --record "$work/a.har" >/dev/null
rc=$?
[ "$rc" = 0 ] || fail "recorded run: exit $rc"

# 1. A correct emulator: nothing differs.
start_emulator same "${emu_flags[@]}"
out=$("$paircheck" diff "$work/a.har" --target "http://127.0.0.1:$port" --control-token T \
  --report-dir "$work/same" 2>&1)
rc=$?
echo "correct: exit $rc; $(echo "$out" | grep -m1 '^DIFF')"
[ "$rc" = 0 ] || { fail "diff against a correct emulator: exit $rc"; echo "$out" | head -20; }
python3 - "$work/same/diff.json" <<'PY' || fail "diff against a correct emulator: divergences"
import json, sys
d = json.load(open(sys.argv[1]))
s = d["summary"]
assert s["sent"] > 1000 and s["identical"] == s["sent"], s
assert s["resets"] == 150 and d["divergences"] == [] and d["other_findings"] == [], s
PY
[ -s "$work/same/diff.md" ] || fail "no diff.md"

# 2. A planted fault: each divergence is the fault's, the new target wrong; no other.
start_emulator faulty "${emu_flags[@]}" --fault invalid-status-as-400
out=$("$paircheck" diff "$work/a.har" --target "http://127.0.0.1:$port" --control-token T \
  --report-dir "$work/faulty" 2>&1)
rc=$?
echo "invalid-status-as-400: exit $rc; $(echo "$out" | grep -m1 '^DIFF')"
[ "$rc" = 1 ] || { fail "diff against a faulty emulator: exit $rc, expected 1"; echo "$out" | head -20; }
python3 - "$work/faulty/diff.json" <<'PY' || fail "diff against a faulty emulator: not only the fault"
import json, sys
d = json.load(open(sys.argv[1]))
s = d["summary"]
assert d["divergences"], "no divergence"
for x in d["divergences"]:
    assert x["verdict"] == "new target wrong", x
    assert x["referee"]["new"]["rule"] == "O0" and x["referee"]["recorded"]["verdict"] == "allowed", x
    assert x["recorded"]["http"] == 403 and x["new"]["http"] == 400, x
    assert x["recorded"]["code"] == x["new"]["code"] == "OperationDenied.InvalidStatus", x
    assert [f["field"] for f in x["differences"]] == ["http"], x
    assert x["stopped"], x  # its pair is not replayed further
assert s["new_target_wrong"] == s["differing"] == len(d["divergences"]), s
assert s["recorded_findings"] == 0 and s["new_findings"] > 0, s
assert d["other_findings"] == [], d["other_findings"]
assert s["not_sent"].get("its pair stopped at an earlier divergence", 0) > 0, s
print(f'{len(d["divergences"])} divergences, all O0 on the new side')
PY
grep -q 'new target wrong' "$work/faulty/diff.md" || fail "diff.md lists no 'new target wrong'"

# 3. The other way round: recorded against the faulty emulator (its shrinking too), sent to a
# correct one: every divergence is the recording's fault, "recorded target wrong".
start_emulator faulty-recorded "${emu_flags[@]}" --fault invalid-status-as-400
"$paircheck" run --target "http://127.0.0.1:$port" --control-token T --seed 7 --sequences 60 \
  --max-failures 1 --quiet --report-dir "$work/run-faulty" --record "$work/faulty.har" >/dev/null
rc=$?
[ "$rc" = 1 ] || fail "run against the faulty emulator: exit $rc, expected 1"
start_emulator correct "${emu_flags[@]}"
out=$("$paircheck" diff "$work/faulty.har" --target "http://127.0.0.1:$port" --control-token T \
  --report-dir "$work/reverse" 2>&1)
rc=$?
echo "recorded with the fault: exit $rc; $(echo "$out" | grep -m1 '^DIFF')"
[ "$rc" = 1 ] || { fail "diff of a faulty recording: exit $rc, expected 1"; echo "$out" | head -20; }
python3 - "$work/reverse/diff.json" <<'PY' || fail "diff of a faulty recording: not only the fault"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["divergences"], "no divergence"
for x in d["divergences"]:
    assert x["verdict"] == "recorded target wrong", x
    assert x["referee"]["recorded"]["rule"] == "O0" and x["referee"]["new"]["verdict"] == "allowed", x
    assert x["recorded"]["http"] == 400 and x["new"]["http"] == 403, x
assert d["summary"]["new_findings"] == 0 and d["other_findings"] == [], d["summary"]
print(f'{len(d["divergences"])} divergences, all O0 on the recorded side')
PY

# 4. Bad input: one line, exit 2.
awk 'NR == 5 { $0 = ",{\"garbage" } { print }' "$work/a.har" > "$work/garbled.har"
check_bad() {
  local name=$1; shift
  err=$("$paircheck" diff "$@" --report-dir "$work/bad-$name" 2>&1 >/dev/null)
  rc=$?
  echo "$name: exit $rc: $err"
  [ "$rc" = 2 ] || fail "$name: exit $rc, expected 2"
  [ "$(printf '%s\n' "$err" | wc -l)" = 1 ] || fail "$name: not one line: $err"
}
check_bad missing "$work/missing.har" --target "http://127.0.0.1:$port" --control-token T
check_bad garbled "$work/garbled.har" --target "http://127.0.0.1:$port" --control-token T
check_bad no-control-token "$work/a.har" --target "http://127.0.0.1:$port"  # its resets
kill "$pid"; wait "$pid" 2>/dev/null
check_bad unreachable "$work/a.har" --target "http://127.0.0.1:$port" --control-token T

[ "$failures" = 0 ] && echo "diff: a correct emulator gives no divergence, a faulty one only its fault's" ||
  { echo "$failures failure(s)"; exit 1; }
