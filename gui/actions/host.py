"""What the action mixins may use of the window they are mixed into (``gui.main_window.MainWindow``)
and of each other: for type checkers only. At run time ``Host`` is ``object``, so the mixins add
nothing but their methods; written out here rather than imported, so that no action module imports
the window (which imports them)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QFileSystemWatcher, QSettings, QTimer
    from PySide6.QtGui import QUndoGroup
    from PySide6.QtWidgets import QMainWindow, QMenu, QProgressBar, QPushButton

    from ..findings import FindingsPanel
    from ..form_model import FormArea
    from ..report_list import ReportListModel
    from ..session import Session
    from ..source_view import SourceView
    from ..worker import Loader

    class Host(QMainWindow):
        """The window's state and widgets the actions read, and the methods they call across modules."""

        settings: QSettings
        sessions: list[Session]
        current: Session | None
        autosave: object | None
        _autosaved: set[str]
        _autosave_timer: QTimer
        _autosave_warned: bool
        _jobs: dict[int, tuple[Session, object]]
        loader: Loader
        source_loader: Loader
        watcher: QFileSystemWatcher
        undo_group: QUndoGroup
        list_model: ReportListModel
        form: FormArea
        findings: FindingsPanel
        menu_recent: QMenu
        progress: QProgressBar
        cancel_button: QPushButton
        source: SourceView

        # the window (gui.main_window)
        def set_current(self, s: Session | None) -> None: ...
        def save_settings(self) -> None: ...
        def _show_current(self, keep_selection: bool = False) -> None: ...
        def _session_changed(self, s: Session) -> None: ...
        def recheck(self, s: Session) -> None: ...

        # one action module calling another
        def open_paths(self, paths: list[str], pending: dict[str, dict] | None = None) -> list[Session]: ...
        def cancel_loading(self) -> None: ...
        def _last_dir(self) -> str: ...
        def _reports_filter(self) -> str: ...
        def _remove_session(self, s: Session) -> None: ...
        def _discard_autosave(self, s: Session) -> None: ...
        def export_copy(self, _checked: bool = False, s: Session | None = None) -> bool: ...
        def export_template(self, _checked: bool = False, s: Session | None = None) -> bool: ...
        def _save_name(self, title: str, suggested: str, filters: str) -> tuple[str, bool] | None: ...
        def _suggest(self, s: Session, tag: str, suffix: str | None = None) -> str: ...
        def _error(self, e: Exception) -> None: ...
        def remembered_last_year(self, draft: str) -> str | None: ...
        def _last_year_loaded(self, s: Session, path: str, result: object) -> None: ...
        def _pairing_loaded(self, drafts: list[Session], lasts: object) -> None: ...
        def _drop_on_draft(self, paths: list[str]) -> bool: ...
else:
    Host = object
