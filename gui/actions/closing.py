"""Closing: the unsaved-edits prompt, closing one report, and closing the window (which asks first)."""

from __future__ import annotations

import os

from PySide6.QtWidgets import QMessageBox

from ..optional import optional
from ..session import Session
from .exporting import copyable
from .host import Host


class CloseActions(Host):
    """File → 关闭此报告 and the window's close, each offering to export unsaved edits first."""

    def ask_unsaved(self, sessions: list[Session]) -> str:
        """``save`` / ``discard`` / ``cancel`` for reports with unsaved edits."""
        names = "\n".join(os.path.basename(s.path) for s in sessions)
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("有未导出的修改"))
        box.setText(self.tr("以下报告的修改还没有导出：\n%1\n\n要导出更正后的副本吗？").replace("%1", names))
        SB = QMessageBox.StandardButton
        box.setStandardButtons(SB.Save | SB.Discard | SB.Cancel)
        box.setDefaultButton(SB.Save)
        box.button(SB.Save).setText(self.tr("保存(导出)…"))
        box.button(SB.Discard).setText(self.tr("放弃修改"))
        box.button(SB.Cancel).setText(self.tr("取消"))
        res = box.exec()
        res = getattr(res, "value", res)
        if res == SB.Save.value:
            return "save"
        if res == SB.Discard.value:
            return "discard"
        return "cancel"

    def _resolve_unsaved(self, sessions: list[Session]) -> bool:
        dirty = [s for s in sessions if s.dirty]
        if not dirty:
            return True
        what = self.ask_unsaved(dirty)
        if what == "cancel":
            return False
        if what == "save":
            for s in dirty:
                if optional("engine.export") is None:
                    return False
                saved = self.export_copy(s=s) if copyable(s.path) else self.export_template(s=s)
                if not saved:
                    return False
            return True
        for s in dirty:
            self._discard_autosave(s)
        return True

    def close_report(self) -> None:
        s = self.current
        if s is None or not self._resolve_unsaved([s]):
            return
        self._remove_session(s)

    def _remove_session(self, s: Session) -> None:
        i = self.sessions.index(s)
        self.sessions.remove(s)
        self.list_model.remove(s)
        self.undo_group.removeStack(s.undo)
        if s.path in self.watcher.files():
            self.watcher.removePath(s.path)
        if not s.dirty:
            self._discard_autosave(s)
        if s is self.current:
            nxt = self.sessions[min(i, len(self.sessions) - 1)] if self.sessions else None
            self.set_current(nxt)
        s.deleteLater()

    def closeEvent(self, e) -> None:  # noqa: N802
        if not self._resolve_unsaved(self.sessions):
            e.ignore()
            return
        self.cancel_loading()
        self.source_loader.cancel()
        self.loader.wait()
        self.source_loader.wait()
        self._autosave_timer.stop()
        self.save_settings()
        e.accept()
