"""Editing the open report: typing a value, accepting corrections (selected, one, all certain),
restoring the file's value, discarding every edit, the cell's context menu, stepping through problems."""

from __future__ import annotations

import os

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox

from engine.model import Correction

from ..findings import ENTRY_ROLE
from ..form_model import build_menu, fmt
from ..optional import note
from .host import Host


class EditActions(Host):
    """Edit → 接受更正 / 接受全部确定的更正 / 恢复文件中的值 / 放弃修改; F8 / Shift+F8; the cell menu."""

    def _edit(self, address: str, text: str) -> None:
        if self.current is not None:
            note(f"修改 {os.path.basename(self.current.path)} {address} = {text!r}")
            self.current.edit(address, text)

    def _corrections_at(self, addresses: list[str]) -> list[Correction]:
        s = self.current
        if s is None or not s.readable:
            return []
        return [c for c in s.report.corrections if c.cell in set(addresses)]

    def accept_selected(self) -> None:
        """Accept the corrections of the selected cells (or the correction selected in the panel)."""
        s = self.current
        if s is None:
            return
        cs = self._corrections_at(self.form.selected_addresses() or [self.form.current_address() or ""])
        if not cs:
            e = self.findings.view.currentIndex().data(ENTRY_ROLE)
            if isinstance(e, Correction):
                cs = [e]
        if not cs:
            self.statusBar().showMessage(self.tr("所选的格没有建议更正"), 5000)
            return
        seen: set[str] = set()
        unique = [c for c in cs if not (c.cell in seen or seen.add(c.cell))]
        s.accept(unique)

    def _accept_one(self, c: Correction) -> None:
        if self.current is not None:
            self.current.accept([c])

    def accept_certain(self) -> None:
        if self.current is not None:
            note(f"接受全部确定的更正 {os.path.basename(self.current.path)}")
            n = self.current.accept_certain()
            self.statusBar().showMessage(self.tr("接受了%1处确定的更正").replace("%1", str(n)), 5000)

    def revert_selected(self) -> None:
        s = self.current
        if s is None or not s.readable:
            return
        for a in self.form.selected_addresses() or [self.form.current_address() or ""]:
            if a in s.edits:
                s.edit(a, s.original.cells[a].raw or "")

    def discard_current(self) -> None:
        s = self.current
        if s is None or not s.edits:
            return
        if QMessageBox.question(self, self.tr("放弃修改"), self.tr("放弃对“%1”的全部修改？").replace(
                "%1", os.path.basename(s.path))) != QMessageBox.StandardButton.Yes:
            return
        s.discard_edits()
        self._discard_autosave(s)

    def _cell_menu(self, address: str, pos) -> None:
        s = self.current
        if s is None or not s.readable:
            return
        actions = []
        for c in self._corrections_at([address]):
            a = QAction(self.tr("接受更正：%1 → %2（%3）").replace("%1", fmt(c.from_) or self.tr("空白"))
                        .replace("%2", fmt(c.to)).replace("%3", c.confidence), self)
            a.triggered.connect(lambda _=False, c=c: s.accept([c]))
            actions.append(a)
        edit = QAction(self.tr("修改数值…"), self)
        v, m = self.form.model_for(address)
        edit.triggered.connect(lambda: v.edit(m.index_of(address)))
        actions.append(edit)
        if address in s.edits:
            rev = QAction(self.tr("恢复文件中的值（%1）").replace("%1", s.original.cells[address].raw or self.tr("空白")), self)
            rev.triggered.connect(lambda: s.edit(address, s.original.cells[address].raw or ""))
            actions.append(rev)
        build_menu(self, actions).exec(pos)

    def step_problem(self, forward: bool) -> None:
        """F8 / Shift+F8: the next (previous) error, warning or correction."""
        if not self.findings.step(forward):
            self.statusBar().showMessage(self.tr("没有需要处理的问题"), 5000)
