#!/usr/bin/env bash
# `paircheck run --jobs N`: two jobs on the bundled emulators, in-process, and on two URLs, each a
# paircheck-emulator of its own; one merged verdict and run log; one URL for two jobs is refused.
# usage: jobs.sh PAIRCHECK PAIRCHECK_EMULATOR FIXTURES
set -uo pipefail
paircheck=$1 emulator=$2 fixtures=$3
source "$(dirname "$0")/lib.sh"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

expect embedded-fault 1 --jobs 2 --sequences 400 --emulator-fault error-without-code
grep -q '"jobs":2' "$work/embedded-fault/run.jsonl" || fail "run log header does not say jobs 2"
grep -q '"type":"summary"' "$work/embedded-fault/run.jsonl" || fail "run log has no summary"
grep -q -- '--jobs 2' <<< "$out" || fail "the reproduce line lacks --jobs 2"
[ -s "$work/embedded-fault/junit.xml" ] || fail "no junit.xml"

expect inprocess-clean 0 --jobs 2 --target inprocess --sequences 300
steps=$(grep -c '"type":"step"' "$work/inprocess-clean/run.jsonl")
sequences=$(grep -c '"type":"sequence"' "$work/inprocess-clean/run.jsonl")
echo "inprocess-clean: $sequences sequences, $steps steps logged"
[ "$sequences" = 300 ] || fail "expected 300 sequence lines, got $sequences"

expect one-url-two-jobs 2 --jobs 2 --target http://127.0.0.1:9
grep -q 'needs 2 target URLs' <<< "$out" || fail "no clear error for one URL and two jobs: $out"

expect same-url-twice 2 --jobs 2 --target http://127.0.0.1:9,http://127.0.0.1:9
grep -q 'given twice' <<< "$out" || fail "no clear error for one URL given twice: $out"

ports=()
for i in 1 2; do
  start_emulator "emu$i" --clock virtual --control-token t0k
  ports+=("$port")
done
expect two-urls 0 --jobs 2 --sequences 200 --control-token t0k \
  --target "http://127.0.0.1:${ports[0]},http://127.0.0.1:${ports[1]}"

[ "$failures" = 0 ] && echo "jobs: ok" || { echo "$failures failure(s)"; exit 1; }
