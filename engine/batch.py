"""Checking many files: in parallel over processes, results in input order, with progress."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from .api import check_file
from .model import Report


def default_jobs() -> int:
    """All cores (at least one)."""
    return max(1, os.cpu_count() or 1)


def _check_one(args: tuple[str, str | None, Report | None]) -> Report:
    path, fmt, previous = args
    return check_file(path, fmt, previous=previous)


def check_many(
    files: list[str], format_id: str | None = None, *, jobs: int = 1, previous: Report | None = None
) -> Iterator[Report]:
    """Reports for ``files`` in the same order. With ``jobs`` > 1 the files are read in worker
    processes; a worker that dies (a hostile file crashing a library) costs only the files it
    held: they are retried one by one in this process."""
    work = [(f, format_id, previous) for f in files]
    if jobs <= 1 or len(files) < 40:  # starting worker processes costs more than it saves below this
        for w in work:
            yield _check_one(w)
        return
    chunk = max(1, min(16, len(files) // (jobs * 8) or 1))
    done = 0
    try:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for report in pool.map(_check_one, work, chunksize=chunk):
                done += 1
                yield report
    except BrokenProcessPool:
        for w in work[done:]:
            yield _check_one(w)


class Progress:
    """A one-line progress bar on stderr (only when stderr is a terminal, or when forced)."""

    def __init__(self, total: int, enabled: bool | None = None, stream=sys.stderr) -> None:
        self.total, self.done, self.stream = total, 0, stream
        self.enabled = (stream.isatty() if enabled is None else enabled) and total > 1
        self.start = time.monotonic()
        self._last = 0.0

    def step(self, label: str = "") -> None:
        self.done += 1
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._last < 0.1 and self.done < self.total:
            return
        self._last = now
        width = 30
        filled = int(width * self.done / self.total)
        rate = self.done / max(now - self.start, 1e-6)
        name = label[-40:]
        self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} {rate:5.1f}/s {name:<40}")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()


def run_batch(files: list[str], on_report: Callable[[Report], None], *, format_id: str | None = None,
              jobs: int = 1, previous: Report | None = None, progress: Progress | None = None) -> None:
    """Check ``files`` and hand each report, in order, to ``on_report``."""
    for report in check_many(files, format_id, jobs=jobs, previous=previous):
        on_report(report)
        if progress:
            progress.step(os.path.basename(report.file))
    if progress:
        progress.close()
