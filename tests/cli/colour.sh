#!/usr/bin/env bash
# Colour on a terminal only: the verdict line is coloured when stdout is a terminal (a pty made
# by script(1)), plain when piped, and plain on a terminal when NO_COLOR is set (no-color.org);
# the progress line shows the elapsed time.
# usage: colour.sh PAIRCHECK PAIRCHECK_EMULATOR FIXTURES
set -uo pipefail
paircheck=$1
source "$(dirname "$0")/lib.sh"
status=0
fail() { echo "FAIL: $*"; status=1; }
esc=$'\033'
run="$paircheck run --target inprocess --seed 3 --sequences 20 --emulator-fault start-ignores-status"

script -qec "$run --report-dir $work/tty" /dev/null > "$work/tty.out" 2>&1
grep -q "${esc}\[1;31mNOT CONFORMANT${esc}\[0m" "$work/tty.out" || fail "no red verdict on a terminal"
grep -q ' failing.*[0-9] s' "$work/tty.out" || fail "no elapsed time on the progress line"

NO_COLOR=1 script -qec "$run --report-dir $work/nocolour" /dev/null > "$work/nocolour.out" 2>&1
grep -q 'NOT CONFORMANT' "$work/nocolour.out" || fail "no verdict with NO_COLOR"
grep -q "${esc}\[1;3" "$work/nocolour.out" && fail "colour with NO_COLOR set"

$run --report-dir "$work/piped" > "$work/piped.out" 2>&1
grep -q 'NOT CONFORMANT' "$work/piped.out" || fail "no verdict when piped"
grep -q "$esc" "$work/piped.out" && fail "escape codes in piped output"

[ $status = 0 ] || { echo "--- tty:"; cat -v "$work/tty.out" | tail -5; }
exit $status
