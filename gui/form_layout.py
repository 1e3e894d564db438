"""Where each cell of a format sits when a table is drawn like the official form.

Pure layout: a grid of slots (captions, header cells, row labels as printed, value cells) with the
merged ranges of the printed form. Built from ``engine.formats.FormatSpec``; no domain rules here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication

from engine.export.layout import row_label
from engine.formats import FormatSpec, english

CAPTION, HEADER, LABEL, CELL = "caption", "header", "label", "cell"
_CN = "一二三四五六七八九十"


@dataclass(slots=True)
class Slot:
    kind: str
    text: str = ""
    address: str | None = None


@dataclass(slots=True)
class Grid:
    """One table of the form: ``slots[(row, col)]``, merged ranges and where each address is."""

    table: str
    title: str
    rows: int = 0
    cols: int = 0
    slots: dict[tuple[int, int], Slot] = field(default_factory=dict)
    spans: list[tuple[int, int, int, int]] = field(default_factory=list)
    where: dict[str, tuple[int, int]] = field(default_factory=dict)
    label_cols: int = 1

    def put(self, r: int, c: int, slot: Slot, rs: int = 1, cs: int = 1) -> None:
        self.slots[(r, c)] = slot
        if rs > 1 or cs > 1:
            self.spans.append((r, c, rs, cs))
        if slot.address:
            self.where[slot.address] = (r, c)
        self.rows = max(self.rows, r + rs)
        self.cols = max(self.cols, c + cs)

    def addresses(self) -> list[str]:
        """Value cells in reading order (row by row, left to right)."""
        return [a for a, _ in sorted(self.where.items(), key=lambda kv: kv[1])]


def build(spec: FormatSpec) -> list[Grid]:
    """The three tables of ``spec`` in the order of the form, labelled in the current language
    (the English rendering of the form in the English interface)."""
    return [_active(spec), _requests(spec), _appeals(spec)]


def _active(spec: FormatSpec) -> Grid:
    t = spec.tables["active"]
    g = Grid("active", t.shown_title())
    width = max(len(gr.cols) for gr in t.groups)
    r = 0
    for gr in t.groups:
        g.put(r, 0, Slot(CAPTION, gr.shown_caption()), cs=1 + width)
        g.put(r + 1, 0, Slot(HEADER, QCoreApplication.translate("FormLayout", "信息内容")))
        last = width - len(gr.cols) + 1
        for i, col in enumerate(gr.cols):
            cs = last if i == len(gr.cols) - 1 else 1
            g.put(r + 1, 1 + i, Slot(HEADER, col.shown()), cs=cs)
        r += 2
        for row in gr.rows:
            g.put(r, 0, Slot(LABEL, row.shown()))
            for i, col in enumerate(gr.cols):
                cs = last if i == len(gr.cols) - 1 else 1
                g.put(r, 1 + i, Slot(CELL, address=f"active/{row.id}/{col.id}"), cs=cs)
            r += 1
    return g


def _requests(spec: FormatSpec) -> Grid:
    t = spec.tables["requests"]
    (gr,) = t.groups
    g = Grid("requests", t.shown_title(), label_cols=3)
    cols = gr.cols
    g.put(0, 0, Slot(HEADER, QCoreApplication.translate("FormLayout", "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）")), rs=3, cs=3)
    g.put(0, 3, Slot(HEADER, QCoreApplication.translate("FormLayout", "申请人情况")), cs=len(cols))
    g.put(1, 3, Slot(HEADER, cols[0].shown()), rs=2)
    g.put(1, 4, Slot(HEADER, QCoreApplication.translate("FormLayout", "法人或其他组织")), cs=len(cols) - 2)
    g.put(1, 3 + len(cols) - 1, Slot(HEADER, cols[-1].shown()), rs=2)
    for i, col in enumerate(cols[1:-1]):
        g.put(2, 4 + i, Slot(HEADER, col.shown()))
    top = 3
    rows = list(gr.rows)
    results = [i for i, row in enumerate(rows) if row.id.startswith("3.")]
    if results:
        first = rows[results[0]]
        g.put(top + results[0], 0, Slot(LABEL, first.shown_group() or QCoreApplication.translate("FormLayout", "三、本年度办理结果")), rs=len(results))
    i = 0
    while i < len(rows):
        row = rows[i]
        r = top + i
        parts = row.id.split(".")
        if len(parts) == 1:
            g.put(r, 0, Slot(LABEL, row_label(row, english())), cs=3)
        elif len(parts) == 2:
            g.put(r, 1, Slot(LABEL, row_label(row, english())), cs=2)
        else:
            n = 1
            while i + n < len(rows) and rows[i + n].id.split(".")[:2] == parts[:2]:
                n += 1
            caption = row.shown_group() or (f"({parts[1]})" if english() else f"（{_CN[int(parts[1]) - 1]}）")
            g.put(r, 1, Slot(LABEL, caption), rs=n)
            for k in range(n):
                sub = rows[i + k]
                g.put(r + k, 2, Slot(LABEL, row_label(sub, english())))
                _values(g, r + k, 3, "requests", sub.id, cols)
            i += n
            continue
        _values(g, r, 3, "requests", row.id, cols)
        i += 1
    return g


def _values(g: Grid, r: int, c0: int, table: str, row_id: str, cols) -> None:
    for k, col in enumerate(cols):
        g.put(r, c0 + k, Slot(CELL, address=f"{table}/{row_id}/{col.id}"))


def _appeals(spec: FormatSpec) -> Grid:
    t = spec.tables["appeals"]
    (gr,) = t.groups
    g = Grid("appeals", t.shown_title(), label_cols=0)
    n = len(gr.cols)
    review, direct, after = gr.rows
    g.put(0, 0, Slot(HEADER, review.shown()), rs=2, cs=n)
    g.put(0, n, Slot(HEADER, QCoreApplication.translate("FormLayout", "行政诉讼")), cs=2 * n)
    g.put(1, n, Slot(HEADER, direct.shown()), cs=n)
    g.put(1, 2 * n, Slot(HEADER, after.shown()), cs=n)
    for k, row in enumerate(gr.rows):
        for j, col in enumerate(gr.cols):
            g.put(2, k * n + j, Slot(HEADER, col.shown()))
        _values(g, 3, k * n, "appeals", row.id, gr.cols)
    return g
