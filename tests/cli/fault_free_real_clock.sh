#!/usr/bin/env bash
# Cries no wolf: 1,000 generated sequences against the fault-free paircheck-emulator over HTTP, on
# its real clock (fast transients, no control token: the harness waits for real and cleans up after
# each sequence), must give exit 0.
# usage: fault_free_real_clock.sh PAIRCHECK PAIRCHECK_EMULATOR FIXTURES [SEQUENCES]
set -uo pipefail
paircheck=$1 emulator=$2 fixtures=$3 sequences=${4:-1000}
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$work"' EXIT
"$emulator" --fixtures "$fixtures" --port 0 --clock real --transient-s 0.005:0.02 --sync-cycle-s 0.02 \
  > "$work/emu.out" 2>&1 &
for _ in $(seq 100); do
  port=$(sed -n 's/.*listening on [0-9.]*:\([0-9]*\).*/\1/p' "$work/emu.out")
  [ -n "$port" ] && break
  sleep 0.05
done
[ -n "${port:-}" ] || { echo "emulator did not start: $(cat "$work/emu.out")"; exit 1; }
"$paircheck" run --target "http://127.0.0.1:$port" --seed 2 --sequences "$sequences" --poll-ms 10 --max-wait-s 0 --quiet \
  --report-dir "$work/report"
