"""The main window: open drafts, see the broken cells, fix them, export.

Left: the open reports. Centre: the three tables drawn like the form. Docks: findings and the
draft's own text. All reading and checking runs on a worker thread (``gui.worker.Loader``).

This module holds the window and its layout (widgets, docks, menus and toolbar built from the
actions, texts, settings, zoom, language, showing the current report); what the actions do lives
in ``gui.actions``, one module per flow, mixed into the window."""

from __future__ import annotations

import os

from PySide6.QtCore import QByteArray, QEvent, QFileSystemWatcher, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QKeySequence, QUndoGroup
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from . import i18n
from .actions.autosaving import AutosaveActions
from .actions.closing import CloseActions
from .actions.editing import EditActions
from .actions.exporting import ExportActions, copyable
from .actions.last_year import LastYearActions
from .actions.opening import OpeningActions
from .actions.printing import PrintActions
from .findings import FindingsPanel
from .form_model import FormArea, build_menu
from .jobs import RECHECK, read_source, recheck_document
from .optional import optional
from .report_list import ERRORS, SESSION_ROLE, WARNINGS, ReportListModel, ReportSortProxy
from .session import Session
from .source_view import SourceView
from .worker import Loader

ORG, APP = "NianbaoCheck", "NianbaoCheck"


class MainWindow(OpeningActions, EditActions, ExportActions, PrintActions, CloseActions, AutosaveActions,
                 LastYearActions, QMainWindow):
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
        self.act_last_year = self._action(self.choose_last_year, "Ctrl+Shift+Y")
        self.act_last_year_clear = self._action(self.clear_last_year)
        self.act_last_year_folder = self._action(self.pair_last_year_folder_dialog)
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
        for a in (self.act_last_year, self.act_last_year_folder, self.act_last_year_clear):
            self.menu_file.addAction(a)
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
            self.act_last_year: self.tr("与上一年度的报告比对(&Y)…"),
            self.act_last_year_folder: self.tr("按单位与上一年度的文件夹配对(&G)…"),
            self.act_last_year_clear: self.tr("取消与上一年度报告的比对"),
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
            self.fit_to_screen()
        state = self.settings.value("windowState")
        if isinstance(state, QByteArray | bytes):
            self.restoreState(state)

    def fit_to_screen(self) -> None:
        """First start: nearly the whole screen (the tables are wide), centred."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            self.resize(1280, 820)
            return
        avail = screen.availableGeometry()
        w, h = int(avail.width() * 0.96), int(avail.height() * 0.94)
        self.resize(w, h)
        self.move(avail.x() + (avail.width() - w) // 2, avail.y() + (avail.height() - h) // 2)

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
        for s in self.sessions:
            if s.is_loaded:
                self.recheck(s)

    def recheck(self, s: Session) -> None:
        """Check ``s`` again from the document already read (with last year's report, if any) on the
        worker thread; edits and undo history are kept. Nothing for a report that was not read."""
        if s.doc is not None:
            key = self.loader.submit(lambda d=s.doc, x=s.last_year: recheck_document(d, x))
            self._jobs[key] = (s, RECHECK)

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
            self._clear_source()
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
            self.form.show_message(self.tr("无法读取这个文件：\n%1").replace("%1", r.error_text() or ""))
            self.findings.set_report(None, {})
            self._clear_source()
            self.update_actions()
            return
        facts = [s.path]
        if r.agency:
            facts.append(r.agency)
        if r.year:
            facts.append(self.tr("%1年度").replace("%1", str(r.year)))
        from engine.export.sheet import format_name

        facts.append(format_name(r.format))
        facts.append(self.tr("%1个错误，%2个警告，%3处建议更正").replace("%1", str(r.count("error")))
                     .replace("%2", str(r.count("warning"))).replace("%3", str(len(r.corrections))))
        if s.edits:
            facts.append(self.tr("已修改%1格").replace("%1", str(len(s.edits))))
        if s.last_year_path:
            facts.append(self.tr("上一年度：%1").replace("%1", os.path.basename(s.last_year_path)))
        self.banner.setText(" · ".join(facts))
        cur = self.form.current_address() if keep_selection else None
        self.form.show_report(r, s.edits, same=keep_selection)
        self.order = {a: i for i, a in enumerate(a for m in self.form.models for a in m.grid.addresses())}
        self.findings.set_report(r, self.order, keep_place=keep_selection)
        if cur:
            v, m = self.form.model_for(cur)
            if v is not None:
                v.selectionModel().setCurrentIndex(m.index_of(cur), v.selectionModel().SelectionFlag.NoUpdate)
        if s.document is None:
            if s not in self._source_jobs.values():
                key = self.source_loader.submit(lambda p=s.path: read_source(p))
                self._source_jobs[key] = s
            self._clear_source(self.tr("正在读取原文…"))
        elif self.source.property("session_path") != s.path:
            self._show_document(s)
        self.update_actions()
        if not s.first_shown:
            s.first_shown = True
            # the first error in view (the tables may be wider than the window), once laid out
            QTimer.singleShot(0, lambda: self.current is s and self.findings.step(True))

    def _clear_source(self, placeholder: str = "") -> None:
        """An empty source pane; the next report shown fills it again."""
        self.source.show_document(None)
        self.source.setPlaceholderText(placeholder)
        self.source.setProperty("session_path", None)

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
        from engine.places import place

        name = cell_name(formats.load(s.report.format), address)
        where = f" · {place(cell.source)}" if cell.source else ""
        self.statusBar().showMessage(f"{name}{where}")

    # ------------------------------------------------------------------------------------------
    # which actions are usable now
    def update_actions(self) -> None:
        s = self.current
        ok = s is not None and s.readable
        export = optional("engine.export")
        sheet = optional("gui.sheet")
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
            if act is self.act_copy and ok and not copyable(s.path):
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
        self.act_last_year.setEnabled(ok)
        self.act_last_year_clear.setEnabled(ok and s.last_year is not None)
        self.act_last_year_folder.setEnabled(any(x.readable for x in self.sessions))

    def about(self) -> None:
        QMessageBox.about(self, self.tr("关于年报校对"), self.tr(
            "年报校对：检查政府信息公开工作年度报告的统计表。\n完全离线运行，不会上传任何文件。"))
