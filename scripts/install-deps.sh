#!/usr/bin/env bash
# Installs what paircheck needs on Debian 12, idempotently: apt runs only when a package is missing,
# npm only when tools/node has no node_modules.
# Usage: scripts/install-deps.sh [--fuzz] [--node] [--report] [--browser] [--lint] [--bench]
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(build-essential cmake g++ librapidcheck-dev libgtest-dev libboost-dev nlohmann-json3-dev
          libssl-dev libmimalloc-dev ca-certificates)
want_node=0
for arg in "$@"; do
  case "$arg" in
    --fuzz) packages+=(clang-14 libclang-rt-14-dev) ;;
    --node) want_node=1 ;;
    --report) packages+=(libxml2-utils) ;;
    --browser) packages+=(chromium python3) ;;  # the HTML report's rendering tests (skipped without chromium; python3 reads their screenshots)
    --lint) packages+=(clang-format-14 clang-tidy-14) ;;  # scripts/lint.sh pins version 14
    --bench) packages+=(python3 python3-hypothesis) ;;  # bench/realclock/peer.py, /usr/bin/python3
    *) echo "install-deps: unknown option '$arg' (known: --fuzz --node --report --browser --lint --bench)" >&2; exit 2 ;;
  esac
done
if [ "$want_node" = 1 ] && ! command -v npm >/dev/null 2>&1; then
  packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" = 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi

# Each package of tools/node/package.json; a checkout installed before one was added gets it too.
if [ "$want_node" = 1 ] && { [ ! -d tools/node/node_modules/@alicloud/pop-core ] ||
                             [ ! -d tools/node/node_modules/aliyun-sdk ]; }; then
  echo "install-deps: npm ci in tools/node"
  (cd tools/node && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
