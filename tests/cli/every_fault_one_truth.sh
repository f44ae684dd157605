#!/usr/bin/env bash
# One run, one truth (issue 11): for each emulator fault, `paircheck run --emulator-fault F` must
# tell the same number of findings and of failing rules in the terminal, scorecard.json,
# report.html, summary.md and junit.xml; and the first printed `replay:` command, run exactly as
# printed (with this build's binary for `paircheck`), must reproduce the finding (exit 1).
# usage: every_fault_one_truth.sh PAIRCHECK PAIRCHECK_EMULATOR FIXTURES [SEQUENCES (3000)]
# (the sanitized build passes 200: every fault is found within them at seed 1, the last at sequence
# 156, measured 2026-12-03 with the plain build, and ASan makes a run ~10x slower). What is checked here is counting and replay, not how far a
# finding shrinks (every_fault_over_http.sh checks that): --shrink-time 1 caps each shrink, which
# took 60 % of this script's time (check-then-act alone 42 s -> 13 s, the script 130 s -> 50 s).
set -uo pipefail
paircheck=$1 emulator=$2 sequences=${4:-3000}
source "$(dirname "$0")/lib.sh"
failures=0
fail() { echo "  FAIL ($fault): $*"; failures=$((failures + 1)); }

for fault in $("$emulator" --list-faults | awk '{print $1}'); do
  dir="$work/$fault"
  extra=()  # what it takes to see the fault at all (docs/harness.md "Races", "Nemesis")
  [ "$fault" = check-then-act ] && extra=(--races on)
  [ "$fault" = lost-answer-reexecutes ] && extra=(--nemesis drop-response)
  out=$("$paircheck" run --emulator-fault "$fault" --seed 1 --sequences "$sequences" --max-failures 3 \
        --shrink-time 1 "${extra[@]}" --quiet --report-dir "$dir" 2>&1)
  rc=$?
  [ "$rc" = 1 ] || { fail "run exit $rc, expected 1"; echo "$out" | head -20; continue; }
  line=$(echo "$out" | grep -m1 '^NOT CONFORMANT: ')
  term_findings=$(echo "$line" | sed -n 's/^NOT CONFORMANT: \([0-9]*\) finding.*/\1/p')
  term_rules=$(echo "$line" | sed -n 's/.* on \([0-9]*\) rule.*/\1/p')
  read -r json_findings json_rules < <(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
print(d["totals"]["findings"], d["rules_summary"]["fail"])' "$dir/scorecard.json")
  html_findings=$(sed -n 's/.*id="headline">\([0-9]*\) findings\{0,1\} on .*/\1/p' "$dir/report.html" | head -1)
  html_rules=$(sed -n 's/.*id="headline">[0-9]* findings\{0,1\} on \([0-9]*\) rule.*/\1/p' "$dir/report.html" | head -1)
  md_findings=$(sed -n 's/^\([0-9]*\) findings\{0,1\}\. .*/\1/p' "$dir/summary.md" | head -1)
  md_rules=$(sed -n 's/.* pass, \([0-9]*\) fail,.*/\1/p' "$dir/summary.md" | head -1)
  junit_rules=$(sed -n 's/^<testsuites [^>]* failures="\([0-9]*\)".*/\1/p' "$dir/junit.xml" | head -1)
  junit_findings=$(sed -n 's/.*<property name="findings" value="\([0-9]*\)".*/\1/p' "$dir/junit.xml" | head -1)
  files=$(ls "$dir"/failure-*.json 2>/dev/null | wc -l)
  printf '%-28s findings %s/%s/%s/%s/%s/%s files  failing rules %s/%s/%s/%s/%s\n' "$fault" \
    "${term_findings:--}" "${json_findings:--}" "${html_findings:--}" "${md_findings:--}" \
    "${junit_findings:--}" "$files" "${term_rules:--}" "${json_rules:--}" "${html_rules:--}" \
    "${md_rules:--}" "${junit_rules:--}"
  for n in "$json_findings" "$html_findings" "$md_findings" "$junit_findings" "$files"; do
    [ -n "$term_findings" ] && [ "$n" = "$term_findings" ] || { fail "finding counts differ"; break; }
  done
  for n in "$json_rules" "$html_rules" "$md_rules" "$junit_rules"; do
    [ -n "$term_rules" ] && [ "$n" = "$term_rules" ] || { fail "failing-rule counts differ"; break; }
  done
  replay=$(echo "$out" | sed -n 's/^   replay: paircheck replay //p' | head -1)
  [ -n "$replay" ] || { fail "no replay line printed"; continue; }
  # Exactly as printed: the printed path, no other flag.
  rout=$(eval "\"$paircheck\" replay $replay" 2>&1)
  rrc=$?
  if [ "$rrc" != 1 ] || ! grep -q '^REPRODUCED: ' <<< "$rout"; then
    fail "replay $replay exit $rrc, expected 1 with REPRODUCED"; echo "$rout" | tail -5
  fi
done
[ "$failures" = 0 ] && echo "every fault: one truth in five outputs, and its replay reproduces" ||
  { echo "$failures failure(s)"; exit 1; }
