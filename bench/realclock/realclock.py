#!/usr/bin/python3
"""The real-clock bench of issue 12 (run through bench/realclock/run.sh). Against
`paircheck-emulator --clock real --transient-s 0.05:0.2 --sync-cycle-s 1 --cooldown-s 2`, a fresh
process for each measurement (same flags, same fixture), it measures:

1. the Python peer (bench/realclock/peer.py) for T seconds: `peer_*` lines;
2. `paircheck run ... --profile profiles/realclock-emulator.json --poll-ms 50 --max-wait-s 2` for
   T seconds, stopped with SIGINT (exit 130 expected), with `--clients 1` and with the default
   clients when `paircheck run --help` lists `--clients` (otherwise once, without the flag: today's
   paircheck is one client): judged requests/s from the run log's summary (`requests`, `seconds`);
   the fraction of the run's wall time every client was asleep, as paircheck measures it (the
   summary's `asleep_ms`/`wall_ms`: `asleep_fraction_*`); the fraction of the sending window in
   which no logged request was in flight, from the `step` lines' `sent_ms`/`received_ms` (1 ms
   buckets: a bucket is busy when some request was in flight in it: `idle_wire_fraction_*`);
   the emulator's and paircheck's VmRSS at the start and the end of the run;
   The same twice more with `--read-gap-ms 50` (reads 50 ms apart while waiting), where several
   clients have waits to overlap: `gap50_*` lines;
3. time to detection: for each `paircheck-emulator --list-faults` fault, a fresh emulator with
   `--fault NAME` and `paircheck run ... --max-failures 1` (default clients; lost-answer-reexecutes
   with `--nemesis drop-response`, since only a lost answer shows it) for at most L seconds: the
   wall time from launching paircheck to the arrival of the first `step` line whose verdict is not
   conformant, or of the first `finding` line (a cleanup's M3 has no step; the run log is tailed
   every 20 ms; its steps carry no wall-clock time), and to
   paircheck's exit (1 once that finding is shrunk);
4. the long run: N fault-free sequences (`--long-sequences`, 1000) with `--clients 6 --nemesis
   drop-response,duplicate`, the emulator started with `--nonce-window-s W` (`--long-nonce-window-s`,
   30, so that the G8 window turns over within the run and memory shows flat; paircheck reuses a
   nonce only within one sequence, a few seconds, so the judge is unchanged; 0 leaves the emulator's
   900 s): the exit code, and the emulator's and paircheck's VmRSS every 2 s, reported after 10 s, at
   a quarter, half and three quarters of the run, at the end and at most, and the emulator's growth
   per request.

The emulator, paircheck and the peer share the machine's cores (2 on the project's VM). Prints
`name: value unit` lines on stdout, progress on stderr. Exit 0, or 1 when a measurement could not be
taken (an emulator that did not start, a peer that failed, a run without a summary).
"""

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from runlog_watch import LogWatch, detected  # noqa: E402  (bench/runlog_watch.py)

EMULATOR_FLAGS = ["--clock", "real", "--transient-s", "0.05:0.2", "--sync-cycle-s", "1",
                  "--cooldown-s", "2"]
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
print_lock = threading.Lock()


def say(line):
    """A figure: `name: value unit`, stdout."""
    with print_lock:
        print(line, flush=True)


def note(line):
    with print_lock:
        print(f"realclock: {line}", file=sys.stderr, flush=True)


def rss_kb(pid):
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


class Emulator:
    """A paircheck-emulator process on a free loopback port (it prints the port it got)."""

    def __init__(self, binary, fixtures, extra=()):
        self.proc = subprocess.Popen([binary, "--fixtures", fixtures, *EMULATOR_FLAGS, *extra],
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        line = self.proc.stdout.readline()  # "paircheck-emulator listening on 127.0.0.1:PORT"
        if "listening on" not in line:
            self.proc.kill()
            self.proc.wait()
            raise RuntimeError(f"paircheck-emulator did not start ({' '.join(extra)}): {line!r}")
        self.url = "http://" + line.split("listening on", 1)[1].strip()

    def rss_kb(self):
        return rss_kb(self.proc.pid)

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def paircheck_args(binary, url, fixtures, profile, report_dir, extra=()):
    return [binary, "run", "--target", url, "--fixtures", fixtures, "--profile", profile,
            "--poll-ms", "50", "--max-wait-s", "2", "--sequences", "100000",
            "--report-dir", report_dir, "--quiet", *extra]


def stop_run(proc, grace_s=60):
    """SIGINT (the run finishes the request in flight and writes its reports), then wait."""
    proc.send_signal(signal.SIGINT)
    try:
        return proc.wait(timeout=grace_s)
    except subprocess.TimeoutExpired:
        note(f"paircheck {proc.pid} still running {grace_s} s after SIGINT: killed")
        proc.kill()
        return proc.wait()


def read_log(path):
    """(run line, step intervals [(sent_ms, received_ms)], summary line or None)."""
    run, summary, intervals = None, None, []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if '"type":"step"' in line:
                try:
                    t = json.loads(line)["record"]["request"]["time"]
                except (ValueError, KeyError):
                    continue  # a torn last line
                intervals.append((t["sent_ms"], t["received_ms"]))
            elif '"type":"summary"' in line:
                summary = json.loads(line)
            elif run is None and '"type":"run"' in line:
                run = json.loads(line)
    return run, intervals, summary


def idle_wire_percent(intervals):
    """Share of the 1 ms buckets from the first request sent to the last answer received in which
    no LOGGED request was in flight. A request occupies every bucket from its sent_ms to its
    received_ms (at least one), so a busy bucket may be partly idle: this leans towards busy. It
    counts as idle what paircheck does between judged requests (judging, the unlogged Describes
    of cleanup), so it is not time asleep: see asleep_percent."""
    if not intervals:
        return None
    start = min(s for s, _ in intervals)
    end = max(r for _, r in intervals)
    busy = bytearray(end - start + 1)
    for s, r in intervals:
        busy[s - start:r - start + 1] = b"\x01" * (r - s + 1)
    return 100.0 * busy.count(0) / len(busy)


def asleep_percent(summary):
    """paircheck's own figure (RunFinished asleep_ms / wall_ms, harness/sleep_meter.hpp): the
    share of the run's wall time in which every active client was asleep. None for a paircheck
    that does not record it."""
    if not isinstance(summary.get("asleep_ms"), int) or not summary.get("wall_ms"):
        return None
    return 100.0 * summary["asleep_ms"] / summary["wall_ms"]


def measure_peer(args, python):
    emulator = Emulator(args.emulator, args.fixtures)
    try:
        note(f"peer for {args.seconds} s against {emulator.url}")
        done = subprocess.run([python, os.path.join(HERE, "peer.py"), "--url", emulator.url,
                               "--fixtures", args.fixtures, "--seconds", str(args.seconds),
                               "--cooldown-s", "2", "--settle-s", "5"],
                              capture_output=True, text=True, check=False)
    finally:
        emulator.stop()
    for line in done.stdout.splitlines():
        say(line)
    for line in done.stderr.splitlines()[:20]:
        note(f"peer: {line}")
    if done.returncode != 0:
        note(f"the peer exited {done.returncode}")
        return False
    return True


def measure_run(args, label, clients_flag, work, more=()):
    emulator = Emulator(args.emulator, args.fixtures)
    report_dir = os.path.join(work, f"run-{label}")
    extra = (["--clients", clients_flag] if clients_flag else []) + list(more)
    try:
        note(f"paircheck run {' '.join(extra) or '(default clients)'} for {args.seconds} s "
             f"against {emulator.url}")
        with open(report_dir + ".out", "w", encoding="utf-8") as out:
            proc = subprocess.Popen(paircheck_args(args.paircheck, emulator.url, args.fixtures,
                                                   args.profile, report_dir, extra),
                                    stdout=out, stderr=subprocess.STDOUT)
            time.sleep(1.0)
            rss_start, pc_rss_start = emulator.rss_kb(), rss_kb(proc.pid)
            time.sleep(max(args.seconds - 1.0, 0))
            rss_end, pc_rss_end = emulator.rss_kb(), rss_kb(proc.pid)
            code = stop_run(proc)
    finally:
        emulator.stop()
    log = os.path.join(report_dir, "run.jsonl")
    if not os.path.exists(log):
        note(f"{label}: no run log (exit {code}); see {report_dir}.out")
        return False
    run, intervals, summary = read_log(log)
    if summary is None:
        note(f"{label}: the run log has no summary (exit {code}); see {report_dir}.out")
        return False
    if code != 130:
        note(f"{label}: paircheck exited {code}, not 130 (SIGINT): see {report_dir}.out")
    name = label
    if not clients_flag and run is not None and isinstance(run.get("clients"), int):
        name = f"{label.replace('clientsdefault', '')}clients{run['clients']}"  # as logged
    seconds = summary["seconds"]
    say(f"paircheck_{name}_judged_per_s: {summary['requests'] / seconds:.1f} req/s")
    say(f"paircheck_{name}_requests: {summary['requests']}")
    say(f"paircheck_{name}_sequences: {summary['sequences']}")
    say(f"paircheck_{name}_seconds: {seconds:.1f} s")
    say(f"paircheck_{name}_findings: {summary['findings']}")
    say(f"paircheck_{name}_exit: {code}")
    asleep = asleep_percent(summary)
    if asleep is not None:
        say(f"asleep_fraction_{name}: {asleep:.1f} %")
    idle = idle_wire_percent(intervals)
    if idle is not None:
        say(f"idle_wire_fraction_{name}: {idle:.1f} %")
    say(f"emulator_rss_start_{name}: {rss_start} kB")
    say(f"emulator_rss_end_{name}: {rss_end} kB")
    say(f"paircheck_rss_start_{name}: {pc_rss_start} kB")
    say(f"paircheck_rss_end_{name}: {pc_rss_end} kB")
    return summary["findings"] == 0


def time_to_detection(args, fault, work):
    """(seconds to the first non-conformant step or None, seconds to exit, exit code)."""
    emulator = Emulator(args.emulator, args.fixtures, ["--fault", fault])
    report_dir = os.path.join(work, f"ttd-{fault}")
    os.makedirs(report_dir, exist_ok=True)
    log = os.path.join(report_dir, "run.jsonl")
    first = None
    try:
        with open(report_dir + ".out", "w", encoding="utf-8") as out:
            launched = time.monotonic()
            # lost-answer-reexecutes shows only when an answer is lost (harness.md "Nemesis").
            extra = ["--max-failures", "1"]
            if fault == "lost-answer-reexecutes":
                extra += ["--nemesis", "drop-response"]
            command = paircheck_args(args.paircheck, emulator.url, args.fixtures, args.profile,
                                     report_dir, extra)
            proc = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
            watch = LogWatch(log)
            while proc.poll() is None and time.monotonic() - launched < args.ttd_limit_s:
                if first is None and watch.found():
                    first = time.monotonic() - launched
                time.sleep(0.02)
            code = proc.poll()
            if code is None:
                code = stop_run(proc)
            ended = time.monotonic() - launched
    finally:
        emulator.stop()
    if first is None and os.path.exists(log):  # found in the last 20 ms, or a line not yet read
        with open(log, encoding="utf-8") as f:
            if any(detected(line) for line in f):
                first = ended
    return first, ended, code


def measure_ttd(args, work):
    listed = subprocess.run([args.emulator, "--list-faults"], capture_output=True, text=True,
                            check=True).stdout
    faults = [line.split()[0] for line in listed.splitlines() if line.strip()]
    if args.faults:
        faults = [f for f in faults if f in args.faults.split(",")]
    note(f"time to detection: {len(faults)} faults, {args.ttd_jobs} at a time, at most "
         f"{args.ttd_limit_s} s each")
    say(f"ttd_parallel_runs: {args.ttd_jobs}")
    say(f"ttd_limit: {args.ttd_limit_s} s")
    with ThreadPoolExecutor(max_workers=args.ttd_jobs) as pool:
        results = dict(zip(faults, pool.map(lambda f: time_to_detection(args, f, work), faults)))
    found = []
    for fault in faults:
        first, ended, code = results[fault]
        if first is None:
            say(f"ttd_{fault}: >{args.ttd_limit_s:g} s")
        else:
            found.append(first)
            say(f"ttd_{fault}: {first:.1f} s")
        say(f"ttd_exit_{fault}: {ended:.1f} s (exit {code})")
    # Not found counts as the limit, so the median is a lower bound when it falls among them.
    every = found + [float(args.ttd_limit_s)] * (len(faults) - len(found))
    if every:
        bound = "" if len(found) == len(faults) else " (lower bound: not found counts as the limit)"
        say(f"ttd_median: {statistics.median(every):.1f} s{bound}")
        say(f"ttd_max: {max(every):.1f} s{bound}")
    if found:
        say(f"ttd_median_found: {statistics.median(found):.1f} s")
    say(f"found: {len(found)} of {len(faults)}")
    exited1 = sum(1 for f in faults if results[f][2] == 1)
    say(f"exit1: {exited1} of {len(faults)}")
    exits = [results[f][1] for f in faults if results[f][2] == 1]
    if exits:
        say(f"exit1_median: {statistics.median(exits):.1f} s")
        say(f"exit1_max: {max(exits):.1f} s")
    return True


def measure_long(args, work):
    """N fault-free sequences with six clients and a nemesis: exit 0, memory flat."""
    window = ["--nonce-window-s", str(args.long_nonce_window_s)] if args.long_nonce_window_s else []
    emulator = Emulator(args.emulator, args.fixtures, window)
    report_dir = os.path.join(work, "long")
    extra = ["--clients", "6", "--nemesis", "drop-response,duplicate"]
    command = paircheck_args(args.paircheck, emulator.url, args.fixtures, args.profile, report_dir,
                             extra)
    command[command.index("--sequences") + 1] = str(args.long_sequences)
    note(f"{args.long_sequences} sequences, {' '.join(extra)}, against {emulator.url}")
    samples = []
    try:
        with open(report_dir + ".out", "w", encoding="utf-8") as out:
            started = time.monotonic()
            proc = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
            while proc.poll() is None and time.monotonic() - started < args.long_limit_s:
                time.sleep(2.0)
                samples.append((time.monotonic() - started, emulator.rss_kb(), rss_kb(proc.pid)))
            code = proc.poll()
            if code is None:
                code = stop_run(proc)
            seconds = time.monotonic() - started
    finally:
        emulator.stop()
    samples = [s for s in samples if s[1] and s[2]]
    say(f"long_sequences: {args.long_sequences}")
    say(f"long_emulator_nonce_window: {args.long_nonce_window_s or 900} s")
    say(f"long_exit: {code}")
    say(f"long_seconds: {seconds:.1f} s")
    log = os.path.join(report_dir, "run.jsonl")
    summary = read_log(log)[2] if os.path.exists(log) else None
    if summary is not None:
        say(f"long_requests: {summary['requests']}")
        say(f"long_findings: {summary['findings']}")
    if len(samples) >= 2:
        first = next((s for s in samples if s[0] >= 10.0), samples[0])
        say(f"long_emulator_rss_after_10s: {first[1]} kB")
        for pct in (25, 50, 75):  # flat or growing: the samples in between
            at = next(s for s in samples if s[0] >= samples[-1][0] * pct / 100)
            say(f"long_emulator_rss_at_{pct}pct: {at[1]} kB ({at[0]:.0f} s)")
        say(f"long_emulator_rss_end: {samples[-1][1]} kB")
        if summary is not None and summary["requests"]:
            grown = (samples[-1][1] - samples[0][1]) * 1024 / summary["requests"]
            say(f"long_emulator_growth_per_request: {grown:.0f} bytes (first sample to end)")
        say(f"long_emulator_rss_max: {max(s[1] for s in samples)} kB")
        say(f"long_paircheck_rss_after_10s: {first[2]} kB")
        say(f"long_paircheck_rss_end: {samples[-1][2]} kB")
        say(f"long_paircheck_rss_max: {max(s[2] for s in samples)} kB")
    return code == 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=20.0, help="T: peer and each long run")
    parser.add_argument("--ttd-limit-s", type=float, default=60.0)
    parser.add_argument("--ttd-jobs", type=int, default=3,
                        help="fault runs at once (each: one emulator and one paircheck)")
    parser.add_argument("--faults", default="", help="comma-separated subset of the faults")
    parser.add_argument("--no-ttd", action="store_true")
    parser.add_argument("--no-throughput", action="store_true",
                        help="skip the peer and the throughput runs (time to detection only)")
    parser.add_argument("--long-sequences", type=int, default=1000,
                        help="the long run: fault-free sequences with --clients 6 and a nemesis")
    parser.add_argument("--long-limit-s", type=float, default=600.0)
    parser.add_argument("--long-nonce-window-s", type=int, default=30,
                        help="the long run's emulator --nonce-window-s (0: its default, 900)")
    parser.add_argument("--no-long", action="store_true")
    parser.add_argument("--fixtures", default="")
    parser.add_argument("--profile", default=os.path.join(ROOT, "profiles/realclock-emulator.json"))
    parser.add_argument("--paircheck", default=os.path.join(ROOT, "build/default/cli/paircheck"))
    parser.add_argument("--emulator",
                        default=os.path.join(ROOT, "build/default/emulator/paircheck-emulator"))
    parser.add_argument("--work", default="", help="where the run logs go (default: a temp dir)")
    args = parser.parse_args()
    if not args.fixtures:
        clients = os.path.join(ROOT, "fixtures/clients.json")
        default = os.path.join(ROOT, "fixtures/default.json")
        args.fixtures = clients if os.path.exists(clients) else default
    work = args.work or tempfile.mkdtemp(prefix="paircheck-realclock-")
    os.makedirs(work, exist_ok=True)
    # The binaries are copied first: build/default may be rebuilt while the bench runs.
    for name in ("paircheck", "emulator"):
        copy = os.path.join(work, os.path.basename(getattr(args, name)))
        shutil.copy2(getattr(args, name), copy)
        setattr(args, name, copy)

    help_text = subprocess.run([args.paircheck, "run", "--help"], capture_output=True, text=True,
                               check=False)
    has_clients = "--clients" in help_text.stdout + help_text.stderr
    say(f"realclock_cpus: {os.cpu_count()} cpus (emulator, paircheck and the peer share them)")
    say(f"realclock_fixtures: {os.path.relpath(args.fixtures, ROOT)}")
    say(f"realclock_seconds: {args.seconds:g} s")
    say(f"realclock_loadavg_start: {os.getloadavg()[0]:.2f} (1 min, before the bench)")
    note(f"work directory {work}")

    ok = True
    try:
        if args.no_throughput:
            pass
        elif not has_clients:
            note("`paircheck run --help` has no --clients: one run without the flag (one client "
                 "today, labelled clients1); the default-clients lines are skipped")
            ok &= measure_peer(args, sys.executable)
            ok &= measure_run(args, "clients1", "", work)
        else:
            ok &= measure_peer(args, sys.executable)
            ok &= measure_run(args, "clients1", "1", work)
            ok &= measure_run(args, "clientsdefault", "", work)
            # With a gap between the reads that fill waits, clients overlap their waits.
            ok &= measure_run(args, "gap50_clients1", "1", work, ["--read-gap-ms", "50"])
            ok &= measure_run(args, "gap50_clientsdefault", "", work, ["--read-gap-ms", "50"])
        if not args.no_ttd:
            ok &= measure_ttd(args, work)
        if has_clients and not args.no_long:
            ok &= measure_long(args, work)
    except (RuntimeError, OSError, subprocess.CalledProcessError) as e:
        note(str(e))
        return 1
    say(f"realclock_loadavg_end: {os.getloadavg()[0]:.2f} (1 min, bench included)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
