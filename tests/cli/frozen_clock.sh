#!/usr/bin/env bash
# Issue 14, a clock nobody moves: `paircheck run` against a virtual-clock paircheck-emulator without
# its control token sees no transient status end anywhere, and stops with exit 2 and a hint instead
# of a false [M3]; the same run on a real clock stays exit 0, and stop-never-completes on a real
# clock (one status stuck while the others move) is still an [M3] finding. The emulator itself
# refuses --clock virtual without --control-token (one line, exit 2).
# usage: frozen_clock.sh PAIRCHECK PAIRCHECK_EMULATOR FIXTURES
set -uo pipefail
paircheck=$1 emulator=$2 fixtures=$3
source "$(dirname "$0")/lib.sh"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

out=$(timeout 10 "$emulator" --fixtures "$fixtures" --clock virtual 2>&1); rc=$?
[ "$rc" = 2 ] || fail "--clock virtual without a token: exit $rc, expected 2"
[ "$(echo "$out" | wc -l)" = 1 ] || fail "--clock virtual without a token: not one line: $out"
[[ "$out" == *"--clock virtual needs --control-token"*"no client could move the clock"* ]] ||
  fail "--clock virtual without a token does not say why: $out"

# settle_timeout_s 2 s instead of 5, so that waiting on the frozen clock is short.
sed 's/"settle_timeout_s": [0-9]*/"settle_timeout_s": 2/' \
  "$(dirname "$fixtures")/../profiles/realclock-emulator.json" > "$work/profile.json"
quick=(--profile "$work/profile.json" --poll-ms 10 --max-wait-s 1 --clients 1)

start_emulator frozen --clock virtual --control-token s3cret --cooldown-s 2
expect frozen 2 --target "http://127.0.0.1:$port" "${quick[@]}" --sequences 40
hint="no transient status ended in 2 s on http://127.0.0.1:$port: is the target on a virtual clock"
hint+=" without a control token? (paircheck-emulator --clock real, or pass --control-token)"
grep -qF "paircheck: target error: $hint" <<< "$out" || fail "frozen: no hint in: $out"
grep -q '\[M3\]' <<< "$out" && fail "frozen: a false [M3] finding: $out"
kill "$pid"; wait "$pid" 2>/dev/null

start_emulator real --clock real --transient-s 0.005:0.02 --sync-cycle-s 0.02 --cooldown-s 2
expect real 0 --target "http://127.0.0.1:$port" "${quick[@]}" --sequences 40
kill "$pid"; wait "$pid" 2>/dev/null

start_emulator stuck --clock real --transient-s 0.005:0.02 --sync-cycle-s 0.02 --cooldown-s 2 \
  --fault stop-never-completes
expect stuck 1 --target "http://127.0.0.1:$port" "${quick[@]}" --sequences 300 --shrink-time 20 --max-failures 1
grep -q "\[M3\]" <<< "$out" || fail "stop-never-completes on a real clock: no [M3] in: $out"
kill "$pid"; wait "$pid" 2>/dev/null

[ "$failures" = 0 ] && echo "frozen clock: ok" || { echo "$failures failure(s)"; exit 1; }
