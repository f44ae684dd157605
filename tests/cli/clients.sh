#!/usr/bin/env bash
# `paircheck run --clients N` (issue 12): N clients on ONE target, each on a lease of fixture disks.
# On the bundled emulator and on a real-clock paircheck-emulator: fault-free runs stay conformant
# (Describe answers listing the other clients' pairs are projected onto each lease), a fault is
# still found, and more clients than the fixtures allow is refused with one line.
# usage: clients.sh PAIRCHECK PAIRCHECK_EMULATOR FIXTURES
set -uo pipefail
paircheck=$1 emulator=$2 fixtures=$3
clients_fixtures="$(dirname "$fixtures")/clients.json"
profile="$(dirname "$fixtures")/../profiles/realclock-emulator.json"
source "$(dirname "$0")/lib.sh"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

expect embedded-clean 0 --clients 2 --sequences 300
grep -q '"clients":2' "$work/embedded-clean/run.jsonl" || fail "run log header does not say clients 2"
grep -q -- '--clients 2' <<< "$out" || fail "the reproduce line lacks --clients 2"

# Found, not how far it shrinks: shrinking this two-client finding took 1,300-14,000 requests by
# seed and by how the clients' threads met (plain build, seeds 1-5), and once 34,000 requests and
# 132 s of CI under ASan. --shrink-time bounds it.
expect embedded-fault 1 --clients 2 --sequences 600 --max-failures 1 --shrink-time 10 \
  --emulator-fault start-ignores-status

expect too-many 2 --clients 3 --sequences 10
grep -q 'the fixtures allow at most 2' <<< "$out" || fail "no clear error for --clients 3: $out"
[ "$(echo "$out" | wc -l)" = 1 ] || fail "the error is not one line: $out"

expect clients-and-jobs 2 --clients 2 --jobs 2 --sequences 10
grep -q 'choose one' <<< "$out" || fail "no clear error for --clients with --jobs: $out"

# A real clock, six clients (the default for fixtures/clients.json), races and reads filling waits.
fixtures=$clients_fixtures
start_emulator real --clock real --transient-s 0.05:0.2 --sync-cycle-s 1 --cooldown-s 2
expect real-clean 0 --target "http://127.0.0.1:$port" --fixtures "$clients_fixtures" --profile "$profile" \
  --poll-ms 50 --max-wait-s 1 --sequences 120
grep -q '"clients":6' "$work/real-clean/run.jsonl" || fail "the default on a real clock is not 6 clients"
races=$(grep -c '"kind":"race"' "$work/real-clean/run.jsonl")
echo "real-clean: $races race steps generated"
[ "$races" -gt 0 ] || fail "no race step on a real clock"
kill "$pid"; wait "$pid" 2>/dev/null

start_emulator racy --clock real --transient-s 0.05:0.2 --sync-cycle-s 1 --cooldown-s 2 --fault check-then-act
expect real-check-then-act 1 --target "http://127.0.0.1:$port" --fixtures "$clients_fixtures" \
  --profile "$profile" --poll-ms 50 --max-wait-s 1 --sequences 3000 --max-failures 1 --shrink-time 10
# The race, or the state it corrupted, meets a lifecycle rule (O2-O10; a race shrinks to a plain
# call first when one client shows it).
grep -q 'no order of them explains every answer\|\[O[2-9]\]\|\[O10\]' <<< "$out" ||
  fail "check-then-act not found: $out"
kill "$pid"; wait "$pid" 2>/dev/null

[ "$failures" = 0 ] && echo "clients share one target" || { echo "$failures failure(s)"; exit 1; }
