"""Tailing a `paircheck run` log (run.jsonl) while the run goes on, for the benches that time
detection (bench/detection/ttd.py, bench/realclock/realclock.py): `LogWatch(path).found()` reads
what was appended since the last call and says whether a line so far shows a finding."""
import json
import os


def detected(line):
    """A run-log line that shows a finding: a step judged not conformant, or a finding (a cleanup's
    or a settle's M3 is not a step of its own: its first sign is the finding line)."""
    if '"type":"finding"' in line:
        return True
    if '"type":"step"' in line and '"conformant":false' in line:
        return json.loads(line)["record"]["verdict"]["conformant"] is False
    return False


class LogWatch:
    """Reads a run log from where it stopped last time; whole lines only."""

    def __init__(self, path):
        self.path = path
        self.offset = 0
        self.pending = ""
        self.seen = False

    def found(self):
        if self.seen or not os.path.exists(self.path):
            return self.seen
        with open(self.path, encoding="utf-8", errors="replace") as f:
            f.seek(self.offset)
            chunk = f.read()
            self.offset = f.tell()
        lines = (self.pending + chunk).split("\n")
        self.pending = lines.pop()
        self.seen = any(detected(line) for line in lines)
        return self.seen
