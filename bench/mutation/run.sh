#!/usr/bin/env bash
# The mutation score of paircheck (docs/mutation.md): builds `paircheck` with the sampled mutants
# of emulator/core_*.cpp (bench/mutation/mutants.txt) in build/mutation, checks that it is
# conformant with no mutant active, then runs `paircheck run --target embedded` against each
# mutant (PAIRCHECK_MUTANT=K) with a timeout and prints survivors, errors, the times to kill, and
# last `mutation score: K/N killed` and `median time to kill: X s`. Not part of CI (.ci/run).
#   bench/mutation/run.sh [--seed N] [--timeout S] [--jobs N] [--build DIR] [--no-build]
#                         [--only K,K,...]   (listed ids to run; all are still built)
#   BENCH_JOBS=N: parallel build jobs (default 2)
# Exit 0 when every mutant was run; 2 when mutant 0 is not conformant or the build failed.
set -euo pipefail
cd "$(dirname "$0")/../.."
seed=3
timeout=60
jobs=1
build=build/mutation
do_build=1
only=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --seed) seed=${2:?--seed needs a value}; shift ;;
    --timeout) timeout=${2:?--timeout needs a value}; shift ;;
    --jobs) jobs=${2:?--jobs needs a value}; shift ;;
    --build) build=${2:?--build needs a directory}; shift ;;
    --no-build) do_build=0 ;;
    --only) only=${2:?--only needs ids, e.g. 37,72,91}; shift ;;
    *) echo "usage: bench/mutation/run.sh [--seed N] [--timeout S] [--jobs N] [--build DIR]" \
            "[--no-build] [--only K,K,...]" >&2; exit 2 ;;
  esac
  shift
done

model=$(grep -m1 '^model name' /proc/cpuinfo | sed 's/^[^:]*: *//' || true)
echo "machine: $(nproc) cpus, ${model:-unknown cpu}, $(date -u '+%Y-%m-%dT%H:%M:%SZ')"
start=$(date +%s)
mutants=$build/mutants
# The mutated copies of the sampled mutants only (each behind its guard), then the build.
python3 bench/mutation/mutate.py generate --out "$mutants" --only bench/mutation/mutants.txt
if [[ $do_build == 1 ]]; then
  cmake -S . -B "$build" -DCMAKE_CXX_COMPILER=g++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DPAIRCHECK_TESTS=OFF -DPAIRCHECK_BENCH=OFF -DPAIRCHECK_WERROR=OFF \
    -DPAIRCHECK_MUTANTS=ON "-DPAIRCHECK_MUTANTS_DIR=$(pwd)/$mutants" >&2
  if ! cmake --build "$build" --target paircheck -j "${BENCH_JOBS:-2}" >&2; then
    echo "mutation: the build failed" >&2
    exit 2
  fi
fi
echo "build: $(( $(date +%s) - start )) s"
# A copy: another build may replace the binary while the runs go on.
cp "$build/cli/paircheck" "$build/paircheck-mutants"
python3 bench/mutation/mutate.py run --paircheck "$build/paircheck-mutants" \
  --selection "$mutants/selection.json" --work "$build/runs" --seed "$seed" \
  --timeout "$timeout" --jobs "$jobs" --only "$only"
