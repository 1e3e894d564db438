"""The findings panel: every finding and proposed correction of the current report, sortable and
filtered by severity. Selecting a row selects its cells in the form."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from engine import formats
from engine.model import Correction, Finding, Report

from .form_model import ERROR_FILL, GLYPH, WARNING_FILL, confidence_name, fmt

SORT_ROLE = Qt.ItemDataRole.UserRole + 10
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 11
KIND_ROLE = Qt.ItemDataRole.UserRole + 12
_ROOT = QModelIndex()
_RANK = {"error": 0, "correction": 1, "warning": 2, "info": 3}


class FindingsModel(QAbstractTableModel):
    """Rows: corrections and findings; columns: 级别, 位置, 说明, 规则."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.entries: list[tuple[str, object, int]] = []
        self.spec = None
        self.order: dict[str, int] = {}

    def set_report(self, report: Report | None, order: dict[str, int]) -> None:
        self.beginResetModel()
        self.order = order
        self.entries = []
        self.spec = formats.load(report.format) if report and report.format else None
        if report is not None:
            for c in report.corrections:
                self.entries.append(("correction", c, self._pos([c.cell])))
            for f in report.findings:
                self.entries.append((f.severity, f, self._pos(f.cells)))
            self.entries.sort(key=lambda e: (e[2], _RANK.get(e[0], 9)))
        self.endResetModel()

    def _pos(self, cells: list[str]) -> int:
        return min((self.order.get(a, 10**6) for a in cells), default=10**6)

    def rowCount(self, parent=_ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent=_ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return [self.tr("级别"), self.tr("位置"), self.tr("说明"), self.tr("规则")][section]
        return None

    def kind_name(self, kind: str) -> str:
        return {
            "error": self.tr("错误"),
            "warning": self.tr("警告"),
            "info": self.tr("提示"),
            "correction": self.tr("建议更正"),
        }.get(kind, kind)

    def cells_of(self, row: int) -> list[str]:
        kind, e, _ = self.entries[row]
        return [e.cell] if kind == "correction" else list(e.cells)

    def _where(self, cells: list[str], source: str | None = None) -> str:
        """The first cell's name (and how many more), or where the sentence is (「第39行」)."""
        from engine.checking.rules import cell_name
        from engine.places import place

        if not cells or self.spec is None:
            return place(source)
        try:
            name = cell_name(self.spec, cells[0])
        except KeyError:
            return place(source)
        return name + (self.tr("等%1格").replace("%1", str(len(cells))) if len(cells) > 1 else "")

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        kind, e, pos = self.entries[index.row()]
        col = index.column()
        if role == ENTRY_ROLE:
            return e
        if role == KIND_ROLE:
            return kind
        if role == SORT_ROLE:
            return [_RANK.get(kind, 9), pos, self.data(index), self.data(index)][col]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if col == 0:
                mark = GLYPH.get(kind, "✎ " if kind == "correction" else "")
                return mark + self.kind_name(kind)
            if col == 1:
                return self._where(self.cells_of(index.row()), None if isinstance(e, Correction) else e.source)
            if col == 2:
                if isinstance(e, Correction):
                    return self.tr("%1 → %2（%3）：%4").replace("%1", e.from_text or self.tr("空白")).replace(
                        "%2", fmt(e.to)).replace("%3", confidence_name(e.confidence)).replace("%4", e.reason)
                assert isinstance(e, Finding)
                return e.message
            from engine.export.sheet import rule_name

            rules = e.rules if isinstance(e, Correction) else [e.rule]
            if role == Qt.ItemDataRole.ToolTipRole:  # the rule's id, for the developers, only here
                return ", ".join(rules)
            return self.tr("、").join(dict.fromkeys(rule_name(r) for r in rules))
        if role == Qt.ItemDataRole.BackgroundRole and col == 0:
            return QBrush(ERROR_FILL if kind in ("error", "correction") else WARNING_FILL) if kind != "info" else None
        return None


class SeverityFilter(QSortFilterProxyModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.kinds: set[str] | None = None
        self.setSortRole(SORT_ROLE)

    def set_kinds(self, kinds: set[str] | None) -> None:
        if hasattr(self, "endFilterChange"):  # Qt 6.10+ (6.9 has beginFilterChange but not endFilterChange)
            self.beginFilterChange()
            self.kinds = kinds
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.kinds = kinds
            self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent: QModelIndex) -> bool:  # noqa: N802
        if self.kinds is None:
            return True
        return self.sourceModel().entries[row][0] in self.kinds


class FindingsPanel(QWidget):
    """Table of findings with a severity filter. ``cells_selected(addresses)`` on selection,
    ``accept_requested(correction)`` on Enter/double-click of a correction."""

    cells_selected = Signal(list)
    accept_requested = Signal(object)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.model = FindingsModel(self)
        self.proxy = SeverityFilter(self)
        self.proxy.setSourceModel(self.model)
        self.filter = QComboBox()
        self.filter_label = QLabel()
        self.filter_label.setBuddy(self.filter)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(True)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setStretchLastSection(False)
        self.view.horizontalHeader().setSectionResizeMode(2, self.view.horizontalHeader().ResizeMode.Stretch)
        self.view.selectionModel().currentRowChanged.connect(self._row_changed)
        self.view.activated.connect(self._activated)
        top = QHBoxLayout()
        top.addWidget(self.filter_label)
        top.addWidget(self.filter, 1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        lay.addLayout(top)
        lay.addWidget(self.view)
        self.filter.currentIndexChanged.connect(self._filter_changed)
        self.retranslate()

    def retranslate(self) -> None:
        i = self.filter.currentIndex() if self.filter.count() else 1
        self.filter.blockSignals(True)
        self.filter.clear()
        self.filter.addItem(self.tr("全部"), None)
        self.filter.addItem(self.tr("错误、警告和建议更正（不含提示）"), ["error", "warning", "correction"])
        self.filter.addItem(self.tr("错误和建议更正"), ["error", "correction"])
        self.filter.addItem(self.tr("错误"), ["error"])
        self.filter.addItem(self.tr("警告"), ["warning"])
        self.filter.addItem(self.tr("提示"), ["info"])
        self.filter.addItem(self.tr("建议更正"), ["correction"])
        self.filter.setCurrentIndex(i)
        self.filter.blockSignals(False)
        self._filter_changed(i)
        self.filter_label.setText(self.tr("显示(&W)："))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 3)

    def set_report(self, report: Report | None, order: dict[str, int], keep_place: bool = False) -> None:
        """Show ``report``'s findings; ``keep_place`` (after an edit) keeps F8 going from where
        the clerk was rather than from the top."""
        cur = self.view.currentIndex()
        place = self.model.entries[self.proxy.mapToSource(cur).row()][2] if keep_place and cur.isValid() else None
        self.model.set_report(report, order)
        self.view.resizeColumnToContents(0)
        self.view.resizeColumnToContents(1)
        if place is None:
            return
        rows = [r for r in range(self.proxy.rowCount())
                if self.model.entries[self.proxy.mapToSource(self.proxy.index(r, 0)).row()][2] < place]
        if rows:
            sm = self.view.selectionModel()
            sm.blockSignals(True)
            sm.setCurrentIndex(self.proxy.index(rows[-1], 0), sm.SelectionFlag.NoUpdate)
            sm.blockSignals(False)

    def follow(self, address: str) -> None:
        """Make the first row naming ``address`` current without selecting cells (the clerk
        clicked the cell): F8 then goes on from there."""
        for r in range(self.proxy.rowCount()):
            idx = self.proxy.index(r, 0)
            if address in self.model.cells_of(self.proxy.mapToSource(idx).row()):
                sm = self.view.selectionModel()
                sm.blockSignals(True)
                sm.setCurrentIndex(idx, sm.SelectionFlag.ClearAndSelect | sm.SelectionFlag.Rows)
                sm.blockSignals(False)
                self.view.viewport().update()
                self.view.scrollTo(idx)
                return

    def _filter_changed(self, _i: int) -> None:
        kinds = self.filter.currentData()
        self.proxy.set_kinds(set(kinds) if kinds else None)

    def _row_changed(self, cur: QModelIndex, _prev: QModelIndex) -> None:
        if cur.isValid():
            src = self.proxy.mapToSource(cur)
            self.cells_selected.emit(self.model.cells_of(src.row()))

    def _activated(self, idx: QModelIndex) -> None:
        e = idx.data(ENTRY_ROLE)
        if isinstance(e, Correction):
            self.accept_requested.emit(e)

    def step(self, forward: bool, skip_info: bool = True) -> bool:
        """Select the next (previous) problem row: F8 / Shift+F8. Returns False when there is none."""
        n = self.proxy.rowCount()
        if not n:
            return False
        cur = self.view.currentIndex().row()
        rows = range(cur + 1, n) if forward else range(cur - 1 if cur >= 0 else n - 1, -1, -1)
        wrap = range(0, n) if forward else range(n - 1, -1, -1)
        for r in list(rows) + list(wrap):
            kind = self.proxy.index(r, 0).data(KIND_ROLE)
            if skip_info and kind == "info":
                continue
            if r == cur:
                return True
            self.view.setCurrentIndex(self.proxy.index(r, 0))
            self.view.scrollTo(self.proxy.index(r, 0))
            return True
        return False
