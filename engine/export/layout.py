"""The official form's grid for each table of a format, shared by the Excel and Word writers.

Merges, labels and column widths follow ``official-template-2021.docx`` (the 2019 form has the
same structure with its own rows and columns).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..formats import FormatSpec, LabelSpec

CHECK_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
WIDTHS = {  # grid column widths in twips (1/20 pt), as in the national Word template
    "active": (2435, 2435, 2435, 2435),
    "requests": (754, 921, 3271, 685, 685, 685, 685, 685, 685, 685),
    "appeals": (649,) * 7 + (650,) * 8,
}
_CN = "〇一二三四五六七八九十"
_ROMAN = ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")

CAPTION, HEADER, LABEL, DATA = "caption", "header", "label", "data"


@dataclass(frozen=True, slots=True)
class GridCell:
    """A cell of the form: ``span`` grid columns; ``vmerge`` ``restart``/``continue``; ``address``
    for a data cell; ``role`` caption/header/label/data."""

    text: str | None
    span: int = 1
    vmerge: str | None = None
    address: str | None = None
    role: str = HEADER


Grid = list[list[GridCell]]


def row_label(row: LabelSpec, english: bool = False) -> str:
    """The label as numbered in the form: 「一、…」「（一）…」「1.…」 (English: "I. …", "(1) …", "1. …")."""
    parts = row.id.split(".")
    if english:
        if len(parts) == 1:
            return f"{_ROMAN[int(parts[0])]}. {row.shown('en')}"
        return f"({parts[1]}) {row.shown('en')}" if len(parts) == 2 else f"{parts[2]}. {row.shown('en')}"
    if len(parts) == 1:
        return f"{_CN[int(parts[0])]}、{row.label}"
    if len(parts) == 2:
        return f"（{_CN[int(parts[1])]}）{row.label}"
    return f"{parts[2]}.{row.label}"


def _spans(n: int) -> list[int]:
    return {1: [3], 2: [1, 2], 3: [1, 1, 1]}[n]


def grid(spec: FormatSpec, table: str) -> Grid:
    """The form's rows of one table."""
    t = spec.tables[table]
    rows: Grid = []
    if table == "active":
        for g in t.groups:
            rows.append([GridCell(g.caption, 4, role=CAPTION)])
            spans = _spans(len(g.cols))
            rows.append([GridCell("信息内容")] + [GridCell(c.label, s) for c, s in zip(g.cols, spans, strict=True)])
            for r in g.rows:
                cells = [GridCell(r.label, role=LABEL)]
                for c, s in zip(g.cols, spans, strict=True):
                    cells.append(GridCell(None, s, address=f"active/{r.id}/{c.id}", role=DATA))
                rows.append(cells)
    elif table == "requests":
        g = t.groups[0]
        rows.append([GridCell(CHECK_NOTE, 3, "restart"), GridCell("申请人情况", 7)])
        rows.append([GridCell(None, 3, "continue"), GridCell("自然人", 1, "restart"), GridCell("法人或其他组织", 5),
                     GridCell("总计", 1, "restart")])
        rows.append([GridCell(None, 3, "continue"), GridCell(None, 1, "continue")]
                    + [GridCell(c.label) for c in g.cols[1:-1]] + [GridCell(None, 1, "continue")])
        for r in g.rows:
            depth = r.id.count(".")
            top = r.group is not None
            if depth == 0:
                cells = [GridCell(row_label(r), 3, role=LABEL)]
            elif depth == 1:
                cells = [GridCell(r.group if top else None, 1, "restart" if top else "continue", role=LABEL),
                         GridCell(row_label(r), 2, role=LABEL)]
            else:
                cells = [GridCell(None, 1, "continue", role=LABEL),
                         GridCell(r.group if top else None, 1, "restart" if top else "continue", role=LABEL),
                         GridCell(row_label(r), role=LABEL)]
            rows.append(cells + [GridCell(None, address=f"requests/{r.id}/{c.id}", role=DATA) for c in g.cols])
    else:
        g = t.groups[0]
        rows.append([GridCell("行政复议", 5), GridCell("行政诉讼", 10)])
        rows.append([GridCell(c.label, 1, "restart") for c in g.cols]
                    + [GridCell(g.rows[1].label, 5), GridCell(g.rows[2].label, 5)])
        rows.append([GridCell(None, 1, "continue") for _ in g.cols] + [GridCell(c.label) for c in g.cols] * 2)
        rows.append([GridCell(None, address=f"appeals/{r.id}/{c.id}", role=DATA) for r in g.rows for c in g.cols])
    return rows


def header_rows(table: str) -> int:
    """Rows of the table's header (repeated on each printed page)."""
    return {"active": 0, "requests": 3, "appeals": 3}[table]


def positions(rows: Grid) -> list[list[tuple[int, GridCell]]]:
    """(0-based grid column, cell) for each cell of each row."""
    out = []
    for row in rows:
        col, placed = 0, []
        for c in row:
            placed.append((col, c))
            col += c.span
        out.append(placed)
    return out


AGENCY_BLANK = "＿" * 10
"""Where the clerk writes the agency the tool did not recognise (full-width, so that reading the
form back does not take it for a name)."""


def title(year: int | None, agency: str | None) -> str:
    """The report's title as the form prints it; a line to write on for an unknown agency."""
    return f"{agency or AGENCY_BLANK}{year or '____'}年政府信息公开工作年度报告"


def sum_parts(spec: FormatSpec) -> dict[str, tuple[str, ...]]:
    """Total cell → the cells it adds up (row totals of 三 and 四, and 三's （七）总计 row)."""
    out: dict[str, tuple[str, ...]] = {}
    req = spec.tables["requests"].groups[0]
    parts = [c.id for c in req.cols if c.id != "total"]
    for c in req.cols:
        if c.id != "total":
            out[f"requests/3.7/{c.id}"] = tuple(f"requests/{r}/{c.id}" for r in spec.results)
    for r in req.rows:
        out[f"requests/{r.id}/total"] = tuple(f"requests/{r.id}/{p}" for p in parts)
    app = spec.tables["appeals"].groups[0]
    for r in app.rows:
        out[f"appeals/{r.id}/total"] = tuple(f"appeals/{r.id}/{c.id}" for c in app.cols if c.id != "total")
    return out
