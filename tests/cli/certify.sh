#!/usr/bin/env bash
# Issue 17, certification: `paircheck certify --out DIR --sign KEY` runs plan v1 against the bundled
# emulator and writes a bundle that `certify --verify DIR --key PUB` verifies (exit 0); it fails
# to verify (exit 1) with another key, and, on a bundle of the small demonstration plan (to keep
# the test short), after any one file in it is edited or when its manifest is signed with another
# key; a faulty target does not pass; bad input is one line, exit 2.
# usage: certify.sh PAIRCHECK PAIRCHECK_EMULATOR FIXTURES
set -uo pipefail
paircheck=$1
source "$(dirname "$0")/lib.sh"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
for k in a b; do
  openssl genpkey -algorithm ed25519 -out "$work/$k.pem" 2>/dev/null &&
    openssl pkey -in "$work/$k.pem" -pubout -out "$work/$k.pub" || { echo "FAIL: openssl"; exit 1; }
done

start=$(date +%s%N)
out=$("$paircheck" certify --out "$work/bundle" --sign "$work/a.pem" 2>&1)
rc=$?
echo "certify: exit $rc in $(( ($(date +%s%N) - start) / 1000000 )) ms; $(echo "$out" | grep -m1 CERTIFIED)"
[ "$rc" = 0 ] || { fail "certify: exit $rc"; echo "$out" | tail -20; }
for f in manifest.json signature.json profile.json fixtures.json certification.md \
         run-seed-1/run.jsonl run-seed-2/scorecard.json run-seed-3/junit.xml run-seed-3/report.html \
         run-seed-3/summary.md; do
  [ -f "$work/bundle/$f" ] || fail "bundle: no $f"
done
python3 - "$work/bundle/manifest.json" <<'PY' || fail "manifest.json facts"
import json, sys
m = json.load(open(sys.argv[1]))
assert m["plan"]["id"] == "v1" and m["plan"]["seeds"] == [1, 2, 3], m["plan"]
assert m["contract_version"] == "1" and m["paircheck"]["version"] and m["paircheck"]["commit"]
assert (m["profile"]["api"], m["profile"]["version"]) == ("ebs", "1"), m["profile"]
assert m["verdict"]["certified"] is True, m["verdict"]
assert len(m["files"]) >= 15 and all(len(h) == 64 for h in m["files"].values())
PY

verify() {  # verify DIR KEY-or-"" EXPECTED-EXIT NAME
  local args=(certify --verify "$1")
  [ -n "$2" ] && args+=(--key "$2")
  vout=$("$paircheck" "${args[@]}" 2>&1)
  vrc=$?
  [ "$vrc" = "$3" ] || { fail "$4: verify exit $vrc, expected $3"; echo "$vout" | head -12; }
}
verify "$work/bundle" "$work/a.pub" 0 intact
grep -q "^VERIFIED" <<< "$vout" || fail "intact: no VERIFIED line"
grep -q "^  OK    re-judge: the recorded exchanges" <<< "$vout" || fail "intact: not re-judged: $vout"
if grep -q "were NOT re-judged" <<< "$vout"; then fail "intact: still says it was not re-judged"; fi
grep -q "^  OK    signature: " <<< "$vout" || fail "intact: signature not OK"
# The demonstration plan: a small bundle for the edits below.
out=$("$paircheck" certify --plan sample-v1 --out "$work/small" --sign "$work/a.pem" 2>&1)
[ $? = 0 ] && grep -q "^PASSED (plan sample-v1 is a demonstration plan" <<< "$out" ||
  fail "sample-v1: $(echo "$out" | tail -3)"
verify "$work/small" "$work/a.pub" 0 small
grep -q "^  OK    re-judge: the recorded exchanges" <<< "$vout" || fail "small: not re-judged: $vout"
grep -q "^VERIFIED: the bundle is intact; plan sample-v1 is a demonstration plan" <<< "$vout" ||
  fail "small: not said to be a demonstration: $vout"
# The key variants on the small bundle (a full bundle's verify re-judges three runs: under ASan
# each took ~20 s of this script).
verify "$work/small" "" 0 small-no-key
grep -q "^  --    signature: not checked (no --key)" <<< "$vout" || fail "no key: the signature is said checked"
# The private key file is accepted as the key too (its public half).
verify "$work/small" "$work/a.pem" 0 private-key-file
echo "$vout" | head -3
# Another key: the bundle's signature is not b's.
verify "$work/small" "$work/b.pub" 1 other-key
grep -q "FAIL  signature: the signature of manifest.json does not verify" <<< "$vout" || fail "other key: $vout"
# Signed with another key (openssl's own Ed25519, which also checks interoperability): fails with a's.
cp -r "$work/small" "$work/resigned"
sig=$(openssl pkeyutl -sign -inkey "$work/b.pem" -rawin -in "$work/small/manifest.json" | od -An -v -tx1 | tr -d ' \n')
python3 -c 'import json,sys; p=sys.argv[1]; d=json.load(open(p)); d["signature"]=sys.argv[2]; open(p,"w").write(json.dumps(d, indent=2) + "\n")' \
  "$work/resigned/signature.json" "$sig"
verify "$work/resigned" "$work/a.pub" 1 resigned-with-b
verify "$work/resigned" "$work/b.pub" 0 resigned-checked-with-b

# Any one file edited: the bundle no longer verifies.
edited=0
while IFS= read -r f; do
  rm -rf "$work/edit"
  cp -r "$work/small" "$work/edit"
  printf ' ' >> "$work/edit/$f"
  verify "$work/edit" "$work/a.pub" 1 "edited $f"
  edited=$((edited + 1))
done < <(cd "$work/small" && find . -type f | sed 's|^\./||' | sort)
echo "edited each of $edited files: each fails to verify"
# An edit hidden by a rewritten manifest passes the hashes, not the reports check or the signature.
rm -rf "$work/edit"; cp -r "$work/small" "$work/edit"
python3 - "$work/edit" <<'PY'
import hashlib, json, sys
d = sys.argv[1]
card = json.load(open(d + "/run-seed-1/scorecard.json"))
card["conformant"] = not card["conformant"]
open(d + "/run-seed-1/scorecard.json", "w").write(json.dumps(card, indent=2) + "\n")
m = json.load(open(d + "/manifest.json"))
m["files"]["run-seed-1/scorecard.json"] = hashlib.sha256(open(d + "/run-seed-1/scorecard.json", "rb").read()).hexdigest()
open(d + "/manifest.json", "w").write(json.dumps(m, indent=2) + "\n")
PY
verify "$work/edit" "" 1 rewritten-manifest
grep -q "^  OK    files:" <<< "$vout" || fail "rewritten manifest: the hashes should match"
grep -q "^  FAIL  reports: not what the run log gives: run-seed-1/scorecard.json" <<< "$vout" ||
  fail "rewritten manifest: the reports check did not catch it: $vout"
verify "$work/edit" "$work/a.pub" 1 rewritten-manifest-signed

# A faulty target: a bundle that is intact and says NOT CERTIFIED.
out=$("$paircheck" certify --plan sample-v1 --out "$work/faulty" --emulator-fault invalid-status-as-400 2>&1)
rc=$?
[ "$rc" = 1 ] && grep -q "^NOT CERTIFIED" <<< "$out" || fail "faulty: exit $rc: $(echo "$out" | tail -3)"
verify "$work/faulty" "" 1 faulty
grep -q "^  OK    files:" <<< "$vout" && grep -q "NOT CERTIFIED" <<< "$vout" || fail "faulty verify: $vout"
grep -q "^  OK    re-judge:" <<< "$vout" || fail "faulty: its findings should show offline: $vout"
# The recorded exchanges judged again: a clean recording behind a faulty run's log (the manifest
# rewritten to match) is caught by the re-judge, not by the hashes.
rm -rf "$work/swapped"; cp -r "$work/faulty" "$work/swapped"
cp "$work/small/run-seed-1/trace.har" "$work/swapped/run-seed-1/trace.har"
python3 - "$work/swapped" <<'PY'
import hashlib, json, sys
d = sys.argv[1]
m = json.load(open(d + "/manifest.json"))
m["files"]["run-seed-1/trace.har"] = hashlib.sha256(open(d + "/run-seed-1/trace.har", "rb").read()).hexdigest()
open(d + "/manifest.json", "w").write(json.dumps(m, indent=2) + "\n")
PY
verify "$work/swapped" "" 1 swapped-trace
grep -q "^  OK    files:" <<< "$vout" && grep -q "^  FAIL  re-judge: the offline re-judge disagrees" <<< "$vout" ||
  fail "swapped trace: the re-judge did not catch it: $vout"

# Bad input: one line, exit 2.
bad() {  # bad NAME SAYS ARGS...
  local name=$1 says=$2; shift 2
  bout=$("$paircheck" certify "$@" 2>&1)
  brc=$?
  [ "$brc" = 2 ] && [ "$(echo "$bout" | wc -l)" = 1 ] && [[ "$bout" == "paircheck: "*"$says"* ]] ||
    fail "$name: exit $brc: $bout"
}
echo "not a key" > "$work/junk.pem"
bad baseline "waives nothing" --out "$work/x1" --baseline "$work/a.pem"
bad not-empty "is not empty" --out "$work/bundle"
bad junk-sign-key "not a PEM private key" --out "$work/x2" --sign "$work/junk.pem"
bad junk-verify-key "not a PEM public key" --verify "$work/bundle" --key "$work/junk.pem"
bad no-dir "no such directory" --verify "$work/nothing-here"
bad no-out "needs --out" --sign "$work/a.pem"
bad no-plan "is not a plan" --out "$work/x3" --plan v0
[ -e "$work/x1" ] || [ -e "$work/x2" ] || [ -e "$work/x3" ] && fail "a refused certify wrote its --out"

[ "$failures" = 0 ] && echo "certification: the bundle verifies; edits, another key and a faulty target do not" ||
  { echo "$failures failure(s)"; exit 1; }
