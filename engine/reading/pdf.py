"""PDF reader (text layer only): ruled tables as grids, the rest as lines of text.

- a table is found from the page's ruled lines (stroked lines and thin filled rectangles):
  the lines are snapped and joined, their crossings give the cells, cells sharing corners make
  a table. A table row → a grid row, one cell per PDF cell, source ``page P table T row R col C``
  (1-based; T counts tables on page P, R rows of that table on that page, C is the grid column
  where the cell starts). A cell spanning columns is one cell; the rows a tall cell spans below
  its top repeat its text with ``covered=True``; empty cells stay, as "".
- the text of a cell is its characters line by line, the lines joined without a break, so a
  label wrapped in a narrow cell (「三、/本/年/度/办/理/结/果」, one character a line) reads whole.
- a table that goes on at the top of the next page (same columns) keeps its ``Row.table`` index.
- text outside tables → one plain row per text line, source ``page P line L``; page markers
  (「- 4 -」「— 5 —」「第4页」) and headers/footers repeated on several pages are left out.
- a "table" of a single column (a framed text box) is read as text lines.

Pages are parsed with pdfium (``pypdfium2``, imported lazily). A PDF without any text is a
scanned image: ``read.pdf_scanned``; a password-protected one: ``read.encrypted``.
"""

from __future__ import annotations

import ctypes
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path

from .. import messages
from .document import Document, RawCell, ReadError, Row

messages.register(
    {
        "read.pdf_scanned": (
            "这个 PDF 是扫描图像，没有可读取的文字（文字层）；本工具不做文字识别（OCR），"
            "请提供报告的 Word/WPS 原文件，或先用 OCR 软件转换成带文字的 PDF 再检查",
            "This PDF is a scanned image with no text layer; this tool does no OCR. "
            "Provide the original Word/WPS file, or convert the PDF with OCR software first",
        ),
        "pdf.pages_scanned": (
            "第{pages}页是扫描图像，没有文字，未能读取",
            "Page(s) {pages} are scanned images without text and were not read",
        ),
        "pdf.damaged": ("PDF 文件结构损坏或不完整，无法打开（{detail}）", "The PDF structure is damaged or incomplete ({detail})"),
        "pdf.too_many_pages": ("PDF 共{n}页，只读取了前{limit}页", "The PDF has {n} pages; only the first {limit} were read"),
    }
)

MAX_PAGES = 300
SNAP = 3.0
"""Lines closer than this (pt) are one line; line ends closer than this join; crossings within it meet."""
MIN_EDGE = 3.0
MAX_CROSSINGS = 250_000
"""Pages whose ruled lines would need more crossing tests than this (a drawing, a chart of
hatching) are read as text only: no form table has more than a few hundred lines."""

_PAGE_MARK = re.compile(r"^[-—–－~_=\s]*\d{1,4}[-—–－~_=\s]*$|^第\s*\d{1,4}\s*页(\s*[/,，]?\s*共\s*\d{1,4}\s*页)?$|^\d{1,4}\s*/\s*\d{1,4}$")
_DASHED_MARK = re.compile(r"^[-—–－~]+\s*\d{1,4}\s*[-—–－~]+$")
_MARGIN = 0.08
"""Share of the page height at top and bottom where headers, footers and page numbers sit."""


@dataclass(slots=True)
class Char:
    ch: str
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(slots=True)
class Line:
    text: str
    top: float
    bottom: float
    fields: list[str] = field(default_factory=list)
    """The line cut at wide gaps when it is a table row without ruled lines (else empty)."""


@dataclass
class Table:
    xs: list[float]
    ys: list[float]
    cells: list[tuple[int, int, int, int]]
    """(row0, row1, col0, col1) grid index ranges, half-open."""
    chars: dict[int, list[Char]] = field(default_factory=dict)
    at: dict[tuple[int, int], int] = field(default_factory=dict)
    """(row, col) grid position → index of the cell covering it."""

    def __post_init__(self) -> None:
        for k, (r0, r1, c0, c1) in enumerate(self.cells):
            for r in range(r0, r1):
                for c in range(c0, c1):
                    self.at.setdefault((r, c), k)

    @property
    def top(self) -> float:
        return self.ys[0]

    @property
    def bottom(self) -> float:
        return self.ys[-1]


# ---------------------------------------------------------------------------------------------
# page content through pdfium


@dataclass(frozen=True, slots=True)
class View:
    """Maps PDF user space (y up) to the page as displayed: top-down, origin at the top left of
    the crop box, the page's /Rotate applied (a landscape table stored sideways reads upright)."""

    x0: float
    y0: float
    w: float
    h: float
    rotation: int = 0

    @property
    def height(self) -> float:
        return self.w if self.rotation in (90, 270) else self.h

    def point(self, x: float, y: float) -> tuple[float, float]:
        x, y = x - self.x0, y - self.y0
        if self.rotation == 90:
            return y, x
        if self.rotation == 180:
            return self.w - x, y
        if self.rotation == 270:
            return self.h - y, self.w - x
        return x, self.h - y

    def box(self, x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
        """(left, right, top, bottom) of a user-space box as displayed."""
        a, b = self.point(x0, y0)
        c, d = self.point(x1, y1)
        return min(a, c), max(a, c), min(b, d), max(b, d)


def _chars(textpage, raw, view: View) -> list[Char]:
    out: list[Char] = []
    left, bottom, right, top = (ctypes.c_double() for _ in range(4))
    rect = raw.FS_RECTF()
    for i in range(raw.FPDFText_CountChars(textpage)):
        code = raw.FPDFText_GetUnicode(textpage, i)
        if code in (0, 0xFFFE, 0xFFFF) or code < 33 or code in (0xA0, 0x3000, 0xFEFF, 0x200B):
            continue
        if raw.FPDFText_IsGenerated(textpage, i) == 1:
            continue
        if not raw.FPDFText_GetCharBox(textpage, i, left, right, bottom, top):
            continue
        x0, x1, y0, y1 = left.value, right.value, bottom.value, top.value
        # the loose box (advance width, font height) lines characters up better, unless the
        # font size is wrong (seen: 199 pt for a 10 pt glyph); then keep the glyph's own box
        if raw.FPDFText_GetLooseCharBox(textpage, i, rect):
            w, h = x1 - x0, abs(y1 - y0)
            if rect.right - rect.left <= 3 * w + 12 and abs(rect.top - rect.bottom) <= 3 * h + 12:
                x0, x1, y0, y1 = rect.left, rect.right, rect.bottom, rect.top
        try:
            ch = chr(code)
        except ValueError:
            continue
        out.append(Char(ch, *view.box(x0, y0, x1, y1)))
    return out


Matrix = tuple[float, float, float, float, float, float]


def _compose(outer: Matrix, inner: Matrix) -> Matrix:
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _segments(page, raw, view: View) -> tuple[list, list]:
    """Horizontal (y, x0, x1) and vertical (x, y0, y1) straight segments of every drawn path,
    top-down page coordinates, form XObjects included."""
    hs: list[tuple[float, float, float]] = []
    vs: list[tuple[float, float, float]] = []
    m = raw.FS_MATRIX()
    px, py = ctypes.c_float(), ctypes.c_float()
    fill, stroke = ctypes.c_int(), ctypes.c_int()

    def add(p: tuple[float, float], q: tuple[float, float]) -> None:
        (x1, y1), (x2, y2) = view.point(*p), view.point(*q)
        if abs(y1 - y2) < 1.0 and abs(x1 - x2) >= 1.0:
            hs.append(((y1 + y2) / 2, min(x1, x2), max(x1, x2)))
        elif abs(x1 - x2) < 1.0 and abs(y1 - y2) >= 1.0:
            vs.append(((x1 + x2) / 2, min(y1, y2), max(y1, y2)))

    def path(obj, mat: Matrix) -> None:
        if raw.FPDFPath_GetDrawMode(obj, fill, stroke) and not fill.value and not stroke.value:
            return
        a, b, c, d, e, f = mat
        start = last = None
        for i in range(raw.FPDFPath_CountSegments(obj)):
            seg = raw.FPDFPath_GetPathSegment(obj, i)
            if not raw.FPDFPathSegment_GetPoint(seg, px, py):
                continue
            x, y = px.value, py.value
            pt = (a * x + c * y + e, b * x + d * y + f)
            kind = raw.FPDFPathSegment_GetType(seg)
            if kind == raw.FPDF_SEGMENT_MOVETO:
                start = pt
            elif kind == raw.FPDF_SEGMENT_LINETO and last is not None:
                add(last, pt)
            last = pt
            if raw.FPDFPathSegment_GetClose(seg) and start is not None:
                add(pt, start)
                last = start

    def walk(count: int, get, mat: Matrix, depth: int) -> None:
        for i in range(count):
            obj = get(i)
            kind = raw.FPDFPageObj_GetType(obj)
            if kind not in (raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_FORM):
                continue
            own: Matrix = (1, 0, 0, 1, 0, 0)
            if raw.FPDFPageObj_GetMatrix(obj, m):
                own = (m.a, m.b, m.c, m.d, m.e, m.f)
            full = _compose(mat, own)
            if kind == raw.FPDF_PAGEOBJ_PATH:
                path(obj, full)
            elif depth < 8:
                walk(raw.FPDFFormObj_CountObjects(obj), lambda k, o=obj: raw.FPDFFormObj_GetObject(o, k), full, depth + 1)

    walk(raw.FPDFPage_CountObjects(page), lambda k: raw.FPDFPage_GetObject(page, k), (1, 0, 0, 1, 0, 0), 0)
    return hs, vs


def _has_images(page, raw) -> bool:
    return any(raw.FPDFPageObj_GetType(raw.FPDFPage_GetObject(page, i)) == raw.FPDF_PAGEOBJ_IMAGE
               for i in range(raw.FPDFPage_CountObjects(page)))


# ---------------------------------------------------------------------------------------------
# ruled lines → tables


def _snap(values: list[float]) -> dict[float, float]:
    """Each value → the mean of its cluster (values within SNAP of the previous one)."""
    out: dict[float, float] = {}
    group: list[float] = []
    for v in sorted(set(values)) + [float("inf")]:
        if group and v - group[-1] > SNAP:
            mean = sum(group) / len(group)
            out.update((g, mean) for g in group)
            group = []
        group.append(v)
    return out


def _join(segs: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """Snap segments onto shared positions and join the ones that touch along the same position."""
    if not segs:
        return []
    at = _snap([s[0] for s in segs])
    out: list[tuple[float, float, float]] = []
    for pos, a, b in sorted((at[p], a, b) for p, a, b in segs):
        if out and out[-1][0] == pos and a <= out[-1][2] + SNAP:
            out[-1] = (pos, out[-1][1], max(out[-1][2], b))
        else:
            out.append((pos, a, b))
    return [s for s in out if s[2] - s[1] >= MIN_EDGE]


def find_tables(hs: list, vs: list) -> list[Table]:
    """Tables from horizontal (y, x0, x1) and vertical (x, y0, y1) segments."""
    hs, vs = _join(hs), _join(vs)
    if len(hs) < 2 or len(vs) < 2 or len(hs) * len(vs) > MAX_CROSSINGS:
        return []
    # crossings: point → (ids of horizontal segments, ids of vertical segments) through it
    points: dict[tuple[float, float], tuple[set[int], set[int]]] = {}
    for vi, (x, y0, y1) in enumerate(vs):
        for hi, (y, x0, x1) in enumerate(hs):
            if x0 - SNAP <= x <= x1 + SNAP and y0 - SNAP <= y <= y1 + SNAP:
                h, v = points.setdefault((x, y), (set(), set()))
                h.add(hi)
                v.add(vi)
    by_x: dict[float, list[float]] = {}
    by_y: dict[float, list[float]] = {}
    for x, y in points:
        by_x.setdefault(x, []).append(y)
        by_y.setdefault(y, []).append(x)
    for lst in (*by_x.values(), *by_y.values()):
        lst.sort()
    boxes: list[tuple[float, float, float, float]] = []
    for (x, y), (ph, pv) in points.items():
        below = [b for b in by_x[x] if b > y and points[(x, b)][1] & pv]
        right = [r for r in by_y[y] if r > x and points[(r, y)][0] & ph]
        found = False
        for b in below:
            for r in right:
                corner = points.get((r, b))
                if corner and corner[0] & points[(x, b)][0] and corner[1] & points[(r, y)][1]:
                    boxes.append((x, y, r, b))
                    found = True
                    break
            if found:
                break
    return _group(boxes)


def _frames(boxes: list[tuple[float, float, float, float]]) -> set[int]:
    """Boxes that hold another box: the frame of an outer table around a nested one, not a cell."""
    if len(boxes) > 3000:
        return set()
    out: set[int] = set()
    for i, (x0, y0, x1, y1) in enumerate(boxes):
        for j, (a0, b0, a1, b1) in enumerate(boxes):
            if i != j and x0 <= a0 and a1 <= x1 and y0 <= b0 and b1 <= y1 and (x0, y0, x1, y1) != (a0, b0, a1, b1):
                out.add(i)
                break
    return out


def _group(boxes: list[tuple[float, float, float, float]]) -> list[Table]:
    """Cells sharing a corner form one table; each table gets its grid lines and cell index ranges."""
    frames = _frames(boxes)
    boxes = [bx for i, bx in enumerate(boxes) if i not in frames]
    parent = list(range(len(boxes)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[tuple[float, float], int] = {}
    for i, (x0, y0, x1, y1) in enumerate(boxes):
        for corner in ((x0, y0), (x1, y0), (x0, y1), (x1, y1)):
            j = owner.setdefault(corner, i)
            parent[find(i)] = find(j)
    groups: dict[int, list[tuple[float, float, float, float]]] = {}
    for i, box in enumerate(boxes):
        groups.setdefault(find(i), []).append(box)
    tables: list[Table] = []
    for cells in groups.values():
        if len(cells) < 2:
            continue
        xs = sorted({c[0] for c in cells} | {c[2] for c in cells})
        ys = sorted({c[1] for c in cells} | {c[3] for c in cells})
        xi, yi = {x: k for k, x in enumerate(xs)}, {y: k for k, y in enumerate(ys)}
        tables.append(Table(xs, ys, sorted((yi[y0], yi[y1], xi[x0], xi[x1]) for x0, y0, x1, y1 in cells)))
    tables.sort(key=lambda t: (t.top, t.xs[0]))
    return tables


# ---------------------------------------------------------------------------------------------
# characters → text


def _lines(chars: list[Char]) -> list[list[Char]]:
    """Characters grouped into visual lines (top to bottom), each sorted left to right: a
    character joins the line above when it overlaps that line by half its height or more."""
    lines: list[list[Char]] = []
    spans: list[tuple[float, float]] = []
    for c in sorted(chars, key=lambda c: (c.cy, c.x0)):
        h = max(c.bottom - c.top, 0.1)
        if spans:
            top, bottom = spans[-1]
            if min(bottom, c.bottom) - max(top, c.top) >= 0.5 * min(h, bottom - top):
                lines[-1].append(c)
                if h <= 1.5 * (bottom - top):
                    spans[-1] = (min(top, c.top), max(bottom, c.bottom))
                continue
        lines.append([c])
        spans.append((c.top, c.bottom))
    for line in lines:
        line.sort(key=lambda c: c.x0)
    return lines


def _line_text(line: list[Char]) -> str:
    out: list[str] = []
    prev: Char | None = None
    for c in line:
        gap = 1.0 if c.ch.isdigit() and prev is not None and prev.ch.isdigit() else 0.8
        if prev is not None and c.x0 - prev.x1 > gap * max(c.bottom - c.top, 1.0):
            out.append(" ")
        out.append(c.ch)
        prev = c
    return "".join(out)


def _fields(line: list[Char]) -> list[str]:
    """A line laid out as a table row without ruled lines (tab stops: gaps of an em or more) cut
    into fields; a number is also cut from a label close to it (0.3 em). [] for running text."""
    cuts: list[int] = []
    wide = False
    for k in range(1, len(line)):
        a, c = line[k - 1], line[k]
        gap = (c.x0 - a.x1) / max(c.bottom - c.top, a.bottom - a.top, 1.0)
        if gap >= 1.0:
            cuts.append(k)
            wide = True
        elif gap >= 0.3 and (a.ch.isdigit() or c.ch.isdigit()):
            cuts.append(k)
    if not wide:
        return []
    bounds = [0, *cuts, len(line)]
    fields = [_line_text(line[i:j]).strip() for i, j in zip(bounds, bounds[1:], strict=False)]
    return fields if any(_NUMERIC.match(f) for f in fields) else []


def _cell_text(chars: list[Char]) -> str:
    return "".join(_line_text(line) for line in _lines(chars)).strip()


# ---------------------------------------------------------------------------------------------
# pages → rows


@dataclass
class _Page:
    number: int
    height: float
    tables: list[Table]
    lines: list[Line]
    images: bool


def _read_page(number: int, page, raw) -> _Page:
    x0, y0, x1, y1 = page.get_cropbox()
    view = View(x0, y0, x1 - x0, y1 - y0, page.get_rotation() % 360)
    textpage = page.get_textpage()
    try:
        chars = _chars(textpage, raw, view)
    finally:
        textpage.close()
    tables = [t for t in find_tables(*_segments(page, raw, view)) if len(t.xs) > 2] if chars else []
    loose: list[Char] = []
    for c in chars:
        for t in tables:
            if t.xs[0] <= c.cx <= t.xs[-1] and t.ys[0] <= c.cy <= t.ys[-1]:
                _place(t, c)
                break
        else:
            loose.append(c)
    lines = [Line(_line_text(ln).strip(), min(c.top for c in ln), max(c.bottom for c in ln), _fields(ln))
             for ln in _lines(loose)]
    return _Page(number, view.height, tables, [ln for ln in lines if ln.text], not chars and _has_images(page, raw))


def _place(t: Table, c: Char) -> None:
    """Put a character into the table cell holding its centre."""
    k = t.at.get((bisect_right(t.ys, c.cy) - 1, bisect_right(t.xs, c.cx) - 1))
    if k is not None:
        t.chars.setdefault(k, []).append(c)


def _furniture(pages: list[_Page]) -> set[tuple[int, int]]:
    """(page, line index) of page markers and of headers/footers repeated on two pages or more."""
    out: set[tuple[int, int]] = set()
    seen: dict[str, set[int]] = {}
    where: dict[str, list[tuple[int, int]]] = {}
    for p in pages:
        for i, ln in enumerate(p.lines):
            in_margin = ln.bottom < p.height * _MARGIN or ln.top > p.height * (1 - _MARGIN)
            text = re.sub(r"\s+", "", ln.text)
            if _DASHED_MARK.match(text) or (in_margin and _PAGE_MARK.match(text)):
                out.add((p.number, i))
            elif in_margin:
                key = re.sub(r"\d+", "#", text)
                seen.setdefault(key, set()).add(p.number)
                where.setdefault(key, []).append((p.number, i))
    for key, on in seen.items():
        if len(on) >= 2:
            out.update(where[key])
    return out


def _table_rows(t: Table, page: int, k: int, index: int) -> tuple[list[Row], dict[int, list[RawCell]]]:
    """Grid rows of table ``k`` of ``page`` (``Row.table`` = ``index``), and the RawCells made
    for each PDF cell (its top one first)."""
    texts = {n: _cell_text(t.chars.get(n, [])) for n in range(len(t.cells))}
    made: dict[int, list[RawCell]] = {}
    rows: list[Row] = []
    for r in range(len(t.ys) - 1):
        cells: list[tuple[int, RawCell]] = []
        for n, (r0, r1, c0, _c1) in enumerate(t.cells):
            if r0 <= r < r1:
                cell = RawCell(texts[n], f"page {page} table {k} row {r + 1} col {c0 + 1}", covered=r0 != r)
                made.setdefault(n, []).append(cell)
                cells.append((c0, cell))
        if cells:
            rows.append(Row([c for _, c in sorted(cells, key=lambda x: x[0])], grid=True, table=index))
    return rows, made


_NUMBERED = re.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+\s*[、.．]|\d+\s*[.、．](?!\d))")
_NUMERIC = re.compile(r"^[-+]?\d[\d,，]*(?:\.\d+)?$")


def _continues(prev: Table | None, t: Table) -> bool:
    """Whether ``t`` (first on its page) may go on with ``prev`` (last on the previous page):
    same left and right edges (the columns of the two parts need not all be drawn on both)."""
    return prev is not None and abs(prev.xs[0] - t.xs[0]) <= 2 * SNAP and abs(prev.xs[-1] - t.xs[-1]) <= 2 * SNAP


def _header_rows(rows: list[Row], header: list[list[str]]) -> int:
    """How many leading rows of a continued part repeat the table's header rows."""
    n = 0
    while n < min(len(rows), len(header)) and [c.text for c in rows[n].cells] == header[n]:
        n += 1
    return n


def _stitch(prev: Table, prev_made: dict[int, list[RawCell]], t: Table, made: dict[int, list[RawCell]], h: int) -> None:
    """Join the cells a page break cut in two, looking at the part's first row below its
    repeated header rows (``h`` of them):

    - a row that goes on at the top of the next page: the previous part's last row holds
      numbers, the remainder holds none (its value cells are empty) and no new label;
    - a tall cell split by the break (「（四）无」 + 「法提供」, or an empty remainder), when the
      remainder starts no new label.

    The remainder's cells become covered copies of the joined text."""
    bottom = len(prev.ys) - 1
    above = [(prev.xs[c0], prev.xs[c1], n) for n, (_r0, r1, c0, c1) in enumerate(prev.cells) if r1 == bottom]
    pairs: list[tuple[int, int]] = []
    for n, (r0, _r1, c0, c1) in enumerate(t.cells):
        if r0 != h:
            continue
        m = next((m for a, b, m in above if abs(a - t.xs[c0]) <= 2 * SNAP and abs(b - t.xs[c1]) <= 2 * SNAP), None)
        if m is not None:
            pairs.append((m, n))
    if not pairs:
        return
    prev_text = {m: prev_made[m][0].text for m, _ in pairs}
    text = {n: made[n][0].text for _, n in pairs}
    starts_label = {n: bool(_NUMERIC.match(x) or _NUMBERED.match(x)) for n, x in text.items()}
    row_split = (any(_NUMERIC.match(x) for x in prev_text.values())
                 and all(not text[n] for m, n in pairs if _NUMERIC.match(prev_text[m]))
                 and not any(starts_label.values()))
    for m, n in pairs:
        p0, p1 = prev.cells[m][0], prev.cells[m][1]
        r0, r1 = t.cells[n][0], t.cells[n][1]
        tall = p1 - p0 > 1 or r1 - r0 > 1
        if row_split or (tall and not starts_label[n] and not _NUMERIC.match(prev_text[m])):
            merged = prev_text[m] + text[n]
            for cell in prev_made[m]:
                cell.text = merged
            for cell in made[n]:
                cell.text, cell.covered = merged, True


def build_rows(pages: list[_Page]) -> list[Row]:
    """All pages in reading order: tables and text lines by their position on the page."""
    drop = _furniture(pages)
    rows: list[Row] = []
    tables = 0
    last: tuple[Table, dict[int, list[RawCell]]] | None = None  # the table the previous page ended with
    header: list[list[str]] = []  # the first rows of the current table, as repeated on a new page
    for p in pages:
        blocks: list[tuple[float, int, object]] = [(t.top, 0, t) for t in p.tables]
        blocks += [(ln.top, 1, (i, ln)) for i, ln in enumerate(p.lines) if (p.number, i) not in drop]
        blocks.sort(key=lambda b: (b[0], b[1]))
        k = 0
        ended_with = None
        for pos, (_top, kind, item) in enumerate(blocks):
            if kind == 0:
                assert isinstance(item, Table)
                k += 1
                part, made = _table_rows(item, p.number, k, tables + 1)
                if pos == 0 and last is not None and _continues(last[0], item):
                    for row in part:
                        row.table = tables
                    _stitch(last[0], last[1], item, made, _header_rows(part, header))
                    part = [r for r in part if not all(c.covered for c in r.cells)]
                else:
                    tables += 1
                    header = [[c.text for c in r.cells] for r in part[:4]]
                rows += part
                ended_with = (item, made)
            else:
                i, ln = item  # type: ignore[misc]
                at = f"page {p.number} line {i + 1}"
                if ln.fields:
                    rows.append(Row([RawCell(f, f"{at} col {k}") for k, f in enumerate(ln.fields, 1)], grid=True))
                else:
                    rows.append(Row([RawCell(ln.text, at)], grid=False))
                ended_with = None
        last = ended_with
    return rows


def _open(data: bytes):
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        if "password" in str(e).lower():
            raise ReadError("read.encrypted") from e
        detail = re.sub(r"^Failed to load document \(PDFium: (.*)\)\.?$", r"\1", str(e))[:80]
        raise ReadError("read.corrupt", kind="pdf", detail=messages.phrase("pdf.damaged", detail=detail)) from e


def read(path: Path, data: bytes) -> Document:
    """Read a PDF with a text layer into a Document (``kind`` ``pdf``)."""
    import pypdfium2.raw as raw

    pdf = _open(data)
    notes: list[str] = []
    try:
        n = len(pdf)
        if n > MAX_PAGES:
            notes.append(messages.text("pdf.too_many_pages", n=n, limit=MAX_PAGES))
        pages: list[_Page] = []
        for i in range(min(n, MAX_PAGES)):
            page = pdf[i]
            try:
                pages.append(_read_page(i + 1, page, raw))
            finally:
                page.close()
    finally:
        pdf.close()
    if not any(p.lines or any(t.chars for t in p.tables) for p in pages):
        raise ReadError("read.pdf_scanned")
    scanned = [str(p.number) for p in pages if p.images]
    if scanned:
        notes.append(messages.text("pdf.pages_scanned", pages="、".join(scanned)))
    return Document(str(path), "pdf", build_rows(pages), notes=notes)
