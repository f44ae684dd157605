#!/usr/bin/env python3
"""Writes the seed corpus of each fuzz target (run from the repository root; output is committed).

fuzz_sequence seeds are gene bytes (properties/gene.hpp: 8 bytes a step, op % 4 == 3 unguided with
kOps[(op / 4) % 25], other ops guided towards the pair's next phase)."""
import os

OPS = ["create", "create", "start", "start", "start_oneshot", "stop", "stop", "failover",
       "failover", "reprotect", "delete", "delete", "modify", "describe", "describe",
       "describe_page", "progress", "attach", "detach", "wait", "wait", "settle", "settle",
       "replay", "replay"]


def unguided(op, slot=0, side=0, token=0, variant=0, mutation=0, envelope=0, extra=0):
    return bytes([4 * OPS.index(op) + 3, slot, side, token, variant, mutation, envelope, extra])


def guided(deeper=0, slot=0, side=0, token=0, variant=0, mutation=0, envelope=0, extra=0):
    return bytes([4 * deeper, slot, side, token, variant, mutation, envelope, extra])


def write(target, name, data):
    os.makedirs(f"corpus/{target}", exist_ok=True)
    with open(f"corpus/{target}/{name}", "wb") as f:
        f.write(data)


S = unguided("settle")
seq = {
    # created -> syncing -> stopped -> failed over -> reprotected -> deleted, settling in between
    "lifecycle": b"".join(guided() + S for _ in range(8)),
    "create_start_settle": unguided("create") + unguided("start") + S + unguided("describe"),
    "oneshot_cooldown": unguided("create") + unguided("start_oneshot") + S +
                        unguided("wait", variant=6) + unguided("start_oneshot") + S,
    "failover_wrong_site": unguided("create") + unguided("start") + S +
                           unguided("failover", side=6) + unguided("failover") + S +
                           unguided("reprotect", side=6) + unguided("reprotect") + S,
    "replay_tokens": unguided("create", token=0) + unguided("replay") +
                     unguided("create", token=2) + unguided("start", token=3) + unguided("replay"),
    "damaged_params": unguided("create", mutation=1) + unguided("create", mutation=2) +
                      unguided("start", mutation=3) + unguided("modify", mutation=4, extra=1),
    # envelope % 40 in 28..39: read-only key, wrong secret, no signature, unknown key, method,
    # version, skewed and unparsable timestamp, the previous step's nonce (G8), bad Authorization
    "gateway_faults": unguided("describe") +
                      b"".join(unguided("describe", envelope=e, extra=1) for e in range(28, 40)) +
                      unguided("create") + unguided("start", envelope=36),
    "paging": unguided("create") + unguided("create", slot=5, extra=1) +
              unguided("create", slot=7, extra=2) + unguided("describe_page", variant=0) +
              unguided("describe_page", variant=1) + unguided("describe_page", variant=1),
    "disks": unguided("create") + unguided("attach") + unguided("start") + unguided("detach") +
             unguided("attach", side=1) + unguided("progress") + S + unguided("delete") + S,
    "stop_delete": unguided("create") + unguided("start") + S + unguided("stop") + S +
                   unguided("delete") + S + unguided("describe"),
}
for name, data in seq.items():
    write("fuzz_sequence", name, data)

req = {
    "get_describe": b"GET\n/?Action=DescribeDiskReplicaPairs&RegionId=cn-hangzhou&Version=2021-07-30"
                    b"&Format=JSON&AccessKeyId=ak-admin&SignatureMethod=HMAC-SHA1&SignatureVersion=1.0"
                    b"&SignatureNonce=n1&Timestamp=2026-01-01T00%3A00%3A00Z&Signature=abc\nhost: ebs\n\n",
    "post_form_create": b"POST\n/\nhost: ebs\ncontent-type: application/x-www-form-urlencoded\n\n"
                        b"Action=CreateDiskReplicaPair&RegionId=cn-hangzhou&SourceDiskId=d-hz-0001"
                        b"&DestinationRegionId=cn-shanghai&DestinationDiskId=d-sh-0001&ClientToken=t1",
    "v3_start": b"POST\n/\nhost: ebs\nx-acs-action: StartDiskReplicaPair\nx-acs-version: 2021-07-30\n"
                b"x-acs-date: 2026-01-01T00:00:00Z\nx-acs-signature-nonce: n2\n"
                b"x-acs-content-sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
                b"authorization: ACS3-HMAC-SHA256 Credential=ak-admin,SignedHeaders=host;x-acs-action,"
                b"Signature=00\n\nReplicaPairId=pair-cn-hangzhou-1",
    "control_reset": b"POST\n/_paircheck/reset\nx-paircheck-control-token: fuzz-control\n\n",
    "control_advance": b"POST\n/_paircheck/clock/advance?Seconds=5\n"
                       b"x-paircheck-control-token: fuzz-control\n\n",
    "health": b"GET\n/_paircheck/health\n\n",
    "garbage": b"\xff\xfe\n%zz%\n:\n\n\x00{",
}
for name, data in req.items():
    write("fuzz_request_parser", name, data)

BODY_OK = b'{"RequestId":"r-1","ReplicaPairId":"pair-cn-hangzhou-1"}'
BODY_ERR = b'{"RequestId":"r-2","Code":"OperationDenied.InvalidStatus","Message":"no"}'
BODY_DESC = (b'{"RequestId":"r-3","TotalCount":1,"PageNumber":1,"PageSize":10,"NextToken":"",'
             b'"ReplicaPairs":[{"ReplicaPairId":"pair-cn-hangzhou-1","Status":"normal",'
             b'"SourceRegionId":"cn-hangzhou","DestinationRegionId":"cn-shanghai","RPO":15}]}')
BODY_PROGRESS = b'{"RequestId":"r-4","Progress":40,"RecoverPoint":1700000000}'


def response(status, reason, body, chunked=False):
    head = f"HTTP/1.1 {status} {reason}\r\ncontent-type: application/json\r\n".encode()
    if chunked:
        return head + b"transfer-encoding: chunked\r\n\r\n" + f"{len(body):x}\r\n".encode() + \
               body + b"\r\n0\r\n\r\n"
    return head + f"content-length: {len(body)}\r\n\r\n".encode() + body


resp = {
    "create_ok": b"\x00" + response(200, "OK", BODY_OK),
    "start_denied": b"\x01" + response(403, "Forbidden", BODY_ERR),
    "describe_chunked": b"\x06" + response(200, "OK", BODY_DESC, chunked=True),
    "progress": b"\x07" + response(200, "OK", BODY_PROGRESS),
    "eof_body": b"\x02HTTP/1.1 500 Internal Server Error\r\n\r\n{\"Code\":",
    "not_json": b"\x03" + response(400, "Bad Request", b"<html>oops</html>"),
}
for name, data in resp.items():
    write("fuzz_response_parser", name, data)

for target in ("fuzz_sequence", "fuzz_request_parser", "fuzz_response_parser"):
    os.makedirs(f"corpus/regressions/{target}", exist_ok=True)
    open(f"corpus/regressions/{target}/.gitkeep", "w").close()
