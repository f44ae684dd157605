#!/usr/bin/env bash
# bench_fuzz: executions per second of the fuzz_sequence libFuzzer target (in-process emulator),
# built by clang++-14 without sanitizers (build/fuzz-nosan, PAIRCHECK_FUZZ_SANITIZE=OFF: libFuzzer
# coverage only) and with them (build/fuzz, the fuzz preset: ASan + UBSan). Each runs SECONDS from a
# scratch copy of corpus/fuzz_sequence with its dictionary and the same libFuzzer seed. Prints
# `name: value unit` lines (build output goes to stderr) and asserts nothing about time:
#   fuzz_sequence_nosan_execs_per_s: N execs/s          stat::number_of_executed_units / wall s
#   fuzz_sequence_nosan_execs_per_cpu_s: N execs/s      the same over the run's user + system CPU
#                                                       time (the machine is shared: compare this)
#   fuzz_sequence_nosan_features: N features             libFuzzer's last `ft:` (edges, counters
#                                                       and model-coverage slots it has seen)
#   fuzz_sequence_nosan_corpus_avg_bytes: N bytes        the final corpus' average input size
#   fuzz_sequence_asan_*: the same, sanitized
# Both builds instrument only the model, the emulator core and the generator (docs/fuzzing.md
# "What is instrumented"). BENCH_FUZZ_UNSCOPED=1 also builds build/fuzz-nosan-all with coverage
# everywhere (PAIRCHECK_FUZZ_SCOPED=OFF, as before issue 15) and prints fuzz_sequence_allcov_*.
# Usage: bench/fuzz/bench_fuzz.sh [SECONDS=20]    BENCH_JOBS=N: parallel build jobs (default nproc)
# Exit 2 when clang++-14 is missing; 1 when a run fails (its log is named on stderr).
#
# -max_len: neither scripts/fuzz-ci.sh nor `paircheck fuzz` (cli/fuzz_command.cpp) nor the
# ClusterFuzzLite .options set one, so none is set here either: libFuzzer's default then applies
# (max(4096, the largest seed) bytes, reached gradually through -len_control).
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-20}
if ! [[ "$seconds" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: bench/fuzz/bench_fuzz.sh [SECONDS>0]" >&2
  exit 2
fi
if ! command -v clang++-14 >/dev/null; then
  echo "bench_fuzz: clang++-14 not found (the fuzz build needs it; scripts/install-deps.sh)" >&2
  exit 2
fi
jobs=${BENCH_JOBS:-$(nproc)}

# Builds: only the fuzz_sequence target in each directory.
cmake --preset fuzz >&2
cmake --build --preset fuzz -j "$jobs" --target fuzz_sequence >&2
cmake -S . -B build/fuzz-nosan -DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g" -DPAIRCHECK_FUZZ=ON -DPAIRCHECK_FUZZ_SANITIZE=OFF \
  -DPAIRCHECK_TESTS=OFF -DPAIRCHECK_BENCH=OFF >&2
cmake --build build/fuzz-nosan -j "$jobs" --target fuzz_sequence >&2
if [[ ${BENCH_FUZZ_UNSCOPED:-0} == 1 ]]; then
  cmake -S . -B build/fuzz-nosan-all -DCMAKE_CXX_COMPILER=clang++-14 \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g" -DPAIRCHECK_FUZZ=ON \
    -DPAIRCHECK_FUZZ_SANITIZE=OFF -DPAIRCHECK_FUZZ_SCOPED=OFF -DPAIRCHECK_TESTS=OFF \
    -DPAIRCHECK_BENCH=OFF >&2
  cmake --build build/fuzz-nosan-all -j "$jobs" --target fuzz_sequence >&2
fi

scratch=$(mktemp -d "${TMPDIR:-/tmp}/bench_fuzz.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
status=0

# run NAME BINARY: one timed libFuzzer run; prints its lines.
run() {
  local name=$1 binary=$2
  local corpus=$scratch/$name-corpus log=$scratch/$name.log
  mkdir -p "$corpus"
  cp corpus/fuzz_sequence/* "$corpus/"
  local t0 t1
  t0=$(date +%s%N)
  # The in-process emulator (no PAIRCHECK_TARGET), no faults, a fresh target per input.
  if ! env -u PAIRCHECK_TARGET -u PAIRCHECK_CONTROL_TOKEN -u PAIRCHECK_EMULATOR_FAULTS \
      -u PAIRCHECK_FUZZ_FRESH_TARGET /usr/bin/time -f 'cpu_seconds: %U %S' -o "$scratch/$name.cpu" \
      "$binary" -max_total_time="$seconds" -seed=1 -timeout=30 \
      -rss_limit_mb=2048 -print_final_stats=1 -dict=corpus/fuzz_sequence.dict \
      -artifact_prefix="$scratch/$name-" "$corpus" >"$log" 2>&1; then
    cp "$log" "build/bench_fuzz_$name.log"
    echo "bench_fuzz: fuzz_sequence ($name) failed; see build/bench_fuzz_$name.log" >&2
    status=1
    return
  fi
  t1=$(date +%s%N)
  local units
  units=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' || true)
  if [[ -z "$units" ]]; then
    cp "$log" "build/bench_fuzz_$name.log"
    echo "bench_fuzz: no final stats from fuzz_sequence ($name); see build/bench_fuzz_$name.log" >&2
    status=1
    return
  fi
  awk -v n="$units" -v ns=$((t1 - t0)) -v name="$name" \
    'BEGIN { printf "fuzz_sequence_%s_execs_per_s: %.1f execs/s\n", name, n / (ns / 1e9) }'
  awk -v n="$units" -v name="$name" '/^cpu_seconds:/ && $2 + $3 > 0 {
      printf "fuzz_sequence_%s_execs_per_cpu_s: %.1f execs/s\n", name, n / ($2 + $3) }' \
    "$scratch/$name.cpu"
  grep -oE ' ft: [0-9]+' "$log" | tail -1 | awk -v name="$name" \
    '{ printf "fuzz_sequence_%s_features: %d features\n", name, $2 }'
  # The last status line's `corp: N/SIZE` (SIZE in b, Kb or Mb).
  grep -oE 'corp: [0-9]+/[0-9]+[KM]?b' "$log" | tail -1 | awk -v name="$name" -F'[ /]' '{
      size = $3; mult = 1
      if (size ~ /Kb$/) mult = 1024; else if (size ~ /Mb$/) mult = 1048576
      sub(/[KM]?b$/, "", size)
      if ($2 > 0) printf "fuzz_sequence_%s_corpus_avg_bytes: %.0f bytes\n", name, size * mult / $2
    }'
}

run nosan build/fuzz-nosan/fuzz/fuzz_sequence
if [[ ${BENCH_FUZZ_UNSCOPED:-0} == 1 ]]; then
  run allcov build/fuzz-nosan-all/fuzz/fuzz_sequence
fi
run asan build/fuzz/fuzz/fuzz_sequence
exit $status
