#!/usr/bin/python3
"""A Python peer for the real-clock bench (issue 12): a Hypothesis RuleBasedStateMachine over
StartDiskReplicaPair, StopDiskReplicaPair and DescribeDiskReplicaPairs against a URL, with a small
model that tolerates transient statuses. It judges every answer and counts the non-conformant ones.

    peer.py --url http://127.0.0.1:PORT --fixtures fixtures/default.json [--seconds 20]
            [--cooldown-s 2] [--settle-s 5] [--steps 50] [--max-pairs N]

Prints `peer_requests_per_s: X req/s`, `peer_requests: N` and `peer_violations: N` (stdout), one
line per violation on stderr (the first 20). Exit 0, 1 when an answer did not conform, 2 when the
peer could not run (bad flags, unreadable fixtures, no pair could be created, no answer at all).

The model (docs/contract.md): each pair has a set of statuses it may be in. Between two requests
time passes, so the set grows by the background moves S1-S4 (creating -> created, initial_syncing ->
normal <-> syncing, manual_syncing -> stopped, stopping -> stopped). Start (O2/O3) is accepted in
created/stopped, Stop (O4) in initial_syncing/syncing/manual_syncing/normal; a refusal for status is
403 OperationDenied.InvalidStatus; a OneShot Start within the cooldown of the last accepted one is
403 OperationDenied.ManualSyncLimit (judged with the request's sent/received times, so an answer at
the edge of the cooldown may be either). A 200 leaves the pair in the closure of the new status, an
error narrows the set to the statuses that explain it; a Describe narrows it to what it shows. An
unknown pair ID or a RegionId that is neither of the pair's regions is 404 NoSuchResource. Describe
(O9, one pair by PairIds with Site production or backup, or every page of a region with MaxResults
and NextToken) lists each live pair of the peer exactly once, with the disks it was created with;
pairs the peer did not create are ignored. A one-way transient status (creating, initial_syncing,
manual_syncing, stopping) shown for longer than the settle timeout is an M3 failure. A request with
no answer leaves both outcomes possible (M2). Every answer is W2/W3-shaped and carries a RequestId
never seen before (W4). The peer is single-threaded, one request at a time, so no linearizability
search is needed. Not covered: ClientToken replays (every token is fresh), Create/Delete beyond the
setup and the cleanup, devices (no disk is ever attached).

Signing is ACS3-HMAC-SHA256 (W6, protocol/v3_signature.cpp): business parameters in the query,
empty POST body, headers host and the five x-acs-* ones, all signed.
"""

import argparse
import hashlib
import hmac
import http.client
import json
import os
import sys
import time
import urllib.parse
import uuid
from datetime import datetime, timezone

from hypothesis import HealthCheck, Phase, Verbosity, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, rule, run_state_machine_as_test

VERSION = "2021-07-30"
EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()

# S1-S4 (S5/S6 cannot happen here: no Reprotect, async_failures off on the bench's emulator).
NEXT = {
    "creating": ("created",),
    "initial_syncing": ("normal",),
    "normal": ("syncing",),
    "syncing": ("normal",),
    "manual_syncing": ("stopped",),
    "stopping": ("stopped",),
}
# Transient statuses that only a request can re-enter: one shown again and again for longer than the
# settle timeout, with no accepted (or unknown) Start/Stop since, never ended (M3). `syncing` is
# left out: the normal <-> syncing cycle can pass through it again between two Describes.
ONE_WAY = frozenset({"creating", "initial_syncing", "manual_syncing", "stopping"})
START_OK = frozenset({"created", "stopped"})  # O2, O3
STOP_OK = frozenset({"initial_syncing", "syncing", "manual_syncing", "normal"})  # O4
MAX_VIOLATIONS_SHOWN = 20


class TimeUp(BaseException):
    """Raised by the first request after --seconds: ends Hypothesis's run (a BaseException, so
    Hypothesis neither records it as a failure nor shrinks it), before anything is sent."""


def closure(statuses):
    """Every status reachable from `statuses` by background moves alone."""
    out = set(statuses)
    todo = list(statuses)
    while todo:
        for nxt in NEXT.get(todo.pop(), ()):
            if nxt not in out:
                out.add(nxt)
                todo.append(nxt)
    return frozenset(out)


def pct(text):
    """W6 percent-encoding: everything but the RFC 3986 unreserved characters, upper-case hex."""
    return urllib.parse.quote(text, safe="-_.~")


class Signer:
    """ACS3-HMAC-SHA256 as protocol/signed_request.cpp's build_v3_request (POST, empty body)."""

    def __init__(self, access_key_id, secret, host):
        self.access_key_id = access_key_id
        self.secret = secret.encode()
        self.host = host

    def request(self, action, params):
        target = "/"
        if params:
            target += "?" + "&".join(pct(k) + "=" + pct(v) for k, v in params)
        canonical_query = "&".join(
            pct(k) + "=" + pct(v) for k, v in sorted(params, key=lambda kv: kv[0].encode()))
        headers = {
            "host": self.host,
            "x-acs-action": action,
            "x-acs-version": VERSION,
            "x-acs-date": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "x-acs-signature-nonce": uuid.uuid4().hex,
            "x-acs-content-sha256": EMPTY_SHA256,
        }
        names = sorted(headers)
        canonical = "\n".join([
            "POST", "/", canonical_query,
            "".join(f"{n}:{headers[n].strip()}\n" for n in names),
            ";".join(names), EMPTY_SHA256])
        to_sign = "ACS3-HMAC-SHA256\n" + hashlib.sha256(canonical.encode()).hexdigest()
        signature = hmac.new(self.secret, to_sign.encode(), hashlib.sha256).hexdigest()
        headers["authorization"] = (f"ACS3-HMAC-SHA256 Credential={self.access_key_id},"
                                    f"SignedHeaders={';'.join(names)},Signature={signature}")
        return target, headers


class Pair:
    def __init__(self, pair_id, source_disk, source_region, dest_disk, dest_region):
        self.id = pair_id
        self.source_disk, self.source_region = source_disk, source_region
        self.dest_disk, self.dest_region = dest_disk, dest_region
        self.statuses = closure({"creating"})  # O1 -> S1
        self.last_oneshot = None  # (sent, received) of the last accepted OneShot Start (O3)
        self.seen = None  # (transient status, received time) of the first of the Describes that
                          # have shown it ever since, with no accepted Start/Stop between (M3)


class Peer:
    def __init__(self, url, fixtures, cooldown_s, max_pairs, settle_s):
        parsed = urllib.parse.urlsplit(url)
        if parsed.scheme != "http" or not parsed.hostname:
            raise ValueError(f"--url must be http://host:port, not {url!r}")
        self.host = parsed.netloc
        self.hostname, self.port = parsed.hostname, parsed.port or 80
        identity = next((i for i in fixtures["identities"] if "*" in i.get("actions", [])), None)
        if identity is None:
            raise ValueError("the fixtures have no identity allowed every action ('*')")
        secret = identity.get("access_key_secret")
        if secret is None:
            secret = os.environ.get(identity.get("access_key_secret_env", ""), "")
        if not secret:
            raise ValueError(f"no secret for {identity['access_key_id']}")
        self.signer = Signer(identity["access_key_id"], secret, self.host)
        self.disks = fixtures["disks"]
        self.regions = sorted({d["region_id"] for d in self.disks})
        self.cooldown_s = cooldown_s
        self.settle_s = settle_s
        self.max_pairs = max_pairs
        self.pairs = []  # the pairs this peer created, live for the whole run
        self.pairs_ready = False
        self.conn = None
        self.requests = 0
        self.transport_errors = 0
        self.violations = 0
        self.request_ids = set()
        self.deadline = None  # time.monotonic() after which call() raises TimeUp
        self.examples = 0

    # --- transport -----------------------------------------------------------------------------

    def call(self, action, params):
        """One signed POST on the kept-alive connection. Returns (sent, received, status, body) with
        body the parsed JSON (None if it is not JSON), or None when no answer came (M2)."""
        if self.deadline is not None and time.monotonic() >= self.deadline:
            raise TimeUp()
        target, headers = self.signer.request(action, params)
        sent = time.monotonic()
        try:
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.hostname, self.port, timeout=10)
            self.conn.request("POST", target, body=b"", headers=headers)
            response = self.conn.getresponse()
            raw = response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            # No answer: the request may or may not have been applied (M2). The next call opens a
            # new connection; it is not resent (a resend would be a new request, fresh nonce).
            if self.conn is not None:
                self.conn.close()
            self.conn = None
            self.transport_errors += 1
            return None
        received = time.monotonic()
        self.requests += 1
        try:
            body = json.loads(raw)
        except ValueError:
            body = None
        return sent, received, status, body

    # --- judging helpers -----------------------------------------------------------------------

    def violation(self, what):
        self.violations += 1
        if self.violations <= MAX_VIOLATIONS_SHOWN:
            print(f"peer: VIOLATION {what}", file=sys.stderr, flush=True)

    def check_shape(self, action, status, body):
        """W2/W3/W4. Returns the error Code ('' for a success), or None when the shape is wrong."""
        if not isinstance(body, dict):
            self.violation(f"{action}: HTTP {status}, body is not a JSON object [W2/W3]")
            return None
        request_id = body.get("RequestId")
        if not isinstance(request_id, str) or not request_id:
            self.violation(f"{action}: HTTP {status}, no RequestId [W4]")
            return None
        if request_id in self.request_ids:
            self.violation(f"{action}: RequestId {request_id} seen before [W4]")
        self.request_ids.add(request_id)
        if status == 200:
            return ""
        for field in ("HostId", "Code", "Message"):
            if not isinstance(body.get(field), str) or (field == "Code" and not body[field]):
                self.violation(f"{action}: HTTP {status} without {field} [W3]")
                return None
        return body["Code"]

    # --- setup ---------------------------------------------------------------------------------

    def ensure_pairs(self):
        """CreateDiskReplicaPair over disjoint disks of different regions, once per process."""
        if self.pairs_ready:
            return
        self.pairs_ready = True
        free = list(self.disks)
        while free and len(self.pairs) < self.max_pairs:
            source = free.pop(0)
            dest = next((d for d in free if d["region_id"] != source["region_id"]), None)
            if dest is None:
                break
            free.remove(dest)
            params = [("RegionId", source["region_id"]), ("SourceZoneId", source["zone_id"]),
                      ("DiskId", source["disk_id"]), ("DestinationRegionId", dest["region_id"]),
                      ("DestinationZoneId", dest["zone_id"]),
                      ("DestinationDiskId", dest["disk_id"]),
                      ("ClientToken", "peer-" + uuid.uuid4().hex)]
            answer = self.call("CreateDiskReplicaPair", params)
            if answer is None:
                continue
            _, _, status, body = answer
            code = self.check_shape("CreateDiskReplicaPair", status, body)
            if code == "" and str(body.get("ReplicaPairId", "")).startswith("pair-"):
                self.pairs.append(Pair(body["ReplicaPairId"], source["disk_id"],
                                       source["region_id"], dest["disk_id"], dest["region_id"]))
            elif code == "OperationDenied" and status == 403:
                continue  # a disk already in another client's live pair (O1): not ours to judge
            else:
                self.violation(f"CreateDiskReplicaPair {source['disk_id']}->{dest['disk_id']} on "
                               f"fresh disks: HTTP {status} {code!r} [O1]")
        if not self.pairs:
            raise RuntimeError("could not create a single pair (are the fixture disks free?)")

    # --- the three actions, each judged ---------------------------------------------------------

    def mutate(self, action, pair, region, one_shot, token):
        """Start (one_shot None/False/True) or Stop on `pair`, judged against its status set."""
        params = [("RegionId", region), ("ReplicaPairId", pair.id)]
        if action == "StartDiskReplicaPair" and one_shot is not None:
            params.append(("OneShot", "true" if one_shot else "false"))
        if token:
            params.append(("ClientToken", "peer-" + uuid.uuid4().hex))
        before = closure(pair.statuses)
        accepted_in = START_OK if action == "StartDiskReplicaPair" else STOP_OK
        after_ok = "manual_syncing" if one_shot else (
            "initial_syncing" if action == "StartDiskReplicaPair" else "stopping")
        answer = self.call(action, params)
        if answer is None:  # M2: applied or not
            pair.seen = None
            pair.statuses = before | (closure({after_ok}) if before & accepted_in else frozenset())
            if one_shot and before & accepted_in:
                pair.last_oneshot = None  # unknown: the cooldown may or may not have restarted
            return
        sent, received, status, body = answer
        code = self.check_shape(action, status, body)
        if code is None:
            pair.statuses = closure(pair.statuses | {after_ok})
            return
        if region not in (pair.source_region, pair.dest_region):
            if (status, code) != (404, "NoSuchResource"):
                self.violation(f"{action} {pair.id} in {region} (neither of its regions): "
                               f"HTTP {status} {code!r}, expected 404 NoSuchResource [O0]")
            return
        ok_states = before & accepted_in
        # O3: elapsed time on the server since the last accepted OneShot, within [lo, hi].
        cooling_sure = cooling_maybe = False
        if one_shot and pair.last_oneshot is not None:
            lo = sent - pair.last_oneshot[1]
            hi = received - pair.last_oneshot[0]
            cooling_maybe = lo < self.cooldown_s + 0.005
            cooling_sure = hi < self.cooldown_s - 0.005
        allowed = []
        if ok_states and not cooling_sure:
            allowed.append((200, ""))
        if before - accepted_in:
            allowed.append((403, "OperationDenied.InvalidStatus"))
        if ok_states and cooling_maybe:
            allowed.append((403, "OperationDenied.ManualSyncLimit"))
        if (status, code) not in allowed:
            self.violation(f"{action} {pair.id} OneShot={one_shot} with statuses {sorted(before)}: "
                           f"HTTP {status} {code!r}, allowed {allowed} [O2/O3/O4]")
            pair.statuses = closure(before | {after_ok})  # keep going with what might be true
            return
        if status == 200:
            pair.statuses = closure({after_ok})
            pair.seen = None
            if one_shot:
                pair.last_oneshot = (sent, received)
        elif code == "OperationDenied.InvalidStatus":
            pair.statuses = before - accepted_in
        else:
            pair.statuses = ok_states

    def observe(self, pair, shown, where, sent, received):
        """A Describe showed `shown` for `pair`: judge it against the set, then narrow the set.
        M3: the same transient status shown for longer than the settle timeout is a failure."""
        status = shown.get("Status")
        if status in ONE_WAY and pair.seen is not None and pair.seen[0] == status:
            if sent - pair.seen[1] > self.settle_s:
                self.violation(f"{where}: {pair.id} still {status!r} after "
                               f"{sent - pair.seen[1]:.1f} s (settle timeout {self.settle_s} s) "
                               f"[M3]")
                pair.seen = (status, received)
        else:
            pair.seen = (status, received) if status in ONE_WAY else None
        possible = closure(pair.statuses)
        if status not in possible:
            self.violation(f"{where}: {pair.id} shown {status!r}, possible {sorted(possible)} "
                           f"[O9/S1-S4]")
            pair.statuses = closure(possible | {status}) if isinstance(status, str) else possible
            return
        pair.statuses = frozenset({status})
        if (shown.get("SourceDiskId"), shown.get("DestinationDiskId")) != (pair.source_disk,
                                                                           pair.dest_disk):
            self.violation(f"{where}: {pair.id} shows disks {shown.get('SourceDiskId')}->"
                           f"{shown.get('DestinationDiskId')}, created as {pair.source_disk}->"
                           f"{pair.dest_disk} [O9]")

    def describe_one(self, pair, backup):
        region = pair.dest_region if backup else pair.source_region
        params = [("RegionId", region), ("PairIds", pair.id)]
        if backup:
            params.append(("Site", "backup"))
        answer = self.call("DescribeDiskReplicaPairs", params)
        if answer is None:
            return
        sent, received, status, body = answer
        where = f"DescribeDiskReplicaPairs PairIds={pair.id} Site={'backup' if backup else '-'}"
        code = self.check_shape("DescribeDiskReplicaPairs", status, body)
        if code != "":
            if code is not None:
                self.violation(f"{where}: HTTP {status} {code!r}, expected 200 [O9]")
            return
        listed = body.get("ReplicaPairs")
        if not isinstance(listed, list):
            self.violation(f"{where}: no ReplicaPairs list [O9]")
            return
        mine = [p for p in listed if isinstance(p, dict) and p.get("ReplicaPairId") == pair.id]
        if len(listed) != 1 or len(mine) != 1 or body.get("TotalCount") != 1:
            ids = [p.get("ReplicaPairId") for p in listed if isinstance(p, dict)]
            self.violation(f"{where}: listed {ids} TotalCount {body.get('TotalCount')!r}, "
                           f"expected exactly {pair.id} [O9]")
        if mine:
            self.observe(pair, mine[0], where, sent, received)

    def describe_all(self, region, max_results):
        """Every page of `region` (Site production) with MaxResults/NextToken: each of this peer's
        pairs whose source region it is appears exactly once; other pairs are not ours to judge."""
        mine = {p.id: p for p in self.pairs if p.source_region == region}
        seen = set()
        token = None
        for _ in range(len(self.pairs) + 50):
            params = [("RegionId", region), ("MaxResults", str(max_results))]
            if token:
                params.append(("NextToken", token))
            answer = self.call("DescribeDiskReplicaPairs", params)
            if answer is None:
                return
            sent, received, status, body = answer
            where = f"DescribeDiskReplicaPairs RegionId={region} MaxResults={max_results}"
            code = self.check_shape("DescribeDiskReplicaPairs", status, body)
            if code != "":
                if code is not None:
                    self.violation(f"{where}: HTTP {status} {code!r}, expected 200 [O9]")
                return
            listed = body.get("ReplicaPairs")
            if not isinstance(listed, list) or len(listed) > max_results:
                self.violation(f"{where}: ReplicaPairs missing or longer than MaxResults [O9]")
                return
            total = body.get("TotalCount")
            if not isinstance(total, int) or total < len(mine):
                self.violation(f"{where}: TotalCount {total!r} below this peer's {len(mine)} [O9]")
            for shown in listed:
                pair_id = shown.get("ReplicaPairId") if isinstance(shown, dict) else None
                if pair_id in seen:
                    self.violation(f"{where}: {pair_id} listed twice over the pages [O9]")
                seen.add(pair_id)
                if pair_id in mine:
                    self.observe(mine[pair_id], shown, where, sent, received)
            token = body.get("NextToken")
            if not token:
                break
        for pair_id in sorted(set(mine) - seen):
            self.violation(f"DescribeDiskReplicaPairs RegionId={region} MaxResults={max_results}: "
                           f"live pair {pair_id} missing from the pages [O9]")

    def unknown_pair(self, action, region):
        pair_id = f"pair-{region}-{uuid.uuid4().hex[:8]}"
        answer = self.call(action, [("RegionId", region), ("ReplicaPairId", pair_id)])
        if answer is None:
            return
        _, _, status, body = answer
        code = self.check_shape(action, status, body)
        if code is not None and (status, code) != (404, "NoSuchResource"):
            self.violation(f"{action} {pair_id} (no such pair): HTTP {status} {code!r}, expected "
                           f"404 NoSuchResource [O0]")

    # --- cleanup ---------------------------------------------------------------------------------

    def cleanup(self, seconds):
        """Stop, then delete every pair this peer created, so another client finds the disks free.
        Not judged beyond the shapes; leaves a pair behind if it takes longer than `seconds`."""
        deadline = time.monotonic() + seconds
        left = {p.id: p for p in self.pairs}
        while left and time.monotonic() < deadline:
            for pair in list(left.values()):
                answer = self.call("DescribeDiskReplicaPairs",
                                   [("RegionId", pair.source_region), ("PairIds", pair.id)])
                if answer is None or not isinstance(answer[3], dict):
                    continue
                shown = answer[3].get("ReplicaPairs") or []
                status = shown[0].get("Status") if shown else "deleted"
                if status in ("deleted",):
                    del left[pair.id]
                elif status in STOP_OK:
                    self.call("StopDiskReplicaPair",
                              [("RegionId", pair.source_region), ("ReplicaPairId", pair.id)])
                elif status in ("stopped", "created"):
                    if status == "created":  # Delete needs stopped: a Start, then a Stop, first
                        self.call("StartDiskReplicaPair",
                                  [("RegionId", pair.source_region), ("ReplicaPairId", pair.id)])
                    else:
                        self.call("DeleteDiskReplicaPair",
                                  [("RegionId", pair.source_region), ("ReplicaPairId", pair.id)])
            time.sleep(0.05)
        return len(left)


def make_machine(peer):
    """The state machine class, over this peer's pairs (created by the first @initialize)."""
    indices = st.integers(min_value=0, max_value=max(peer.max_pairs - 1, 0))
    regions = st.sampled_from(peer.regions)

    class PairMachine(RuleBasedStateMachine):
        @initialize()
        def create_pairs(self):
            peer.examples += 1
            peer.ensure_pairs()

        def pick(self, i):
            return peer.pairs[i % len(peer.pairs)]

        @rule(i=indices, one_shot=st.sampled_from([None, False, True]),
              other_region=st.booleans(), token=st.booleans())
        def start(self, i, one_shot, other_region, token):
            pair = self.pick(i)
            region = pair.dest_region if other_region else pair.source_region
            peer.mutate("StartDiskReplicaPair", pair, region, one_shot, token)

        @rule(i=indices, other_region=st.booleans(), token=st.booleans())
        def stop(self, i, other_region, token):
            pair = self.pick(i)
            region = pair.dest_region if other_region else pair.source_region
            peer.mutate("StopDiskReplicaPair", pair, region, None, token)

        @rule(i=indices, region=regions, start=st.booleans())
        def mutate_elsewhere(self, i, region, start):
            pair = self.pick(i)
            if region in (pair.source_region, pair.dest_region):
                return
            action = "StartDiskReplicaPair" if start else "StopDiskReplicaPair"
            peer.mutate(action, pair, region, None, False)

        @rule(region=regions, start=st.booleans())
        def no_such_pair(self, region, start):
            peer.unknown_pair("StartDiskReplicaPair" if start else "StopDiskReplicaPair", region)

        @rule(i=indices, backup=st.booleans())
        def describe_one(self, i, backup):
            peer.describe_one(self.pick(i), backup)

        @rule(region=regions, max_results=st.integers(min_value=1, max_value=5))
        def describe_all(self, region, max_results):
            peer.describe_all(region, max_results)

    return PairMachine


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--fixtures", required=True)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--cooldown-s", type=float, default=2.0,
                        help="the target's manual_sync_cooldown (O3); 2 on the bench's emulator")
    parser.add_argument("--settle-s", type=float, default=5.0,
                        help="the profile's settle_timeout (M3); 5 in "
                        "profiles/realclock-emulator.json")
    parser.add_argument("--steps", type=int, default=50, help="rules per Hypothesis example")
    parser.add_argument("--max-pairs", type=int, default=8)
    args = parser.parse_args()
    try:
        with open(args.fixtures, encoding="utf-8") as f:
            fixtures = json.load(f)
        peer = Peer(args.url, fixtures, args.cooldown_s, args.max_pairs, args.settle_s)
    except (OSError, ValueError, KeyError) as e:
        print(f"peer: {e}", file=sys.stderr)
        return 2
    machine = make_machine(peer)
    # One long Hypothesis run (it starts with the smallest examples and grows them, so short runs
    # would all be tiny), ended by TimeUp; generation only: a violation is counted, not raised, so
    # nothing is replayed or shrunk against a target whose clock has moved on.
    config = settings(max_examples=10**9, stateful_step_count=args.steps, deadline=None,
                      database=None, phases=[Phase.generate], verbosity=Verbosity.quiet,
                      suppress_health_check=list(HealthCheck), print_blob=False)
    start = time.monotonic()
    peer.deadline = start + args.seconds
    try:
        run_state_machine_as_test(machine, settings=config)
    except TimeUp:
        pass
    except RuntimeError as e:
        print(f"peer: {e}", file=sys.stderr)
        return 2
    elapsed = time.monotonic() - start
    peer.deadline = None
    judged = peer.requests
    left = peer.cleanup(10.0)
    print(f"peer_requests_per_s: {judged / elapsed:.0f} req/s")
    print(f"peer_requests: {judged}")
    print(f"peer_seconds: {elapsed:.1f} s")
    print(f"peer_pairs: {len(peer.pairs)}")
    print(f"peer_examples: {peer.examples}")
    print(f"peer_transport_errors: {peer.transport_errors}")
    print(f"peer_violations: {peer.violations}")
    if left:
        print(f"peer: {left} pair(s) left behind after cleanup", file=sys.stderr)
    if judged == 0:
        print("peer: no request was answered", file=sys.stderr)
        return 2
    return 1 if peer.violations else 0


if __name__ == "__main__":
    sys.exit(main())
