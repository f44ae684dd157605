#!/usr/bin/env bash
# Cries no wolf: 1,000 generated sequences against the fault-free paircheck-emulator over HTTP, on
# its real clock (fast transients, no control token: the harness waits for real and cleans up after
# each sequence), must give exit 0.
# usage: fault_free_real_clock.sh PAIRCHECK PAIRCHECK_EMULATOR FIXTURES [SEQUENCES]
set -uo pipefail
paircheck=$1 emulator=$2 fixtures=$3 sequences=${4:-1000}
source "$(dirname "$0")/lib.sh"
start_emulator emu --clock real --transient-s 0.005:0.02 --sync-cycle-s 0.02
"$paircheck" run --target "http://127.0.0.1:$port" --seed 2 --sequences "$sequences" --poll-ms 10 --max-wait-s 0 --quiet \
  --report-dir "$work/report"
