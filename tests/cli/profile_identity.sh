#!/usr/bin/env bash
# Issue 17, profiles carry their identity: the API, its version and the profile's own version are
# in every output of a run (terminal, run.jsonl, scorecard.json, junit.xml, report.html,
# summary.md); a target that answers for another API version (G10 on the preflight's Describe)
# stops the run in one line, exit 2; so does a profile of an API version paircheck does not send.
# usage: profile_identity.sh PAIRCHECK PAIRCHECK_EMULATOR FIXTURES
set -uo pipefail
paircheck=$1 emulator=$2
source "$(dirname "$0")/lib.sh"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
profiles="$(dirname "$0")/../../profiles"

expect shipped 0 --sequences 10 --profile "$profiles/realclock-emulator.json" --target inprocess
d="$work/shipped"
grep -q "^profile: .*realclock-emulator.json (ebs 2021-07-30, profile version 1)$" <<< "$out" ||
  fail "terminal: no profile line: $out"
grep -q '"api":"ebs"' <<< "$(head -1 "$d/run.jsonl")" || fail "run.jsonl: no api in the run line"
grep -q '"profile_version":"1"' <<< "$(head -1 "$d/run.jsonl")" || fail "run.jsonl: no profile_version"
python3 -c '
import json, sys
p = json.load(open(sys.argv[1]))["run"]["profile"]
assert (p["api"], p["api_version"], p["version"]) == ("ebs", "2021-07-30", "1"), p' "$d/scorecard.json" ||
  fail "scorecard.json: run.profile identity"
grep -q '<property name="profile_version" value="1"/>' "$d/junit.xml" || fail "junit: profile_version"
grep -q '<property name="profile_api_version" value="2021-07-30"/>' "$d/junit.xml" || fail "junit: api version"
grep -q '(ebs 2021-07-30, profile version 1)' "$d/report.html" || fail "html: profile identity"
grep -q '(ebs 2021-07-30, profile version 1)' "$d/summary.md" || fail "summary.md: profile identity"

# An older profile file (no identity keys) is "unversioned".
echo '{"signature": "v3"}' > "$work/old.json"
expect old 0 --sequences 5 --profile "$work/old.json" --target inprocess
grep -q "(ebs 2021-07-30, profile version unversioned)" <<< "$out" || fail "old profile: $out"

# A profile of another API version: refused before anything runs.
echo '{"api_version": "2099-01-01"}' > "$work/other.json"
expect other-profile 2 --sequences 5 --profile "$work/other.json"
[ "$(echo "$out" | wc -l)" = 1 ] && [[ "$out" == *"describes ebs 2099-01-01; this paircheck speaks ebs 2021-07-30 only"* ]] ||
  fail "a profile of another version: $out"

# A target that serves another API version answers every call with G10.
cat > "$work/other_version.py" <<'PY'
import http.server, json
class OtherVersion(http.server.BaseHTTPRequestHandler):
    def answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        body = json.dumps({"RequestId": "r-1", "HostId": "ecs", "Code": "InvalidVersion",
                           "Message": "Specified parameter Version is not valid."}).encode()
        self.send_response(400)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    do_GET = do_POST = answer
    def log_message(self, *args):
        pass
server = http.server.HTTPServer(("127.0.0.1", 0), OtherVersion)
print("listening on 127.0.0.1:%d" % server.server_port, flush=True)
server.serve_forever()
PY
python3 "$work/other_version.py" > "$work/other_version.out" 2>&1 &
port=
for _ in $(seq 100); do
  port=$(sed -n 's/.*listening on [0-9.]*:\([0-9]*\).*/\1/p' "$work/other_version.out")
  [ -n "$port" ] && break
  sleep 0.05
done
[ -n "$port" ] || { echo "FAIL: the fake server did not start"; exit 1; }
expect other-target 2 --sequences 5 --target "http://127.0.0.1:$port" --clients 1
[ "$(echo "$out" | wc -l)" = 1 ] || fail "other target: not one line: $out"
[[ "$out" == "paircheck: http://127.0.0.1:$port"*"answers for another API version"*"Version=2021-07-30"*"InvalidVersion (G10)"* ]] ||
  fail "other target: $out"

[ "$failures" = 0 ] && echo "profile identity in every output; another API version stops the run" ||
  { echo "$failures failure(s)"; exit 1; }
