#!/usr/bin/env bash
# Issue 14, preflight: before generating, `paircheck run` checks that a URL target speaks the API
# and holds no pair on a fixture disk. A pair left behind by a killed replay stops the run (exit 2,
# the pair named with its status and disks, --clean-start named), never an [O1] finding; with
# --clean-start it is deleted and the run goes on (exit 0, the pair gone); a server that answers
# 404 with an empty body, or HTML, and an unreachable URL each give exit 2 naming the URL.
# usage: preflight.sh PAIRCHECK PAIRCHECK_EMULATOR FIXTURES
set -uo pipefail
paircheck=$1 emulator=$2 fixtures=$3
source "$(dirname "$0")/lib.sh"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

start_emulator emu --clock real --transient-s 0.005:0.02 --sync-cycle-s 0.02
target="http://127.0.0.1:$port"
quick=(--target "$target" --sequences 20 --poll-ms 10 --max-wait-s 0 --clients 1)

# A pair left behind: a replay that creates one and is killed in its long wait.
cat > "$work/create.json" <<'JSON'
{"steps": [{"kind": "call", "request": {"action": "CreateDiskReplicaPair", "params": [
  ["RegionId", "cn-hangzhou"], ["SourceZoneId", "cn-hangzhou-h"], ["DiskId", "d-hz-0001"],
  ["DestinationRegionId", "cn-shanghai"], ["DestinationZoneId", "cn-shanghai-e"],
  ["DestinationDiskId", "d-sh-0001"]],
  "envelope": {"method": "POST", "path": "/", "access_key_id": "ak-admin", "version": "2021-07-30",
  "nonce": "{nonce:0}", "nonce_reused": false, "signature": "none", "timestamp": "ok",
  "timestamp_offset_s": 0}}},
 {"kind": "wait", "seconds": 600}]}
JSON
cat > "$work/describe.json" <<'JSON'
{"steps": [{"kind": "call", "request": {"action": "DescribeDiskReplicaPairs", "params": [
  ["RegionId", "cn-hangzhou"]],
  "envelope": {"method": "POST", "path": "/", "access_key_id": "ak-admin", "version": "2021-07-30",
  "nonce": "{nonce:0}", "nonce_reused": false, "signature": "none", "timestamp": "ok",
  "timestamp_offset_s": 0}}}]}
JSON
"$paircheck" replay "$work/create.json" --target "$target" > "$work/create.out" 2>&1 &
replay_pid=$!
pair=
for _ in $(seq 200); do
  "$paircheck" replay "$work/describe.json" --target "$target" > "$work/before.txt" 2>&1
  pair=$(grep -m1 -o 'pair-[a-z0-9-]*' "$work/before.txt") && break
  sleep 0.05
done
kill -9 "$replay_pid" 2>/dev/null || fail "the create replay ended by itself: $(cat "$work/create.out")"
wait "$replay_pid" 2>/dev/null
[ -n "$pair" ] || fail "no pair was left behind: $(cat "$work/before.txt")"
echo "left behind on purpose: $pair"

expect leftover 2 "${quick[@]}"
[ "$(echo "$out" | wc -l)" = 1 ] || fail "leftover: not one line: $out"
[[ "$out" == "paircheck: $target already holds 1 pair(s) on fixture disks"*"$pair ("*", d-hz-0001 -> d-sh-0001)"*"--clean-start"* ]] ||
  fail "leftover: the pair, its status and disks or --clean-start not named: $out"
[ -e "$work/leftover" ] && fail "leftover: a report directory was written"

expect clean-start 0 "${quick[@]}" --clean-start
grep -qF -- "--clean-start: $pair deleted" <<< "$out" || fail "clean-start: $pair not deleted: $out"
"$paircheck" replay "$work/describe.json" --target "$target" > "$work/after.txt" 2>&1 ||
  fail "after --clean-start a Describe still lists a pair: $(cat "$work/after.txt")"
expect clean-again 0 "${quick[@]}"  # nothing left over now
kill "$pid"; wait "$pid" 2>/dev/null

# Not the API: a server that answers 404 with an empty body, and python's http.server (HTML).
cat > "$work/proxy.py" <<'PY'
import http.server, sys
class NotFound(http.server.BaseHTTPRequestHandler):
    def answer(self):
        self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()
    do_GET = do_POST = do_HEAD = answer
    def log_message(self, *args):
        pass
server = http.server.HTTPServer(("127.0.0.1", 0), NotFound)
print("listening on 127.0.0.1:%d" % server.server_port, flush=True)
server.serve_forever()
PY
python3 "$work/proxy.py" > "$work/proxy.out" 2>&1 &
proxy_pid=$!
port=
for _ in $(seq 100); do
  port=$(sed -n 's/.*listening on [0-9.]*:\([0-9]*\).*/\1/p' "$work/proxy.out")
  [ -n "$port" ] && break
  sleep 0.05
done
expect proxy 2 --target "http://127.0.0.1:$port" --sequences 5
[ "$out" = "paircheck: http://127.0.0.1:$port does not speak the API: DescribeDiskReplicaPairs in cn-hangzhou got 404 with an empty body" ] ||
  fail "proxy: $out"
kill "$proxy_pid"; wait "$proxy_pid" 2>/dev/null

(cd "$work" && exec python3 -u -m http.server --bind 127.0.0.1 0 > "$work/http.out" 2>&1) &
http_pid=$!
port=
for _ in $(seq 100); do
  port=$(sed -n 's/.*port \([0-9]*\).*/\1/p' "$work/http.out" | head -1)
  [ -n "$port" ] && break
  sleep 0.05
done
expect http-server 2 --target "http://127.0.0.1:$port" --sequences 5
[[ "$out" == "paircheck: http://127.0.0.1:$port does not speak the API: DescribeDiskReplicaPairs in cn-hangzhou got "* ]] &&
  [ "$(echo "$out" | wc -l)" = 1 ] || fail "http.server: $out"
kill "$http_pid"; wait "$http_pid" 2>/dev/null

# Unreachable: nothing listens on port 9 (discard) of the loopback.
expect unreachable 2 --target "http://127.0.0.1:9" --sequences 5
[[ "$out" == *"http://127.0.0.1:9"* ]] || fail "unreachable: the URL is not named: $out"

[ "$failures" = 0 ] && echo "preflight: ok" || { echo "$failures failure(s)"; exit 1; }
