#!/usr/bin/env bash
# Regenerates docs/sample-report/: builds paircheck, runs it against the in-process emulator with
# the deleted-pairs-listed fault (seed 3, 300 sequences), and copies the four reports (scorecard.json,
# junit.xml, report.html, summary.md) and the replay file there. The run must find the fault (exit 1).
# Usage: scripts/sample-report.sh   (PAIRCHECK_BUILD_DIR=dir to build elsewhere than the default preset)
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -n "${PAIRCHECK_BUILD_DIR:-}" ]; then
  build=$PAIRCHECK_BUILD_DIR
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
else
  build=build/default
  cmake --preset default >/dev/null
fi
cmake --build "$build" -j "$(nproc)" --target paircheck >/dev/null
bin=$(realpath "$build/cli/paircheck")

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
work=$scratch/report  # paircheck refuses a report directory holding files it did not write
mkdir -p "$work"
# Run inside the work directory with --report-dir . so that the reports name the replay file as
# ./failure-1.json, which is where it sits in docs/sample-report/ too.
set +e
(cd "$work" && "$bin" run --target inprocess --seed 3 --sequences 300 \
   --emulator-fault deleted-pairs-listed --report-dir . --quiet >"$scratch/run.out" 2>&1)
rc=$?
set -e
if [ "$rc" != 1 ]; then
  cat "$scratch/run.out" >&2
  echo "sample-report: expected exit 1 (the fault found), got $rc" >&2
  exit 1
fi

out=docs/sample-report
mkdir -p "$out"
rm -f "$out"/failure-*.json
cp "$work"/scorecard.json "$work"/junit.xml "$work"/report.html "$work"/summary.md "$out"/
cp "$work"/failure-*.json "$out"/
if command -v xmllint >/dev/null 2>&1; then
  xmllint --noout --schema reports/junit.xsd "$out/junit.xml"
fi
grep -q '"verdict": "fail"' "$out/scorecard.json"
echo "sample-report: wrote $out ($(ls "$out" | tr '\n' ' '))"
