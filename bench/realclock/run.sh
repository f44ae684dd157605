#!/usr/bin/env bash
# The real-clock bench of issue 12: the Python peer (peer.py), `paircheck run` with one and with the
# default clients, and the time to detection of every emulator fault, each against a fresh
# `paircheck-emulator --clock real --transient-s 0.05:0.2 --sync-cycle-s 1 --cooldown-s 2`.
# The emulator, paircheck and the peer share the machine's cores. Prints `name: value unit` lines;
# asserts nothing about time. Takes about 3*T + (faults / ttd-jobs) * ttd-limit seconds at most.
#   bench/realclock/run.sh [--seconds T (20)] [--ttd-limit-s L (60)] [--ttd-jobs N (3)]
#       [--faults a,b] [--no-ttd] [--no-throughput] [--no-long] [--fixtures F] [--profile P] [--paircheck BIN] [--emulator BIN]
#       [--work DIR]
# Needs Debian's python3-hypothesis (scripts/install-deps.sh --bench); runs /usr/bin/python3,
# which has it, rather than whatever python3 comes first on PATH. See realclock.py for the figures.
set -euo pipefail
python=${REALCLOCK_PYTHON:-/usr/bin/python3}
if ! "$python" -c 'import hypothesis' 2>/dev/null; then
  echo "realclock: $python has no hypothesis module (scripts/install-deps.sh --bench)" >&2
  exit 1
fi
exec "$python" "$(dirname "$0")/realclock.py" "$@"
