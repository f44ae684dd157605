#!/usr/bin/env bash
# Errors name the thing they are about (issue 14 item 6), each one line and exit 2:
#  - paircheck-emulator on a port in use names the address and port and why;
#  - an unknown fault (paircheck-emulator --fault, paircheck run --emulator-fault) lists every
#    fault name to choose from;
# and each flag appears once in `paircheck fuzz --help` (--target was listed twice, with two
# defaults).
# usage: errors_name_their_subject.sh PAIRCHECK PAIRCHECK_EMULATOR FIXTURES
set -uo pipefail
paircheck=$1 emulator=$2 fixtures=$3
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
source "$(dirname "$0")/lib.sh"

# expect_one_line NAME WANT_EXIT PATTERN COMMAND...: the command exits WANT_EXIT with exactly one
# line of output that contains PATTERN (a fixed string).
expect_one_line() {
  local name=$1 want=$2 pattern=$3; shift 3
  local out rc
  out=$("$@" 2>&1 < /dev/null)
  rc=$?
  echo "$name: exit $rc: $out"
  [ "$rc" = "$want" ] || fail "$name: exit $rc, expected $want"
  [ "$(printf '%s\n' "$out" | wc -l)" = 1 ] || fail "$name: expected one line, got: $out"
  [[ "$out" == *"$pattern"* ]] || fail "$name: expected '$pattern' in: $out"
  last=$out
}

# A port in use: the first emulator holds it.
start_emulator holder
expect_one_line port-in-use 2 \
  "paircheck-emulator: cannot listen on 127.0.0.1:$port: address already in use" \
  timeout 10 "$emulator" --fixtures "$fixtures" --port "$port"
kill "$pid"; wait "$pid" 2>/dev/null

# Unknown fault names: every name of --list-faults is offered.
names=$("$emulator" --list-faults | awk '{print $1}')
[ "$(echo "$names" | wc -l)" -ge 10 ] || fail "--list-faults lists too few faults: $names"
check_names() {
  local name=$1 n
  for n in $names; do
    [[ "$last" == *"$n"* ]] || fail "$name: fault '$n' is not offered"
  done
}
expect_one_line emulator-fault 2 "unknown emulator fault 'nosuch' (choose from: " \
  timeout 10 "$emulator" --fixtures "$fixtures" --port 0 --fault nosuch
check_names emulator-fault
expect_one_line run-emulator-fault 2 "paircheck: unknown emulator fault 'nosuch' (choose from: " \
  timeout 60 "$paircheck" run --quiet --sequences 1 --report-dir "$work/run" --emulator-fault nosuch
check_names run-emulator-fault

# fuzz --help: each flag once.
help=$("$paircheck" fuzz --help)
rc=$?
[ "$rc" = 0 ] || fail "fuzz --help exited $rc"
twice=$(printf '%s\n' "$help" | sed -n 's/^  \(--[a-z-]*\).*/\1/p' | sort | uniq -d)
[ -z "$twice" ] || fail "fuzz --help lists these flags more than once: $twice"
[ "$(printf '%s\n' "$help" | grep -c '^  --target ')" = 1 ] || fail "fuzz --help: --target not listed exactly once"
for subcommand in run replay cleanup; do
  twice=$("$paircheck" "$subcommand" --help | sed -n 's/^  \(--[a-z-]*\).*/\1/p' | sort | uniq -d)
  [ -z "$twice" ] || fail "$subcommand --help lists these flags more than once: $twice"
done

[ "$failures" = 0 ] && echo "PASS" || exit 1
