"""Opening reports: the open-file and open-folder dialogs, recent files, drag and drop, reading on
the worker thread with its progress and cancel, and noticing when an open file changes on disk."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from ..jobs import RECHECK, check_path, warm_engine
from ..optional import note
from ..session import Session
from .host import Host
from .last_year import LAST_YEAR, PAIRING

MAX_RECENT = 10


class OpeningActions(Host):
    """File → 打开文件 / 打开文件夹 / 最近打开, dropped files, and the reading that follows."""

    def open_files_dialog(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("打开年报"), self._last_dir(), self._reports_filter())
        if files:
            self.open_paths(files)

    def _reports_filter(self) -> str:
        """The file dialogs' filter: every type the engine reads."""
        from engine.reading import filter_groups

        groups = [f"{label} ({' '.join('*' + e for e in exts)})" for label, exts in filter_groups()]
        return ";;".join([*groups, self.tr("所有文件 (*)")])

    def open_folder_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("打开文件夹"), self._last_dir())
        if folder:
            self.open_paths([folder])

    def _last_dir(self) -> str:
        d = str(self.settings.value("last_dir", "") or "")
        return d if d and os.path.isdir(d) else str(Path.home())

    def open_paths(self, paths: list[str], pending: dict[str, dict] | None = None) -> list[Session]:
        """Open files and folders (folders: every supported file inside). Reading runs on the worker
        thread; returns the sessions created (already-open files are just selected)."""
        from engine.cli.paths import expand

        if not paths:
            return []
        warm_engine()
        first = paths[0]
        self.settings.setValue("last_dir", first if os.path.isdir(first) else os.path.dirname(os.path.abspath(first)))
        files = expand([str(p) for p in paths])
        note(f"打开 {len(files)} 个文件：{', '.join(os.path.basename(f) for f in files[:3])}")
        if not files:
            self.statusBar().showMessage(self.tr("文件夹中没有可检查的文件（Word、WPS、Excel、LibreOffice、文本、PDF 或网页）"), 8000)
        created: list[Session] = []
        for f in files:
            path = os.path.abspath(f)
            existing = self._session_for(path)
            if existing is not None:
                if len(files) == 1:
                    self.set_current(existing)
                continue
            s = Session(path, self)
            s.changed.connect(lambda s=s: self._session_changed(s))
            self.sessions.append(s)
            self.list_model.add(s)
            last = self.remembered_last_year(path)
            key = self.loader.submit(lambda p=path, q=last: check_path(p, q))
            self._jobs[key] = (s, (pending or {}).get(path))
            created.append(s)
            self._add_recent(path)
        if created and (self.current is None or len(paths) == 1 and len(created) == 1):
            self.set_current(created[0])
        return created

    def _session_for(self, path: str) -> Session | None:
        return next((s for s in self.sessions if s.path == path), None)

    def _loaded(self, key: int, report) -> None:
        s, pending = self._jobs.pop(key, (None, None))
        if isinstance(pending, tuple) and pending[0] is PAIRING:
            self._pairing_loaded(pending[1], report)
            return
        if s is None or s not in self.sessions:
            return
        if isinstance(pending, tuple) and pending[0] is LAST_YEAR:
            self._last_year_loaded(s, pending[1], report)
            return
        doc = last = None
        if isinstance(report, tuple):  # (report, document[, last year's report as read])
            report, doc, *rest = report
            last = rest[0] if rest and rest[0].text is not None else None
        if isinstance(report, Exception):  # never expected: check_file does not raise
            from engine.model import Report

            report = Report(file=s.path, error=f"{type(report).__name__}: {report}")
        if pending is RECHECK:
            s.recheck(report)
            return
        if s.document is None:
            s.document = doc if doc is not None else Exception(report.error or "")
        if last is not None:
            s.last_year, s.last_year_path = last, os.path.abspath(last.report.file)
        s.set_original(report, pending)  # its changed signal redraws the view when s is current
        if os.path.exists(s.path):
            self.watcher.addPath(s.path)

    def _progress(self, done: int, total: int) -> None:
        busy = total > 1 and done < total
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        if busy:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
            self.progress.setFormat(self.tr("正在检查 %v / %m"))

    def _load_finished(self, cancelled: bool) -> None:
        self.progress.hide()
        self.cancel_button.hide()
        n = len(self.sessions)
        if cancelled:
            self.statusBar().showMessage(self.tr("已取消，其余文件未打开"), 8000)
        else:
            self.statusBar().showMessage(self.tr("已打开 %1 份报告").replace("%1", str(n)), 5000)

    def cancel_loading(self) -> None:
        """Stop opening: files not read yet are dropped from the list (a report already open, whose
        re-check or comparison with last year was queued, stays as it is)."""
        for key in self.loader.cancel():
            s, _ = self._jobs.pop(key, (None, None))
            if s is not None and s in self.sessions and not s.is_loaded:
                self._remove_session(s)
        self._jobs.clear()

    def _file_changed(self, path: str) -> None:
        s = self._session_for(path)
        if s is None:
            return
        if os.path.exists(path):
            s.disk_notice = self.tr("这个文件在打开后被其他程序修改了。这里显示的仍是打开时读到的内容，您的修改都保留着；"
                                    "如需检查新内容，请关闭此报告后重新打开。")
            if path not in self.watcher.files():
                self.watcher.addPath(path)
        else:
            s.disk_notice = self.tr("这个文件已被移动或删除。这里显示的仍是打开时读到的内容，您的修改都保留着；"
                                    "可以把更正后的副本导出到别处。")
        self.list_model.refresh(s)
        if s is self.current:
            self._show_current(keep_selection=True)
        self.statusBar().showMessage(s.disk_notice, 10000)

    def recent_files(self) -> list[str]:
        v = self.settings.value("recent", []) or []
        return [v] if isinstance(v, str) else list(v)

    def _add_recent(self, path: str) -> None:
        rec = [path] + [p for p in self.recent_files() if p != path]
        self.settings.setValue("recent", rec[:MAX_RECENT])

    def _fill_recent(self) -> None:
        self.menu_recent.clear()
        rec = [p for p in self.recent_files() if os.path.exists(p)]
        for i, p in enumerate(rec):
            a = self.menu_recent.addAction(f"&{(i + 1) % 10} {p}")
            a.triggered.connect(lambda _=False, p=p: self.open_paths([p]))
        if not rec:
            a = self.menu_recent.addAction(self.tr("（无）"))
            a.setEnabled(False)

    def dragEnterEvent(self, e) -> None:  # noqa: N802
        if e.mimeData().hasUrls() and any(u.isLocalFile() for u in e.mimeData().urls()):
            e.acceptProposedAction()

    def dropEvent(self, e) -> None:  # noqa: N802
        paths = [u.toLocalFile() for u in e.mimeData().urls() if u.isLocalFile()]
        if paths:
            e.acceptProposedAction()
            if self._on_draft(e.position().toPoint()) and self._drop_on_draft(paths):
                return  # last year's report for the open draft
            self.open_paths(paths)

    def _on_draft(self, pos) -> bool:
        """Whether window point ``pos`` lies on the open draft (its tables or its text)."""
        for w in (self.centralWidget(), self.source):
            if w is not None and w.isVisible() and w.rect().contains(w.mapFrom(self, pos)):
                return True
        return False
