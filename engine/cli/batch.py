"""Checking many files: in parallel over processes, results in input order, with progress."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from .. import messages
from ..api import check_file, check_file_paired
from ..checking.years import LastYear
from ..model import Report

messages.register(
    {
        "batch.crashed": (
            "读取这个文件时读取程序异常退出（文件可能已损坏或是特意构造的），已跳过，其余文件照常检查",
            "Reading this file made the reader crash (a damaged or crafted file); skipped, the other files were checked",
        ),
    }
)


def default_jobs() -> int:
    """All cores (at least one)."""
    return max(1, os.cpu_count() or 1)


Previous = Report | LastYear | list[LastYear] | None
"""Last year's report for every file, or several (a folder) to pair each file with by reporting body."""


def _check_one(args: tuple[str, str | None, Previous]) -> Report:
    path, fmt, previous = args
    if isinstance(previous, list):
        return check_file_paired(path, fmt, previous)
    return check_file(path, fmt, previous=previous)


def check_many(
    files: list[str], format_id: str | None = None, *, jobs: int = 1, previous: Previous = None
) -> Iterator[Report]:
    """Reports for ``files`` in the same order. With ``jobs`` > 1 the files are read in worker
    processes; a worker that dies (a hostile file crashing a native library) costs only the file
    that killed it: the files that were in flight are read again each in a process of its own (the
    one that dies again gets an error line), then a new pool takes the rest."""
    work = [(f, format_id, previous) for f in files]
    if jobs <= 1 or len(files) < 40:  # starting worker processes costs more than it saves below this
        for w in work:
            yield _check_one(w)
        return
    start = 0
    while start < len(work):
        chunk = max(1, min(16, (len(work) - start) // (jobs * 8) or 1))
        done = start
        try:
            with ProcessPoolExecutor(max_workers=jobs) as pool:
                for report in pool.map(_check_one, work[start:], chunksize=chunk):
                    done += 1
                    yield report
            return
        except BrokenProcessPool:
            # the pool holds at most jobs + 1 chunks beyond those done: the culprit is among them
            suspects = work[done : done + (jobs + 2) * chunk]
            for w in suspects:
                yield _isolated(w)
            start = done + len(suspects)


def _isolated(w: tuple[str, str | None, Previous]) -> Report:
    """Check one file in a process of its own; a crash there is that file's error line."""
    try:
        with ProcessPoolExecutor(max_workers=1) as one:
            return one.submit(_check_one, w).result()
    except BrokenProcessPool:
        return Report(file=w[0], error=messages.text("batch.crashed"), error_code="batch.crashed")


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
              jobs: int = 1, previous: Previous = None, progress: Progress | None = None) -> None:
    """Check ``files`` and hand each report, in order, to ``on_report``."""
    for report in check_many(files, format_id, jobs=jobs, previous=previous):
        on_report(report)
        if progress:
            progress.step(os.path.basename(report.file))
    if progress:
        progress.close()
