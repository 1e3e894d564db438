"""Last year's report for the open draft: chosen from the menu or dropped onto the draft, remembered
per draft, and a folder of last year's reports paired with the open drafts by reporting body.

The comparison itself is the engine's (``engine.api.read_last_year``, ``check_document(previous=)``,
``pair_by_agency``); its findings are ordinary findings, so they appear in the findings list, the
tables and the correction sheet like every other one."""

from __future__ import annotations

import hashlib
import os

from PySide6.QtWidgets import QFileDialog, QMessageBox

from engine import messages

from ..jobs import compare_with_last_year, pair_by_agency, read_last_years, warm_engine
from ..session import Session
from .host import Host

LAST_YEAR = object()
"""Marks a job that compares an open draft with last year's report."""
PAIRING = object()
"""Marks the job that reads last year's folder and pairs it with the open drafts."""


def _key(path: str) -> str:
    """The settings key remembering last year's report of the draft at ``path``."""
    return "last_year/" + hashlib.sha256(os.path.normcase(os.path.abspath(path)).encode("utf-8")).hexdigest()[:24]


class LastYearActions(Host):
    """File → 与上一年度报告比对 / 取消与上一年度报告的比对 / 按单位与上一年度文件夹配对."""

    def choose_last_year(self) -> None:
        s = self.current
        if s is None or not s.readable:
            return
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择上一年度的报告"), self._last_dir(), self._reports_filter())
        if path:
            self.set_last_year(s, path)

    def remembered_last_year(self, draft: str) -> str | None:
        """Last year's report given earlier for this draft, if that file is still there."""
        v = self.settings.value(_key(draft), "") or ""
        return str(v) if v and os.path.isfile(str(v)) else None

    def set_last_year(self, s: Session, path: str) -> None:
        """Compare draft ``s`` with last year's report at ``path`` (read on the worker thread);
        remembered for this draft."""
        if s.doc is None or os.path.abspath(path) == s.path:
            return
        warm_engine()
        path = os.path.abspath(path)
        self.statusBar().showMessage(self.tr("正在读取上一年度的报告…"), 5000)
        key = self.loader.submit(lambda d=s.doc, p=path: compare_with_last_year(d, p))
        self._jobs[key] = (s, (LAST_YEAR, path))

    def clear_last_year(self) -> None:
        """The open draft is no longer compared with last year's report."""
        s = self.current
        if s is None or s.last_year is None:
            return
        self.settings.remove(_key(s.path))
        s.last_year, s.last_year_path = None, None
        self.recheck(s)

    def _last_year_loaded(self, s: Session, path: str, result) -> None:
        """The worker compared ``s`` with ``path``: (last year as read, the draft's new report)."""
        if isinstance(result, Exception):
            self._last_year_failed(path, f"{type(result).__name__}: {result}")
            return
        last, report = result
        if report is None:
            self._last_year_failed(path, last.report.error or "")
            return
        s.last_year, s.last_year_path = last, path
        self.settings.setValue(_key(s.path), path)
        s.recheck(report)
        self.statusBar().showMessage(self.tr("已与上一年度的报告%1比对").replace("%1", os.path.basename(path)), 8000)

    def _last_year_failed(self, path: str, why: str) -> None:
        msg = self.tr("无法读取上一年度的报告“%1”：%2").replace("%1", os.path.basename(path)).replace("%2", why)
        self.statusBar().showMessage(msg, 10000)
        QMessageBox.warning(self, self.tr("上一年度的报告"), msg)

    # -- a folder of last year's reports ---------------------------------------------------------
    def pair_last_year_folder_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("选择上一年度报告所在的文件夹"), self._last_dir())
        if folder:
            self.pair_last_year_folder(folder)

    def pair_last_year_folder(self, folder: str) -> None:
        """Read every report in ``folder`` and pair each open draft with the one of its body."""
        from engine.cli.paths import expand

        drafts = [s for s in self.sessions if s.readable]
        if not drafts:
            return
        warm_engine()
        files = [f for f in expand([folder]) if os.path.abspath(f) not in {s.path for s in self.sessions}]
        self.statusBar().showMessage(self.tr("正在读取上一年度的报告（%1份）…").replace("%1", str(len(files))), 10000)
        key = self.loader.submit(lambda f=files: read_last_years(f))
        self._jobs[key] = (drafts[0], (PAIRING, drafts))

    def _pairing_loaded(self, drafts: list[Session], lasts) -> None:
        if isinstance(lasts, Exception):
            self._last_year_failed("", f"{type(lasts).__name__}: {lasts}")
            return
        drafts = [s for s in drafts if s in self.sessions and s.readable]
        got = pair_by_agency([s.original for s in drafts], lasts)
        made, missed = [], []
        for i, s in enumerate(drafts):
            if i in got.pairs:
                j, how = got.pairs[i]
                last = lasts[j]
                how_text = messages.text(f"years.pair.{how}")
                made.append(f"{os.path.basename(s.path)} ← {os.path.basename(last.report.file)}（{how_text}）")
                self._apply_last_year(s, last)
            else:
                missed.append(f"{os.path.basename(s.path)}：{got.why(i)}")
        self.last_pairing = (made, missed)
        text = self.tr("已配对%1份，未配对%2份。").replace("%1", str(len(made))).replace("%2", str(len(missed)))
        details = "\n".join([self.tr("已配对：")] + made + ([self.tr("未配对：")] + missed if missed else []))
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("与上一年度的报告配对"), text, parent=self)
        box.setDetailedText(details)
        box.setInformativeText("\n".join((made + missed)[:8]))
        box.exec()

    def _apply_last_year(self, s: Session, last) -> None:
        """Check ``s`` against ``last`` (already read) on the worker thread, and remember the pair."""
        if s.doc is None:
            return
        from ..jobs import recheck_document

        path = os.path.abspath(last.report.file)
        key = self.loader.submit(lambda d=s.doc, x=last: (x, recheck_document(d, x)))
        self._jobs[key] = (s, (LAST_YEAR, path))

    def _drop_on_draft(self, paths: list[str]) -> bool:
        """One file dropped onto the open draft: ask whether it is last year's report for it.
        True when it was taken as such (or the clerk cancelled), False to open it as a report."""
        s = self.current
        if len(paths) != 1 or not os.path.isfile(paths[0]) or s is None or not s.readable:
            return False
        role = self._ask_drop_role(os.path.basename(paths[0]))
        if role == "last_year":
            self.set_last_year(s, paths[0])
        return role != "open"

    def _ask_drop_role(self, name: str) -> str:
        """``last_year``, ``open`` or ``cancel``: what the clerk wants of the file dropped on the draft."""
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("上一年度的报告"),
                          self.tr("把“%1”作为当前报告上一年度的报告进行比对，还是作为新报告打开？").replace("%1", name),
                          parent=self)
        as_last = box.addButton(self.tr("作为上一年度的报告比对"), QMessageBox.ButtonRole.AcceptRole)
        as_new = box.addButton(self.tr("作为新报告打开"), QMessageBox.ButtonRole.RejectRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(as_last)
        box.exec()
        clicked = box.clickedButton()
        return "last_year" if clicked is as_last else "open" if clicked is as_new else "cancel"
