"""Word 97–2003 (.doc) and Kingsoft WPS (.wps) reader: the binary Word family.

The file is an OLE compound file (opened with ``olefile``) holding a ``WordDocument`` stream and
a table stream (``0Table``/``1Table``). No maintained library gives the tables of such a file, so
the one piece written here by hand is what [MS-DOC] calls the piece table:

- the FIB gives the main text length (``ccpText``) and where the piece table (``Clx``) and the
  paragraph and character property tables (``PlcBtePapx``/``PlcBteChpx``) are;
- the pieces give the text, 8-bit (cp1252) or UTF-16, in reading order;
- characters formatted as deleted with changes tracked (``sprmCFRMarkDel``) or hidden
  (``sprmCFVanish``) are left out, so the text is what Word shows with the changes accepted;
- a paragraph whose properties say it is in a table (``sprmPFInTable``, depth ``sprmPItap``) ends
  a cell with ``\\x07``; the paragraph marked as row end (``sprmPFTtp``/``sprmPFInnerTtp``) ends
  the row, and its table definition (``sprmTDefTable``, ``sprmTVertMerge``) gives each cell's
  grid column and vertical merges;
- field codes are dropped and their results kept; other control characters are removed.

Rows come out as the .docx reader gives them: a paragraph → ``paragraph N`` (tab/pipe rows cut
into fields), a table row → ``table T row R col C`` with C the grid column, vertically merged
continuations ``covered``. A nested table's rows are read as rows of their own table. Text boxes
(their paragraphs and tables) are read after the main text, in the order Word keeps them; headers,
footnotes and comments are not read. Every offset is checked against its stream; a malformed table
raises ``ReadError`` (never an endless loop: every loop is bounded by the stream sizes).
"""

from __future__ import annotations

import io
import struct
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path

from .. import messages
from .document import Document, RawCell, ReadError, Row
from .docx import paragraph_rows

messages.register(
    {
        "doc.damaged": ("Word 97-2003 文件结构已损坏（{detail}）", "The Word 97-2003 file structure is damaged ({detail})"),
    }
)

MAX_CHARS = 20_000_000
"""Most characters of text accepted (the document text, not the file size)."""

_CELL = "\x07"
_SAME_EDGE = 30
"""Twips within which two cell edges are the same grid line."""
_SPECIAL_DROP = {"\x01", "\x02", "\x03", "\x04", "\x05", "\x06", "\x08", "\x0e", "\x0f", "\x10", "\x11", "\x12",
                 "\x16", "\x17", "\x18", "\x19", "\x1a", "\x1b", "\x1c", "\x1d", "\x1f"}
# sprm ids ([MS-DOC] 2.6)
_P_IN_TABLE, _P_TTP, _P_ITAP, _P_INNER_TTP, _P_INNER_CELL = 0x2416, 0x2417, 0x6649, 0x244C, 0x244B
_P_HUGE = 0x6646
_C_DEL, _C_VANISH = 0x0800, 0x083C
_T_DEF_TABLE, _T_VERT_MERGE = 0xD608, 0xD62B


def _bad(detail: str) -> ReadError:
    return ReadError("read.corrupt", kind="doc", detail=messages.phrase("doc.damaged", detail=detail))


def _u16(b: bytes, off: int) -> int:
    if off < 0 or off + 2 > len(b):
        raise _bad(f"offset {off}")
    return struct.unpack_from("<H", b, off)[0]


def _u32(b: bytes, off: int) -> int:
    if off < 0 or off + 4 > len(b):
        raise _bad(f"offset {off}")
    return struct.unpack_from("<I", b, off)[0]


def sprms(grpprl: bytes):
    """(sprm, operand bytes) of a property list; stops at the first one that does not fit."""
    i, n = 0, len(grpprl)
    while i + 2 <= n:
        sprm = struct.unpack_from("<H", grpprl, i)[0]
        i += 2
        spra = sprm >> 13
        if spra in (0, 1):
            size = 1
        elif spra in (2, 4, 5):
            size = 2
        elif spra == 3:
            size = 4
        elif spra == 7:
            size = 3
        elif sprm in (_T_DEF_TABLE, 0xD606) and i + 2 <= n:  # 2-byte length, counting itself minus one
            size = struct.unpack_from("<H", grpprl, i)[0] + 1
        elif i < n:
            size = grpprl[i] + 1
        else:
            return
        if i + size > n:
            return
        yield sprm, grpprl[i : i + size]
        i += size


@dataclass(slots=True)
class _Para:
    """Properties of one paragraph that matter for tables."""

    in_table: bool = False
    depth: int = 0
    row_end: bool = False
    inner_row_end: bool = False
    inner_cell: bool = False
    starts: list[int] = field(default_factory=list)
    """Grid boundaries of the row (row-end paragraphs only), twips."""
    merged: list[int] = field(default_factory=list)
    """Per cell: 0 none, 1 starts a vertical merge, 2 continues one."""


def _para_props(grpprl: bytes) -> _Para:
    p = _Para()
    for sprm, op in sprms(grpprl):
        if sprm == _P_IN_TABLE:
            p.in_table = bool(op[0])
            p.depth = max(p.depth, 1 if op[0] else 0)
        elif sprm == _P_ITAP and len(op) >= 2:
            p.depth = min(struct.unpack_from("<H", op)[0], 64)
            p.in_table = p.in_table or p.depth > 0
        elif sprm == _P_TTP:
            p.row_end = bool(op[0])
        elif sprm == _P_INNER_TTP:
            p.inner_row_end = bool(op[0])
        elif sprm == _P_INNER_CELL:
            p.inner_cell = bool(op[0])
        elif sprm == _T_DEF_TABLE and len(op) >= 3:
            body = op[2:]
            itc = min(body[0], 63)
            need = 1 + 2 * (itc + 1)
            if len(body) >= need:
                p.starts = list(struct.unpack_from(f"<{itc + 1}h", body, 1))
                p.merged = [0] * itc
                for k in range(itc):
                    at = need + 20 * k
                    if at + 2 <= len(body):
                        grf = struct.unpack_from("<H", body, at)[0]
                        if grf & 0x20:
                            p.merged[k] = 1 if grf & 0x40 else 2
        elif sprm == _T_VERT_MERGE and len(op) >= 3 and p.merged:
            itc, flag = op[1], op[2]
            if itc < len(p.merged):
                p.merged[itc] = {0: 0, 1: 2, 3: 1}.get(flag, 0)
    return p


class _Props:
    """Paragraph and character properties by file offset (FC), from the FKP pages."""

    def __init__(self, word: bytes, table: bytes, fc_papx: int, lcb_papx: int, fc_chpx: int, lcb_chpx: int) -> None:
        self.word = word
        self.papx = self._runs(table, fc_papx, lcb_papx, papx=True)
        self.chpx = self._runs(table, fc_chpx, lcb_chpx, papx=False)
        self.pa_starts = [r[0] for r in self.papx]
        self.ch_starts = [r[0] for r in self.chpx]

    def _runs(self, table: bytes, fc: int, lcb: int, *, papx: bool) -> list[tuple[int, int, bytes]]:
        """(fc start, fc end, grpprl) runs, sorted."""
        if lcb < 8 or fc + lcb > len(table) or (lcb - 4) % 8:
            return []
        n = (lcb - 4) // 8
        pns = struct.unpack_from(f"<{n}I", table, fc + 4 * (n + 1))
        runs: list[tuple[int, int, bytes]] = []
        w = self.word
        for pn in pns[:4096]:
            page = (pn & 0x3FFFFF) * 512
            if page + 512 > len(w):
                continue
            crun = w[page + 511]
            if crun == 0 or 4 * (crun + 1) + (13 if papx else 1) * crun > 511:
                continue
            fcs = struct.unpack_from(f"<{crun + 1}I", w, page)
            for k in range(crun):
                if papx:
                    boff = w[page + 4 * (crun + 1) + 13 * k] * 2
                    grp = b""
                    if boff:
                        cb = w[page + boff]
                        if cb == 0:
                            size, start = 2 * w[page + boff + 1], page + boff + 2
                        else:
                            size, start = 2 * cb - 1, page + boff + 1
                        grp = w[start : min(start + size, page + 511)][2:]  # after istd
                else:
                    boff = w[page + 4 * (crun + 1) + k] * 2
                    grp = b""
                    if boff:
                        cb = w[page + boff]
                        grp = w[page + boff + 1 : min(page + boff + 1 + cb, page + 511)]
                runs.append((fcs[k], fcs[k + 1], grp))
        runs.sort(key=lambda r: r[0])
        return runs

    @staticmethod
    def _find(runs: list[tuple[int, int, bytes]], starts: list[int], fc: int) -> bytes:
        i = bisect_right(starts, fc) - 1
        if i >= 0 and runs[i][0] <= fc < runs[i][1]:
            return runs[i][2]
        return b""

    def para(self, fc: int) -> bytes:
        return self._find(self.papx, self.pa_starts, fc)

    def chars_run(self, fc: int) -> tuple[bytes, int]:
        """The character properties at ``fc`` and where their run ends (FC)."""
        i = bisect_right(self.ch_starts, fc) - 1
        if i >= 0 and self.chpx[i][0] <= fc < self.chpx[i][1]:
            return self.chpx[i][2], self.chpx[i][1]
        nxt = self.ch_starts[i + 1] if i + 1 < len(self.ch_starts) else fc + 1
        return b"", max(nxt, fc + 1)


def _hidden_chars(grpprl: bytes) -> bool:
    for sprm, op in sprms(grpprl):
        if sprm in (_C_DEL, _C_VANISH) and op[0] in (1, 0x81):
            return True
    return False


def _pieces(table: bytes, fc_clx: int, lcb_clx: int) -> list[tuple[int, int, int, bool]]:
    """(cp start, cp end, fc, compressed) from the Clx."""
    if fc_clx + lcb_clx > len(table) or lcb_clx <= 0:
        raise _bad("Clx")
    i, end = fc_clx, fc_clx + lcb_clx
    while i < end and table[i] == 0x01:  # Prc: property lists for pieces
        i += 3 + _u16(table, i + 1)
    if i >= end or table[i] != 0x02:
        raise _bad("Pcdt")
    lcb = _u32(table, i + 1)
    start = i + 5
    if lcb < 4 or (lcb - 4) % 12 or start + lcb > len(table):
        raise _bad("PlcPcd")
    n = (lcb - 4) // 12
    cps = struct.unpack_from(f"<{n + 1}I", table, start)
    out = []
    for k in range(n):
        fcc = _u32(table, start + 4 * (n + 1) + 8 * k + 2)
        compressed = bool(fcc & 0x40000000)
        fc = fcc & 0x3FFFFFFF
        out.append((cps[k], cps[k + 1], fc // 2 if compressed else fc, compressed))
    return out


def _text(word: bytes, pieces, first: int, end: int, props: _Props) -> tuple[str, list[int]]:
    """The visible text of characters ``first``…``end`` (CPs) and the FC of each character kept."""
    chars: list[str] = []
    fcs: list[int] = []
    hide_cache: dict[bytes, bool] = {}
    if end - first > MAX_CHARS:
        raise ReadError("read.too_large", size=f"{end - first} chars", limit=f"{MAX_CHARS} chars")
    for cp0, cp1, fc, compressed in pieces:
        lo, hi = max(cp0, first), min(cp1, end)
        if lo >= hi:
            continue
        width = 1 if compressed else 2
        at0 = fc + (lo - cp0) * width
        raw = word[at0 : at0 + (hi - lo) * width]
        if len(raw) < (hi - lo) * width:
            raise _bad("piece")
        s = raw.decode("cp1252", errors="replace") if compressed else raw.decode("utf-16-le", errors="replace")
        n, k = hi - lo, 0
        while k < n:  # one character-property run at a time
            at = at0 + k * width
            grp, stop = props.chars_run(at)
            m = min(n, max(k + 1, -(-(stop - at0) // width)))
            hidden = hide_cache.get(grp)
            if hidden is None:
                hidden = hide_cache[grp] = _hidden_chars(grp)
            if not hidden:
                chars.append(s[k:m])
                fcs.extend(range(at, at0 + m * width, width))
            k = m
    return "".join(chars), fcs


def _drop_fields(s: str) -> str:
    """Field codes out, field results kept: ``\\x13code\\x14result\\x15`` → ``result``."""
    out: list[str] = []
    stack: list[bool] = []  # per open field: True while in its code part
    for ch in s:
        if ch == "\x13":
            stack.append(True)
        elif ch == "\x14" and stack:
            stack[-1] = False
        elif ch == "\x15" and stack:
            stack.pop()
        elif not any(stack):
            out.append(ch)
    return "".join(out)


def _clean(s: str) -> str:
    s = _drop_fields(s).replace("\x0b", "\n").replace("\x1e", "-").replace("\xa0", " ")
    return "".join(ch for ch in s if ch not in _SPECIAL_DROP and ch != "\x0c")


class _Builder:
    """Paragraphs and table rows into Document rows, numbered as the .docx reader numbers them:
    tables in order of their start, a nested table's rows right after the row holding it."""

    def __init__(self) -> None:
        self.rows: list[Row] = []
        self.paragraphs = 0
        self.tables = 0
        self.open: list[_Table] = []
        self.pending: list[Row] = []
        """Nested tables' rows, waiting for the outer row they sit in."""
        self.placed: list[tuple[RawCell, int, int, int, int | None]] = []
        """(cell, table, row, cell index, left edge) for numbering grid columns at the end."""
        self.edges: dict[int, set[int]] = {}

    def paragraph(self, text: str) -> None:
        self.close_to(0)
        self.paragraphs += 1
        text = _clean(text)
        if text.strip():
            self.rows += paragraph_rows(text, self.paragraphs)

    def close_to(self, depth: int) -> None:
        del self.open[depth:]
        if depth == 0 and self.pending:
            self.rows += self.pending
            self.pending = []

    def table_paragraph(self, body: str, depth: int, cell_end: bool, row_end: bool, para: _Para) -> None:
        self.close_to(depth)
        while len(self.open) < depth:
            self.tables += 1
            self.open.append(_Table(self.tables))
        tab = self.open[depth - 1]
        if row_end:
            self.emit(tab, depth, para)
        elif cell_end:
            tab.cur.append(body)
            tab.cells.append(_clean("\n".join(tab.cur)).rstrip("\n"))
            tab.cur = []
        else:
            tab.cur.append(body)

    def emit(self, tab: _Table, depth: int, para: _Para) -> None:
        tab.rows += 1
        cells: list[RawCell] = []
        for k, text in enumerate(tab.cells):
            x: int | None = para.starts[k] if k < len(para.starts) - 1 else None
            merge = para.merged[k] if k < len(para.merged) else 0
            if merge == 2:
                cell = RawCell(tab.tops.get(x, text), "", covered=True)
            else:
                cell = RawCell(text, "")
                if merge == 1:
                    tab.tops[x] = text
                else:
                    tab.tops.pop(x, None)
            cells.append(cell)
            self.placed.append((cell, tab.index, tab.rows, k, x))
            if x is not None:
                self.edges.setdefault(tab.index, set()).add(x)
        tab.cells, tab.cur = [], []
        row = Row(cells, grid=True, table=tab.index)
        if depth == 1:
            self.rows.append(row)
            self.rows += self.pending
            self.pending = []
        else:
            self.pending.append(row)

    def finish(self) -> list[Row]:
        """Close what is open and give each cell its source, C being the grid column."""
        self.close_to(0)
        grids = {t: _grid_columns(xs) for t, xs in self.edges.items()}
        for cell, t, r, k, x in self.placed:
            col = grids[t][x] if x is not None and t in grids else k + 1
            cell.source = f"table {t} row {r} col {col}"
        return self.rows


def _grid_columns(xs: set[int]) -> dict[int, int]:
    """Left edge → grid column (1-based) of a table's cells; edges a few twips apart (rounding
    between rows) are the same grid line."""
    out: dict[int, int] = {}
    col, last = 0, None
    for x in sorted(xs):
        if last is None or x - last > _SAME_EDGE:
            col += 1
        out[x] = col
        last = x
    return out


@dataclass(slots=True)
class _Table:
    index: int
    rows: int = 0
    cells: list[str] = field(default_factory=list)
    cur: list[str] = field(default_factory=list)
    tops: dict[int | None, str] = field(default_factory=dict)


def _huge(grpprl: bytes, data: bytes) -> bytes:
    """A paragraph's properties too large for its page are in the Data stream (``sprmPHugePapx``)."""
    for sprm, op in sprms(grpprl):
        if sprm == _P_HUGE and len(op) == 4:
            at = struct.unpack_from("<I", op)[0]
            if at + 2 <= len(data):
                size = struct.unpack_from("<H", data, at)[0]
                return grpprl + data[at + 2 : at + 2 + size]
    return grpprl


def read_word_binary(word: bytes, table: bytes, data: bytes = b"") -> list[list[tuple[str, str, _Para]]]:
    """The paragraphs (text, terminator, table properties) of the main text, then of the text boxes."""
    if len(word) < 0x200 or _u16(word, 0) not in (0xA5EC, 0xA5DC):
        raise _bad("FIB")
    if _u16(word, 0x0A) & 0x0100:
        raise ReadError("read.encrypted")
    csw = _u16(word, 32)
    lw = 34 + 2 * csw
    cslw = _u16(word, lw)
    # ccpText, ccpFtn, ccpHdd, ccpMcr, ccpAtn, ccpEdn, ccpTxbx: the stories in CP order
    ccp = [_u32(word, lw + 2 + 4 * k) if k < cslw else 0 for k in range(3, 10)]
    fclcb = lw + 2 + 4 * cslw + 2
    cb = _u16(word, fclcb - 2)

    def pair(index: int) -> tuple[int, int]:
        if index >= cb:
            return 0, 0
        return _u32(word, fclcb + 8 * index), _u32(word, fclcb + 8 * index + 4)

    fc_clx, lcb_clx = pair(33)
    fc_chpx, lcb_chpx = pair(12)
    fc_papx, lcb_papx = pair(13)
    props = _Props(word, table, fc_papx, lcb_papx, fc_chpx, lcb_chpx)
    pieces = _pieces(table, fc_clx, lcb_clx)
    boxes = sum(ccp[:6])
    stories = [(0, ccp[0]), (boxes, boxes + ccp[6])]
    cache: dict[bytes, _Para] = {}
    out: list[list[tuple[str, str, _Para]]] = []
    for first, end in stories:
        text, fcs = _text(word, pieces, first, end, props)
        paras: list[tuple[str, str, _Para]] = []
        start = 0
        for i, ch in enumerate(text):
            if ch in ("\r", _CELL) or i == len(text) - 1:
                grp = props.para(fcs[i])
                para = cache.get(grp)
                if para is None:
                    para = cache[grp] = _para_props(_huge(grp, data))
                ends = ch in ("\r", _CELL)
                paras.append((text[start : i if ends else i + 1], ch if ends else "", para))
                start = i + 1
        out.append(paras)
    return out


def build_rows(stories: list[list[tuple[str, str, _Para]]]) -> list[Row]:
    """Paragraphs (text, terminator, table properties) of each story into Document rows."""
    b = _Builder()
    for paras in stories:
        b.close_to(0)
        for body, end, para in paras:
            depth = para.depth if para.in_table else 0
            if depth <= 0:
                b.paragraph(body)
                continue
            row_end = para.row_end if depth == 1 else para.inner_row_end
            cell_end = end == _CELL if depth == 1 else (para.inner_cell or end == _CELL)
            b.table_paragraph(body, depth, cell_end, row_end, para)
    return b.finish()


def read(path: Path, data: bytes) -> Document:
    """Read a .doc/.wps file into a Document (``kind`` ``doc``)."""
    import olefile

    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except (OSError, ValueError) as e:
        raise _bad(str(e)[:60]) from e
    with ole:
        if not ole.exists("WordDocument"):
            raise ReadError("doc.not_word", ext=path.suffix.lower() or ".doc")
        word = ole.openstream("WordDocument").read()
        if len(word) < 0x200:
            raise _bad("FIB")
        which = "1Table" if _u16(word, 0x0A) & 0x0200 else "0Table"
        if not ole.exists(which):
            raise _bad(which)
        table = ole.openstream(which).read()
        data_stream = ole.openstream("Data").read() if ole.exists("Data") else b""
    return Document(str(path), "doc", build_rows(read_word_binary(word, table, data_stream)))
