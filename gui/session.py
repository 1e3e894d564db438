"""One open report: the file as read, the clerk's edits (with undo), and the report they give.

All checking goes through ``engine.api``: ``apply_edits(original, edits)`` re-runs the rules and the
corrections on the edited values (a few milliseconds), so the view is always up to date.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from engine.api import apply_edits
from engine.model import Correction, Report

_ABSENT = object()


class EditCommand(QUndoCommand):
    """Set several cells at once (one undo step): address → typed text, or None to drop the edit."""

    def __init__(self, session: Session, changes: dict[str, str | None], text: str) -> None:
        super().__init__(text)
        self.session = session
        self.changes = changes
        self.before = {a: session.edits.get(a) for a in changes}

    def redo(self) -> None:
        self.session._set(self.changes)

    def undo(self) -> None:
        self.session._set(self.before)


class Session(QObject):
    """A report open in the window. ``report`` is the current (edited) one, ``original`` as read."""

    changed = Signal()
    """The edits, and so ``report``, changed."""
    loaded = Signal()
    """``original`` arrived (reading runs off the GUI thread)."""

    def __init__(self, path: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.original: Report | None = None
        self.report: Report | None = None
        self.edits: dict[str, str] = {}
        self.saved_edits: dict[str, str] = {}
        self.undo = QUndoStack(self)
        self.document = None
        """``engine.reading.document.Document`` for the source view, read when first shown."""
        self.disk_notice: str | None = None
        """Set when the file changed or disappeared on disk while open."""
        self.last_year = None
        """Last year's report as read (``engine.checking.years.LastYear``), when compared with it."""
        self.last_year_path: str | None = None

    # -- state ----------------------------------------------------------------------------------
    @property
    def is_loaded(self) -> bool:
        return self.original is not None

    @property
    def readable(self) -> bool:
        return self.original is not None and self.original.error is None

    @property
    def dirty(self) -> bool:
        """Edits made since the file was opened or last exported."""
        return self.edits != self.saved_edits

    def set_original(self, report: Report, pending_edits: dict[str, str | None] | None = None) -> None:
        """The report as read; ``pending_edits`` (restored after a crash) are applied at once."""
        self.original = report
        self.report = report
        self.loaded.emit()
        if pending_edits and self.readable:
            known = {a: v for a, v in pending_edits.items() if a in report.cells and v is not None}
            if known:
                self.edits = dict(known)
                self._recompute()
        self.changed.emit()

    def mark_saved(self) -> None:
        self.saved_edits = dict(self.edits)
        self.undo.setClean()
        self.changed.emit()

    # -- editing (undoable) ---------------------------------------------------------------------
    def edit(self, address: str, text: str) -> None:
        """The clerk typed ``text`` into ``address`` (the file's own text undoes the edit)."""
        if not self.readable or address not in self.original.cells:
            return
        name = self._name(address)
        self.undo.push(EditCommand(self, {address: self._normalise(address, text)}, self.tr("修改 %1").replace("%1", name)))

    def accept(self, corrections: list[Correction], text: str | None = None) -> None:
        """Accept proposed corrections as one undo step."""
        if not self.readable or not corrections:
            return
        changes = {c.cell: self._normalise(c.cell, _plain(c.to)) for c in corrections}
        if text is None:
            if len(corrections) == 1:
                c = corrections[0]
                text = self.tr("接受更正 %1").replace("%1", self._name(c.cell))
            else:
                text = self.tr("接受%1处更正").replace("%1", str(len(corrections)))
        self.undo.push(EditCommand(self, changes, text))

    def accept_certain(self) -> int:
        """Accept every ``certain`` correction in one step; returns how many."""
        cs = [c for c in (self.report.corrections if self.report else []) if c.confidence == "certain"]
        if cs:
            self.accept(cs, self.tr("接受全部确定的更正（%1处）").replace("%1", str(len(cs))))
        return len(cs)

    def discard_edits(self) -> None:
        """Forget every edit (deliberately): back to the file as read."""
        self.undo.clear()
        self.edits = {}
        self.saved_edits = {}
        self._recompute()
        self.changed.emit()

    # -- internals -------------------------------------------------------------------------------
    def _normalise(self, address: str, text: str) -> str | None:
        """None when ``text`` equals what the file says (the edit is dropped)."""
        cell = self.original.cells[address]
        if text.strip() == (cell.raw or "").strip():
            return None
        return text

    def _set(self, changes: dict[str, str | None]) -> None:
        for a, v in changes.items():
            if v is None:
                self.edits.pop(a, None)
            else:
                self.edits[a] = v
        self._recompute()
        self.changed.emit()

    def recheck(self, report: Report) -> None:
        """The same document checked again (e.g. in another language): edits and undo history kept."""
        self.original = report
        self._recompute()
        self.changed.emit()

    def _recompute(self) -> None:
        from engine.reading.document import Document

        doc = self.document if isinstance(self.document, Document) else None
        self.report = apply_edits(self.original, self.edits, doc) if self.edits else self.original

    def _name(self, address: str) -> str:
        from engine import formats
        from engine.checking.rules import cell_name

        try:
            return cell_name(formats.load(self.original.format), address)
        except (KeyError, TypeError):
            return address


def _plain(v) -> str:
    """A value as the clerk would type it (no exponent for decimals)."""
    return format(v, "f") if not isinstance(v, int) else str(v)
