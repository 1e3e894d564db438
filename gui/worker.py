"""Reading and checking off the GUI thread: a queue of jobs on a private thread pool, results back
on the GUI thread through queued signals, progress counts and cancellation."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Relay(QObject):
    done = Signal(int, int, object)
    """batch, key, result (or the exception raised)."""


class _Job(QRunnable):
    def __init__(self, loader: Loader, batch: int, key: int, fn: Callable[[], object]) -> None:
        super().__init__()
        self.loader, self.batch, self.key, self.fn = loader, batch, key, fn
        self.relay = loader._relay

    def run(self) -> None:
        if self.batch != self.loader._batch:  # cancelled before it started
            return
        try:
            result = self.fn()
        except Exception as e:  # the engine never raises for a bad file; this is a last resort
            result = e
        self.relay.done.emit(self.batch, self.key, result)


class Loader(QObject):
    """Runs jobs one after another on a worker thread. ``result(key, value)`` for each job,
    ``progress(done, total)``, and ``finished(cancelled)`` once the queue is empty or cancelled."""

    result = Signal(int, object)
    progress = Signal(int, int)
    finished = Signal(bool)

    def __init__(self, parent: QObject | None = None, threads: int = 1) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(threads)
        self._relay = _Relay(self)
        self._relay.done.connect(self._done)
        self._batch = 0
        self._pending: set[int] = set()
        self._total = 0
        self._count = 0
        self._next_key = 0

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def submit(self, fn: Callable[[], object]) -> int:
        """Queue ``fn`` (run on the worker thread); returns its key."""
        key = self._next_key
        self._next_key += 1
        self._pending.add(key)
        self._total += 1
        self.pool.start(_Job(self, self._batch, key, fn))
        self.progress.emit(self._count, self._total)
        return key

    def cancel(self) -> list[int]:
        """Drop the jobs not started yet; returns their keys. A running job finishes unseen."""
        self._batch += 1
        self.pool.clear()
        dropped = sorted(self._pending)
        self._pending.clear()
        self._total = self._count = 0
        self.finished.emit(True)
        return dropped

    def wait(self, msecs: int = -1) -> bool:
        return self.pool.waitForDone(msecs)

    def _done(self, batch: int, key: int, result: object) -> None:
        if batch != self._batch or key not in self._pending:
            return
        self._pending.discard(key)
        self._count += 1
        self.result.emit(key, result)
        self.progress.emit(self._count, self._total)
        if not self._pending:
            self._total = self._count = 0
            self.finished.emit(False)
