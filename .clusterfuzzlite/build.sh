#!/bin/bash -eu
# ClusterFuzzLite / OSS-Fuzz build of the fuzz targets. The builder sets CXX, CXXFLAGS (sanitizer
# and coverage flags), LIB_FUZZING_ENGINE, SRC and OUT; outside Docker set at least SRC and OUT:
#   SRC=/work OUT=/tmp/out CXX=clang++-14 \
#   CXXFLAGS="-fsanitize=address,undefined,fuzzer-no-link" .clusterfuzzlite/build.sh
# ($SRC/paircheck, or PAIRCHECK_SRC, is the checkout.) Writes each target, its seed corpus
# (seeds + regressions) as <target>_seed_corpus.zip, its dictionary and a .options file to $OUT.
src=${PAIRCHECK_SRC:-$SRC/paircheck}
build=${WORK:-/tmp}/paircheck-cfl-build
targets="fuzz_sequence fuzz_request_parser fuzz_response_parser"
cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER="${CXX:-clang++}" -DCMAKE_CXX_FLAGS="${CXXFLAGS:-}" \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g" \
  -DPAIRCHECK_FUZZ=ON -DPAIRCHECK_FUZZ_ENGINE="${LIB_FUZZING_ENGINE:--fsanitize=fuzzer}" \
  -DPAIRCHECK_TESTS=OFF -DPAIRCHECK_BENCH=OFF -DPAIRCHECK_WERROR=OFF
cmake --build "$build" -j"$(nproc)" --target $targets
mkdir -p "$OUT"
for t in $targets; do
  cp "$build/fuzz/$t" "$OUT/$t"
  rm -f "$OUT/${t}_seed_corpus.zip"
  (cd "$src/corpus" && zip -q -j "$OUT/${t}_seed_corpus.zip" "$t"/* $(ls regressions/"$t"/* 2>/dev/null))
  cp "$src/corpus/$t.dict" "$OUT/$t.dict"
  printf '[libfuzzer]\ndict = %s.dict\ntimeout = 30\n' "$t" > "$OUT/$t.options"
done
