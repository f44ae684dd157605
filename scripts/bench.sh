#!/usr/bin/env bash
# The benchmarks: installs what is missing (scripts/install-deps.sh), builds the default preset's
# bench programs (bench/*/), runs each in turn, then bench/detection/ttd.py (the time each planted
# fault takes `paircheck run` to find, embedded, seeds 1-5; ~5 min), then bench/fuzz/bench_fuzz.sh
# (clang++-14 fuzz builds, with and without sanitizers), then bench/realclock/run.sh (the Python peer, paircheck and
# the time to detection of every fault against real-clock emulators; up to 3*T s + 6 min).
# Prints the machine first, then every `name: value unit` line; install and build output go to
# stderr. Asserts nothing about time. With --mutation, last bench/mutation/run.sh (the mutation
# score, docs/mutation.md; its own build in build/mutation, ~25 min; off by default).
#   scripts/bench.sh [--no-fuzz] [--fuzz-seconds N] [--no-realclock] [--realclock-seconds T]
#                    [--no-detection] [--mutation]
#   BENCH_JOBS=N: parallel build jobs
# Exit 0, or 1 when a bench program, the fuzz bench or the real-clock bench failed (named on
# stderr).
set -euo pipefail
cd "$(dirname "$0")/.."
fuzz=1
fuzz_seconds=20
realclock=1
realclock_seconds=20
mutation=0
detection=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --no-fuzz) fuzz=0 ;;
    --fuzz-seconds) fuzz_seconds=${2:?--fuzz-seconds needs a value}; shift ;;
    --no-realclock) realclock=0 ;;
    --realclock-seconds) realclock_seconds=${2:?--realclock-seconds needs a value}; shift ;;
    --mutation) mutation=1 ;;
    --no-detection) detection=0 ;;
    *) echo "usage: scripts/bench.sh [--no-fuzz] [--fuzz-seconds N] [--no-realclock]" \
            "[--realclock-seconds T] [--no-detection] [--mutation]" >&2; exit 2 ;;
  esac
  shift
done

model=$(grep -m1 '^model name' /proc/cpuinfo | sed 's/^[^:]*: *//' || true)
echo "machine: $(nproc) cpus, ${model:-unknown cpu}, $(date -u '+%Y-%m-%dT%H:%M:%SZ')"

deps=()
[[ $fuzz == 1 ]] && deps+=(--fuzz)
[[ $realclock == 1 ]] && deps+=(--bench)
scripts/install-deps.sh "${deps[@]}" >&2

benches=(bench_judge bench_emulator bench_inprocess bench_http)
programs=()
[[ $realclock == 1 || $detection == 1 ]] && programs=(paircheck paircheck-emulator)
cmake --preset default >&2
cmake --build --preset default -j "${BENCH_JOBS:-$(nproc)}" \
  --target "${benches[@]}" "${programs[@]}" >&2

status=0
for b in "${benches[@]}"; do
  if ! "build/default/bench/${b#bench_}/$b"; then
    echo "bench: $b failed" >&2
    status=1
  fi
done
if [[ $detection == 1 ]]; then
  if ! bench/detection/ttd.py --paircheck build/default/cli/paircheck; then
    echo "bench: bench/detection/ttd.py failed" >&2
    status=1
  fi
fi
if [[ $fuzz == 1 ]]; then
  if ! bench/fuzz/bench_fuzz.sh "$fuzz_seconds"; then
    echo "bench: bench/fuzz/bench_fuzz.sh failed" >&2
    status=1
  fi
fi
if [[ $realclock == 1 ]]; then
  if ! bench/realclock/run.sh --seconds "$realclock_seconds"; then
    echo "bench: bench/realclock/run.sh failed" >&2
    status=1
  fi
fi
if [[ $mutation == 1 ]]; then
  if ! bench/mutation/run.sh; then
    echo "bench: bench/mutation/run.sh failed" >&2
    status=1
  fi
fi
exit $status
