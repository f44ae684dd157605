#!/usr/bin/env bash
# The reports `paircheck run` writes at its end are built from the run log's lines as they are
# written (reports::LiveScorecard); `paircheck report RUN.jsonl` re-reads the file. Both must give
# the same four files, byte for byte: with failures (and damaged, non-UTF-8 parameters) and without,
# with one job and two.
# usage: live_report.sh PAIRCHECK [PAIRCHECK_EMULATOR FIXTURES] (the in-process target needs neither)
set -uo pipefail
paircheck=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
check() {  # check NAME RUN-FLAGS...
  local name=$1; shift
  "$paircheck" run --quiet --target inprocess --report-dir "$work/$name" "$@" > /dev/null 2>&1
  for pair in json:scorecard.json junit:junit.xml html:report.html md:summary.md; do
    format=${pair%%:*} file=${pair#*:}
    "$paircheck" report "$work/$name/run.jsonl" --format "$format" --out "$work/$name/re-$file" ||
      { echo "FAIL: $name: paircheck report --format $format"; failures=$((failures + 1)); continue; }
    if ! cmp -s "$work/$name/$file" "$work/$name/re-$file"; then
      echo "FAIL: $name: $file differs from the one regenerated from run.jsonl"
      diff <(tr ',' '\n' < "$work/$name/$file") <(tr ',' '\n' < "$work/$name/re-$file") | head -10
      failures=$((failures + 1))
    fi
  done
  echo "$name: $(grep -c . "$work/$name/run.jsonl") log lines, reports identical"
}
check faults --seed 5 --sequences 800 --emulator-fault replay-reexecutes --emulator-fault error-without-code
check clean --seed 6 --sequences 300
check jobs --seed 7 --sequences 300 --jobs 2 --emulator-fault no-site-check
[ "$failures" = 0 ] || { echo "$failures failure(s)"; exit 1; }
