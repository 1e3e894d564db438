"""Running a command the way the benchmarks time it: wall seconds, peak memory (RSS) of its whole
process tree, the CPU seconds of that tree, and what it printed."""

from __future__ import annotations

import resource
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Measured:
    seconds: float
    peak_kb: int
    """Largest sum of the RSS of the process and all its descendants, sampled every 10 ms."""
    lines: list[bytes]
    cpu: float
    """User + system seconds of the whole tree (children are counted once they have been waited for)."""


def tree_rss_kb(pid: int) -> int:
    """RSS of ``pid`` and all its descendants."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            pass
    return total


def run_measured(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> Measured:
    """Run ``cmd`` to its end, watching its process tree."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    p = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    peak = 0

    def watch() -> None:
        nonlocal peak
        while p.poll() is None:
            peak = max(peak, tree_rss_kb(p.pid))
            time.sleep(0.01)

    w = threading.Thread(target=watch)
    w.start()
    lines = p.stdout.readlines()  # type: ignore[union-attr]
    p.wait()
    secs = time.perf_counter() - t
    w.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return Measured(secs, peak, lines, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
