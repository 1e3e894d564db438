"""Test documents built from cell values: Word, Excel and text renderings of a report's tables.

Every builder takes a format id (``"2019"``/``"2021"``), ``values`` (address → raw cell text;
``""`` is a blank cell; an address absent from ``values`` is not written: an empty cell in a
grid, no field at all in flattened text) and optional ``title`` and ``prose`` paragraphs, writes
the file at ``path`` and returns the path. Everything is deterministic: same input, same bytes
(zip timestamps aside).

The tables are first laid out as grids (``Layout``: rows of ``LCell`` with column spans and
vertical merges, as in the official form), then rendered:

- Word: ``docx_official`` (2021: a filled copy of the official template; 2019: the same merge
  style built here), ``docx_one_table``, ``docx_split`` (table 三 over two Word tables),
  ``docx_nested`` (the form inside a one-cell outer table), ``docx_paragraphs`` (tab-separated
  lines as plain paragraphs)
- Excel: ``xlsx_one_sheet``, ``xlsx_three_sheets`` (merged headers; numbers as numbers or text;
  formulas for the 总计 cells with or without cached values; hidden rows)
- text: ``txt`` (layouts ``tab``, ``pipe``, ``lines``, ``tab_led``; any encoding)

``consistent_values(format_id, seed)`` makes values for which every hard rule holds.
"""

from __future__ import annotations

import copy
import io
import random
import re
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from engine import formats
from engine.formats import FormatSpec, LabelSpec

TEMPLATE_2021 = Path(__file__).resolve().parents[2] / "shared" / "samples" / "official-template-2021.docx"
CHECK_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
HEADINGS = {
    "active": "二、主动公开政府信息情况",
    "requests": "三、收到和处理政府信息公开申请情况",
    "appeals": "四、政府信息公开行政复议、行政诉讼情况",
}
WIDTH = {"active": 4, "requests": 10, "appeals": 15}
_CN = "〇一二三四五六七八九十"
DEFAULT_PROSE = ("本年度，本机关认真贯彻落实《中华人民共和国政府信息公开条例》，持续推进政务公开工作。",)
CLOSING = (
    ("五、存在的主要问题及改进情况", "工作人员业务水平有待提高，下一步将加强培训。"),
    ("六、其他需要报告的事项", "本年度未收取信息处理费。"),
)

Values = dict[str, str]


# ---------------------------------------------------------------------------------------------
# consistent numbers


def consistent_values(format_id: str, seed: int, *, busy: float = 0.35) -> Values:
    """Values for every cell of the format such that every hard rule holds; ``busy`` is the share
    of non-zero counts. Deterministic for a seed."""
    spec = formats.load(format_id)
    rnd = random.Random(seed)

    def count(hi: int = 30) -> int:
        return rnd.randint(1, hi) if rnd.random() < busy else 0

    out: Values = {}
    for c in spec.cells:
        if c.table != "active":
            continue
        if c.kind == "money":
            out[c.address] = f"{rnd.randint(0, 99999)}.{rnd.randint(0, 99):02d}".rstrip("0").rstrip(".")
        elif c.kind == "signed":
            out[c.address] = str(rnd.randint(-5, 9))
        else:
            out[c.address] = str(count(200))
    for c in spec.cells:  # 2019: 处理决定数量 equal to 上一年 + 增减 is flagged as a likely misreading
        if c.address.endswith("/decisions") and f"{c.address[:-10]}/prev_items" in out:
            base = c.address[:-10]
            if int(out[c.address]) == int(out[f"{base}/prev_items"]) + int(out[f"{base}/change"]):
                out[c.address] = str(int(out[c.address]) + 1)

    req = spec.tables["requests"].groups[0]
    cols = [c.id for c in req.cols if c.id != "total"]
    grid: dict[tuple[str, str], int] = {}
    for r in spec.results:
        for c in cols:
            grid[(r, c)] = count(12) if c == "natural" or rnd.random() < 0.3 else 0
    for c in cols:
        grid[("3.7", c)] = sum(grid[(r, c)] for r in spec.results)
        grid[("4", c)] = count(5)
        grid[("2", c)] = rnd.randint(0, grid[("3.7", c)] + grid[("4", c)]) if rnd.random() < busy else 0
        grid[("1", c)] = grid[("3.7", c)] + grid[("4", c)] - grid[("2", c)]
    for r in [row.id for row in req.rows]:
        grid[(r, "total")] = sum(grid[(r, c)] for c in cols)
        for c in [*cols, "total"]:
            out[f"requests/{r}/{c}"] = str(grid[(r, c)])

    app = spec.tables["appeals"].groups[0]
    for row in app.rows:
        parts = [count(4) for _ in range(4)]
        for c, v in zip(app.cols, [*parts, sum(parts)], strict=True):
            out[f"appeals/{row.id}/{c.id}"] = str(v)
    return out


# ---------------------------------------------------------------------------------------------
# layouts


@dataclass(frozen=True, slots=True)
class LCell:
    """A cell of a laid-out table: ``text`` None = not written; ``span`` grid columns; ``vmerge``
    ``restart`` / ``continue`` for vertical merges (a continuation carries no text)."""

    text: str | None
    span: int = 1
    vmerge: str | None = None
    address: str | None = None


Layout = list[list[LCell]]


def _row_label(row: LabelSpec) -> str:
    parts = row.id.split(".")
    if len(parts) == 1:
        return f"{_CN[int(parts[0])]}、{row.label}"
    if len(parts) == 2:
        return f"（{_CN[int(parts[1])]}）{row.label}"
    return f"{parts[2]}.{row.label}"


def _spans(n: int) -> list[int]:
    return {1: [3], 2: [1, 2], 3: [1, 1, 1]}[n]


def _v(values: Values, address: str) -> LCell:
    return LCell(values.get(address), address=address)


def layout(table: str, spec: FormatSpec, values: Values) -> Layout:
    """The official form's grid of one table, with ``values`` in its data cells."""
    t = spec.tables[table]
    rows: Layout = []
    if table == "active":
        for g in t.groups:
            rows.append([LCell(g.caption, 4)])
            spans = _spans(len(g.cols))
            rows.append([LCell("信息内容")] + [LCell(c.label, s) for c, s in zip(g.cols, spans, strict=True)])
            for r in g.rows:
                cells = [LCell(r.label)]
                for c, s in zip(g.cols, spans, strict=True):
                    a = f"active/{r.id}/{c.id}"
                    cells.append(LCell(values.get(a), s, address=a))
                rows.append(cells)
    elif table == "requests":
        g = t.groups[0]
        rows.append([LCell(CHECK_NOTE, 3, "restart"), LCell("申请人情况", 7)])
        rows.append([LCell(None, 3, "continue"), LCell("自然人", 1, "restart"), LCell("法人或其他组织", 5),
                     LCell("总计", 1, "restart")])
        rows.append([LCell(None, 3, "continue"), LCell(None, 1, "continue")]
                    + [LCell(c.label) for c in g.cols[1:-1]] + [LCell(None, 1, "continue")])
        for r in g.rows:
            depth = r.id.count(".")
            if depth == 0:
                cells = [LCell(_row_label(r), 3)]
            elif depth == 1:
                top = r.group is not None
                cells = [LCell(r.group if top else None, 1, "restart" if top else "continue"), LCell(_row_label(r), 2)]
            else:
                top = r.group is not None
                cells = [LCell(None, 1, "continue"), LCell(r.group if top else None, 1, "restart" if top else "continue"),
                         LCell(_row_label(r))]
            rows.append(cells + [_v(values, f"requests/{r.id}/{c.id}") for c in g.cols])
    else:
        g = t.groups[0]
        rows.append([LCell("行政复议", 5), LCell("行政诉讼", 10)])
        rows.append([LCell(c.label, 1, "restart") for c in g.cols] + [LCell(g.rows[1].label, 5), LCell(g.rows[2].label, 5)])
        rows.append([LCell(None, 1, "continue") for _ in g.cols] + [LCell(c.label) for c in g.cols] * 2)
        rows.append([_v(values, f"appeals/{r.id}/{c.id}") for r in g.rows for c in g.cols])
    return rows


def _title(spec: FormatSpec, title: str | None) -> str:
    return title or f"测试县人民政府办公室{2020 if spec.id == '2019' else 2021}年政府信息公开工作年度报告"


def _sections(format_id: str, values: Values, title: str | None, prose: Sequence[str]) -> list[str | tuple[str, Layout]]:
    """The report in reading order: paragraphs (str) and (table id, layout) pairs."""
    spec = formats.load(format_id)
    out: list[str | tuple[str, Layout]] = [_title(spec, title), "一、总体情况", *(prose or DEFAULT_PROSE)]
    for tid in formats.TABLE_IDS:
        out.append(HEADINGS[tid])
        out.append((tid, layout(tid, spec, values)))
    for heading, text in CLOSING:
        out += [heading, text]
    return out


# ---------------------------------------------------------------------------------------------
# Word


def _docx():
    import docx

    return docx


def _w(tag: str):
    from docx.oxml.ns import qn

    return qn(f"w:{tag}")


def _el(tag: str, **attrs: str):
    from docx.oxml import OxmlElement

    e = OxmlElement(f"w:{tag}")
    for k, v in attrs.items():
        e.set(_w(k), v)
    return e


def _paragraph(text: str, page_break: bool = False):
    p = _el("p")
    for i, line in enumerate(text.split("\n")):
        r = _el("r")
        if i:
            r.append(_el("br"))
        for j, part in enumerate(line.split("\t")):
            if j:
                r.append(_el("tab"))
            if part:
                t = _el("t")
                t.text = part
                t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                r.append(t)
        p.append(r)
    if page_break:
        r = _el("r")
        r.append(_el("br", type="page"))
        p.append(r)
    return p


def _stretch(rows: Layout, width: int) -> Layout:
    """Widen a layout to ``width`` grid columns by widening each row's last cell."""
    out: Layout = []
    for row in rows:
        used = sum(c.span for c in row)
        last = row[-1]
        out.append(row[:-1] + [LCell(last.text, last.span + width - used, last.vmerge, last.address)])
    return out


def _tbl(rows: Layout, width: int, header_rows: int = 0, inner: dict[int, list] | None = None):
    """A ``w:tbl`` element; ``inner`` maps a row index to extra block elements for its first cell."""
    tbl = _el("tbl")
    pr = _el("tblPr")
    pr.append(_el("tblStyle", val="TableGrid"))
    pr.append(_el("tblW", w="0", type="auto"))
    tbl.append(pr)
    grid = _el("tblGrid")
    for _ in range(width):
        grid.append(_el("gridCol", w=str(9000 // width)))
    tbl.append(grid)
    for i, row in enumerate(rows):
        tr = _el("tr")
        if i < header_rows:
            trpr = _el("trPr")
            trpr.append(_el("tblHeader"))
            tr.append(trpr)
        for j, c in enumerate(row):
            tc = _el("tc")
            tcpr = _el("tcPr")
            tcpr.append(_el("tcW", w=str(9000 // width * c.span), type="dxa"))
            if c.span > 1:
                tcpr.append(_el("gridSpan", val=str(c.span)))
            if c.vmerge == "restart":
                tcpr.append(_el("vMerge", val="restart"))
            elif c.vmerge == "continue":
                tcpr.append(_el("vMerge"))
            tc.append(tcpr)
            if inner and j == 0 and i in inner:
                for block in inner[i]:
                    tc.append(block)
            tc.append(_paragraph(c.text or "" if c.vmerge != "continue" else ""))
            tr.append(tc)
        tbl.append(tr)
    return tbl


def _save_docx(path: Path, blocks: list) -> Path:
    doc = _docx().Document()
    body = doc.element.body
    sect = body.find(_w("sectPr"))
    for b in blocks:
        if sect is not None:
            sect.addprevious(b)
        else:
            body.append(b)
    doc.core_properties.created = datetime(2021, 1, 1)
    doc.save(str(path))
    return Path(path)


def _blocks(sections: list, table: Callable[[str, Layout], list]) -> list:
    out: list = []
    for s in sections:
        if isinstance(s, str):
            out.append(_paragraph(s))
        else:
            out += table(*s)
    return out


def docx_official(path: Path, format_id: str, values: Values, *, title: str | None = None,
                  prose: Sequence[str] = ()) -> Path:
    """The form as Word tables with the official merges. 2021: a filled copy of the national template."""
    if format_id == "2021":
        return _fill_template(path, values, title, prose)
    return _save_docx(path, _blocks(_sections(format_id, values, title, prose),
                                    lambda tid, rows: [_tbl(rows, WIDTH[tid]), _paragraph("")]))


def docx_one_table(path: Path, format_id: str, values: Values, *, title: str | None = None,
                   prose: Sequence[str] = ()) -> Path:
    """All three tables in ONE Word table (15 grid columns), section headings as full-width rows."""
    secs = _sections(format_id, values, title, prose)
    start = next(i for i, s in enumerate(secs) if s == HEADINGS["active"])
    end = max(i for i, s in enumerate(secs) if isinstance(s, tuple)) + 1
    rows: Layout = []
    for s in secs[start:end]:
        rows += [[LCell(s, 15)]] if isinstance(s, str) else _stretch(s[1], 15)
    blocks = [_paragraph(s) for s in secs[:start]] + [_tbl(rows, 15)] + [_paragraph(s) for s in secs[end:] if isinstance(s, str)]
    return _save_docx(path, blocks)


def docx_split(path: Path, format_id: str, values: Values, *, repeat_header: bool = True, after: str = "3.3.4",
               title: str | None = None, prose: Sequence[str] = ()) -> Path:
    """Table 三 split into two Word tables after row ``after``, a page break between; the header
    rows repeated in the second table or not."""
    spec = formats.load(format_id)
    row_ids = [r.id for r in spec.tables["requests"].groups[0].rows]
    cut = 3 + row_ids.index(after) + 1

    def table(tid: str, rows: Layout) -> list:
        if tid != "requests":
            return [_tbl(rows, WIDTH[tid]), _paragraph("")]
        rest = rows[cut:]
        if repeat_header:
            # as Word splits a table: a merge cut at the split starts afresh (empty) in the new table;
            # without the header, the continuation is kept with nothing above it (a reader must cope)
            rest = [[LCell("", c.span, "restart") if c.vmerge == "continue" else c for c in rest[0]], *rest[1:]]
        second = (rows[:3] if repeat_header else []) + rest
        return [_tbl(rows[:cut], 10, header_rows=3), _paragraph("", page_break=True),
                _tbl(second, 10, header_rows=3 if repeat_header else 0)]

    return _save_docx(path, _blocks(_sections(format_id, values, title, prose), table))


def docx_nested(path: Path, format_id: str, values: Values, *, title: str | None = None,
                prose: Sequence[str] = ()) -> Path:
    """The whole form (headings and the three tables) inside a one-cell outer table."""
    secs = _sections(format_id, values, title, prose)
    start = next(i for i, s in enumerate(secs) if s == HEADINGS["active"])
    end = max(i for i, s in enumerate(secs) if isinstance(s, tuple)) + 1
    inner: list = []
    for s in secs[start:end]:
        inner += [_paragraph(s)] if isinstance(s, str) else [_tbl(s[1], WIDTH[s[0]])]
    outer = _tbl([[LCell("")]], 1, inner={0: inner})
    blocks = [_paragraph(s) for s in secs[:start]] + [outer] + [_paragraph(s) for s in secs[end:] if isinstance(s, str)]
    return _save_docx(path, blocks)


def docx_paragraphs(path: Path, format_id: str, values: Values, *, title: str | None = None,
                    prose: Sequence[str] = ()) -> Path:
    """Tables pasted as plain paragraphs: one tab-separated paragraph per table row."""
    return _save_docx(path, _blocks(_sections(format_id, values, title, prose),
                                    lambda tid, rows: [_paragraph("\t".join(f)) for f in text_rows(rows)]))


def _fill_template(path: Path, values: Values, title: str | None, prose: Sequence[str]) -> Path:
    """Fill the national 2021 template's own tables (merges as published)."""
    docx = _docx()
    spec = formats.load("2021")
    doc = docx.Document(str(TEMPLATE_2021))
    body = doc.element.body
    tables = body.findall(_w("tbl"))
    assert len(tables) == 3, "template changed"
    act, req, app = ([tr for tr in t.iter(_w("tr"))] for t in tables)
    # table 二: a data row starts with its row label
    labels = {r.label: r for g in spec.tables["active"].groups for r in g.rows}
    groups = {r.id: g for g in spec.tables["active"].groups for r in g.rows}
    for tr in act:
        tcs = tr.findall(_w("tc"))
        r = labels.get(_tc_text(tcs[0]).strip())
        if r is None:
            continue
        for tc, c in zip(tcs[1:], groups[r.id].cols, strict=True):
            _set_tc(tc, values.get(f"active/{r.id}/{c.id}"))
    req_rows = spec.tables["requests"].groups[0].rows
    assert len(req) == 3 + len(req_rows)
    for tr, r in zip(req[3:], req_rows, strict=True):
        tcs = tr.findall(_w("tc"))[-7:]
        for tc, c in zip(tcs, spec.tables["requests"].groups[0].cols, strict=True):
            _set_tc(tc, values.get(f"requests/{r.id}/{c.id}"))
    g = spec.tables["appeals"].groups[0]
    for tc, a in zip(app[3].findall(_w("tc")), [f"appeals/{r.id}/{c.id}" for r in g.rows for c in g.cols], strict=True):
        _set_tc(tc, values.get(a))
    paras = body.findall(_w("p"))
    for p in paras:
        text = _tc_text(p)
        if text == "政府信息公开工作年度报告格式模板":
            _set_p(p, _title(spec, title))
        elif text == "（文字描述）":
            lines = list(prose or DEFAULT_PROSE)
            _set_p(p, lines[0])
            for extra in reversed(lines[1:]):
                p.addnext(_paragraph(extra))
            prose = ("工作人员业务水平有待提高，下一步将加强培训。",)  # the second （文字描述） is under 五
    doc.save(str(path))
    return Path(path)


def _tc_text(el) -> str:
    return "\n".join("".join(t.text or "" for t in p.iter(_w("t"))) for p in el.iter(_w("p")))


def _set_p(p, text: str) -> None:
    runs = p.findall(_w("r"))
    rpr = runs[0].find(_w("rPr")) if runs else None
    for r in runs:
        p.remove(r)
    r = _el("r")
    if rpr is not None:
        r.append(copy.deepcopy(rpr))
    t = _el("t")
    t.text = text
    r.append(t)
    p.append(r)


def _set_tc(tc, text: str | None) -> None:
    if text is None:
        return
    paras = tc.findall(_w("p"))
    for p in paras[1:]:
        tc.remove(p)
    _set_p(paras[0], text)


# ---------------------------------------------------------------------------------------------
# text


def text_rows(rows: Layout) -> list[list[str]]:
    """The fields of each layout row as a copy from Word gives them: vertical-merge continuations
    and unwritten cells left out."""
    return [[c.text for c in row if c.vmerge != "continue" and c.text is not None] for row in rows]


def txt(path: Path, format_id: str, values: Values, *, encoding: str = "utf-8", layout: str = "tab",
        blank: str = "/", title: str | None = None, prose: Sequence[str] = (), newline: str = "\n") -> Path:
    """The report as a text file. Layouts: ``tab`` (tab-separated rows), ``pipe`` (``a | b |``),
    ``lines`` (one cell per line, blank line between cells, like sample 000: a blank cell cannot
    be shown there, so it is written as ``blank``), ``tab_led`` (one tab-led cell per line, blank
    line between rows, like sample 003)."""
    out: list[str] = []
    for s in _sections(format_id, values, title, prose):
        if isinstance(s, str):
            out += [s, ""] if layout == "lines" else [s]
            continue
        for fields in text_rows(s[1]):
            if layout == "tab":
                out.append("\t".join(fields))
            elif layout == "pipe":
                out.append(" | ".join(fields) + " |")
            elif layout == "lines":
                for f in fields:
                    out += [f if f.strip() else blank, ""]
            elif layout == "tab_led":
                out += [f"\t{f}" for f in fields] + [""]
            else:
                raise ValueError(layout)
    data = (newline.join(out) + newline).encode(encoding)
    Path(path).write_bytes(data)
    return Path(path)


# ---------------------------------------------------------------------------------------------
# Excel

_NUMBER = re.compile(r"-?\d+(\.\d+)?")
TOTAL_COL = {"requests": "total", "appeals": "total"}


def _excel_value(text: str, as_text: bool) -> object:
    if as_text or not _NUMBER.fullmatch(text):
        return text
    return int(text) if "." not in text else float(text)


def _formula_cells(spec: FormatSpec) -> dict[str, list[str]]:
    """总计 cells and the cells they sum: the 总计 column of 三 and 四, and row （七）总计 of 三."""
    out: dict[str, list[str]] = {}
    req = spec.tables["requests"].groups[0]
    for r in req.rows:
        out[f"requests/{r.id}/total"] = [f"requests/{r.id}/{c.id}" for c in req.cols if c.id != "total"]
    for c in req.cols:
        if c.id != "total":
            out[f"requests/3.7/{c.id}"] = [f"requests/{r}/{c.id}" for r in spec.results]
    app = spec.tables["appeals"].groups[0]
    for r in app.rows:
        out[f"appeals/{r.id}/total"] = [f"appeals/{r.id}/{c.id}" for c in app.cols if c.id != "total"]
    return out


def _sum_formula(coords: list[str]) -> str:
    """``=SUM(B3:G3)`` for a contiguous run, else ``=B3+C3+…``."""
    def split(c: str) -> tuple[str, int]:
        m = re.fullmatch(r"([A-Z]+)(\d+)", c)
        assert m
        return m.group(1), int(m.group(2))

    parts = [split(c) for c in coords]
    same_row = len({r for _, r in parts}) == 1
    same_col = len({c for c, _ in parts}) == 1
    if (same_row or same_col) and len(coords) > 1:
        return f"=SUM({coords[0]}:{coords[-1]})"
    return "=" + "+".join(coords)


def _write_sheet(ws, rows: Layout, top: int, values_as_text: bool, placed: dict[str, tuple[str, int, int]]) -> int:
    """Write a layout at sheet row ``top``; returns the next free row. ``placed``: address → (sheet, row, col)."""
    merges: list[tuple[int, int, int, int]] = []
    for i, row in enumerate(rows):
        r = top + i
        for col, c in _cells_at(row):
            if c.vmerge == "continue":
                continue
            if c.text is not None:
                ws.cell(r, col, _excel_value(c.text, values_as_text) if c.address else c.text)
            if c.address:
                placed[c.address] = (ws.title, r, col)
            end = i
            if c.vmerge == "restart":  # runs down over the continuations below it
                while end + 1 < len(rows) and any(k == col and x.vmerge == "continue" for k, x in _cells_at(rows[end + 1])):
                    end += 1
            if c.span > 1 or end > i:
                merges.append((r, col, top + end, col + c.span - 1))
    for m in merges:
        ws.merge_cells(start_row=m[0], start_column=m[1], end_row=m[2], end_column=m[3])
    return top + len(rows)


def _cells_at(row: list[LCell]) -> list[tuple[int, LCell]]:
    """(1-based grid column, cell) for each cell of a layout row."""
    out, col = [], 1
    for c in row:
        out.append((col, c))
        col += c.span
    return out


def _xlsx(path: Path, format_id: str, values: Values, *, sheets: Sequence[tuple[str, Sequence[str]]],
          numbers_as_text: bool, formulas: str | None, hidden_rows: Sequence[str], hidden_cols: Sequence[int],
          title: str | None, prose: Sequence[str]) -> Path:
    import openpyxl
    from openpyxl.utils import get_column_letter

    spec = formats.load(format_id)
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    placed: dict[str, tuple[str, int, int]] = {}
    for si, (name, tids) in enumerate(sheets):
        ws = wb.create_sheet(name)
        r = 1
        if si == 0:
            ws.cell(1, 1, _title(spec, title))
            ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=15 if len(tids) > 1 else WIDTH[tids[0]])
            r = 2
            for p in ("一、总体情况", *(prose or DEFAULT_PROSE)):
                ws.cell(r, 1, p)
                r += 1
        for tid in tids:
            ws.cell(r, 1, HEADINGS[tid])
            r = _write_sheet(ws, layout(tid, spec, values), r + 1, numbers_as_text, placed) + 1
        for c in hidden_cols:
            ws.column_dimensions[get_column_letter(c)].hidden = True
    for rid in hidden_rows:
        sheet, row, _ = placed[rid if "/" in rid else f"requests/{rid}/natural"]
        wb[sheet].row_dimensions[row].hidden = True

    cached: dict[str, dict[str, str]] = {}
    if formulas:
        for target, parts in _formula_cells(spec).items():
            if target not in placed or not all(p in placed for p in parts):
                continue
            sheet, row, col = placed[target]
            coords = [f"{get_column_letter(placed[p][2])}{placed[p][1]}" for p in parts]
            wb[sheet].cell(row, col, _sum_formula(coords))
            if formulas == "cached":
                total = _excel_sum([values.get(p) for p in parts])
                if total is not None:
                    cached.setdefault(sheet, {})[f"{get_column_letter(col)}{row}"] = total
    buf = io.BytesIO()
    wb.save(buf)
    data = buf.getvalue()
    if cached:
        data = _inject_cached(data, [s for s, _ in sheets], cached)
    Path(path).write_bytes(data)
    return Path(path)


def _excel_sum(texts: list[str | None]) -> str | None:
    """What Excel's SUM shows for these cells (blank = 0, text ignored), as cached-value text."""
    total = Decimal(0)
    for t in texts:
        if t and _NUMBER.fullmatch(t):
            total += Decimal(t)
    return format(total.normalize(), "f") if total else "0"


def _inject_cached(data: bytes, sheet_names: list[str], cached: dict[str, dict[str, str]]) -> bytes:
    """Write cached formula results into the sheet XML (openpyxl saves formulas without them)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            m = re.fullmatch(r"xl/worksheets/sheet(\d+)\.xml", info.filename)
            if m and sheet_names[int(m.group(1)) - 1] in cached:
                values = cached[sheet_names[int(m.group(1)) - 1]]

                def put(mo: re.Match, values: dict[str, str] = values) -> str:
                    v = values.get(mo.group(1))
                    return mo.group(0) if v is None else f'<c r="{mo.group(1)}"{mo.group(2)}><f>{mo.group(3)}</f><v>{v}</v></c>'

                body = re.sub(r'<c r="([A-Z]+\d+)"([^>]*)><f>([^<]*)</f><v\s*/?>(?:</v>)?</c>', put, body.decode()).encode()
            dst.writestr(info, body)
    return out.getvalue()


def xlsx_one_sheet(path: Path, format_id: str, values: Values, *, numbers_as_text: bool = False,
                   formulas: str | None = None, hidden_rows: Sequence[str] = (), hidden_cols: Sequence[int] = (),
                   sheet: str = "年报", title: str | None = None, prose: Sequence[str] = ()) -> Path:
    """The three tables stacked on one sheet with merged headers. ``formulas``: None, ``"cached"``
    or ``"uncached"`` (SUM formulas in the 总计 cells); ``hidden_rows``: addresses (or request row
    ids) whose sheet rows are hidden; ``hidden_cols``: 1-based columns hidden."""
    return _xlsx(path, format_id, values, sheets=[(sheet, formats.TABLE_IDS)], numbers_as_text=numbers_as_text,
                 formulas=formulas, hidden_rows=hidden_rows, hidden_cols=hidden_cols, title=title, prose=prose)


SHEET_NAMES = ("主动公开", "依申请 公开", "复议诉讼")
"""Sheet names of ``xlsx_three_sheets``; the second has a space (quoted in sources)."""


def xlsx_three_sheets(path: Path, format_id: str, values: Values, *, numbers_as_text: bool = False,
                      formulas: str | None = None, hidden_rows: Sequence[str] = (), hidden_cols: Sequence[int] = (),
                      title: str | None = None, prose: Sequence[str] = ()) -> Path:
    """One sheet per table (names in ``SHEET_NAMES``), title and prose on the first."""
    sheets = list(zip(SHEET_NAMES, [(t,) for t in formats.TABLE_IDS], strict=True))
    return _xlsx(path, format_id, values, sheets=sheets, numbers_as_text=numbers_as_text, formulas=formulas,
                 hidden_rows=hidden_rows, hidden_cols=hidden_cols, title=title, prose=prose)


# ---------------------------------------------------------------------------------------------
# all variants, for tests that run every rendering

VARIANTS: dict[str, Callable[..., Path]] = {
    "docx_official": docx_official,
    "docx_one_table": docx_one_table,
    "docx_split_repeat": lambda p, f, v, **k: docx_split(p, f, v, repeat_header=True, **k),
    "docx_split_norepeat": lambda p, f, v, **k: docx_split(p, f, v, repeat_header=False, **k),
    "docx_nested": docx_nested,
    "docx_paragraphs": docx_paragraphs,
    "xlsx_one_sheet": xlsx_one_sheet,
    "xlsx_one_sheet_text": lambda p, f, v, **k: xlsx_one_sheet(p, f, v, numbers_as_text=True, **k),
    "xlsx_one_sheet_hidden": lambda p, f, v, **k: xlsx_one_sheet(p, f, v, hidden_rows=("3.3.8", "appeals/review/total"), hidden_cols=(2,), **k),
    "xlsx_three_sheets": xlsx_three_sheets,
    "txt_tab_utf8": lambda p, f, v, **k: txt(p, f, v, layout="tab", **k),
    "txt_pipe_gb18030": lambda p, f, v, **k: txt(p, f, v, layout="pipe", encoding="gb18030", **k),
    "txt_lines_utf16": lambda p, f, v, **k: txt(p, f, v, layout="lines", encoding="utf-16", **k),
    "txt_tab_led_utf8sig": lambda p, f, v, **k: txt(p, f, v, layout="tab_led", encoding="utf-8-sig", newline="\r\n", **k),
}
"""Name → builder(path, format_id, values, title=…, prose=…); the file suffix follows the name."""


def suffix(variant: str) -> str:
    return "." + variant.split("_", 1)[0]


def swapped_draft(path: Path, *, prose: Sequence[str] = ()) -> tuple[Path, Values]:
    """The 2021 national Word template filled in and broken as a clerk breaks it: 予以公开·自然人
    typed 「02」 for 20 (two digits swapped), 本年新收·总计 six too many. Returns the path and the
    right values."""
    v = consistent_values("2021", 11, busy=0.8)
    d = 20 - int(v["requests/3.1/natural"])
    for a in ("requests/3.1/natural", "requests/3.1/total", "requests/3.7/natural", "requests/3.7/total",
              "requests/1/natural", "requests/1/total"):
        v[a] = str(int(v[a]) + d)
    typed = dict(v, **{"requests/3.1/natural": "02", "requests/1/total": str(int(v["requests/1/total"]) + 6)})
    docx_official(path, "2021", typed, title="测试市生态环境局2022年政府信息公开工作年度报告", prose=prose)
    return path, v
