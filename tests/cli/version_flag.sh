#!/usr/bin/env bash
# `paircheck --version` and `paircheck-emulator --version`: each prints one line, NAME VERSION
# (commit C), and exits 0; both name the same version and commit. C is git's 12-digit short commit
# (with -dirty for a changed work tree), or "unknown" when the build had no git; when this
# repository is a git work tree, C must name one of its commits.
# usage: version_flag.sh PAIRCHECK PAIRCHECK_EMULATOR FIXTURES VERSION
set -uo pipefail
paircheck=$1 emulator=$2 version=$4
root=$(cd "$(dirname "$0")/../.." && pwd)
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

commit_of() {  # commit_of NAME OUTPUT: prints C when OUTPUT is exactly "NAME VERSION (commit C)"
  local re="^$1 ${version//./\\.} \\(commit ([0-9a-f]{12}(-dirty)?|unknown)\\)\$"
  [[ "$2" =~ $re ]] && echo "${BASH_REMATCH[1]}"
}

commits=()
for program in paircheck paircheck-emulator; do
  binary=$paircheck
  [ "$program" = paircheck-emulator ] && binary=$emulator
  out=$("$binary" --version 2>&1)
  rc=$?
  echo "$program --version: $out (exit $rc)"
  [ "$rc" = 0 ] || fail "$program --version exited $rc"
  commit=$(commit_of "$program" "$out") || fail "$program --version: expected '$program $version (commit C)'"
  commits+=("$commit")
done
[ "${commits[0]}" = "${commits[1]:-}" ] || fail "the two programs name different commits: ${commits[*]}"

if command -v git >/dev/null && git -C "$root" rev-parse --git-dir >/dev/null 2>&1; then
  commit=${commits[0]%-dirty}
  if [ "$commit" = unknown ]; then
    fail "built from a git work tree but the commit is 'unknown'"
  elif [ -n "$commit" ] && ! git -C "$root" cat-file -e "$commit^{commit}" 2>/dev/null; then
    fail "$commit is not a commit of $root"
  fi
fi

[ "$failures" = 0 ] && echo "PASS" || exit 1
