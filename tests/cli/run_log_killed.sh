#!/usr/bin/env bash
# A run killed with SIGKILL half-way (no handler runs, nothing is flushed on the way out) leaves a
# run log whose lines are whole, whose every completed sequence is all there, and which lists every
# resource its logged steps created: the step lines are written in batches, the resource lines at
# once (docs/run-log.md "A killed run"). The killed log is compared with a full run of the same
# seed (the in-process target is deterministic up to the run's random token prefix).
# usage: run_log_killed.sh PAIRCHECK PAIRCHECK_EMULATOR FIXTURES
set -uo pipefail
paircheck=$1 emulator=$2 fixtures=$3
source "$(dirname "$0")/lib.sh"
status=0
fail() { echo "FAIL: $*"; status=1; }

"$paircheck" run --target inprocess --seed 11 --sequences 600 --quiet --report-dir "$work/full" \
  > "$work/full.out" 2>&1 || fail "the full run failed: $(cat "$work/full.out")"

"$paircheck" run --target inprocess --seed 11 --sequences 600 --quiet \
  --report-dir "$work/killed" > "$work/killed.out" 2>&1 &
run=$!
# Kill once 100 sequences are in the file: well before the run ends (the same --sequences as
# the full run, whose length sets how the sequences are drawn; 600, not more: under ASan the full
# run of 2,000 took most of the test's time limit).
for _ in $(seq 600); do
  n=$(grep -c '"type":"sequence"' "$work/killed/run.jsonl" 2>/dev/null)
  [ "${n:-0}" -ge 100 ] && break
  sleep 0.05
done
kill -9 "$run"
wait "$run" 2>/dev/null
grep -q '"type":"summary"' "$work/killed/run.jsonl" && fail "the killed run wrote its summary"

python3 - "$work/full/run.jsonl" "$work/killed/run.jsonl" <<'PY' || status=1
import json, re, sys

def read(path, torn_ok):
    lines = open(path, encoding="utf-8").read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    out = []
    for i, text in enumerate(lines):
        try:
            out.append(json.loads(text))
        except ValueError:
            if torn_ok and i == len(lines) - 1:
                print("torn last line (allowed):", text[:60])
                continue
            sys.exit("FAIL: %s:%d is not a whole JSON line" % (path, i + 1))
    return out

def key(step):  # what identifies a judged request across two runs of one seed
    r = step["record"]
    o = r.get("observed") or {}
    params = re.sub(r"pc\d+x\d+", "pc", json.dumps(r["request"]["params"]))
    return (r["index"], r["request"]["action"], params, o.get("http_status"), o.get("code"),
            o.get("replica_pair_id"))

def by_sequence(lines):
    seqs = {}
    for j in lines:
        if j["type"] == "step":
            seqs.setdefault(j["sequence"], []).append(key(j))
    return seqs

full, killed = read(sys.argv[1], False), read(sys.argv[2], True)
if killed[0].get("format") != "paircheck-run-log/3":
    sys.exit("FAIL: the killed log's first line is not a /3 run line")
full_steps, killed_steps = by_sequence(full), by_sequence(killed)
started = [j["n"] for j in killed if j["type"] == "sequence"]
if len(started) < 100:
    sys.exit("FAIL: only %d sequences in the killed log" % len(started))
last = max(started)
for n in started:
    want, got = full_steps.get(n, []), killed_steps.get(n, [])
    if n != last and got != want:
        sys.exit("FAIL: completed sequence %d has %d of its %d step lines, or others"
                 % (n, len(got), len(want)))
    if n == last and got != want[:len(got)]:
        sys.exit("FAIL: the last sequence's steps are not a prefix of the full run's")
resources = {j.get("id") for j in killed if j["type"] == "resource" and j.get("kind") == "pair"}
created = {j["record"]["observed"]["replica_pair_id"] for j in killed
           if j["type"] == "step" and j["record"]["request"]["action"] == "CreateDiskReplicaPair"
           and (j["record"].get("observed") or {}).get("replica_pair_id")
           and not j["record"]["observed"].get("code")}
missing = created - resources
if missing:
    sys.exit("FAIL: pairs created by logged steps without a resource line: %s" % sorted(missing)[:5])
full_resources = [j.get("id") for j in full if j["type"] == "resource"]
killed_resources = [j.get("id") for j in killed if j["type"] == "resource"]
if killed_resources != full_resources[:len(killed_resources)]:
    sys.exit("FAIL: the killed log's resources are not those of the full run, in order")
print("killed after %d sequences: %d completed sequences whole, %d pairs created, all %d logged"
      % (len(started), len(started) - 1, len(created), len(resources)))
PY
# The killed log still gives a report, marked incomplete, and cleanup reads it.
"$paircheck" report "$work/killed/run.jsonl" --format json --out "$work/killed.json" \
  2> "$work/report.err" || fail "report of the killed log failed: $(cat "$work/report.err")"
grep -q 'incomplete run' "$work/report.err" || fail "the killed log's report is not marked incomplete"
exit $status
