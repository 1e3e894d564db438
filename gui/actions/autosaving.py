"""Autosave of unexported edits (stored by ``gui.autosave`` when present) and restoring them at
start-up after a crash."""

from __future__ import annotations

import os

from PySide6.QtWidgets import QMessageBox

from ..optional import optional
from ..session import Session
from .host import Host


class AutosaveActions(Host):
    """Edits are stored a second after each change and offered back at the next start."""

    @staticmethod
    def _make_autosave(autosave):
        if autosave != "auto":
            return autosave or None
        mod = optional("gui.autosave")
        try:
            return mod.AutoSave() if mod is not None else None
        except Exception:
            return None

    def _store_autosave(self) -> None:
        if self.autosave is None:
            return
        for s in self.sessions:
            try:
                if s.dirty:
                    if self.autosave.store(s.path, dict(s.edits)) is False:
                        self._autosave_failed(getattr(self.autosave, "last_error", "") or "")
                        continue
                    self._autosaved.add(s.path)
                elif s.path in self._autosaved:
                    self._discard_autosave(s)
            except Exception:
                pass

    def _autosave_failed(self, why: str) -> None:
        """Autosave could not write (disk full, folder not writable): say so once per run, and
        in the status bar each time, so the clerk knows to export the edits."""
        msg = self.tr("无法自动保存修改（%1），请尽快导出或保存。").replace("%1", str(why))
        self.statusBar().showMessage(msg, 10000)
        if not getattr(self, "_autosave_warned", False):
            self._autosave_warned = True
            QMessageBox.warning(self, self.tr("自动保存失败"), msg)

    def _discard_autosave(self, s: Session) -> None:
        if self.autosave is None:
            return
        try:
            self.autosave.discard(s.path)
        except Exception:
            pass
        self._autosaved.discard(s.path)

    def _pending_line(self, p) -> str:
        when = p.saved_at.strftime("%Y-%m-%d %H:%M") if hasattr(p.saved_at, "strftime") else str(p.saved_at)
        line = f"{os.path.basename(p.path)}（{when}）"
        if getattr(p, "source_missing", False):
            line += self.tr("：文件已不在原处，无法恢复")
        elif getattr(p, "source_changed", False):
            line += self.tr("：文件在此之后被改过，请核对恢复的修改")
        return line

    def offer_restore(self) -> int:
        """At start-up: reopen reports whose edits were not exported last time (after a crash).
        Returns how many were restored."""
        if self.autosave is None:
            return 0
        try:
            pending = list(self.autosave.pending())
        except Exception:
            return 0
        if not pending:
            return 0
        names = "\n".join(self._pending_line(p) for p in pending)
        answer = QMessageBox.question(
            self, self.tr("恢复未导出的修改"),
            self.tr("上次关闭前，以下报告的修改还没有导出：\n%1\n\n要重新打开它们并恢复这些修改吗？").replace("%1", names),
        )
        if answer != QMessageBox.StandardButton.Yes:
            for p in pending:
                try:
                    self.autosave.discard(p.path)
                except Exception:
                    pass
            return 0
        found = {os.path.abspath(p.path): dict(p.edits) for p in pending if os.path.exists(p.path)}
        self.open_paths(list(found), pending=found)
        return len(found)
