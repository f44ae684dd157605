#!/usr/bin/env bash
# `paircheck cleanup RUN_LOG` takes its target from the run log and counts only what it really
# released: a file that is not a run log, or a log whose run used the bundled emulator (gone with
# the run) and no --target, exits 2 with one line; a hand-written /2 log naming a paircheck-emulator
# URL, a pair that does not exist and a disk that is not attached is cleaned up without --target
# as "0 released, 2 already gone"; and a `paircheck run` killed (-9) while one of its pairs lives
# is cleaned up from its own run.jsonl: at least that pair released, nothing left behind, and a
# second cleanup finds everything already gone.
# usage: cleanup_uses_logged_target.sh PAIRCHECK PAIRCHECK_EMULATOR FIXTURES
set -uo pipefail
paircheck=$1 emulator=$2 fixtures=$3
source "$(dirname "$0")/lib.sh"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# expect_usage_error NAME ARGS...: exit 2 and exactly one line, on stderr.
expect_usage_error() {
  local name=$1; shift
  "$paircheck" cleanup "$@" > "$work/$name.stdout" 2> "$work/$name.stderr"
  local rc=$?
  echo "$name: exit $rc: $(cat "$work/$name.stderr")"
  [ "$rc" = 2 ] || fail "$name: exit $rc, expected 2: $(cat "$work/$name.stdout" "$work/$name.stderr")"
  [ "$(wc -l < "$work/$name.stderr")" = 1 ] || fail "$name: expected one line on stderr"
  [ -s "$work/$name.stdout" ] && fail "$name: nothing expected on stdout: $(cat "$work/$name.stdout")"
}

# 1. Not a run log.
printf 'hello, not a run log\n' > "$work/notes.txt"
expect_usage_error text "$work/notes.txt"
grep -q 'not a paircheck run log' "$work/text.stderr" || fail "text: message"
echo '{"type": "step", "sequence": 0}' > "$work/step-first.jsonl"
expect_usage_error step-first "$work/step-first.jsonl"

# 2. The run's target was the bundled emulator, and no --target.
pair_line() {  # pair_line ID
  echo "{\"type\":\"resource\",\"kind\":\"pair\",\"id\":\"$1\",\"region\":\"cn-hangzhou\",\"standby_region\":\"cn-shanghai\"}"
}
{ echo '{"type":"run","format":"paircheck-run-log/2","target":{"kind":"embedded","url":"","faults":[]}}'
  pair_line pair-cn-hangzhou-00000001; } > "$work/embedded.jsonl"
expect_usage_error embedded "$work/embedded.jsonl"
grep -q 'bundled emulator' "$work/embedded.stderr" || fail "embedded: message"
{ echo '{"type":"run","format":"paircheck-run-log/1","target":"inprocess"}'
  pair_line pair-cn-hangzhou-00000001; } > "$work/inprocess-v1.jsonl"
expect_usage_error inprocess-v1 "$work/inprocess-v1.jsonl"
# With --target embedded the user asks for a fresh bundled emulator: nothing there was released.
out=$("$paircheck" cleanup "$work/embedded.jsonl" --target embedded 2>&1); rc=$?
[ "$rc" = 0 ] && [ "$(echo "$out" | tail -1)" = "0 released, 1 already gone, 0 left behind" ] ||
  fail "--target embedded: exit $rc: $out"

# 3. A hand-written /2 log naming a real-clock emulator: nothing in it exists there.
start_emulator fast --clock real --transient-s 0.005:0.02 --sync-cycle-s 0.02
fast="http://127.0.0.1:$port"
{ echo "{\"type\":\"run\",\"format\":\"paircheck-run-log/2\",\"target\":{\"kind\":\"url\",\"url\":\"$fast\",\"faults\":[]}}"
  pair_line pair-cn-hangzhou-0nosuchpair0
  echo '{"type":"resource","kind":"attachment","instance":"i-hz-0001","disk":"d-hz-0001"}'
  pair_line pair-cn-hangzhou-0nosuchpair0; } > "$work/synthetic.jsonl"  # logged twice: counted once
out=$("$paircheck" cleanup "$work/synthetic.jsonl" --fixtures "$fixtures" 2>&1); rc=$?
echo "$out"
[ "$rc" = 0 ] || fail "synthetic: exit $rc"
grep -q "on $fast\$" <<< "$out" || fail "synthetic: cleanup did not use the logged URL"
[ "$(echo "$out" | tail -1)" = "0 released, 2 already gone, 0 left behind" ] ||
  fail "synthetic: summary"

# 4. A run killed (-9) just after its third pair was logged: the emulator's transient statuses last
# 1 s, so that pair outlives the moment its resource line reaches run.jsonl, while the run already
# cleaned up after the sequences of the earlier ones.
start_emulator slow --clock real --transient-s 1:1 --sync-cycle-s 0.05
slow="http://127.0.0.1:$port"
"$paircheck" run --target "$slow" --fixtures "$fixtures" --seed 11 --sequences 1000 \
  --poll-ms 50 --max-wait-s 1 --quiet --report-dir "$work/report" > "$work/run.out" 2>&1 &
run_pid=$!
for _ in $(seq 1200); do  # up to about a minute for its third pair
  pairs=$(grep -c '"kind":"pair"' "$work/report/run.jsonl" 2>/dev/null)
  [ "${pairs:-0}" -ge 3 ] && break
  kill -0 "$run_pid" 2>/dev/null || break
  sleep 0.05
done
kill -9 "$run_pid" 2>/dev/null || fail "the run ended before it was killed: $(cat "$work/run.out")"
wait "$run_pid" 2>/dev/null
logged=$(grep '"type":"resource"' "$work/report/run.jsonl" | sort -u | wc -l)
echo "killed run: $logged resource line(s) logged"
[ "$logged" -ge 1 ] || fail "the killed run logged no resource"

out=$("$paircheck" cleanup "$work/report/run.jsonl" --fixtures "$fixtures" 2>&1); rc=$?
echo "$out" | grep -v '^already gone: '
[ "$rc" = 0 ] || fail "killed run: cleanup exited $rc"
summary=$(echo "$out" | tail -1)
read -r released _ gone _ _ left _ <<< "$summary"
[ "${released:-0}" -ge 1 ] 2>/dev/null || fail "killed run: expected the live pair released: $summary"
[ "$left" = 0 ] || fail "killed run: left behind: $summary"
[ $((released + gone)) = "$logged" ] || fail "killed run: $summary does not add up to $logged logged"

out=$("$paircheck" cleanup "$work/report/run.jsonl" --fixtures "$fixtures" 2>&1); rc=$?
echo "again: $(echo "$out" | tail -1)"
[ "$rc" = 0 ] || fail "second cleanup exited $rc"
[ "$(echo "$out" | tail -1 | sed 's/ (a torn.*//')" = "0 released, $logged already gone, 0 left behind" ] ||
  fail "second cleanup: $(echo "$out" | tail -1)"

[ "$failures" = 0 ] && echo "cleanup_uses_logged_target: ok" || { echo "$failures failure(s)"; exit 1; }
