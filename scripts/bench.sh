#!/usr/bin/env bash
# The benchmarks: installs what is missing (scripts/install-deps.sh), builds the default preset's
# bench programs (bench/*/), runs each in turn, then bench/fuzz/bench_fuzz.sh (clang++-14 fuzz
# builds, with and without sanitizers). Prints the machine first, then every `name: value unit`
# line; install and build output go to stderr. Asserts nothing about time.
#   scripts/bench.sh [--no-fuzz] [--fuzz-seconds N]      BENCH_JOBS=N: parallel build jobs
# Exit 0, or 1 when a bench program or the fuzz bench failed (named on stderr).
set -euo pipefail
cd "$(dirname "$0")/.."
fuzz=1
fuzz_seconds=20
while [[ $# -gt 0 ]]; do
  case "$1" in
    --no-fuzz) fuzz=0 ;;
    --fuzz-seconds) fuzz_seconds=${2:?--fuzz-seconds needs a value}; shift ;;
    *) echo "usage: scripts/bench.sh [--no-fuzz] [--fuzz-seconds N]" >&2; exit 2 ;;
  esac
  shift
done

model=$(grep -m1 '^model name' /proc/cpuinfo | sed 's/^[^:]*: *//' || true)
echo "machine: $(nproc) cpus, ${model:-unknown cpu}, $(date -u '+%Y-%m-%dT%H:%M:%SZ')"

deps=()
[[ $fuzz == 1 ]] && deps=(--fuzz)
scripts/install-deps.sh "${deps[@]}" >&2

benches=(bench_judge bench_emulator bench_inprocess bench_http)
cmake --preset default >&2
cmake --build --preset default -j "${BENCH_JOBS:-$(nproc)}" --target "${benches[@]}" >&2

status=0
for b in "${benches[@]}"; do
  if ! "build/default/bench/${b#bench_}/$b"; then
    echo "bench: $b failed" >&2
    status=1
  fi
done
if [[ $fuzz == 1 ]]; then
  if ! bench/fuzz/bench_fuzz.sh "$fuzz_seconds"; then
    echo "bench: bench/fuzz/bench_fuzz.sh failed" >&2
    status=1
  fi
fi
exit $status
