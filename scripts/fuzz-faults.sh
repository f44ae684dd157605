#!/usr/bin/env bash
# For each emulator fault (paircheck-emulator --list-faults), how long fuzz_sequence needs to find
# it (a divergence), each run within a budget (default 60 s). Builds the fuzz preset unless --build
# names a fuzz build directory (one holding fuzz/fuzz_sequence and emulator/paircheck-emulator).
#   scripts/fuzz-faults.sh [BUDGET_SECONDS] [--no-seeds] [--seeds N] [--build DIR] [--faults a,b]
# With --no-seeds the fuzzer starts from an empty corpus (the dictionary only); by default it
# starts from corpus/fuzz_sequence, whose seeds alone already expose some faults.
# --seeds N runs each fault with libFuzzer seeds 1..N (default 1) and prints, per fault, the median
# wall seconds and the median executions to the divergence (executions do not depend on the
# machine's load; seconds do). A run that finds nothing counts as "more than the budget".
set -euo pipefail
cd "$(dirname "$0")/.."
budget=60
seeds=(corpus/fuzz_sequence)
nseeds=1
build=""
only=""
while [ $# -gt 0 ]; do
  case $1 in
    --no-seeds) seeds=() ;;
    --seeds) nseeds=${2:-}; [ $# -lt 2 ] || shift ;;
    --build) build=${2:-none}; [ $# -lt 2 ] || shift ;;
    --faults) only=${2:-}; [ $# -lt 2 ] || shift ;;
    *) budget=$1 ;;
  esac
  shift
done
if ! [[ "$budget" =~ ^[1-9][0-9]*$ && "$nseeds" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: scripts/fuzz-faults.sh [BUDGET_SECONDS] [--no-seeds] [--seeds N] [--build DIR] [--faults a,b]" >&2
  exit 2
fi
if [ -z "$build" ]; then
  cmake --preset fuzz >/dev/null
  cmake --build --preset fuzz -j "${FUZZ_JOBS:-$(nproc)}" --target fuzz_sequence paircheck-emulator >/dev/null
  build=build/fuzz
fi
if [ ! -x "$build/fuzz/fuzz_sequence" ]; then
  echo "fuzz-faults: $build/fuzz/fuzz_sequence not found" >&2
  exit 2
fi
# The faults: --faults, else every fault the build's emulator lists.
if [ -n "$only" ]; then
  faults=$(echo "$only" | tr ',' '\n')
elif [ -x "$build/emulator/paircheck-emulator" ]; then
  faults=$("$build/emulator/paircheck-emulator" --list-faults | cut -d' ' -f1)
else
  echo "fuzz-faults: $build/emulator/paircheck-emulator not found (or give --faults a,b)" >&2
  exit 2
fi
out=$build/faults
mkdir -p "$out"
missed=0

printf '%-28s %8s %10s  %s\n' fault seconds executions "verdict (seed 1) / per seed s"
for fault in $faults; do
  secs=() execs=() verdict=""
  for ((seed = 1; seed <= nseeds; seed++)); do
    work=$out/$fault-$seed-corpus log=$out/$fault-$seed.log
    rm -rf "$work" "$out/$fault-$seed"-crash-* && mkdir -p "$work"
    t0=$(date +%s.%N)
    if PAIRCHECK_EMULATOR_FAULTS=$fault "$build/fuzz/fuzz_sequence" -seed="$seed" \
        -max_total_time="$budget" -timeout=30 -print_final_stats=1 \
        -dict=corpus/fuzz_sequence.dict -artifact_prefix="$out/$fault-$seed-" \
        "$work" "${seeds[@]}" >"$log" 2>&1; then
      secs+=("-") execs+=("-")
    else
      t1=$(date +%s.%N)
      secs+=("$(printf '%.1f' "$(echo "$t1 - $t0" | bc)")")
      execs+=("$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' || echo '?')")
      [ -n "$verdict" ] || verdict=$(grep -m1 '^verdict:' "$log" | cut -c10-70 || true)
    fi
  done
  s=$(printf '%s\n' "${secs[@]}" | sed 's/^-$/inf/' | sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}')
  e=$(printf '%s\n' "${execs[@]}" | sed 's/^-$/inf/' | sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}')
  if [ "$s" = inf ]; then
    s="-" e="-"
    missed=$((missed + 1))
    verdict="NOT FOUND within ${budget}s (median)"
  fi
  detail=""
  [ "$nseeds" -eq 1 ] || detail=" [${secs[*]}]"
  printf '%-28s %8s %10s  %s%s\n' "$fault" "$s" "$e" "${verdict:-(see $out/$fault-1.log)}" "$detail"
done
echo "fuzz-faults: $missed fault(s) not found (median of $nseeds seed(s))"
[ "$missed" -eq 0 ]
