#!/usr/bin/env bash
# The lint gate (CI runs it after scripts/test.sh): exit 1 on any clang-format-14 diff over the
# tracked C++ files, or on any clang-tidy-14 warning of the project's .clang-tidy.
#
# clang-tidy reads build/default/compile_commands.json (scripts/test.sh configures it) and checks
# every translation unit in it under the repository except tests/ and the build tree, so a new
# folder is linted as soon as CMake compiles it; headers are checked through the TUs that include
# them (--header-filter: any header of the repository outside tests/). fuzz/ is covered: its entry
# files are compiled into the fuzz_*_replay programs of the default build. bench/ is covered.
#
# Cost on a 2-core machine (docs/build-notes.md): clang-format ~5 s; clang-tidy 244 s wall for 99
# TUs with 2 jobs (470 s of CPU) on an idle machine, ~10 min when a g++ build shares the cores.
# It is the whole TU (Boost, nlohmann_json) that costs, not our lines: no cache can help a fresh
# CI clone, so keep it cheap by choosing checks (.clang-tidy says which were dropped and why).
#
#   scripts/lint.sh [--format-only | --tidy-only] [BUILD_DIR]     LINT_JOBS=N (default nproc)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

do_format=1
do_tidy=1
build=build/default
for arg in "$@"; do
  case "$arg" in
    --format-only) do_tidy=0 ;;
    --tidy-only) do_format=0 ;;
    -*) echo "lint: unknown option '$arg' (known: --format-only --tidy-only)" >&2; exit 2 ;;
    *) build=$arg ;;
  esac
done

scripts/install-deps.sh --lint
status=0
asked_more=0  # SIGUSR1 before clang-tidy started (below): counted, applied when it starts
trap 'asked_more=$((asked_more + 1))' USR1

if [ "$do_format" = 1 ]; then
  t0=$(date +%s)
  unformatted=()
  while IFS= read -r -d '' f; do
    [ -f "$f" ] || continue  # deleted in the work tree, not yet in the index
    clang-format-14 --dry-run -Werror "$f" >/dev/null 2>&1 || unformatted+=("$f")
  done < <(git ls-files -z '*.cpp' '*.hpp')
  if [ "${#unformatted[@]}" -gt 0 ]; then
    echo "lint: clang-format-14 would change ${#unformatted[@]} file(s) (fix: clang-format-14 -i FILE...):"
    printf '  %s\n' "${unformatted[@]}"
    status=1
  else
    echo "lint: clang-format clean ($(( $(date +%s) - t0 ))s)"
  fi
fi

if [ "$do_tidy" = 1 ]; then
  db=$build/compile_commands.json
  if [ ! -f "$db" ]; then
    echo "lint: $db is missing: configure first (cmake --preset default)" >&2
    exit 2
  fi
  build_abs=$(cd "$build" && pwd)
  # Every TU of the repository in the database, minus tests/ and the build tree (generated files).
  mapfile -t tus < <(grep -o '"file": *"[^"]*"' "$db" | sed 's/^"file": *"\(.*\)"$/\1/' | sort -u |
    grep "^$root/" | grep -v -e "^$root/tests/" -e "^$build_abs/" -e "^$root/build/" || true)
  if [ "${#tus[@]}" -eq 0 ]; then
    echo "lint: no translation units of $root in $db" >&2
    exit 2
  fi
  jobs=$(( ${LINT_JOBS:-$(nproc)} + asked_more ))
  t0=$(date +%s)
  out=$(mktemp)
  trap 'rm -f "$out"' EXIT
  # One clang-tidy per TU, in parallel; each prints its output in one piece (no interleaving).
  # Headers: every header of the repository is shown (clang-tidy 14 has no exclude filter); those
  # of tests/ and of the build tree (generated) are dropped below.
  root_re=$(printf '%s' "$root" | sed 's/[.[\*^$+?(){}|]/\\&/g')
  # SIGUSR1 to this script runs one clang-tidy more at once from then on (GNU xargs -P takes
  # SIGUSR1 so): CI starts it on one core beside the tests and gives it the other when they end.
  printf '%s\0' "${tus[@]}" |
    xargs -0 -n 1 -P "$jobs" sh -c \
      'o=$(clang-tidy-14 -p "$0" --quiet --header-filter="$1" "$2" 2>&1); rc=$?; printf "%s\n" "$o"; exit $rc' \
      "$build" "^$root_re/" >"$out" 2>&1 &
  xargs_pid=$!
  more_jobs() { more=1; jobs=$((jobs + 1)); kill -USR1 "$xargs_pid" 2>/dev/null || true; }
  trap more_jobs USR1
  while :; do
    more=0
    tidy_rc=0
    wait "$xargs_pid" || tidy_rc=$?
    [ "$more" = 1 ] || break  # a wait cut short by the signal: wait again
  done
  trap - USR1
  # A warning in a header shows once per TU that includes it: report each once.
  findings=$(grep -E '^/.*:[0-9]+:[0-9]+: (warning|error):' "$out" | sort -u |
    grep -v -e "^$root/tests/" -e "^$root/build/" -e "^$build_abs/" || true)
  elapsed=$(( $(date +%s) - t0 ))
  if [ -n "$findings" ]; then
    echo "lint: clang-tidy-14: $(printf '%s\n' "$findings" | wc -l) finding(s) in ${#tus[@]} TUs (${elapsed}s):"
    printf '%s\n' "$findings" | sed "s|^$root/||"
    status=1
  elif [ "$tidy_rc" != 0 ]; then
    echo "lint: clang-tidy-14 failed (exit $tidy_rc) without a finding:"
    tail -40 "$out"
    status=1
  else
    echo "lint: clang-tidy clean over ${#tus[@]} TUs (${elapsed}s, $jobs jobs)"
  fi
fi

exit "$status"
