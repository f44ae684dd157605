#!/usr/bin/env bash
# For each emulator fault (paircheck-emulator --list-faults), how many seconds fuzz_sequence needs
# to find it (a divergence), each within a budget (default 60 s). Builds the fuzz preset.
#   scripts/fuzz-faults.sh [BUDGET_SECONDS] [--no-seeds]
# With --no-seeds the fuzzer starts from an empty corpus (the dictionary only); by default it
# starts from corpus/fuzz_sequence, whose seeds alone already expose some faults.
set -euo pipefail
cd "$(dirname "$0")/.."
budget=60
seeds=(corpus/fuzz_sequence)
for arg in "$@"; do
  case $arg in
    --no-seeds) seeds=() ;;
    *) budget=$arg ;;
  esac
done
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "${FUZZ_JOBS:-$(nproc)}" --target fuzz_sequence paircheck-emulator >/dev/null
out=build/fuzz/faults
mkdir -p "$out"
missed=0
printf '%-28s %8s  %s\n' fault seconds verdict
while read -r fault _; do
  [ -n "$fault" ] || continue
  work=$out/$fault-corpus
  rm -rf "$work" "$out/$fault"-crash-* && mkdir -p "$work"
  t0=$(date +%s.%N)
  if PAIRCHECK_EMULATOR_FAULTS=$fault build/fuzz/fuzz/fuzz_sequence -seed=1 \
      -max_total_time="$budget" -timeout=30 -dict=corpus/fuzz_sequence.dict \
      -artifact_prefix="$out/$fault-" "$work" "${seeds[@]}" >"$out/$fault.log" 2>&1; then
    printf '%-28s %8s  %s\n' "$fault" "-" "NOT FOUND within ${budget}s"
    missed=$((missed + 1))
  else
    t1=$(date +%s.%N)
    verdict=$(grep -m1 '^verdict:' "$out/$fault.log" | cut -c10-90 || true)
    printf '%-28s %8.1f  %s\n' "$fault" "$(echo "$t1 - $t0" | bc)" "${verdict:-(see $out/$fault.log)}"
  fi
done < <(build/fuzz/emulator/paircheck-emulator --list-faults)
echo "fuzz-faults: $missed fault(s) not found"
[ "$missed" -eq 0 ]
