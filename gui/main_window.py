"""The main window: open drafts, see the broken cells, fix them, export.

Left: the open reports. Centre: the three tables drawn like the form. Docks: findings and the
draft's own text. All reading and checking runs on a worker thread (``gui.worker.Loader``)."""

from __future__ import annotations

import importlib
import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QFileSystemWatcher, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoGroup
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from engine.model import Correction

from . import i18n
from .findings import ENTRY_ROLE, FindingsPanel
from .form_model import FormArea, build_menu, fmt
from .report_list import ERRORS, SESSION_ROLE, WARNINGS, ReportListModel, ReportSortProxy
from .session import Session
from .source_view import SourceView
from .worker import Loader

MAX_RECENT = 10
ORG, APP = "NianbaoCheck", "NianbaoCheck"


def _optional(module: str):
    """``module`` if it can be imported (other parts of the app land separately), else None."""
    try:
        return importlib.import_module(module)
    except ImportError:
        return None


def _copyable(path: str) -> bool:
    """A corrected copy of the draft itself can be written (Word and Excel files)."""
    return Path(path).suffix.lower() in (".docx", ".xlsx")


def _warm_engine() -> None:
    """Import the checking modules on the GUI thread once, before the worker needs them: a worker
    importing a module the GUI thread then also imports would block the GUI on the import lock."""
    from engine import api  # noqa: F401
    from engine.checking import prose, rules  # noqa: F401
    from engine.locating import tables  # noqa: F401
    from engine.reading import text  # noqa: F401
    from engine.repair import corrections  # noqa: F401


def _check(path: str):
    """The report and the document it was read from (None when unreadable): the source view shows
    exactly what was checked, and edits and a language switch re-check it without reading again."""
    from engine.api import check_file_with_document

    return check_file_with_document(path)


def _note(text: str) -> None:
    """Remember an operation for the crash log (gui.crash), if it is there."""
    crash = _optional("gui.crash")
    if crash is not None:
        crash.note(text)


def _recheck(doc):
    from engine.api import check_document

    return check_document(doc)


_RECHECK = object()
"""Marks a job that re-checks an open report's document (after a language switch)."""


def _read(path: str):
    from engine.reading import read_document

    return read_document(path)


class MainWindow(QMainWindow):
    """年报校对's main window."""

    def __init__(self, settings: QSettings | None = None, autosave: object = "auto") -> None:
        super().__init__()
        self.settings = settings if settings is not None else QSettings(ORG, APP)
        self.sessions: list[Session] = []
        self.current: Session | None = None
        self._jobs: dict[int, tuple[Session, dict | None]] = {}
        self._source_jobs: dict[int, Session] = {}
        self.order: dict[str, int] = {}
        self._from_findings = False
        self.autosave = self._make_autosave(autosave)
        self._autosaved: set[str] = set()
        self.zoom = int(self.settings.value("zoom", 0) or 0)
        self.base_pt = QApplication.font().pointSizeF() or 10.0
        self.setAcceptDrops(True)

        self.loader = Loader(self)
        self.loader.result.connect(self._loaded)
        self.loader.progress.connect(self._progress)
        self.loader.finished.connect(self._load_finished)
        self.source_loader = Loader(self)
        self.source_loader.result.connect(self._source_loaded)
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._file_changed)
        self.undo_group = QUndoGroup(self)
        self._autosave_timer = QTimer(self)
        self._autosave_timer.setSingleShot(True)
        self._autosave_timer.setInterval(1000)
        self._autosave_timer.timeout.connect(self._store_autosave)

        self._build_widgets()
        self._build_actions()
        self._build_menus()
        self.retranslate()
        self._restore_layout()
        self.apply_zoom()
        self._show_current()

    # ------------------------------------------------------------------------------------------
    # construction
    def _build_widgets(self) -> None:
        self.list_model = ReportListModel(self)
        self.list_proxy = ReportSortProxy(self)
        self.list_proxy.setSourceModel(self.list_model)
        self.report_list = QTableView()
        self.report_list.setObjectName("reportList")
        self.report_list.setModel(self.list_proxy)
        self.report_list.setSortingEnabled(True)
        self.report_list.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.report_list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.report_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.report_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.report_list.verticalHeader().hide()
        hh = self.report_list.horizontalHeader()
        hh.setStretchLastSection(True)
        hh.setSectionResizeMode(ERRORS, hh.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(WARNINGS, hh.ResizeMode.ResizeToContents)
        hh.resizeSection(0, self.fontMetrics().horizontalAdvance("中") * 12)
        self.report_list.setWordWrap(False)
        self.report_list.selectionModel().currentRowChanged.connect(self._list_row_changed)

        central = QWidget()
        lay = QVBoxLayout(central)
        lay.setContentsMargins(4, 4, 4, 4)
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("QLabel { background: rgba(245,165,0,110); padding: 4px; border: 1px dashed #b36b00; }")
        self.notice.hide()
        self.form = FormArea()
        self.form.current_changed.connect(self._cell_changed)
        self.form.edit_requested.connect(self._edit)
        self.form.context_requested.connect(self._cell_menu)
        self.form.accept_requested.connect(lambda a: self.current and self.current.accept(self._corrections_at([a])))
        lay.addWidget(self.banner)
        lay.addWidget(self.notice)
        lay.addWidget(self.form, 1)
        self.setCentralWidget(central)

        self.findings = FindingsPanel()
        self.findings.cells_selected.connect(self._select_from_findings)
        self.findings.accept_requested.connect(self._accept_one)
        self.source = SourceView()

        self.list_dock = self._dock("reportsDock", self.report_list, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.findings_dock = self._dock("findingsDock", self.findings, Qt.DockWidgetArea.BottomDockWidgetArea)
        self.source_dock = self._dock("sourceDock", self.source, Qt.DockWidgetArea.RightDockWidgetArea)
        em = self.fontMetrics().horizontalAdvance("中")
        self.resizeDocks([self.list_dock, self.source_dock], [em * 24, em * 22], Qt.Orientation.Horizontal)

        self.progress = QProgressBar()
        self.progress.setMaximumWidth(self.fontMetrics().horizontalAdvance("中") * 20)
        self.progress.hide()
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.cancel_loading)
        self.cancel_button.hide()
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.cancel_button)
        self.setTabOrder(self.report_list, self.form)
        self.setTabOrder(self.form, self.findings.filter)
        self.setTabOrder(self.findings.filter, self.findings.view)
        self.setTabOrder(self.findings.view, self.source)

    def _dock(self, name: str, widget: QWidget, area) -> QDockWidget:
        d = QDockWidget(self)
        d.setObjectName(name)
        d.setWidget(widget)
        self.addDockWidget(area, d)
        return d

    def _action(self, slot, shortcut=None, checkable: bool = False) -> QAction:
        a = QAction(self)
        if shortcut is not None:
            a.setShortcuts(shortcut if isinstance(shortcut, list) else [QKeySequence(shortcut)])
        a.setCheckable(checkable)
        if slot is not None:
            a.triggered.connect(slot)
        self.addAction(a)
        return a

    def _build_actions(self) -> None:
        K = QKeySequence.StandardKey
        self.act_open = self._action(self.open_files_dialog, K.Open)
        self.act_open_folder = self._action(self.open_folder_dialog, "Ctrl+Shift+O")
        self.act_summary = self._action(self.export_summary, "Ctrl+Shift+S")
        self.act_template = self._action(self.export_template)
        self.act_copy = self._action(self.export_copy, K.Save)
        self.act_print = self._action(self.print_sheet, K.Print)
        self.act_preview = self._action(self.preview_sheet)
        self.act_sheet_pdf = self._action(self.export_sheet_pdf)
        self.act_close_report = self._action(self.close_report, K.Close)
        self.act_quit = self._action(self.close, K.Quit)
        self.act_undo = self._action(self.undo_group.undo, K.Undo)
        self.act_redo = self._action(self.undo_group.redo, [QKeySequence("Ctrl+Y"), QKeySequence(K.Redo)])
        self.undo_group.canUndoChanged.connect(self.act_undo.setEnabled)
        self.undo_group.canRedoChanged.connect(self.act_redo.setEnabled)
        self.act_undo.setEnabled(False)
        self.act_redo.setEnabled(False)
        self.act_accept = self._action(self.accept_selected, [QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        self.act_accept_certain = self._action(self.accept_certain, "Ctrl+Shift+Return")
        self.act_revert_cell = self._action(self.revert_selected)
        self.act_discard = self._action(self.discard_current)
        self.act_next = self._action(lambda: self.step_problem(True), "F8")
        self.act_prev = self._action(lambda: self.step_problem(False), "Shift+F8")
        self.act_zoom_in = self._action(lambda: self.set_zoom(self.zoom + 1), [QKeySequence(K.ZoomIn), QKeySequence("Ctrl+=")])
        self.act_zoom_out = self._action(lambda: self.set_zoom(self.zoom - 1), K.ZoomOut)
        self.act_zoom_reset = self._action(lambda: self.set_zoom(0), "Ctrl+0")
        self.lang_group = QActionGroup(self)
        self.act_zh = self._action(lambda: self.set_language("zh"), checkable=True)
        self.act_en = self._action(lambda: self.set_language("en"), checkable=True)
        self.act_zh.setText("中文")
        self.act_en.setText("English")
        for a in (self.act_zh, self.act_en):
            self.lang_group.addAction(a)
        (self.act_en if self.language() == "en" else self.act_zh).setChecked(True)
        self.act_about = self._action(self.about)

    def _build_menus(self) -> None:
        mb = self.menuBar()
        self.menu_file = mb.addMenu("")
        self.menu_recent = build_menu(self, [])
        self.menu_recent.aboutToShow.connect(self._fill_recent)
        for a in (self.act_open, self.act_open_folder):
            self.menu_file.addAction(a)
        self.act_recent = self.menu_file.addMenu(self.menu_recent)
        self.menu_file.addSeparator()
        for a in (self.act_summary, self.act_template, self.act_copy, self.act_preview, self.act_print,
                  self.act_sheet_pdf):
            self.menu_file.addAction(a)
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_close_report)
        self.menu_file.addAction(self.act_quit)
        self.menu_file.aboutToShow.connect(self.update_actions)
        self.menu_edit = mb.addMenu("")
        for a in (self.act_undo, self.act_redo, None, self.act_accept, self.act_accept_certain, self.act_revert_cell,
                  None, self.act_discard):
            self.menu_edit.addSeparator() if a is None else self.menu_edit.addAction(a)
        self.menu_edit.aboutToShow.connect(self.update_actions)
        self.menu_view = mb.addMenu("")
        for a in (self.act_next, self.act_prev, None, self.act_zoom_in, self.act_zoom_out, self.act_zoom_reset, None):
            self.menu_view.addSeparator() if a is None else self.menu_view.addAction(a)
        for d in (self.list_dock, self.findings_dock, self.source_dock):
            self.menu_view.addAction(d.toggleViewAction())
        self.menu_lang = mb.addMenu("")
        self.menu_lang.addAction(self.act_zh)
        self.menu_lang.addAction(self.act_en)
        self.menu_help = mb.addMenu("")
        self.menu_help.addAction(self.act_about)
        tb = self.addToolBar("")
        tb.setObjectName("mainToolBar")
        self.toolbar = tb
        for a in (self.act_open, self.act_open_folder, None, self.act_undo, self.act_redo, self.act_accept,
                  self.act_accept_certain, None, self.act_prev, self.act_next, None, self.act_copy, self.act_print,
                  self.act_summary):
            tb.addSeparator() if a is None else tb.addAction(a)
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)

    def retranslate(self) -> None:
        """Set every visible text (again, after a language switch)."""
        self.menu_file.setTitle(self.tr("文件(&F)"))
        self.menu_edit.setTitle(self.tr("编辑(&E)"))
        self.menu_view.setTitle(self.tr("查看(&V)"))
        self.menu_lang.setTitle(self.tr("语言(&L)"))
        self.menu_help.setTitle(self.tr("帮助(&H)"))
        self.menu_recent.setTitle(self.tr("最近打开(&R)"))
        self.toolbar.setWindowTitle(self.tr("工具栏"))
        texts = {
            self.act_open: self.tr("打开文件(&O)…"),
            self.act_open_folder: self.tr("打开文件夹(&D)…"),
            self.act_summary: self.tr("导出汇总表(&S)…"),
            self.act_template: self.tr("导出更正后的模板(&T)…"),
            self.act_copy: self.tr("导出更正后的副本(&C)…"),
            self.act_print: self.tr("打印更正单(&P)…"),
            self.act_preview: self.tr("更正单打印预览(&V)…"),
            self.act_sheet_pdf: self.tr("导出更正单PDF(&F)…"),
            self.act_close_report: self.tr("关闭此报告(&W)"),
            self.act_quit: self.tr("退出(&X)"),
            self.act_accept: self.tr("接受更正(&A)"),
            self.act_accept_certain: self.tr("接受全部确定的更正(&K)"),
            self.act_revert_cell: self.tr("恢复文件中的值(&R)"),
            self.act_discard: self.tr("放弃此报告的全部修改(&D)…"),
            self.act_next: self.tr("下一个问题(&N)"),
            self.act_prev: self.tr("上一个问题(&P)"),
            self.act_zoom_in: self.tr("放大(&I)"),
            self.act_zoom_out: self.tr("缩小(&O)"),
            self.act_zoom_reset: self.tr("原始大小(&Z)"),
            self.act_about: self.tr("关于年报校对(&A)"),
        }
        for a, t in texts.items():
            a.setText(t)
        self.act_undo.setText(self.tr("撤销(&U)"))
        self.act_redo.setText(self.tr("重做(&R)"))
        self.list_dock.setWindowTitle(self.tr("报告"))
        self.findings_dock.setWindowTitle(self.tr("问题和建议更正"))
        self.source_dock.setWindowTitle(self.tr("原文"))
        self.cancel_button.setText(self.tr("取消"))
        self.findings.retranslate()
        self.list_model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 3)
        self.update_actions()
        self._show_current()

    def changeEvent(self, e) -> None:  # noqa: N802
        if e.type() == QEvent.Type.LanguageChange and hasattr(self, "menu_file"):
            self.retranslate()
        super().changeEvent(e)

    # ------------------------------------------------------------------------------------------
    # settings, zoom, language
    def _restore_layout(self) -> None:
        geo = self.settings.value("geometry")
        if isinstance(geo, QByteArray | bytes):
            self.restoreGeometry(geo)
        else:
            self.resize(1280, 820)
        state = self.settings.value("windowState")
        if isinstance(state, QByteArray | bytes):
            self.restoreState(state)

    def save_settings(self) -> None:
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("windowState", self.saveState())
        self.settings.setValue("zoom", self.zoom)
        self.settings.sync()

    def language(self) -> str:
        return str(self.settings.value("language", "zh") or "zh")

    def set_language(self, lang: str) -> None:
        """Switch the interface at once (menus, panels); open reports are checked again from the
        documents already read (not from disk), so their findings follow, with the edits kept."""
        changed = lang != self.language()
        self.settings.setValue("language", lang)
        i18n.apply_language(lang)
        (self.act_en if lang == "en" else self.act_zh).setChecked(True)
        self.retranslate()
        if not changed:
            return
        from engine.reading.document import Document

        for s in self.sessions:
            if s.is_loaded and isinstance(s.document, Document):
                key = self.loader.submit(lambda d=s.document: _recheck(d))
                self._jobs[key] = (s, _RECHECK)

    def set_zoom(self, z: int) -> None:
        self.zoom = max(-4, min(12, z))
        self.settings.setValue("zoom", self.zoom)
        self.apply_zoom()

    def apply_zoom(self) -> None:
        pt = self.base_pt * (1 + 0.1 * self.zoom)
        self.form.set_point_size(pt)
        for w in (self.source, self.findings.view, self.report_list):
            f = w.font()
            f.setPointSizeF(pt)
            w.setFont(f)
        self.findings.view.resizeRowsToContents()

    # ------------------------------------------------------------------------------------------
    # opening
    def open_files_dialog(self) -> None:
        from engine.reading import supported_extensions

        pats = " ".join(f"*{e}" for e in supported_extensions())
        files, _ = QFileDialog.getOpenFileNames(
            self, self.tr("打开年报"), self._last_dir(), self.tr("年报文件 (%1);;所有文件 (*)").replace("%1", pats)
        )
        if files:
            self.open_paths(files)

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
        _warm_engine()
        first = paths[0]
        self.settings.setValue("last_dir", first if os.path.isdir(first) else os.path.dirname(os.path.abspath(first)))
        files = expand([str(p) for p in paths])
        _note(f"打开 {len(files)} 个文件：{', '.join(os.path.basename(f) for f in files[:3])}")
        if not files:
            self.statusBar().showMessage(self.tr("文件夹中没有可检查的文件（.txt、.docx、.xlsx 等）"), 8000)
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
            key = self.loader.submit(lambda p=path: _check(p))
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
        if s is None or s not in self.sessions:
            return
        doc = None
        if isinstance(report, tuple):
            report, doc = report
        if isinstance(report, Exception):  # never expected: check_file does not raise
            from engine.model import Report

            report = Report(file=s.path, error=f"{type(report).__name__}: {report}")
        if pending is _RECHECK:
            s.recheck(report)
            return
        if s.document is None:
            s.document = doc if doc is not None else Exception(report.error or "")
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
        """Stop opening: files not read yet are dropped from the list."""
        for key in self.loader.cancel():
            s, _ = self._jobs.pop(key, (None, None))
            if s is not None and s in self.sessions:
                self._remove_session(s)
        self._jobs.clear()

    # ------------------------------------------------------------------------------------------
    # current report
    def set_current(self, s: Session | None) -> None:
        self.current = s
        if s is not None:
            self.undo_group.setActiveStack(s.undo)
            src = self.list_proxy.mapFromSource(self.list_model.index(self.list_model.sessions.index(s), 0))
            if self.report_list.currentIndex().row() != src.row():
                self.report_list.selectionModel().setCurrentIndex(
                    src, self.report_list.selectionModel().SelectionFlag.ClearAndSelect
                    | self.report_list.selectionModel().SelectionFlag.Rows,
                )
        else:
            self.undo_group.setActiveStack(None)
        self._show_current()

    def _list_row_changed(self, cur, _prev) -> None:
        s = cur.data(SESSION_ROLE) if cur.isValid() else None
        if s is not None and s is not self.current:
            self.set_current(s)

    def _session_changed(self, s: Session) -> None:
        self._autosave_timer.start()
        if s is self.current:
            self._show_current(keep_selection=True)

    def _show_current(self, keep_selection: bool = False) -> None:
        s = self.current
        title = self.tr("年报校对")
        if s is None:
            self.setWindowTitle(title)
            self.banner.setText(self.tr("把年报文件或文件夹拖到这里，或用“文件 → 打开文件”。"))
            self.notice.hide()
            self.form.show_message(self.tr("还没有打开报告"))
            self.findings.set_report(None, {})
            self.source.show_document(None)
            self.update_actions()
            return
        self.setWindowTitle(f"{'*' if s.dirty else ''}{os.path.basename(s.path)} — {title}")
        self.notice.setVisible(bool(s.disk_notice))
        self.notice.setText(s.disk_notice or "")
        if not s.is_loaded:
            self.banner.setText(s.path)
            self.form.show_message(self.tr("正在读取…"))
            self.findings.set_report(None, {})
            self.update_actions()
            return
        r = s.report
        if r.error:
            self.banner.setText(s.path)
            self.form.show_message(self.tr("无法读取这个文件：\n%1").replace("%1", r.error))
            self.findings.set_report(None, {})
            self.source.show_document(None)
            self.update_actions()
            return
        facts = [s.path]
        if r.agency:
            facts.append(r.agency)
        if r.year:
            facts.append(self.tr("%1年度").replace("%1", str(r.year)))
        from engine import formats

        facts.append(formats.load(r.format).name)
        facts.append(self.tr("%1个错误，%2个警告，%3处建议更正").replace("%1", str(r.count("error")))
                     .replace("%2", str(r.count("warning"))).replace("%3", str(len(r.corrections))))
        if s.edits:
            facts.append(self.tr("已修改%1格").replace("%1", str(len(s.edits))))
        self.banner.setText(" · ".join(facts))
        cur = self.form.current_address() if keep_selection else None
        self.form.show_report(r, s.edits)
        self.order = {a: i for i, a in enumerate(a for m in self.form.models for a in m.grid.addresses())}
        self.findings.set_report(r, self.order, keep_place=keep_selection)
        if cur:
            v, m = self.form.model_for(cur)
            if v is not None:
                v.selectionModel().setCurrentIndex(m.index_of(cur), v.selectionModel().SelectionFlag.NoUpdate)
        if s.document is None:
            if s not in self._source_jobs.values():
                key = self.source_loader.submit(lambda p=s.path: _read(p))
                self._source_jobs[key] = s
            self.source.show_document(None)
            self.source.setPlaceholderText(self.tr("正在读取原文…"))
        elif self.source.property("session_path") != s.path:
            self._show_document(s)
        self.update_actions()

    def _show_document(self, s: Session) -> None:
        if isinstance(s.document, Exception):
            self.source.show_document(None)
            self.source.setPlaceholderText(str(s.document))
        else:
            self.source.show_document(s.document)
        self.source.setProperty("session_path", s.path)

    def _source_loaded(self, key: int, doc) -> None:
        s = self._source_jobs.pop(key, None)
        if s is None:
            return
        if isinstance(doc, Exception):
            from engine import messages

            code = getattr(doc, "code", None)
            try:
                doc = Exception(messages.text(code, **doc.params)) if code else doc
            except (KeyError, IndexError):
                pass
        s.document = doc
        if s is self.current:
            self._show_document(s)
            a = self.form.current_address()
            if a:
                self._cell_changed(a)

    def _select_from_findings(self, addresses: list[str]) -> None:
        self._from_findings = True
        try:
            self.form.select(addresses)
        finally:
            self._from_findings = False

    def _cell_changed(self, address: str) -> None:
        s = self.current
        if s is None or not s.readable:
            return
        from engine import formats
        from engine.checking.rules import cell_name

        cell = s.report.cells.get(address)
        if cell is None:
            return
        source = cell.source or next((f.source for f in s.report.findings if address in f.cells and f.source), None)
        self.source.highlight(source)
        if not self._from_findings:
            self.findings.follow(address)
        name = cell_name(formats.load(s.report.format), address)
        where = f" · {cell.source}" if cell.source else ""
        self.statusBar().showMessage(f"{name}{where}")

    # ------------------------------------------------------------------------------------------
    # editing
    def _edit(self, address: str, text: str) -> None:
        if self.current is not None:
            _note(f"修改 {os.path.basename(self.current.path)} {address} = {text!r}")
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
            _note(f"接受全部确定的更正 {os.path.basename(self.current.path)}")
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

    # ------------------------------------------------------------------------------------------
    # exports
    def update_actions(self) -> None:
        s = self.current
        ok = s is not None and s.readable
        export = _optional("engine.export")
        sheet = _optional("gui.sheet")
        need = self.tr("此功能尚未安装")
        for act, mod, fn in (
            (self.act_template, export, "write_template"),
            (self.act_copy, export, "write_fixed_copy"),
            (self.act_print, sheet, "print_sheet"),
            (self.act_preview, sheet, "preview_sheet"),
            (self.act_sheet_pdf, sheet, "write_sheet_pdf"),
        ):
            present = mod is not None and hasattr(mod, fn)
            tip = act.text().replace("&", "") if present else need
            usable = ok and present
            if act is self.act_copy and ok and not _copyable(s.path):
                usable, tip = False, self.tr("更正后的副本只能从 Word（.docx）或 Excel（.xlsx）文件生成；请导出更正后的模板")
            act.setEnabled(usable)
            act.setToolTip(tip)
            act.setStatusTip(tip)
        self.act_summary.setEnabled(any(x.is_loaded for x in self.sessions))
        has_fix = ok and bool(s.report.corrections)
        self.act_accept.setEnabled(has_fix)
        self.act_accept_certain.setEnabled(has_fix and any(c.confidence == "certain" for c in s.report.corrections))
        self.act_discard.setEnabled(ok and bool(s.edits))
        self.act_revert_cell.setEnabled(ok and bool(s.edits))
        self.act_close_report.setEnabled(s is not None)

    def _ask_overwrite(self, path: str) -> bool:
        return QMessageBox.question(
            self, self.tr("文件已存在"), self.tr("“%1”已存在，要替换它吗？").replace("%1", path)
        ) == QMessageBox.StandardButton.Yes

    def _save_name(self, title: str, suggested: str, filters: str) -> tuple[str, bool] | None:
        out, _ = QFileDialog.getSaveFileName(self, title, suggested, filters,
                                             options=QFileDialog.Option.DontConfirmOverwrite)
        if not out:
            return None
        force = False
        if os.path.exists(out):
            if not self._ask_overwrite(out):
                return None
            force = True
        return out, force

    def _error(self, e: Exception) -> None:
        from engine import messages

        code, params = getattr(e, "code", None), getattr(e, "params", None) or {}
        text = str(e)
        if code:
            try:
                text = messages.text(code, **params)
            except (KeyError, IndexError):
                pass
        QMessageBox.warning(self, self.tr("无法导出"), text)

    def _suggest(self, s: Session, tag: str, suffix: str | None = None) -> str:
        p = Path(s.path)
        return self._writable(p.with_name(f"{p.stem}-{tag}{suffix or p.suffix}"))

    def _writable(self, suggested: Path) -> str:
        """``suggested`` moved to the documents folder when the draft's own folder is read-only
        (the clerk is told why); never the draft's own path."""
        appdirs = _optional("gui.appdirs")
        if appdirs is None:
            return str(suggested)
        folder, moved = appdirs.export_folder(suggested)
        if moved:
            self.statusBar().showMessage(
                self.tr("原文件所在的文件夹不能写入，已改为保存到：%1").replace("%1", str(folder)), 10000)
        return str(Path(folder) / Path(suggested).name)

    def export_copy(self, _checked: bool = False, s: Session | None = None) -> bool:
        """导出更正后的副本: the draft itself with the edited values. True when written."""
        s = s or self.current
        mod = _optional("engine.export")
        if s is None or not s.readable or mod is None:
            return False
        p = Path(s.path)
        suggested = (self._writable(Path(mod.fixed_copy_name(p))) if hasattr(mod, "fixed_copy_name")
                     else self._suggest(s, self.tr("更正")))
        got = self._save_name(self.tr("导出更正后的副本"), suggested,
                              self.tr("与原文件相同类型 (*%1)").replace("%1", p.suffix))
        if got is None:
            return False
        try:
            out = mod.write_fixed_copy(s.report, got[0], original=s.original, force=got[1])
        except Exception as e:  # ExportError and file-system errors: told, never a traceback
            self._error(e)
            return False
        self._saved(s, out)
        return True

    def export_template(self, _checked: bool = False, s: Session | None = None) -> bool:
        s = s or self.current
        mod = _optional("engine.export")
        if s is None or not s.readable or mod is None:
            return False
        got = self._save_name(self.tr("导出更正后的模板"), self._suggest(s, self.tr("模板"), ".xlsx"),
                              self.tr("Excel 工作簿 (*.xlsx);;Word 文档 (*.docx)"))
        if got is None:
            return False
        try:
            out = mod.write_template(s.report, got[0], original=s.original, force=got[1])
        except Exception as e:
            self._error(e)
            return False
        self._saved(s, out)
        return True

    def _saved(self, s: Session, out) -> None:
        _note(f"导出 {out}")
        s.mark_saved()
        self._discard_autosave(s)
        self.statusBar().showMessage(self.tr("已导出：%1").replace("%1", str(out)), 8000)

    def preview_sheet(self) -> None:
        """Print preview of the correction sheet (the clerk may print from it)."""
        s = self.current
        mod = _optional("gui.sheet")
        if s is None or not s.readable or mod is None:
            return
        try:
            mod.preview_sheet(s.report, parent=self, original=s.original)
        except Exception as e:
            self._error(e)

    def print_sheet(self) -> None:
        s = self.current
        mod = _optional("gui.sheet")
        if s is None or not s.readable or mod is None:
            return
        try:
            mod.print_sheet(s.report, parent=self, original=s.original)
        except Exception as e:
            self._error(e)

    def export_sheet_pdf(self) -> None:
        s = self.current
        mod = _optional("gui.sheet")
        if s is None or not s.readable or mod is None:
            return
        got = self._save_name(self.tr("导出更正单PDF"), self._suggest(s, self.tr("更正单"), ".pdf"), "PDF (*.pdf)")
        if got is None:
            return
        try:
            out = mod.write_sheet_pdf(s.report, got[0], original=s.original, force=got[1])
        except Exception as e:
            self._error(e)
            return
        self.statusBar().showMessage(self.tr("已导出：%1").replace("%1", str(out)), 8000)

    def export_summary(self, _checked: bool = False, out: str | None = None, force: bool = False) -> str | None:
        """导出汇总表: one row per open report (engine.export.summary), as the command line's --summary."""
        from engine.export.summary import write_summary

        reports = [s.report for s in self.sessions if s.is_loaded]
        if not reports:
            return None
        if out is None:
            got = self._save_name(self.tr("导出汇总表"), os.path.join(self._last_dir(), self.tr("年报检查汇总.xlsx")),
                                  self.tr("Excel 工作簿 (*.xlsx)"))
            if got is None:
                return None
            out, force = got
        try:
            path = write_summary(reports, out, force=force)
        except Exception as e:
            self._error(e)
            return None
        self.statusBar().showMessage(self.tr("已导出：%1").replace("%1", str(path)), 8000)
        return str(path)

    # ------------------------------------------------------------------------------------------
    # closing
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
                if _optional("engine.export") is None:
                    return False
                saved = self.export_copy(s=s) if _copyable(s.path) else self.export_template(s=s)
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

    # ------------------------------------------------------------------------------------------
    # files changing on disk, recent files, drag and drop
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
            self.open_paths(paths)

    def about(self) -> None:
        QMessageBox.about(self, self.tr("关于年报校对"), self.tr(
            "年报校对：检查政府信息公开工作年度报告的统计表。\n完全离线运行，不会上传任何文件。"))

    # ------------------------------------------------------------------------------------------
    # autosave (gui.autosave, when present) and restoring after a crash
    @staticmethod
    def _make_autosave(autosave):
        if autosave != "auto":
            return autosave or None
        mod = _optional("gui.autosave")
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
