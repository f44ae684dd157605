#!/usr/bin/env bash
# Fuzz.CoverageOnlyWhereItTeaches: a scoped fuzz build (docs/fuzzing.md "What is instrumented")
# gives fuzz_sequence coverage points in the model, the emulator core and the generator, and none
# in library templates (nlohmann, Boost, std::, __gnu_cxx::) or in protocol/ and harness/.
# Reads the binary's PC table (__sancov_pcs: one 16-byte entry per instrumented block, its address
# first) and attributes each address to the function symbol that holds it.
#   tests/fuzz/coverage_scope.sh FUZZ_SEQUENCE_BINARY
set -euo pipefail
bin=${1:?usage: coverage_scope.sh FUZZ_SEQUENCE_BINARY}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
objcopy -O binary --only-section=__sancov_pcs "$bin" "$work/pcs"
if [ ! -s "$work/pcs" ]; then
  echo "coverage_scope: $bin has no __sancov_pcs section (not a libFuzzer build?)" >&2
  exit 1
fi
# The PCs, in hex, one a line (little-endian 64-bit words, every other one).
od -An -v -t x8 -w16 "$work/pcs" | awk '{ print $1 }' | LC_ALL=C sort -u >"$work/pc"
# Function symbols, sorted by address: "address mangled-name".
nm -n --defined-only "$bin" | awk '$2 ~ /^[tTwW]$/ { print $1, $3 }' >"$work/syms"
# Count PCs per function (both lists sorted; a PC belongs to the last symbol at or before it).
# Both print 16 hex digits, so addresses compare as strings (mawk has no strtonum); the "x"
# keeps awk from reading one like 0000000000247e00 as the number 247.
awk 'NR == FNR { addr[NR] = "x" $1; name[NR] = $2; n = NR; next }
     { pc = "x" $1
       while (i < n && addr[i + 1] <= pc) i++
       count[name[i]]++ }
     END { for (f in count) print count[f], f }' "$work/syms" "$work/pc" >"$work/counts"

fail=0
# group LABEL REGEX: the PCs in functions whose mangled name matches REGEX.
group() { awk -v re="$2" '$2 ~ re { s += $1 } END { print s + 0 }' "$work/counts"; }
for label_re in "nlohmann:8nlohmann" "boost:5boost" "std:^_ZZ?N?K?St" \
                "gnu_cxx:^_ZZ?N?K?9__gnu_cxx" "protocol:^_ZZ?N?K?9paircheck8protocol" \
                "harness:^_ZZ?N?K?9paircheck7harness"; do
  label=${label_re%%:*} re=${label_re#*:}
  n=$(group "$label" "$re")
  echo "coverage points in $label: $n (want 0)"
  if [ "$n" -ne 0 ]; then
    awk -v re="$re" '$2 ~ re' "$work/counts" | sort -rn | head -5 | sed 's/^/    /'
    fail=1
  fi
done
for label_re in "model:^_ZN?K?9paircheck5model" "emulator:^_ZN?K?9paircheck8emulator" \
                "properties:^_ZN?K?9paircheck10properties"; do
  label=${label_re%%:*} re=${label_re#*:}
  n=$(group "$label" "$re")
  echo "coverage points in $label: $n (want > 0)"
  [ "$n" -gt 0 ] || fail=1
done
[ "$fail" -eq 0 ] || echo "coverage_scope: FAILED: fuzz/coverage_ignorelist.txt or fuzz/CMakeLists.txt" >&2
exit "$fail"
