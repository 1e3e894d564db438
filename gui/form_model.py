"""The three tables drawn like the official form: a table model per table, a delegate that marks
problem cells (colour *and* a glyph/border, so it reads in a dark palette and without colour),
and the scrollable area that stacks them."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QRect,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QLabel,
    QMenu,
    QScrollArea,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from engine import formats, messages
from engine.model import BLANK, INVALID, MISSING, Report
from engine.places import place
from engine.repair.keystroke import typed_digits

from .form_layout import CAPTION, CELL, HEADER, Grid, build

ADDRESS_ROLE = Qt.ItemDataRole.UserRole + 1
STATE_ROLE = Qt.ItemDataRole.UserRole + 2
"""``error`` (the suspect cell / a cell-level error), ``involved`` (in a broken sum), ``warning``, ``ok``."""
STATUS_ROLE = Qt.ItemDataRole.UserRole + 3
KIND_ROLE = Qt.ItemDataRole.UserRole + 4

ERROR_FILL = QColor(230, 50, 50, 110)
INVOLVED_FILL = QColor(230, 50, 50, 40)
WARNING_FILL = QColor(245, 165, 0, 120)
HEADER_FILL = QColor(128, 128, 128, 45)
EDITED_FILL = QColor(40, 120, 230, 60)
ERROR_PEN = QColor(210, 30, 30)
WARNING_PEN = QColor(215, 140, 0)
GLYPH = {"error": "✖ ", "warning": "⚠ "}
_ROOT = QModelIndex()


def confidence_name(conf: str) -> str:
    return {
        "certain": QCoreApplication.translate("FormModel", "确定"),
        "likely": QCoreApplication.translate("FormModel", "很可能"),
        "ambiguous": QCoreApplication.translate("FormModel", "多种可能"),
        "deduced": QCoreApplication.translate("FormModel", "推算"),
        "edited": QCoreApplication.translate("FormModel", "人工修改"),
    }.get(conf, conf)


def rule_explanation(rule: str) -> str | None:
    """The rule in plain words, for tooltips."""
    return {
        "requests.balance": QCoreApplication.translate("FormModel", "勾稽关系：每一列中，第一项加第二项之和，等于第三项（七）总计加第四项之和。"),
        "requests.results_total": QCoreApplication.translate("FormModel", "每一列中，（七）总计等于本年度各项办理结果之和。"),
        "requests.applicant_total": QCoreApplication.translate("FormModel", "每一行中，总计等于各类申请人之和。"),
        "appeals.total": QCoreApplication.translate("FormModel", "行政复议、行政诉讼每一部分中，总计等于结果维持、结果纠正、其他结果、尚未审结之和。"),
        "cell.blank": QCoreApplication.translate("FormModel", "空白或「/」「-」「无」不等于0：没有的项请填0。"),
        "cell.invalid": QCoreApplication.translate("FormModel", "这里应填非负整数（本年增/减可为负数，金额可有小数）。"),
        "cell.missing": QCoreApplication.translate("FormModel", "文件中找不到这一格的数值。"),
        "active.decisions_as_sum": QCoreApplication.translate("FormModel", "处理决定数量恰好等于上一年项目数量加本年增/减，可能把列填错了。"),
        "active.unit": QCoreApplication.translate("FormModel", "金额以万元为单位，只填数字。"),
    }.get(rule)


def fmt(v) -> str:
    if v is None:
        return ""
    if isinstance(v, Decimal):
        return format(v, "f")
    return str(v)


class CellInfo:
    """What the current report says about one cell, precomputed for painting."""

    __slots__ = ("reading", "state", "corrections", "findings", "edited", "change")

    def __init__(self, reading, state, corrections, findings, edited, change=None) -> None:
        self.reading, self.state, self.corrections, self.findings, self.edited = reading, state, corrections, findings, edited
        self.change = change
        """``engine.model.Change``: where the cell's new value came from (None: as in the file)."""


def cell_infos(report: Report, edits: dict[str, str]) -> dict[str, CellInfo]:
    """Per cell: reading, state, the corrections and findings that name it."""
    by_cell: dict[str, list] = {}
    for f in report.findings:
        for a in f.cells:
            by_cell.setdefault(a, []).append(f)
    fixes: dict[str, list] = {}
    for c in report.corrections:
        fixes.setdefault(c.cell, []).append(c)
    changes = {ch.cell: ch for ch in report.changes}
    out: dict[str, CellInfo] = {}
    for a, reading in report.cells.items():
        fs = by_cell.get(a, [])
        cs = fixes.get(a, [])
        errs = [f for f in fs if f.severity == "error"]
        if cs:
            state = "error" if errs else "warning"  # a deduced blank: nothing broken, a value proposed
        elif any(f.rule.startswith("cell.") or len(f.cells) == 1 for f in errs):
            state = "error"
        elif errs:
            state = "involved"
        elif any(f.severity == "warning" for f in fs):
            state = "warning"
        else:
            state = "ok"
        out[a] = CellInfo(reading, state, cs, fs, a in edits, changes.get(a))
    return out


class FormModel(QAbstractTableModel):
    """One table of the form over the current report."""

    def __init__(self, grid: Grid, spec: formats.FormatSpec, parent=None) -> None:
        super().__init__(parent)
        self.grid, self.spec = grid, spec
        self.infos: dict[str, CellInfo] = {}
        self.on_edit: Callable[[str, str], None] | None = None
        self.editable = True

    def rowCount(self, parent=_ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else self.grid.rows

    def columnCount(self, parent=_ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else self.grid.cols

    def set_infos(self, infos: dict[str, CellInfo]) -> None:
        self.infos = infos
        if self.grid.rows and self.grid.cols:
            self.dataChanged.emit(self.index(0, 0), self.index(self.grid.rows - 1, self.grid.cols - 1))

    def index_of(self, address: str) -> QModelIndex:
        rc = self.grid.where.get(address)
        return self.index(*rc) if rc else QModelIndex()

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        slot = self.grid.slots.get((index.row(), index.column()))
        if slot is None:
            return Qt.ItemFlag.NoItemFlags
        if slot.kind == CELL:
            f = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
            if self.editable and slot.address in self.infos:
                f |= Qt.ItemFlag.ItemIsEditable
            return f
        return Qt.ItemFlag.ItemIsEnabled

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        slot = self.grid.slots.get((index.row(), index.column()))
        if slot is None:
            return None
        if slot.kind != CELL:
            return self._label_data(slot, role)
        info = self.infos.get(slot.address)
        if role == ADDRESS_ROLE:
            return slot.address
        if role == KIND_ROLE:
            return slot.kind
        if info is None:
            return None
        r = info.reading
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(info)
        if role == Qt.ItemDataRole.EditRole:
            return r.raw or ""
        if role == STATE_ROLE:
            return info.state
        if role == STATUS_ROLE:
            return r.status
        if role == Qt.ItemDataRole.BackgroundRole:
            if r.status in (BLANK, MISSING):  # hatched: never to be mistaken for a 0
                colour = {"error": ERROR_PEN, "warning": WARNING_PEN}.get(info.state, QColor(128, 128, 128, 150))
                return QBrush(colour, Qt.BrushStyle.BDiagPattern)
            if info.state == "error":
                return QBrush(ERROR_FILL)
            if info.state == "warning":
                return QBrush(WARNING_FILL)
            if info.state == "involved":
                return QBrush(INVOLVED_FILL)
            if info.edited:
                return QBrush(EDITED_FILL)
            return None
        if role == Qt.ItemDataRole.FontRole:
            if r.status in (BLANK, MISSING) or info.edited:
                f = QFont()
                f.setItalic(True)
                return f
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(slot.address, info)
        return None

    def _label_data(self, slot, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            return slot.text
        if role == KIND_ROLE:
            return slot.kind
        if role == Qt.ItemDataRole.ToolTipRole and len(slot.text) > 12:
            return slot.text
        if role == Qt.ItemDataRole.BackgroundRole and slot.kind in (HEADER, CAPTION):
            return QBrush(HEADER_FILL)
        if role == Qt.ItemDataRole.FontRole and slot.kind in (HEADER, CAPTION):
            f = QFont()
            f.setBold(True)
            return f
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if slot.kind == CAPTION:
                return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            if slot.kind == HEADER:
                return int(Qt.AlignmentFlag.AlignCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return None

    def display(self, info: CellInfo) -> str:
        r = info.reading
        if r.status == BLANK:
            shown = QCoreApplication.translate("FormModel", "空白")
        elif r.status == MISSING:
            shown = QCoreApplication.translate("FormModel", "缺失")
        elif r.status == INVALID:
            shown = r.raw or ""
        else:
            shown = typed_digits(r.raw, r.value) or fmt(r.value)  # 「02」 as typed, not 2
        glyph = GLYPH.get(info.state, "")
        if info.corrections:
            tos = " / ".join(fmt(c.to) for c in info.corrections)
            conf = confidence_name(info.corrections[0].confidence)
            return f"{glyph}{shown} → {tos} ({conf})" if messages.language() == "en" else f"{glyph}{shown} → {tos}（{conf}）"
        return f"{glyph}{shown}"

    def tooltip(self, address: str, info: CellInfo) -> str:
        from engine.checking.rules import cell_name

        r = info.reading
        lines = [f"<b>{_esc(cell_name(self.spec, address))}</b>"]
        status = {BLANK: QCoreApplication.translate("FormModel", "空白（不等于0）"), MISSING: QCoreApplication.translate("FormModel", "缺失：文件中没有这一格"), INVALID: QCoreApplication.translate("FormModel", "不是有效数值")}.get(r.status)
        if r.raw is not None:
            lines.append(QCoreApplication.translate("FormModel", "文件中：%1").replace("%1", _esc(r.raw)))
        if status:
            lines.append(status)
        ch = info.change
        if ch is not None and ch.proposed:
            lines.append(QCoreApplication.translate("FormModel", "已采用工具的更正（%1）：原值%2")
                         .replace("%1", confidence_name(ch.origin))
                         .replace("%2", _esc(ch.before_text or QCoreApplication.translate("FormModel", "空白"))))
            lines.append(_esc(ch.reason))
        elif ch is not None:
            lines.append(QCoreApplication.translate("FormModel", "人工修改：原值%1")
                         .replace("%1", _esc(ch.before_text or QCoreApplication.translate("FormModel", "空白"))))
        elif info.edited:
            lines.append(QCoreApplication.translate("FormModel", "（已修改）"))
        if r.note:
            lines.append(QCoreApplication.translate("FormModel", "说明：%1").replace("%1", _esc(r.note)))
        if r.source:
            lines.append(QCoreApplication.translate("FormModel", "位置：%1").replace("%1", _esc(place(r.source))))
        for c in info.corrections:
            lines.append(
                QCoreApplication.translate("FormModel", "建议更正：%1 → %2（%3）").replace("%1", _esc(c.from_text or QCoreApplication.translate("FormModel", "空白")))
                .replace("%2", _esc(fmt(c.to))).replace("%3", confidence_name(c.confidence))
            )
            lines.append(_esc(c.reason))
        seen: set[str] = set()
        for f in info.findings:
            if f.severity == "info":
                continue
            mark = GLYPH.get(f.severity, "")
            lines.append(f"{mark}{_esc(f.message)}")
            why = rule_explanation(f.rule)
            if why and f.rule not in seen:
                seen.add(f.rule)
                lines.append(f"<i>{_esc(why)}</i>")
        return "<br>".join(lines)

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or self.on_edit is None:
            return False
        slot = self.grid.slots.get((index.row(), index.column()))
        if slot is None or slot.kind != CELL:
            return False
        self.on_edit(slot.address, str(value))
        return True


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class CellDelegate(QStyledItemDelegate):
    """Draws a border pattern over marked cells: solid red (error), dashed red (in a broken sum),
    dotted amber (warning) — a second cue besides the fill colour."""

    def paint(self, painter, option, index) -> None:
        super().paint(painter, option, index)
        state = index.data(STATE_ROLE)
        if state in (None, "ok"):
            return
        painter.save()
        if state == "error":
            pen = QPen(ERROR_PEN, 2, Qt.PenStyle.SolidLine)
        elif state == "involved":
            pen = QPen(ERROR_PEN, 1, Qt.PenStyle.DashLine)
        else:
            pen = QPen(WARNING_PEN, 2, Qt.PenStyle.DotLine)
        painter.setPen(pen)
        r: QRect = option.rect.adjusted(1, 1, -2, -2)
        painter.drawRect(r)
        painter.restore()


class FormView(QTableView):
    """A table view as big as its content (the area around it scrolls)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.setWordWrap(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setTabKeyNavigation(False)
        self.setItemDelegate(CellDelegate(self))
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    accept_requested = Signal(str)
    """Enter on a cell that has a proposed correction (not while typing into it)."""

    def keyPressEvent(self, e) -> None:  # noqa: N802
        idx = self.currentIndex()
        if (e.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not e.modifiers()
                and self.state() != QAbstractItemView.State.EditingState and idx.isValid()):
            info = self.model().infos.get(idx.data(ADDRESS_ROLE) or "")
            if info is not None and info.corrections:
                self.accept_requested.emit(idx.data(ADDRESS_ROLE))
                return
        super().keyPressEvent(e)

    def fit(self, keep: bool = False) -> None:
        """Size columns and rows to the content and the font (zoom, display scaling). With ``keep``
        (the same report, edited) no column gets narrower, so the form does not jump when a
        correction is accepted."""
        model = self.model()
        if model is None:
            return
        grid: Grid = model.grid
        em = self.fontMetrics().horizontalAdvance("中")
        if not keep or getattr(self, "_em", None) != em:
            self._floor: dict[int, int] = {}
            self._em = em
        self.resizeColumnsToContents()
        widths = {"active": [10], "requests": [4, 8, 16], "appeals": []}[grid.table]
        for c, w in enumerate(widths):
            self.setColumnWidth(c, int(w * em))
        for c in range(len(widths), grid.cols):
            width = max(self.columnWidth(c), int(4.5 * em), self._floor.get(c, 0))
            self._floor[c] = width
            self.setColumnWidth(c, width)
        self.resizeRowsToContents()
        self.updateGeometry()

    def sizeHint(self):  # noqa: N802
        m = self.model()
        if m is None:
            return super().sizeHint()
        w = sum(self.columnWidth(c) for c in range(m.columnCount())) + 2 * self.frameWidth()
        h = sum(self.rowHeight(r) for r in range(m.rowCount())) + 2 * self.frameWidth()
        s = super().sizeHint()
        s.setWidth(w)
        s.setHeight(h)
        return s

    def minimumSizeHint(self):  # noqa: N802
        return self.sizeHint()


class FormArea(QScrollArea):
    """The three tables of the current report, stacked like the printed form."""

    current_changed = Signal(str)
    """The address of the cell with the keyboard focus ('' when none)."""
    edit_requested = Signal(str, str)
    accept_requested = Signal(str)
    context_requested = Signal(str, object)
    """address, global position."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self._body = QWidget()
        self._layout = QVBoxLayout(self._body)
        self.setWidget(self._body)
        self.views: list[FormView] = []
        self.titles: list[QLabel] = []
        self.models: list[FormModel] = []
        self.format_id: str | None = None
        self.lang: str | None = None
        """The language the tables were labelled in (the form is redrawn when it changes)."""
        self._placeholder = QLabel()
        self._placeholder.setWordWrap(True)
        self._placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._layout.addWidget(self._placeholder)
        self._layout.addStretch(1)
        self.point_size: float | None = None

    # -- content ---------------------------------------------------------------------------------
    def show_message(self, text: str) -> None:
        """No tables to draw (nothing open, still reading, unreadable): say why."""
        self._clear()
        self._placeholder.setText(text)
        self._placeholder.show()

    def show_report(self, report: Report, edits: dict[str, str], same: bool = False) -> None:
        """Show ``report``; ``same``: the report already shown, edited (column widths kept)."""
        if report.format != self.format_id or self.lang != messages.language() or not self.views:
            self._build(report.format)
        infos = cell_infos(report, edits)
        for m in self.models:
            m.set_infos(infos)
        for v in self.views:
            v.fit(keep=same)

    def _clear(self) -> None:
        for w in self.views + self.titles:
            self._layout.removeWidget(w)
            w.hide()
            w.deleteLater()
        self.views, self.titles, self.models = [], [], []
        self.format_id = None

    def _build(self, format_id: str) -> None:
        self._clear()
        self._placeholder.hide()
        spec = formats.load(format_id)
        self.format_id = format_id
        self.lang = messages.language()
        pos = 0
        for grid in build(spec):
            title = QLabel(grid.title)
            f = title.font()
            f.setBold(True)
            title.setFont(f)
            model = FormModel(grid, spec, self)
            model.on_edit = self.edit_requested.emit
            view = FormView()
            view.setModel(model)
            for r, c, rs, cs in grid.spans:
                view.setSpan(r, c, rs, cs)
            view.selectionModel().currentChanged.connect(self._current_changed)
            view.customContextMenuRequested.connect(lambda p, v=view: self._context(v, p))
            view.accept_requested.connect(self.accept_requested)
            view.setAccessibleName(grid.title)
            self._layout.insertWidget(pos, title)
            self._layout.insertWidget(pos + 1, view)
            pos += 2
            self.titles.append(title)
            self.views.append(view)
            self.models.append(model)
        self.apply_font()

    def apply_font(self) -> None:
        for w in self.views + self.titles:
            f = w.font()
            if self.point_size:
                f.setPointSizeF(self.point_size if w in self.views else self.point_size * 1.15)
            w.setFont(f)
        for v in self.views:
            v.fit()

    def set_point_size(self, pt: float) -> None:
        self.point_size = pt
        self.apply_font()

    # -- selection -------------------------------------------------------------------------------
    def model_for(self, address: str) -> tuple[FormView, FormModel] | tuple[None, None]:
        for v, m in zip(self.views, self.models, strict=True):
            if address in m.grid.where:
                return v, m
        return None, None

    def index_of(self, address: str) -> QModelIndex:
        _, m = self.model_for(address)
        return m.index_of(address) if m else QModelIndex()

    def select(self, addresses: list[str]) -> None:
        """Select these cells (the first gets the focus and is scrolled to)."""
        for v in self.views:
            v.clearSelection()
        first = None
        for a in addresses:
            v, m = self.model_for(a)
            if v is None:
                continue
            idx = m.index_of(a)
            sel = QItemSelection(idx, idx)
            flag = QItemSelectionModel.SelectionFlag.Select
            if first is None:
                first = (v, idx)
                v.selectionModel().setCurrentIndex(idx, QItemSelectionModel.SelectionFlag.NoUpdate)
            v.selectionModel().select(sel, flag)
        if first:
            v, idx = first
            # tables just built or resized: lay them out now, so the scroll lands on the cell
            self._layout.activate()
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
            v.setFocus(Qt.FocusReason.OtherFocusReason)
            rect = v.visualRect(idx)
            center = v.viewport().mapTo(self._body, rect.center())
            self.ensureVisible(center.x(), center.y(), rect.width(), max(rect.height(), 60))

    def current_address(self) -> str | None:
        for v in self.views:
            if v.hasFocus() or v.currentIndex().isValid():
                a = v.currentIndex().data(ADDRESS_ROLE)
                if a and v.hasFocus():
                    return a
        for v in self.views:
            a = v.currentIndex().data(ADDRESS_ROLE)
            if a:
                return a
        return None

    def selected_addresses(self) -> list[str]:
        out: list[str] = []
        for v in self.views:
            for idx in v.selectionModel().selectedIndexes():
                a = idx.data(ADDRESS_ROLE)
                if a:
                    out.append(a)
        return out

    def _current_changed(self, cur: QModelIndex, _prev: QModelIndex) -> None:
        a = cur.data(ADDRESS_ROLE) if cur.isValid() else None
        if a:
            self.current_changed.emit(a)

    def _context(self, view: FormView, pos) -> None:
        idx = view.indexAt(pos)
        a = idx.data(ADDRESS_ROLE) if idx.isValid() else None
        if a:
            self.context_requested.emit(a, view.viewport().mapToGlobal(pos))


def build_menu(parent, actions) -> QMenu:
    menu = QMenu(parent)
    for a in actions:
        if a is None:
            menu.addSeparator()
        else:
            menu.addAction(a)
    return menu
