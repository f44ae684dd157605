#!/usr/bin/env bash
# Builds the fuzz preset (clang++-14, libFuzzer + ASan + UBSan) and runs each fuzz target for N
# seconds (default 60) from the committed corpus and regressions. Fails on a crash or divergence;
# the input is left in build/fuzz/ci/<target>-crash-* (add it to corpus/regressions/<target>/).
#   scripts/fuzz-ci.sh [SECONDS]      FUZZ_JOBS=N: parallel cmake jobs (default nproc)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
start=$(date +%s)
targets=(fuzz_sequence fuzz_request_parser fuzz_response_parser)
# PAIRCHECK_FUZZ_OPT_FLAGS replaces the preset's "-O2 -g" (CI: "-O2 -g1", line tables only).
cmake --preset fuzz ${PAIRCHECK_FUZZ_OPT_FLAGS:+"-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=$PAIRCHECK_FUZZ_OPT_FLAGS"} >/dev/null
cmake --build --preset fuzz -j "${FUZZ_JOBS:-$(nproc)}" --target "${targets[@]}"
echo "fuzz-ci: built in $(( $(date +%s) - start ))s"
out=build/fuzz/ci
status=0
for t in "${targets[@]}"; do
  work=$out/$t-corpus
  rm -rf "$work" && mkdir -p "$work"
  t0=$(date +%s)
  # New inputs go to a scratch corpus; the committed seeds and regressions are read-only inputs.
  if ! build/fuzz/fuzz/$t -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2048 \
      -print_final_stats=1 -dict="corpus/$t.dict" -artifact_prefix="$out/$t-" \
      "$work" "corpus/$t" "corpus/regressions/$t" >"$out/$t.log" 2>&1; then
    echo "fuzz-ci: $t FAILED after $(( $(date +%s) - t0 ))s; see $out/$t.log:"
    grep -E -A30 'paircheck divergence|ERROR: (libFuzzer|AddressSanitizer|UndefinedBehavior)|runtime error|fuzz_request_parser:' \
      "$out/$t.log" | head -60 || true
    ls "$out/$t"-crash-* "$out/$t"-timeout-* "$out/$t"-oom-* 2>/dev/null || true
    status=1
    continue
  fi
  runs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$out/$t.log" | grep -oE '[0-9]+$' || echo "?")
  echo "fuzz-ci: $t ok: $runs executions in $(( $(date +%s) - t0 ))s, corpus $(ls "$work" | wc -l) new inputs"
done
echo "fuzz-ci: done in $(( $(date +%s) - start ))s"
exit $status
