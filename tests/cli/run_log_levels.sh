#!/usr/bin/env bash
# --log steps|findings|none: the run log keeps every step, only the steps of failing sequences,
# or none, and always its header, resources, findings and summary; the reports written at the end
# of the run are the same whatever it keeps; `paircheck report` of a log without its steps says so
# and counts rules from the summary's tally, not as zero (docs/run-log.md "--log"); and a /2 log
# still gives the reports it gave.
# usage: run_log_levels.sh PAIRCHECK PAIRCHECK_EMULATOR FIXTURES
set -uo pipefail
paircheck=$1 emulator=$2 fixtures=$3
source "$(dirname "$0")/lib.sh"
status=0
fail() { echo "FAIL: $*"; status=1; }

for level in steps findings none; do
  expect "$level" 1 --target inprocess --sequences 300 --emulator-fault swap-404-403 --log "$level"
  "$paircheck" report "$work/$level/run.jsonl" --format json --out "$work/$level/re.json" \
    2> "$work/$level/report.err" || fail "$level: report failed: $(cat "$work/$level/report.err")"
done
grep -q -- '--log none' "$work/none/report.err" || fail "report of a --log none log does not say so"
grep -q -- '--log findings' "$work/findings/report.err" ||
  fail "report of a --log findings log does not say so"
[ -s "$work/steps/report.err" ] && fail "report of a full log warns: $(cat "$work/steps/report.err")"

python3 - "$work" <<'PY' || status=1
import json, sys
work = sys.argv[1]
def lines(level):
    return [json.loads(l) for l in open("%s/%s/run.jsonl" % (work, level), encoding="utf-8")]
def card(level, name="scorecard.json"):
    return json.load(open("%s/%s/%s" % (work, level, name), encoding="utf-8"))
def counts(c):
    return ({r["id"]: (r["exercised"], r["failed"], r["verdict"]) for r in c["rules"]},
            {k: c["totals"][k] for k in ("requests", "sequences", "unknown_outcomes", "findings")})
errors = []
live = {level: card(level) for level in ("steps", "findings", "none")}
for level in ("findings", "none"):
    if counts(live[level]) != counts(live["steps"]):
        errors.append("the reports of --log %s count otherwise than those of --log steps" % level)
    for part in ("coverage", "cells", "goals"):
        if live[level][part] != live["steps"][part]:
            errors.append("the reports of --log %s differ in %s" % (level, part))
    # Failures name the report directory and the run's random token prefix: compare what they are.
    what = lambda c: [(f["key"], f["rule_ids"], f["shrunk"], f["sequence"], f["allowed"]) for f in c["failures"]]
    if what(live[level]) != what(live["steps"]):
        errors.append("the reports of --log %s have other failures" % level)
    rebuilt = card(level, "re.json")
    if counts(rebuilt) != counts(live["steps"]):
        errors.append("report of the --log %s log counts rules otherwise than the run" % level)
    if "steps_note" not in rebuilt["run"]:
        errors.append("report of the --log %s log has no steps_note" % level)
logs = {level: lines(level) for level in ("steps", "findings", "none")}
def kinds(ls):
    out = {}
    for j in ls:
        out[j["type"]] = out.get(j["type"], 0) + 1
    return out
k = {level: kinds(ls) for level, ls in logs.items()}
print(k)
for level in ("steps", "findings", "none"):
    for t in ("run", "summary", "finding", "resource"):
        if k[level].get(t, 0) != k["steps"].get(t, 0):
            errors.append("--log %s: %d %s lines, --log steps %d" % (level, k[level].get(t, 0), t, k["steps"].get(t, 0)))
if k["none"].get("step") or k["none"].get("sequence"):
    errors.append("--log none wrote step or sequence lines")
failing = {j["sequence"] for j in logs["steps"] if j["type"] == "step"
           and j["record"]["verdict"].get("conformant") is False}
kept = {j["sequence"] for j in logs["findings"] if j["type"] == "step"}
if not failing or kept != failing:
    errors.append("--log findings kept the steps of sequences %s, the failing ones are %s"
                  % (sorted(kept)[:8], sorted(failing)[:8]))
steps_of = lambda ls, n: [j for j in ls if j["type"] == "step" and j["sequence"] == n]
for n in failing:
    if len(steps_of(logs["findings"], n)) != len(steps_of(logs["steps"], n)):
        errors.append("--log findings: failing sequence %d is not whole" % n)
for e in errors:
    print("FAIL:", e)
sys.exit(1 if errors else 0)
PY
# A /2 log (tests/data/run-log-v2: a run of the sample certification plan written before /3) still
# reads: its report counts every rule and the totals as the scorecard written with it did (not the
# cells: they are the model's reading of the steps, which grows with the coverage map).
"$paircheck" report "$(dirname "$0")/../data/run-log-v2/run.jsonl" --format json \
  --out "$work/v2.json" 2>"$work/v2.err" || fail "report of a /2 log: $(head -3 "$work/v2.err")"
python3 - "$work/v2.json" "$(dirname "$0")/../data/run-log-v2/scorecard.json" <<'PY' || fail "a /2 log no longer counts as it did"
import json, sys
now, then = (json.load(open(p)) for p in sys.argv[1:3])
def counts(card):
    rules = {r["id"]: (r["exercised"], r["failed"], r["verdict"]) for r in card["rules"]}
    totals = {k: v for k, v in card["totals"].items() if k not in ("duration_s", "requests_per_second")}
    return rules, totals, card["conformant"]
a, b = counts(now), counts(then)
for what, x, y in zip(("rules", "totals", "conformant"), a, b):
    if x != y:
        print("FAIL: %s differ: %s against %s" % (what, x, y))
        sys.exit(1)
PY
out=$("$paircheck" run --target inprocess --sequences 1 --log everything --report-dir "$work/bad" 2>&1)
rc=$?
[ "$rc" = 2 ] && [ "$(echo "$out" | wc -l)" = 1 ] || fail "--log everything: exit $rc: $out"
exit $status
