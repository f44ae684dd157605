#!/usr/bin/env bash
# The README's test command: install what is missing, build the default preset, run every test.
#   scripts/test.sh [--build-only]
# PAIRCHECK_OPT_FLAGS replaces the preset's "-O2 -g -DNDEBUG" (e.g. "-O2 -DNDEBUG": the same code
# without debug info, ~40 % less compile time: docs/build-notes.md).
# PAIRCHECK_SANITIZE=1 builds it all with ASan + UBSan and assertions on ("-O1 -g1", as the asan
# preset): what CI runs, every test sanitized, in one build (docs/build-notes.md "CI").
set -euo pipefail
cd "$(dirname "$0")/.."
build_only=0
for arg in "$@"; do
  case "$arg" in
    --build-only) build_only=1 ;;
    *) echo "test.sh: unknown option '$arg' (known: --build-only)" >&2; exit 2 ;;
  esac
done
scripts/install-deps.sh --node --report
configure=(--preset default)
if [ "${PAIRCHECK_SANITIZE:-0}" = 1 ]; then
  configure+=(-DPAIRCHECK_SANITIZE=ON "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=${PAIRCHECK_OPT_FLAGS:--O1 -g1}")
  export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
  export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
else
  # Every setting spelled out: a build directory configured otherwise before is configured back.
  configure+=(-DPAIRCHECK_SANITIZE=OFF "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=${PAIRCHECK_OPT_FLAGS:--O2 -g -DNDEBUG}")
fi
cmake "${configure[@]}" >/dev/null
cmake --build --preset default -j "$(nproc)"
[ "$build_only" = 1 ] && exit 0
status=0
ctest --preset default -j "$(nproc)" --output-on-failure || status=$?
if [ "$status" != 0 ]; then
  # ctest prints a failed test's output where it ended, often far above the summary; repeat its
  # failure lines last, where a CI page that shows only the tail of the log shows them.
  log=build/default/Testing/Temporary/LastTest.log
  sed -n 's/^[0-9]*://p' build/default/Testing/Temporary/LastTestsFailed.log 2>/dev/null |
    while read -r name; do
      echo "why $name failed:"
      awk -v t="$name" '$0 ~ "Testing: " t "$" {f = 1} f && /<end of output>/ {exit} f' "$log" |
        grep -E "FAIL|Failure|[Ee]rror|expected|Expected|Which is|timed out|Timeout" | head -8 | cut -c1-200
    done
fi
exit "$status"
