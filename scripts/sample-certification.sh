#!/usr/bin/env bash
# Regenerates docs/sample-certification/: builds paircheck, runs `paircheck certify` with the
# demonstration plan sample-v1 (seed 1 x 12 sequences of at most 12 steps, small enough for the
# repository; it certifies nothing, plan v1 does) against the bundled emulator, signs the bundle
# with a throwaway Ed25519 key made here (its public half: docs/sample-certification.pub; the
# private key is not kept), and verifies it. Takes a few seconds once built.
# Usage: scripts/sample-certification.sh   (PAIRCHECK_BUILD_DIR=dir to build elsewhere)
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -n "${PAIRCHECK_BUILD_DIR:-}" ]; then
  build=$PAIRCHECK_BUILD_DIR
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
else
  build=build/default
  cmake --preset default >/dev/null
fi
cmake --build "$build" -j "$(nproc)" --target paircheck >/dev/null
bin=$(realpath "$build/cli/paircheck")

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
openssl genpkey -algorithm ed25519 -out "$scratch/key.pem" 2>/dev/null
openssl pkey -in "$scratch/key.pem" -pubout -out "$scratch/key.pub"
"$bin" certify --plan sample-v1 --out "$scratch/bundle" --sign "$scratch/key.pem" >"$scratch/certify.out" 2>&1 || {
  cat "$scratch/certify.out" >&2
  echo "sample-certification: certify failed" >&2
  exit 1
}
"$bin" certify --verify "$scratch/bundle" --key "$scratch/key.pub" >"$scratch/verify.out" 2>&1 || {
  cat "$scratch/verify.out" >&2
  echo "sample-certification: the bundle does not verify" >&2
  exit 1
}

out=docs/sample-certification
rm -rf "$out"
cp -r "$scratch/bundle" "$out"
cp "$scratch/key.pub" docs/sample-certification.pub
"$bin" certify --verify "$out" --key docs/sample-certification.pub >/dev/null
echo "sample-certification: wrote $out ($(du -sh "$out" | cut -f1)), verified with docs/sample-certification.pub"
