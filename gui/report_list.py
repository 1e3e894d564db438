"""The side list of open reports: file, state (正确 / N个错误 / 无法读取 + reason), sortable by the
number of errors."""

from __future__ import annotations

import os

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush

from .form_model import ERROR_FILL, WARNING_FILL
from .session import Session

SORT_ROLE = Qt.ItemDataRole.UserRole + 20
SESSION_ROLE = Qt.ItemDataRole.UserRole + 21
_ROOT = QModelIndex()
FILE, ERRORS, WARNINGS, STATE = range(4)
UNREADABLE_RANK = 10**6


class ReportListModel(QAbstractTableModel):
    """One row per open report, in the order opened."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.sessions: list[Session] = []

    def rowCount(self, parent=_ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.sessions)

    def columnCount(self, parent=_ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else 4

    def add(self, s: Session) -> None:
        n = len(self.sessions)
        self.beginInsertRows(_ROOT, n, n)
        self.sessions.append(s)
        self.endInsertRows()
        s.changed.connect(lambda s=s: self.refresh(s))

    def remove(self, s: Session) -> None:
        i = self.sessions.index(s)
        self.beginRemoveRows(_ROOT, i, i)
        self.sessions.pop(i)
        self.endRemoveRows()

    def refresh(self, s: Session) -> None:
        if s in self.sessions:
            i = self.sessions.index(s)
            self.dataChanged.emit(self.index(i, 0), self.index(i, 3))

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return [self.tr("文件"), self.tr("错误"), self.tr("警告"), self.tr("状态")][section]
        return None

    def state_text(self, s: Session) -> str:
        if not s.is_loaded:
            return self.tr("读取中…")
        r = s.report
        if r.error:
            return self.tr("无法读取：%1").replace("%1", r.error_text() or "")
        n = r.count("error")
        text = self.tr("正确") if n == 0 else self.tr("%n个错误", "", n)
        if s.dirty:
            text += self.tr("（已修改）")
        return text

    def errors(self, s: Session) -> int | None:
        if not s.is_loaded:
            return None
        return None if s.report.error else s.report.count("error")

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        s = self.sessions[index.row()]
        col = index.column()
        if role == SESSION_ROLE:
            return s
        loaded_ok = s.is_loaded and not s.report.error
        if role == Qt.ItemDataRole.DisplayRole:
            if col == FILE:
                return ("* " if s.dirty else "") + os.path.basename(s.path)
            if col == ERRORS:
                return s.report.count("error") if loaded_ok else ""
            if col == WARNINGS:
                return s.report.count("warning") if loaded_ok else ""
            return self.state_text(s)
        if role == SORT_ROLE:
            if col == FILE:
                return os.path.basename(s.path).lower()
            if col in (ERRORS, STATE):
                if not s.is_loaded:
                    return -1
                return UNREADABLE_RANK if s.report.error else s.report.count("error")
            return s.report.count("warning") if loaded_ok else -1
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{s.path}\n{self.state_text(s)}" + (f"\n{s.disk_notice}" if s.disk_notice else "")
        if role == Qt.ItemDataRole.BackgroundRole and col == STATE and s.is_loaded:
            if s.report.error:
                return QBrush(WARNING_FILL)
            if s.report.count("error"):
                return QBrush(ERROR_FILL)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (ERRORS, WARNINGS):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


class ReportSortProxy(QSortFilterProxyModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)
