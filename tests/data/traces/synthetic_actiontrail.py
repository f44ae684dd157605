#!/usr/bin/env python3
"""A synthetic ActionTrail export (JSON lines) to measure `paircheck check` on (docs/traces.md).

usage: synthetic_actiontrail.py cycles N OUT [--same-second]
         4 pairs (d-hz-000i -> d-sh-000i), each created and listed `created`, then N cycles of Start,
         Stop, listed `stopped`; the pairs' events a second apart (--same-second: in one second).
       synthetic_actiontrail.py lifecycles N OUT
         on d-hz-0001 -> d-sh-0001, N pairs one after another: Create, listed `created`, Start, Stop,
         listed `stopped`, Delete, listed gone.
Every answer conforms to the default profile.
"""
import datetime
import json
import sys

BASE = datetime.datetime(2026, 12, 2, 10, 0, 0)


class Export:
    def __init__(self, path):
        self.out = open(path, "w")
        self.n = 0

    def event(self, action, sec, params, response=None):
        self.n += 1
        e = {"eventId": "E-%d" % self.n, "eventVersion": "1", "eventSource": "ebs.aliyuncs.com",
             "eventName": action, "eventType": "ApiCall",
             "eventTime": (BASE + datetime.timedelta(seconds=sec)).strftime("%Y-%m-%dT%H:%M:%SZ"),
             "acsRegion": "cn-hangzhou", "serviceName": "Ebs", "apiVersion": "2021-07-30",
             "requestId": "R-%d" % self.n,
             "userIdentity": {"type": "ram-user", "accessKeyId": "ak-admin"},
             "requestParameters": params, "responseElements": response or {}}
        self.out.write(json.dumps(e) + "\n")


def listing(pair, status, d):
    items = [] if status is None else [{"ReplicaPairId": pair, "Status": status,
                                        "SourceDiskId": "d-hz-000%d" % d,
                                        "DestinationDiskId": "d-sh-000%d" % d}]
    return {"TotalCount": len(items), "PageNumber": 1, "PageSize": 10, "ReplicaPairs": items}


def create(x, pair, d, sec):
    x.event("CreateDiskReplicaPair", sec,
            {"RegionId": "cn-hangzhou", "SourceZoneId": "cn-hangzhou-h", "DiskId": "d-hz-000%d" % d,
             "DestinationRegionId": "cn-shanghai", "DestinationZoneId": "cn-shanghai-e",
             "DestinationDiskId": "d-sh-000%d" % d}, {"ReplicaPairId": pair})


def op(x, action, pair, sec):
    x.event(action, sec, {"RegionId": "cn-hangzhou", "ReplicaPairId": pair})


def describe(x, pair, status, d, sec):
    x.event("DescribeDiskReplicaPairs", sec, {"RegionId": "cn-hangzhou", "PairIds": pair},
            listing(pair, status, d))


def main():
    kind, n, x = sys.argv[1], int(sys.argv[2]), Export(sys.argv[3])
    same = "--same-second" in sys.argv[4:]
    if kind == "cycles":
        for d in range(1, 5):
            create(x, "pair-cn-hangzhou-d%d" % d, d, d)
            describe(x, "pair-cn-hangzhou-d%d" % d, "created", d, d + 10)
        t = 20
        for _ in range(n):
            for d in range(1, 5):
                pair, s = "pair-cn-hangzhou-d%d" % d, t if same else t + d
                op(x, "StartDiskReplicaPair", pair, s)
                op(x, "StopDiskReplicaPair", pair, s + 10)
                describe(x, pair, "stopped", d, s + 20)
            t += 30
    elif kind == "lifecycles":
        for r in range(n):
            pair, t = "pair-cn-hangzhou-r%d" % r, r * 70
            create(x, pair, 1, t)
            describe(x, pair, "created", 1, t + 10)
            op(x, "StartDiskReplicaPair", pair, t + 20)
            op(x, "StopDiskReplicaPair", pair, t + 30)
            describe(x, pair, "stopped", 1, t + 40)
            op(x, "DeleteDiskReplicaPair", pair, t + 50)
            describe(x, pair, None, 1, t + 60)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
