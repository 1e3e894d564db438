"""Finding the three standard tables in a Document and reading every cell.

Cells are located by the form's own labels, never by filling a stream of numbers in order:
each data row of the form is found by its row label, and its values are the cells that follow
the label (in the same file row when the file has rows, else the value lines that follow).
A row whose values cannot be placed one to one on the form's columns is reported, and its cells
are ``missing``: a value is never shifted into a neighbour's cell.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from .. import formats, messages
from ..formats import FormatSpec, LabelSpec
from ..model import ERROR, INFO, MISSING, CellReading, Finding
from ..reading.document import Document
from ..reading.sheetgrid import column_index
from ..reading.text import PAGE_MARK
from . import runtogether
from .values import cached_when_short, looks_numeric, normalise, parse

messages.register(
    {
        "locate.table_missing": ("文档中没有找到{table}（{title}）", "Not found in the document: {table} ({title})"),
        "locate.appeals_row": ("行政复议、行政诉讼数据", "Reconsideration and litigation figures"),
        "locate.row_missing": ("{table}中没有找到“{row}”这一行", "Row '{row}' was not found in {table}"),
        "locate.row_short": (
            "“{row}”行只有{n}个数值（{vals}），表格应有{m}格，无法确定各数值对应哪一格，这些格按缺失处理",
            "Row '{row}' has {n} values ({vals}) for {m} cells; it is not clear which value belongs to which cell, so they are treated as missing",
        ),
        "locate.row_long": (
            "“{row}”行有{n}个数值（{vals}），多于表格的{m}格，无法确定对应关系，这些格按缺失处理",
            "Row '{row}' has {n} values ({vals}), more than its {m} cells; the cells are treated as missing",
        ),
        "locate.run_ambiguous": (
            "“{row}”行的数字粘连在一起（“{run}”），按表格规则有多种拆法：{alts}。无法确定，这些格按缺失处理",
            "Row '{row}': the digits ran together ('{run}') and the rules allow several splits: {alts}. The cells are treated as missing",
        ),
        "locate.run_split": (
            "“{row}”行的数字粘连在一起（“{run}”），已按表格规则唯一拆分为：{vals}",
            "Row '{row}': the digits ran together ('{run}'); the rules split them one way only: {vals}",
        ),
        "locate.more": ("等共{n}种", " and {n} more"),
        "locate.row_empty": ("“{row}”行没有填写任何数值", "Row '{row}' has no values at all"),
        "locate.label_inferred": (
            "“{text}”与表格中的“{row}”文字不同，按编号和上下行（在“{before}”与“{after}”之间）判定为“{row}”行，请核对行名",
            "'{text}' differs from the form's '{row}'; placed as that row by its numbering and neighbours "
            "(between '{before}' and '{after}'); please check the label",
        ),
        "locate.appeals_blank_row": (
            "行政复议、行政诉讼表的表头与数值之间有{n}个空行，数值取自其下的一行",
            "Table 4 has {n} empty row(s) between its header and its figures; the figures were read from the row below",
        ),
        "locate.appeals_by_column": (
            "行政复议、行政诉讼数据按各数值所在的列与表头对齐读取（数值单元格合并或有空列）",
            "Table 4's figures were placed by the header columns they stand under (merged value cells or empty columns)",
        ),
        "format.mixed": (
            "文档中同时出现2019年格式（{a}）和2021年格式（{b}）的表格用语，请统一使用{want}格式",
            "The tables mix wording of the 2019 format ({a}) and the 2021 format ({b}); use the {want} format throughout",
        ),
        "format.year": (
            "报告年度为{year}年，应使用{want}，但表格使用的是{got}",
            "The report year is {year}, which requires the {want}, but the tables use the {got}",
        ),
    }
)

_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "「": '"', "」": '"', "：": ":", "，": ",", "、": ","})
_MARKUP = re.compile(r"^(?:#{1,6}|\*\*|>|[-*+](?=\S))+")
_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+[,、.]|\([一二三四五六七八九十]+\)|\d{1,2}[.,、](?!\d))")
_TITLE = re.compile(
    r"(?P<agency>[\u4e00-\u9fff（）()·\w]{2,60}?)\s*[（(]?\s*(?P<year>20\d{2})\s*[)）]?\s*年\s*(?:度\s*)?(?:政\s*府\s*)?信\s*息\s*公\s*开"
)
_PERIOD = re.compile(r"统计期限?(?:为|自|从)?\s*(20\d{2})\s*年?\s*1\s*月\s*1\s*日")
_AGENCY_BY = re.compile(r"本报告(?:是)?由(?P<agency>[\u4e00-\u9fff（）()]{2,40}?)(?:根据|按照|依据|编制)")
_YEAR_TOKEN = re.compile(r"(20\d{2})\s*年")
_NUMBERED_LABEL = re.compile(r"^\s*\d{1,2}\s*[.．、]\s*[\u4e00-\u9fff“”\"]{3,}")
"""A numbered row label such as 「2.其他法律行政止公开」 (even one with a typo)."""


@cached_when_short
def label_key(text: str) -> str:
    """A label as compared: width-folded, no spaces, unified quotes, numbering such as 「一、」「（一）」「1.」 removed."""
    s = _MARKUP.sub("", normalise(text).translate(_QUOTES)).replace("**", "")
    for _ in range(3):
        m = _NUMBERING.match(s)
        if not m:
            break
        s = s[m.end():]
    return s.rstrip(":")


def _matches(key: str, name_key: str) -> bool:
    if key == name_key:
        return True
    # label followed by an annotation: 「本年增/减(指2020年增加或减少的事项数…)」
    return key.startswith(name_key) and key[len(name_key): len(name_key) + 1] in ("(", "[", "【", "<")


@dataclass(slots=True)
class Item:
    """One cell of the document in reading order."""

    text: str
    key: str
    source: str
    row: int
    grid: bool
    run: bool = False
    """Digits of several cells that ran together (see ``runtogether``)."""


@dataclass
class Reading:
    """What the locator found: format, year, agency, every cell of the format, reading findings."""

    format: str | None
    year: int | None = None
    agency: str | None = None
    cells: dict[str, CellReading] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    tables_found: list[str] = field(default_factory=list)


def items_of(doc: Document) -> list[Item]:
    """The document's cells in reading order; merged-cell copies, empty plain lines and page
    markers left out."""
    out: list[Item] = []
    for ri, row in enumerate(doc.rows):
        for c in row.cells:
            if c.covered:
                continue
            if not row.grid and not c.text.strip(" \t\u3000\u00a0"):
                continue
            key = label_key(c.text)
            if not row.grid and PAGE_MARK.match(key):
                continue
            out.append(Item(c.text, key, c.source, ri, row.grid))
    return out


# ---------------------------------------------------------------------------------------------
# format, year, agency


def detect_format(items: list[Item]) -> tuple[str | None, dict[str, list[str]]]:
    """The format whose table wording the document uses, and the wording found for each format."""
    joined = "".join(i.key for i in items if len(i.key) < 80)
    hits = {f.id: [w for w in f.vocabulary if normalise(w) in joined] for f in formats.all_formats()}
    a, b = len(hits["2019"]), len(hits["2021"])
    if a == b == 0:
        return None, hits
    return ("2019" if a > b else "2021"), hits


def detect_year_agency(doc: Document) -> tuple[int | None, str | None]:
    """Report year and reporting body from the title, the statistics period or the opening."""
    # running text: plain rows, and table rows holding a single filled cell (a title typed into
    # a merged row of a sheet)
    lone = [r.cells[0].text if not r.grid else next(c.text for c in r.cells if c.text.strip())
            for r in doc.rows if not r.grid or sum(1 for c in r.cells if c.text.strip()) == 1]
    head = lone[:40]
    year = agency = None
    # the title may be broken over lines: try each line and each pair of lines
    candidates = head + [a + b for a, b in zip(head, head[1:], strict=False)]
    for line in candidates:
        s = re.sub(r"[\s\u3000\u00a0]+", "", line)
        m = _TITLE.search(s)
        if m and ("报告" in s or "年报" in s):
            year = int(m.group("year"))
            ag = re.sub(r"^(关于|发布)", "", m.group("agency"))
            if len(ag) >= 3 and not re.search(r"\d", ag):
                agency = ag
            break
    text_all = "\n".join(lone)
    if year is None:
        m = _PERIOD.search(re.sub(r"[\s\u3000]+", "", text_all))
        if m:
            year = int(m.group(1))
    if agency is None:
        m = _AGENCY_BY.search(re.sub(r"[\s\u3000]+", "", text_all))
        if m:
            agency = m.group("agency")
    if year is None:
        counts = Counter(int(y) for y in _YEAR_TOKEN.findall(text_all))
        if counts:
            y, n = counts.most_common(1)[0]
            if n >= 2:
                year = y
    return year, agency


# ---------------------------------------------------------------------------------------------
# rows


@dataclass
class _Row:
    label: LabelSpec
    index: int | None  # item index of the label, None when not found
    values: list[Item] | None  # one item per column, or None when they cannot be placed
    problem: str | None = None
    found: list[Item] = field(default_factory=list)
    candidates: list[list[int]] = field(default_factory=list)
    """Ways to split run-together digits when more than one fits the row's own rule."""
    split_from: str | None = None
    """The run-together digits this row's values were split from."""


class _Locator:
    def __init__(self, items: list[Item], spec: FormatSpec, other: FormatSpec | None) -> None:
        self.items = items
        self.spec = spec
        keys: set[str] = set()
        for f in (spec, other) if other else (spec,):
            for t in f.tables.values():
                keys.add(label_key(t.title))
                keys.update(label_key(a) for a in t.heading_aliases)
                for g in t.groups:
                    keys.add(label_key(g.caption))
                    for lab in (*g.rows, *g.cols):
                        keys.update(label_key(n) for n in lab.names)
        keys.update({"信息内容", "申请人情况", "法人或其他组织", "行政诉讼", "行政复议"})
        keys.discard("")
        self.label_keys = keys
        self._prefixed: dict[str, bool] = {}

    def explode_run_together(self) -> None:
        """Cut lines where a table's labels and digits ran together into label and digit items."""
        markers = ("第二十条", "信息内容", "勾稽关系", "申请人情况", "结果维持")
        labels = sorted(k for k in self.label_keys if len(k) >= 2)
        out: list[Item] = []
        next_row = -1
        for it in self.items:
            if it.grid or len(it.text) < 60 or not any(m in it.key for m in markers):
                out.append(it)
                continue
            norm = re.sub(r"[\u00a0\u3000\t]", " ", unicodedata.normalize("NFKC", it.text)).translate(_QUOTES)
            tokens = runtogether.cut_line(norm, labels)
            if tokens is None:
                out.append(it)
                continue
            for text, is_label in tokens:
                if is_label and text in runtogether.GROUPS and text not in self.label_keys:
                    continue
                digits = not is_label and re.fullmatch(r"[\d ]+", text) is not None
                if not digits:
                    next_row -= 1  # a label starts a row; running text is a row of its own
                out.append(Item(text, label_key(text), it.source, next_row, True,
                                run=digits and len(text.replace(" ", "")) > 1))
        self.items = out

    def split_inline_rows(self) -> None:
        """A plain line holding a row label then its values separated by spaces (text copied out
        of a PDF: 「行政许可 97」「1.属于国家秘密 0 0 0 0 0 0 0」) becomes one row of cells."""
        out: list[Item] = []
        for it in self.items:
            parts = it.text.split()
            if it.grid or len(parts) < 2 or not looks_numeric(parts[-1]):
                out.append(it)
                continue
            k = len(parts)
            while k > 1 and looks_numeric(parts[k - 1]):
                k -= 1
            head = " ".join(parts[:k])
            label = Item(head, label_key(head), it.source, it.row, True)
            if k == len(parts) or not (self.is_label(label) or _NUMBERED_LABEL.match(head)):
                out.append(it)
                continue
            out.append(label)
            out += [Item(p, label_key(p), it.source, it.row, True) for p in parts[k:]]
        self.items = out

    def is_label(self, it: Item) -> bool:
        k = it.key
        if not k or looks_numeric(it.text):
            return False
        if k in self.label_keys:
            return True
        known = self._prefixed.get(k)  # the same texts are asked about again and again
        if known is None:
            known = self._prefixed[k] = any(_matches(k, lk) for lk in self.label_keys if len(lk) >= 2 and k.startswith(lk))
        return known

    def find(self, names: tuple[str, ...], start: int, stop: int) -> int | None:
        keys = [label_key(n) for n in names]
        # a match starts with one of the names: most items are told apart by their first character
        firsts = None if "" in keys else {nk[0] for nk in keys}
        for i in range(start, min(stop, len(self.items))):
            k = self.items[i].key
            if firsts is not None and k[:1] not in firsts:
                continue
            if any(_matches(k, nk) for nk in keys):
                return i
        return None

    def segment(self, i: int, width: int) -> list[Item]:
        """The value cells that follow the label at item ``i``."""
        items, lab = self.items, self.items[i]
        out: list[Item] = []
        j = i + 1
        if lab.grid:
            while j < len(items) and items[j].row == lab.row:
                if self.is_label(items[j]):
                    if out:
                        break
                    out = []  # a more specific label follows in the same row: values come after it
                    j += 1
                    continue
                out.append(items[j])
                j += 1
            if out:
                return out
        # label alone on its row or line: the value lines that follow
        while j < len(items) and len(out) < width + 4:
            it = items[j]
            if self.is_label(it) or not (looks_numeric(it.text) or (it.grid and not it.text.strip())):
                break
            if it.grid and out and it.row != out[-1].row and lab.grid:
                break
            out.append(it)
            j += 1
        return out

    def find_row(self, label: LabelSpec, start: int, stop: int, width: int, region: int = 0, groups: int = 0) -> _Row:
        """The first occurrence of ``label`` after ``start`` followed by values (a heading
        repeating the label, as in Markdown extracts, is passed over); failing that, one between
        ``region`` and ``start`` (extractions that moved rows out of order)."""
        first = None
        for lo, hi in ((start, stop), (region, start)):
            idx = self.find(label.names, lo, hi)
            first = first if first is not None else idx
            while idx is not None:
                row = self.place(label, idx, width, groups)
                if row.found:
                    return row
                idx = self.find(label.names, idx + 1, hi)
        return self.place(label, first, width, groups)

    def place(self, label: LabelSpec, index: int | None, width: int, groups: int = 0) -> _Row:
        if index is None:
            return _Row(label, None, None, "absent")
        found = self.segment(index, width)
        if width > 1 and found and any(f.run for f in found) and len(found) < width:
            run = " ".join(f.text for f in found)
            cands = runtogether.row_candidates(run, width, groups)
            if len(cands) == 1:
                return _Row(label, index, _split_items(found[0], cands[0]), None, found, split_from=run)
            return _Row(label, index, None, "ambiguous" if cands else "short", found, cands, run)
        vals = fit(found, width)
        if vals is None:
            return _Row(label, index, None, "short" if len(found) < width else "long", found)
        return _Row(label, index, vals, None, found)


def _split_items(src: Item, values: list[int]) -> list[Item]:
    return [Item(str(v), str(v), src.source, src.row, True) for v in values]


def fit(found: list[Item], width: int) -> list[Item] | None:
    """``width`` cells from ``found``: exact, or after dropping empty padding at the ends."""
    vals = list(found)
    if len(vals) == width:
        return vals
    if len(vals) > width:
        while len(vals) > width and not vals[-1].text.strip():
            vals.pop()
        while len(vals) > width and not vals[0].text.strip():
            vals.pop(0)
        if len(vals) == width:
            return vals
        if width == 1 and len({v.key for v in vals}) == 1:
            return vals[:1]  # one merged cell written once per column it spans
    return None


# ---------------------------------------------------------------------------------------------


def locate(doc: Document, format_id: str | None = None) -> Reading:
    """Find the tables of ``doc`` and read every cell of its format (forced by ``format_id``)."""
    items = items_of(doc)
    detected, hits = detect_format(items)
    year, agency = detect_year_agency(doc)
    chosen = format_id or detected
    if chosen is None:
        # no format wording (e.g. only tables 三 and 四): the year decides; without one, the newer format
        chosen = formats.format_for_year(year) if year else "2021"
    spec = formats.load(chosen)
    other = formats.load("2021" if chosen == "2019" else "2019")
    loc = _Locator(items, spec, other)
    loc.explode_run_together()
    loc.split_inline_rows()
    items = loc.items
    reading = Reading(format=chosen, year=year, agency=agency)
    rows: dict[str, list[_Row]] = {t: [] for t in formats.TABLE_IDS}

    # table 三: row 1 anchors it; the other rows follow in the form's order
    req = spec.tables["requests"]
    req_rows = req.groups[0].rows
    width = len(req.groups[0].cols)
    first = loc.find(req_rows[0].names, 0, len(items))
    appeals_at = _find_appeals(loc, first or 0)
    stop = appeals_at if appeals_at is not None else len(items)
    pos = first
    if first is not None:
        for r in req_rows:
            start = pos if pos is not None else first
            row = loc.find_row(r, start, stop, width, region=first, groups=1)
            rows["requests"].append(row)
            if row.index is not None:
                pos = row.index + 1
        reading.findings += _place_by_neighbours(loc, rows["requests"], width, groups=1)
        _resolve_by_columns(spec, rows["requests"])
        reading.tables_found.append("requests")

    # table 二: captions and row labels in order, before table 三
    act = spec.tables["active"]
    act_stop = first if first is not None else stop
    act_start = loc.find((act.groups[0].caption,), 0, act_stop) or 0
    pos = act_start
    any_active = False
    for g in act.groups:
        cap = loc.find((g.caption,), pos, act_stop)
        if cap is not None:
            pos = cap + 1
        for r in g.rows:
            row = loc.find_row(r, pos, act_stop, len(g.cols), region=act_start)
            rows["active"].append(row)
            if row.index is not None:
                pos = row.index + 1
                any_active = True
    if any_active:
        reading.tables_found.append("active")
        for g in act.groups:
            group_rows = [r for r in rows["active"] if any(r.label is x for x in g.rows)]
            reading.findings += _place_by_neighbours(loc, group_rows, len(g.cols))

    # table 四: one unlabelled data row after the three-level header
    app = spec.tables["appeals"]
    app_row = app.groups[0]
    if appeals_at is not None:
        header_end = _appeals_header_end(loc, appeals_at)
        found, vals, note = _appeals_values(loc, appeals_at, header_end)
        if note is not None:
            reading.findings.append(note)
        problem = None if vals is not None else ("short" if len(found) < 15 else "long")
        if vals is None and any(f.run for f in found):
            split = loc.place(app_row.rows[0], header_end, 15, groups=3)
            vals, problem = split.values, split.problem
            if split.problem == "ambiguous":
                found = split.found
                reading.findings.append(_ambiguous_finding(spec, "appeals", None, split))
            elif vals is not None:
                reading.findings.append(Finding(
                    "cell.split", INFO, [c.address for c in spec.cells if c.table == "appeals"],
                    messages.text("locate.run_split", row=messages.text("locate.appeals_row"), run=split.split_from,
                                  vals=messages.join(v.text for v in vals)), source=found[0].source))
        reading.tables_found.append("appeals")
        if vals is None and len(found) == 5:
            # one sub-table (or one labelled row) per 行政复议 / 直接起诉 / 复议后起诉
            rows["appeals"] += _appeals_by_row(loc, appeals_at, app_row.rows)
        else:
            # the single data row holds all three form rows, five cells each
            for k, r in enumerate(app_row.rows):
                part = vals[5 * k: 5 * k + 5] if vals is not None else None
                rows["appeals"].append(_Row(r, header_end, part, problem, found))

    _fill_cells(reading, spec, rows)
    reading.findings += _format_findings(detected, hits, year)
    if not reading.tables_found:
        reading.format = None
    return reading


def _place_by_neighbours(loc: _Locator, rows: list[_Row], width: int, groups: int = 0) -> list[Finding]:
    """A row whose printed label has a typo (「2.其他法律行政止公开」): placed when exactly one label-like
    cell between the rows found before and after it carries the row's number and most of its
    words, and is followed by the row's values. Each placement is said in an info finding."""
    out: list[Finding] = []
    for k, row in enumerate(rows):
        if row.problem != "absent" or k == 0 or k + 1 >= len(rows):
            continue
        before, after = rows[k - 1], rows[k + 1]
        if before.index is None or after.index is None or before.values is None or after.index <= before.index:
            continue
        number = row.label.id.rsplit(".", 1)[-1]
        want = label_key(row.label.label)
        cands = [i for i in range(before.index + 1, after.index) if _typo_of(loc.items[i], number, want)
                 and not loc.is_label(loc.items[i])]
        if len(cands) != 1:
            continue
        placed = loc.place(row.label, cands[0], width, groups)
        if placed.values is None:
            continue
        rows[k] = placed
        it = loc.items[cands[0]]
        out.append(Finding("row.inferred", INFO, [], messages.text(
            "locate.label_inferred", text=it.text.strip(), row=row.label.shown(),
            before=loc.items[before.index].text.strip(), after=loc.items[after.index].text.strip()), source=it.source))
    return out


def _typo_of(it: Item, number: str, want: str) -> bool:
    """``it`` reads as the row labelled ``want`` numbered ``number`` with a few characters wrong."""
    from difflib import SequenceMatcher

    m = re.match(r"^\s*(\d{1,2})\s*[.．、]", normalise(it.text))
    if not m or m.group(1) != number or not it.key or looks_numeric(it.text):
        return False
    return SequenceMatcher(None, it.key, want).ratio() >= 0.6


def _appeals_values(loc: _Locator, appeals_at: int, header_end: int) -> tuple[list[Item], list[Item] | None, Finding | None]:
    """Table 四's data row after its header: (the cells found, the 15 values or None, an info
    finding when the reading rests on an inference). Empty table rows between the header and the
    figures are passed over; a row whose cells do not fit is placed column by column under the
    header when the cells' sources give their columns (figures in merged cells, empty columns)."""
    items = loc.items
    found = loc.segment(header_end, 15)
    vals = fit(found, 15)
    note = None
    skip = 0
    end = header_end
    while found and all(f.grid and not f.text.strip() for f in found) and found[-1].row != items[end].row:
        nxt = loc.segment(items.index(found[-1]), 15)
        if not nxt or not any(f.text.strip() for f in nxt) or nxt[0].row == found[-1].row:
            break
        skip += 1
        end = items.index(found[-1])
        found = nxt
        vals = fit(found, 15)
    if skip:
        note = Finding("row.inferred", INFO, [], messages.text("locate.appeals_blank_row", n=skip), source=found[0].source)
    if vals is None and found and all(f.grid for f in found):
        by_col = _appeals_by_column(items[appeals_at: header_end + 1], found)
        if by_col is not None:
            vals = by_col
            note = Finding("row.inferred", INFO, [], messages.text("locate.appeals_by_column"), source=found[0].source)
    return found, vals, note


_COLUMN = re.compile(r"(?:!\$?([A-Z]{1,3})\$?\d+$|\bcol (\d+)$)")


def _column(source: str) -> int | None:
    """The column of a cell from its source (``Sheet!F12``, ``table 1 row 4 col 6``, ``line 9 col 3``)."""
    m = _COLUMN.search(source)
    if not m:
        return None
    return int(m.group(2)) if m.group(2) else column_index(m.group(1))


def _appeals_by_column(header: list[Item], found: list[Item]) -> list[Item] | None:
    """The 15 values of table 四 placed under the header's 15 leaf columns (结果维持…总计 × 3): each
    leaf takes the value cell starting at its column, or the merged cell running into it from the
    left when no other leaf shares it. None when a value would go under no leaf or two."""
    leaves = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
    cols = [_column(h.source) for h in header if any(h.key.startswith(x) for x in leaves)]
    if len(cols) < 15:
        return None
    cols = cols[-15:]
    placed = [(c, it) for it in found if (c := _column(it.source)) is not None]
    if None in cols or len(placed) != len(found) or sorted(cols) != cols:
        return None
    out: list[Item] = []
    used: set[int] = set()
    for c in cols:
        left = [(pc, it) for pc, it in placed if pc <= c]  # type: ignore[operator]
        if not left:
            return None
        pc, it = left[-1]
        if id(it) in used:
            return None  # one cell under two leaf columns
        used.add(id(it))
        out.append(it)
    if any(id(it) not in used and it.text.strip() for it in found):
        return None  # a value under no leaf column
    return out


def _resolve_by_columns(spec: FormatSpec, rows: list[_Row]) -> None:
    """Choose among the splits of run-together rows of table 三 the ones whose columns balance."""
    open_rows = [r for r in rows if r.problem == "ambiguous" and r.candidates]
    if not open_rows:
        return
    combos = 1
    for r in open_rows:
        combos *= len(r.candidates)
    if combos > 50_000:
        return
    known: dict[str, int] = {}
    for r in rows:
        if r.values is not None:
            for col, it in zip(spec.tables["requests"].groups[0].cols, r.values, strict=True):
                p = parse(it.text)
                if p.value is not None:
                    known[f"requests/{r.label.id}/{col.id}"] = int(p.value)
    cols = [c.id for c in spec.tables["requests"].groups[0].cols]
    col_rules = [rule for rule in spec.rules if rule.table == "requests" and rule.each == "col"]
    solutions: list[tuple[int, ...]] = []

    def search(i: int, chosen: list[int]) -> None:
        if len(solutions) > 50:
            return
        if i == len(open_rows):
            vals = dict(known)
            for r, ci in zip(open_rows, chosen, strict=True):
                for c, v in zip(cols, r.candidates[ci], strict=True):
                    vals[f"requests/{r.label.id}/{c}"] = v
            for rule in col_rules:
                if any(a not in vals for a in rule.cells):
                    continue
                if sum(vals[a] for a in rule.left) != sum(vals[a] for a in rule.right):
                    return
            solutions.append(tuple(chosen))
            return
        for ci in range(len(open_rows[i].candidates)):
            search(i + 1, [*chosen, ci])

    search(0, [])
    for k, r in enumerate(open_rows):
        picks = {s[k] for s in solutions}
        if len(picks) == 1:
            (ci,) = picks
            r.values = _split_items(r.found[0], r.candidates[ci])
            r.problem = None
        elif picks:
            r.candidates = [r.candidates[ci] for ci in sorted(picks)]


def _ambiguous_finding(spec: FormatSpec, table: str, row_label: LabelSpec | None, row: _Row) -> Finding:
    name = row_label.shown() if row_label else messages.text("locate.appeals_row")
    alts = ("; " if formats.english() else "；").join(messages.join(str(v) for v in c) for c in row.candidates[:3])
    more = messages.text("locate.more", n=len(row.candidates)) if len(row.candidates) > 3 else ""
    addrs = [c.address for c in spec.cells if c.table == table and (row_label is None or c.row.id == row_label.id)]
    return Finding("cell.missing", ERROR, addrs,
                   messages.text("locate.run_ambiguous", row=name, run=row.split_from or "", alts=alts + more),
                   source=row.found[0].source if row.found else None)


def _find_appeals(loc: _Locator, start: int) -> int | None:
    """Item index of the 行政复议 header cell of table 四."""
    items = loc.items
    for i in range(start, len(items)):
        if items[i].key == "行政复议":
            window = [it.key for it in items[i + 1: i + 40]]
            if "结果维持" in window or any(k.startswith("结果维持") for k in window):
                return i
    return None


def _appeals_by_row(loc: _Locator, start: int, form_rows: tuple[LabelSpec, ...]) -> list[_Row]:
    """Table 四 written as three labelled parts of five cells each."""
    out: list[_Row] = []
    pos = start
    for r in form_rows:
        idx = None
        for i in range(pos, min(len(loc.items), pos + 60)):
            k = loc.items[i].key
            if r.label in k and len(k) <= len(r.label) + 8 and not (r.id == "review" and "起诉" in k):
                idx = i
                break
        if idx is None:
            out.append(_Row(r, None, None, "absent"))
            continue
        end = _appeals_header_end(loc, idx)
        row = loc.place(r, end, 5)
        out.append(row)
        pos = end + 1
    return out


def _appeals_header_end(loc: _Locator, start: int) -> int:
    """Index of the last header cell of table 四 (the values follow it)."""
    items = loc.items
    header = {"行政复议", "行政诉讼", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"}
    last = start
    for i in range(start, min(len(items), start + 80)):
        it = items[i]
        if it.key in header:
            last = i
        elif it.key and looks_numeric(it.text):
            break
    return last


def _fill_cells(reading: Reading, spec: FormatSpec, rows: dict[str, list[_Row]]) -> None:
    placed: dict[str, Item] = {}
    for tid, table_rows in rows.items():
        t = spec.tables[tid]
        for g in t.groups:
            for r in g.rows:
                match = [x for x in table_rows if x.label.id == r.id]
                if not match:
                    continue
                row = match[0]
                if row.values is not None:
                    for col, it in zip(g.cols, row.values, strict=True):
                        placed[f"{tid}/{r.id}/{col.id}"] = it
    for c in spec.cells:
        it = placed.get(c.address)
        if it is None:
            reading.cells[c.address] = CellReading(c.address, None, None, MISSING, None)
            continue
        p = parse(it.text, c.kind)
        reading.cells[c.address] = CellReading(c.address, p.value, it.text, p.status, it.source, p.note)
    # findings for what could not be placed
    for tid in formats.TABLE_IDS:
        t = spec.tables[tid]
        addrs = [c.address for c in spec.cells if c.table == tid]
        if tid not in reading.tables_found:
            reading.findings.append(
                Finding("table.missing", ERROR, addrs, messages.text("locate.table_missing", table=formats.table_title(tid), title=t.shown_title()))
            )
            continue
        seen_problem: set[int] = set()
        for row in rows[tid]:
            if row.values is not None:
                if row.split_from and tid != "appeals":
                    reading.findings.append(Finding(
                        "cell.split", INFO, [a for a in addrs if a.split("/")[1] == row.label.id],
                        messages.text("locate.run_split", row=row.label.shown(), run=row.split_from,
                                      vals=messages.join(v.text for v in row.values)),
                        source=row.found[0].source if row.found else None))
                continue
            cells = [a for a in addrs if a.split("/")[1] == row.label.id]
            if row.problem == "ambiguous" and tid == "appeals":
                continue  # said once for the whole data row where it was split
            if row.problem == "ambiguous":
                reading.findings.append(_ambiguous_finding(spec, tid, row.label, row))
                continue
            if row.problem == "absent":
                msg = messages.text("locate.row_missing", table=formats.table_title(tid), row=row.label.shown())
                src = None
            else:
                if id(row.found) in seen_problem:
                    # table 四: one finding for the whole data row
                    reading.findings[-1].cells.extend(cells)
                    continue
                seen_problem.add(id(row.found))
                width = len(cells) if tid != "appeals" else 15
                name = row.label.shown() if tid != "appeals" else messages.text("locate.appeals_row")
                vals = messages.join(v.text.strip() or messages.text("word.empty") for v in row.found) or messages.text("word.none")
                key = "locate.row_short" if row.problem == "short" else "locate.row_long"
                if not row.found:
                    msg = messages.text("locate.row_empty", row=name)
                else:
                    msg = messages.text(key, row=name, n=len(row.found), vals=vals, m=width)
                src = row.found[0].source if row.found else None
            reading.findings.append(Finding("cell.missing", ERROR, cells, msg, source=src))


def _format_findings(detected: str | None, hits: dict[str, list[str]], year: int | None) -> list[Finding]:
    out: list[Finding] = []
    a, b = hits["2019"], hits["2021"]
    name = {f: formats.load(f).shown_name() for f in formats.FORMAT_IDS}
    if a and b and detected:
        want = formats.format_for_year(year) if year else detected
        out.append(
            Finding("format.mismatch", ERROR, [], messages.text("format.mixed", a=messages.join(a[:3]), b=messages.join(b[:3]), want=name[want]))
        )
    elif year and detected and not formats.load(detected).covers_year(year):
        want = formats.format_for_year(year)
        out.append(
            Finding("format.mismatch", ERROR, [], messages.text("format.year", year=year, want=name[want], got=name[detected]))
        )
    return out
