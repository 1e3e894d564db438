"""Checking many files: in parallel over processes, results in input order, with progress.

The worker processes can be started before the files are known (``start_pool``): they import and
warm up what checking needs once each, while the parent is still listing the folders. A report
can be turned into its output text in the worker (``render``), so the parent only writes lines.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, TypeVar

from .. import messages
from ..api import check_file
from ..model import Report

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

    from ..checking.years import LastYear

    Previous = Report | LastYear | list[LastYear] | None
    """Last year's report for every file, or several (a folder) to pair each file with by reporting body."""
    Work = tuple[str, str | None, Previous]

messages.register(
    {
        "batch.crashed": (
            "读取这个文件时读取程序异常退出（文件可能已损坏或是特意构造的），已跳过，其余文件照常检查",
            "Reading this file made the reader crash (a damaged or crafted file); skipped, the other files were checked",
        ),
    }
)

MIN_FILES = 40
"""Below this many files, starting worker processes costs more than it saves."""
T = TypeVar("T")


def default_jobs() -> int:
    """All cores (at least one)."""
    return max(1, os.cpu_count() or 1)


def _warm(language: str) -> None:
    """A worker's start: the message language, and everything a check imports and loads, once."""
    messages.set_language(language)
    from .. import formats
    from ..checking import prose, rules  # noqa: F401
    from ..locating import tables  # noqa: F401
    from ..reading import docx, text, xlsx  # noqa: F401
    from ..repair import corrections  # noqa: F401

    for f in formats.FORMAT_IDS:
        formats.load(f)


def start_pool(jobs: int) -> ProcessPoolExecutor:
    """``jobs`` worker processes, launched now (each imports and warms up in the background)."""
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_warm, initargs=(messages.language(),))
    pool.submit(int)  # the first task launches the workers
    return pool


def _check_one(args: Work) -> Report:
    path, fmt, previous = args
    return check_file(path, fmt, previous=previous)


def _check_rendered(args: tuple[Work, Callable[[Report], str]]) -> tuple[Report, str]:
    """The report with its output text; its cells are dropped once rendered (the caller needs
    only the text, the error and the findings), which keeps what crosses processes small."""
    work, render = args
    report = _check_one(work)
    text = render(report)
    report.cells = {}
    return report, text


def check_many(
    files: list[str], format_id: str | None = None, *, jobs: int = 1, previous: Previous = None,
    pool: ProcessPoolExecutor | None = None,
) -> Iterator[Report]:
    """Reports for ``files`` in the same order. With ``jobs`` > 1 the files are read in worker
    processes (``pool`` when given, started by ``start_pool``; it is shut down at the end); a
    worker that dies (a hostile file crashing a native library) costs only the file that killed
    it: the files that were in flight are read again each in a process of its own (the one that
    dies again gets an error line), then a new pool takes the rest."""
    work = [(f, format_id, previous) for f in files]
    yield from _run(_check_one, work, jobs, pool, lambda w: w[0])


def check_rendered(
    files: list[str], render: Callable[[Report], str], format_id: str | None = None, *, jobs: int = 1,
    previous: Previous = None, pool: ProcessPoolExecutor | None = None,
) -> Iterator[tuple[Report, str]]:
    """Like ``check_many``, with each report's output text made by ``render`` (a module-level
    function) where the report was made; the reports come without their cells."""
    def crashed(w: tuple[Work, Callable[[Report], str]]) -> tuple[Report, str]:
        report = _crashed(w[0][0])
        return report, render(report)

    work = [((f, format_id, previous), render) for f in files]
    yield from _run(_check_rendered, work, jobs, pool, crashed)


def _crashed(path: str) -> Report:
    return Report(file=path, error=messages.text("batch.crashed"), error_code="batch.crashed")


def _run(fn: Callable[[T], object], work: list[T], jobs: int, pool: ProcessPoolExecutor | None,
         crashed: Callable[[T], object]) -> Iterator:
    if jobs <= 1 or len(work) < MIN_FILES:
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
        for w in work:
            yield fn(w)
        return
    from concurrent.futures.process import BrokenProcessPool

    start = 0
    while start < len(work):
        chunk = max(1, min(16, (len(work) - start) // (jobs * 8) or 1))
        done = start
        pool = pool or start_pool(jobs)
        try:
            for result in pool.map(fn, work[start:], chunksize=chunk):
                done += 1
                yield result
            return
        except BrokenProcessPool:
            # the pool holds at most jobs + 1 chunks beyond those done: the culprit is among them
            suspects = work[done : done + (jobs + 2) * chunk]
            for w in suspects:
                yield _isolated(fn, w, crashed)
            start = done + len(suspects)
        finally:  # also when the caller stops early: what is queued is dropped, not checked
            pool.shutdown(wait=True, cancel_futures=True)
            pool = None


def _isolated(fn: Callable[[T], object], w: T, crashed: Callable[[T], object]) -> object:
    """Run ``fn(w)`` in a process of its own; a crash there is that file's error line."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    try:
        with ProcessPoolExecutor(max_workers=1) as one:
            return one.submit(fn, w).result()
    except BrokenProcessPool:
        return crashed(w)


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


def run_rendered(files: list[str], render: Callable[[Report], str], on_report: Callable[[Report, str], None], *,
                 format_id: str | None = None, jobs: int = 1, previous: Previous = None,
                 progress: Progress | None = None, pool: ProcessPoolExecutor | None = None) -> None:
    """Check ``files`` and hand each report (without its cells) and its ``render`` text, in order,
    to ``on_report``."""
    for report, text in check_rendered(files, render, format_id, jobs=jobs, previous=previous, pool=pool):
        on_report(report, text)
        if progress:
            progress.step(os.path.basename(report.file))
    if progress:
        progress.close()
