#!/usr/bin/env python3
"""Time to detection of each planted emulator fault, embedded (virtual clock), over seeds.

    bench/detection/ttd.py --paircheck BIN [--seeds 1-5] [--timeout S] [--sequences N] [--work DIR]
                           [--faults A,B] [--run-args "ARGS"]

For each fault of `BIN run`'s emulator (`paircheck-emulator --list-faults` next to BIN, or the
--faults list) and each seed, runs `BIN run --target embedded --emulator-fault F --seed S
--max-failures 1` and tails its run.jsonl for the first step judged not conformant: its arrival
after the launch is the time to detection (shrinking does not count; the run is stopped there).
A settle that times out (M3, a pair stuck) logs no step of its own: its time is that of the
`finding` line, shrinking included.
The budget is --timeout seconds (default 30; --sequences is large by default so that time, not a
sequence count, ends a run). Prints one `ttd F seed S: X s` line per run ("-" = nothing found in
the budget), and per fault
`ttd median F: X s` (the median over all seeds, a run that found nothing counting as infinite, so
a median is "-" when half or more found nothing) and `ttd found F: K/N seeds`. --run-args adds
flags to every run (e.g. "--steer 1" to measure without steering). Faults that need something the
embedded target cannot do are run with what they need (check-then-act: --races on) or left out
(lost-answer-reexecutes: only a lost answer over HTTP shows it). Exit 0; 2 on bad arguments.
"""
import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from runlog_watch import LogWatch  # noqa: E402  (bench/runlog_watch.py)

NEEDS = {"check-then-act": ["--races", "on"]}
LEFT_OUT = {"lost-answer-reexecutes": "needs a lost answer (the HTTP nemesis)"}


def first_finding(binary, fault, seed, work, timeout, sequences, extra):
    report = os.path.join(work, "%s-%d" % (fault, seed))
    shutil.rmtree(report, ignore_errors=True)
    log_path = os.path.join(report, "run.jsonl")
    cmd = [binary, "run", "--target", "embedded", "--emulator-fault", fault, "--seed", str(seed),
           "--max-failures", "1", "--quiet", "--report-dir", report,
           "--sequences", str(sequences)] + NEEDS.get(fault, []) + extra
    t0 = time.monotonic()
    with open(report + ".out", "w") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        watch, found = LogWatch(log_path), None
        while True:
            rc = proc.poll()  # before reading: a run that has exited has written every line
            if watch.found():
                found = time.monotonic() - t0
                break
            if rc is not None or time.monotonic() - t0 > timeout:
                break
            time.sleep(0.01)
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    return found


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--paircheck", required=True)
    ap.add_argument("--seeds", default="1-5", help="A-B or a comma list")
    ap.add_argument("--timeout", type=float, default=30)
    ap.add_argument("--sequences", type=int, default=1000000)
    ap.add_argument("--faults", default="", help="comma list (default: every listed fault)")
    ap.add_argument("--work", default="build/ttd")
    ap.add_argument("--run-args", default="", help="more flags for every run, one string")
    a = ap.parse_args()
    extra = a.run_args.split()
    if not os.access(a.paircheck, os.X_OK):
        print("ttd: %s is not an executable" % a.paircheck, file=sys.stderr)
        return 2
    try:
        if "-" in a.seeds:
            lo, hi = (int(x) for x in a.seeds.split("-"))
            seeds = list(range(lo, hi + 1))
        else:
            seeds = [int(x) for x in a.seeds.split(",")]
    except ValueError:
        print("ttd: --seeds is A-B or a comma list of integers", file=sys.stderr)
        return 2
    if a.faults:
        faults = a.faults.split(",")
    else:
        emulator = os.path.join(os.path.dirname(os.path.dirname(a.paircheck)), "emulator",
                                "paircheck-emulator")
        listing = subprocess.run([emulator, "--list-faults"], capture_output=True, text=True,
                                 check=True).stdout
        faults = [ln.split()[0] for ln in listing.splitlines() if ln.strip()]
    os.makedirs(a.work, exist_ok=True)
    medians = []
    for fault in faults:
        if fault in LEFT_OUT:
            print("left out %s: %s" % (fault, LEFT_OUT[fault]))
            continue
        times = []
        for seed in seeds:
            t = first_finding(a.paircheck, fault, seed, a.work, a.timeout, a.sequences, extra)
            print("ttd %s seed %d: %s" % (fault, seed, "-" if t is None else "%.2f s" % t),
                  flush=True)
            times.append(float("inf") if t is None else t)
        m = statistics.median(times)
        found = sum(1 for t in times if t != float("inf"))
        medians.append(m)
        print("ttd median %s: %s" % (fault, "-" if m == float("inf") else "%.2f s" % m))
        print("ttd found %s: %d/%d seeds" % (fault, found, len(times)), flush=True)
    finite = [m for m in medians if m != float("inf")]
    print("ttd faults with a median: %d/%d faults" % (len(finite), len(medians)))
    if medians:
        m = statistics.median(medians)
        print("ttd median of medians: %s" % ("-" if m == float("inf") else "%.2f s" % m))
    return 0


if __name__ == "__main__":
    sys.exit(main())
