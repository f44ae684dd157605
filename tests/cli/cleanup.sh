#!/usr/bin/env bash
# `paircheck cleanup RUN_LOG` end to end: pairs left behind on a real-clock paircheck-emulator by a
# replay killed mid-sequence (one created, one started and syncing) are seen by a region-wide
# Describe (the judge, knowing no pair, must call that NOT CONFORMANT: this proves the check can
# fail), then cleaned up from a run log that lists them (and ends in a torn line, as a killed run's
# does); afterwards the same Describes conform, and a second cleanup releases nothing (both already
# gone) and also exits 0.
# usage: cleanup.sh PAIRCHECK PAIRCHECK_EMULATOR FIXTURES
set -uo pipefail
paircheck=$1 emulator=$2 fixtures=$3
source "$(dirname "$0")/lib.sh"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

start_emulator emu --clock real --transient-s 0.005:0.02 --sync-cycle-s 0.02
target="http://127.0.0.1:$port"

call() {  # call ACTION NONCE [NAME VALUE]...: one call step of a sequence file
  local action=$1 nonce=$2; shift 2
  local params="" sep=""
  while [ $# -gt 0 ]; do params="$params$sep[\"$1\", \"$2\"]"; sep=", "; shift 2; done
  printf '{"kind": "call", "request": {"action": "%s", "params": [%s], "envelope": {"method": "POST", "path": "/", "access_key_id": "ak-admin", "version": "2021-07-30", "nonce": "{nonce:%s}", "nonce_reused": false, "signature": "none", "timestamp": "ok", "timestamp_offset_s": 0}}}' \
    "$action" "$params" "$nonce"
}
create() {  # create NONCE DISK STANDBY_DISK
  call CreateDiskReplicaPair "$1" RegionId cn-hangzhou SourceZoneId cn-hangzhou-h DiskId "$2" \
    DestinationRegionId cn-shanghai DestinationZoneId cn-shanghai-e DestinationDiskId "$3"
}

{ echo '{"steps": ['
  create 0 d-hz-0001 d-sh-0001; echo ','
  create 1 d-hz-0002 d-sh-0002; echo ','
  echo '{"kind": "settle", "slot": 0}, {"kind": "settle", "slot": 1},'
  call StartDiskReplicaPair 2 RegionId cn-hangzhou ReplicaPairId '{pair:0}'; echo ','
  echo '{"kind": "wait", "seconds": 600}'  # killed here, as a run is: nothing cleans up after it
  echo ']}'; } > "$work/create.json"
{ echo '{"steps": ['
  call DescribeDiskReplicaPairs 0 RegionId cn-hangzhou; echo ','
  call DescribeDiskReplicaPairs 1 RegionId cn-shanghai Site backup
  echo ']}'; } > "$work/describe.json"

"$paircheck" replay "$work/create.json" --target "$target" > "$work/create.out" 2>&1 &
replay_pid=$!
for _ in $(seq 200); do  # until both pairs are listed, one of them started
  "$paircheck" replay "$work/describe.json" --target "$target" > "$work/before.txt" 2>&1; rc=$?
  listed=$(grep -m1 -o -- '-> 200 OK .*' "$work/before.txt")  # cn-hangzhou: -> 200 OK [ID status]...
  [ "$(echo "$listed" | grep -o 'pair-' | wc -l)" = 2 ] &&
    grep -Eq 'initial_syncing|normal|syncing' <<< "$listed" && break
  sleep 0.05
done
kill -9 "$replay_pid" 2>/dev/null || fail "the create replay ended by itself: $(cat "$work/create.out")"
wait "$replay_pid" 2>/dev/null
mapfile -t pairs < <(echo "$listed" | grep -o 'pair-[a-z0-9-]*')
echo "left behind on purpose: ${pairs[*]} ($listed)"
[ "${#pairs[@]}" = 2 ] || fail "expected 2 pairs created, got ${#pairs[@]}: $(cat "$work/before.txt")"
[ "$rc" = 1 ] || fail "a Describe that lists pairs the judge never saw must be NOT CONFORMANT: $(cat "$work/before.txt")"

{ echo '{"type": "run", "format": "paircheck-run-log/1"}'
  for p in "${pairs[@]}"; do
    echo "{\"type\": \"resource\", \"kind\": \"pair\", \"id\": \"$p\", \"region\": \"cn-hangzhou\", \"standby_region\": \"cn-shanghai\"}"
  done
  printf '{"type": "step", "rec'; } > "$work/run.jsonl"  # torn last line: the run was killed

out=$("$paircheck" cleanup "$work/run.jsonl" --target "$target" 2>&1); rc=$?
echo "$out" | tail -1
[ "$rc" = 0 ] || fail "cleanup exited $rc: $out"
grep -q '^2 released, 0 already gone, 0 left behind (a torn last log line skipped: the run was cut off)$' <<< "$out" ||
  fail "cleanup summary: $out"

"$paircheck" replay "$work/describe.json" --target "$target" > "$work/after.txt" 2>&1 ||
  fail "after cleanup a Describe still lists a pair: $(cat "$work/after.txt")"
out=$("$paircheck" cleanup "$work/run.jsonl" --target "$target" 2>&1) || fail "a second cleanup failed: $out"
grep -q '^0 released, 2 already gone, 0 left behind' <<< "$(tail -1 <<< "$out")" ||
  fail "a second cleanup must find both pairs already gone: $out"

"$paircheck" cleanup "$work/missing.jsonl" --target "$target" > /dev/null 2>&1
[ $? = 2 ] || fail "cleanup of a missing log must exit 2"
[ "$failures" = 0 ] && echo "cleanup: ok" || { echo "$failures failure(s)"; exit 1; }
