#!/usr/bin/env bash
# Ctrl-C during `paircheck fuzz`: the fuzzer's whole process group (libFuzzer's fork-mode parent and
# its workers) is stopped through paircheck, the reports are written from what was judged and
# marked incomplete, exit 130, and no worker outlives the run. The fuzzer here is a stand-in with
# libFuzzer's outward behaviour (progress lines, a worker process, exit 72 on SIGINT), so that the
# default build, which has no clang fuzz target, tests paircheck's part.
# usage: fuzz_interrupt.sh PAIRCHECK PAIRCHECK_EMULATOR FIXTURES
set -uo pipefail
paircheck=$1 emulator=$2 fixtures=$3
source "$(dirname "$0")/lib.sh"
status=0
fail() { echo "FAIL: $*"; status=1; }

# A worker that ends on SIGINT as libFuzzer's do (perl: a shell's background job ignores SIGINT).
cat > "$work/fake-fuzzer" <<FAKE
#!/usr/bin/env bash
perl -e '\$SIG{INT} = sub { exit 0 }; sleep 300' &
echo \$! > "$work/worker.pid"
trap 'echo "==1== libFuzzer: run interrupted; exiting"; exit 72' INT
echo "#2 INITED cov: 10 ft: 10 corp: 1/1b exec/s: 0 rss: 30Mb"
echo "#1000 pulse cov: 10 ft: 10 corp: 1/1b exec/s: 500 rss: 30Mb"
while :; do sleep 0.1; done
FAKE
chmod +x "$work/fake-fuzzer"

"$paircheck" fuzz --fuzzer "$work/fake-fuzzer" --time 300 --seed 1 --report-dir "$work/fz" \
  --fixtures "$fixtures" > "$work/fuzz.out" 2>&1 &
run=$!
for _ in $(seq 100); do [ -s "$work/worker.pid" ] && break; sleep 0.05; done
[ -s "$work/worker.pid" ] || fail "the fake fuzzer did not start"
worker=$(cat "$work/worker.pid")
kill -INT "$run"
exits_within 15 "$run"
echo "exit $rc"; cat "$work/fuzz.out"
[ "$rc" = 130 ] || fail "exit $rc, expected 130"
grep -q 'libFuzzer: run interrupted' "$work/fz/fuzzer.log" || fail "the fuzzer never saw the SIGINT"
# Gone, or a zombie nobody reaped yet (its parent, the fuzzer, exited: in a container PID 1 may
# reap late); allow a moment for the SIGKILL that follows the fuzzer's exit.
alive() { kill -0 "$1" 2>/dev/null && [[ "$(ps -o stat= -p "$1" 2>/dev/null)" != Z* ]]; }
for _ in $(seq 40); do alive "$worker" || break; sleep 0.05; done
alive "$worker" && { fail "worker $worker outlived the run"; kill -9 "$worker"; }
grep -q '^INTERRUPTED' "$work/fuzz.out" || fail "no INTERRUPTED line"
grep -q "reports (incomplete): $work/fz/" "$work/fuzz.out" || fail "no 'reports (incomplete)' line"
grep -q 'target error\|exited with' "$work/fuzz.out" && fail "the interrupt was taken for an error"
for f in scorecard.json junit.xml report.html summary.md run.jsonl; do
  [ -s "$work/fz/$f" ] || fail "no $f written"
done
grep -q '"interrupted":true' "$work/fz/run.jsonl" || fail "the run log's summary is not marked interrupted"
exit $status
