"""OpenDocument reader: LibreOffice/WPS ``.odt`` (text) and ``.ods`` (spreadsheet), the default
formats on many Kylin/UOS PCs. Plain zip + lxml (the same hardened parser as the Word reader):
``odfpy`` only wraps the same XML in its own objects and gives nothing more for reading tables.

- ``.odt``: paragraphs, headings, lists, sections and tables in reading order, numbered as the
  .docx reader numbers them (``paragraph N``, ``table T row R col C`` with C the grid column,
  nested tables after the row holding them, vertically merged continuations ``covered``). Text
  and tables in frames, text boxes and shapes (``draw:*``; LibreOffice's ``loext:table`` in a shape)
  are read after the paragraph they are anchored in, once.
  Tracked changes read as accepted: deleted text lives in ``text:tracked-changes``, which is not
  read; inserted text is in the body. Notes, annotations, hidden paragraphs and text in hidden
  character styles are left out.
- ``.ods``: every sheet in order as the .xlsx reader gives it (``sheetgrid``): ``Sheet!B3``,
  merged ranges once per row, numbers from the stored value (``12`` not ``12.00``).

Bounded: repeated rows/columns (``number-*-repeated``, often a million empty ones) are expanded
only where they hold text, and at most ``MAX_CELLS`` cells are produced.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from contextvars import ContextVar
from decimal import Decimal, InvalidOperation
from pathlib import Path

from lxml import etree

from .. import messages
from .document import Document, RawCell, ReadError, Row, corrupt
from .docx import MAX_XML_BYTES, cell_text, paragraph_rows, xml_parser
from .sheetgrid import Merge, grid_rows
from .xlsx import format_number

OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
DRAW = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
LOEXT = "urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0"
_O, _T, _TB, _D, _LO = (f"{{{ns}}}" for ns in (OFFICE, TEXT, TABLE, DRAW, LOEXT))

MAX_CELLS = 500_000

messages.register(
    {
        "odf.not_zip": ("不是有效的 OpenDocument 文件（文件内容不是 zip 压缩包）", "Not a valid OpenDocument file (not a zip package)"),
        "odf.no_content": ("压缩包中没有文档正文（content.xml）", "The package holds no document body (content.xml)"),
        "odf.bad_xml": ("文档正文的 XML 已损坏（{detail}）", "The document body XML is damaged ({detail})"),
        "odf.too_many": ("单元格超过 {limit} 个", "more than {limit} cells"),
    }
)

# paragraph-level elements whose text is not the paragraph's own
_SKIP = {f"{_T}note", f"{_O}annotation", f"{_T}tracked-changes", f"{_T}bookmark-ref", f"{_D}frame",
         f"{_T}hidden-paragraph", f"{_T}hidden-text", f"{_O}annotation-end"}
# block containers whose children are read in order
_BLOCKS = {f"{_T}section", f"{_T}list", f"{_T}list-item", f"{_T}list-header", f"{_T}index-body",
           f"{_T}table-of-content", f"{_T}illustration-index", f"{_T}alphabetical-index", f"{_D}text-box",
           f"{_T}index-title"}
_ROW_GROUPS = {f"{_TB}table-header-rows", f"{_TB}table-rows", f"{_TB}table-row-group"}


def load_content(data: bytes, kind: str) -> etree._Element:
    """``office:body``'s first child (``office:text`` / ``office:spreadsheet``) of the package."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError) as e:
        raise corrupt(kind, "odf.not_zip") from e
    with zf:
        try:
            info = zf.getinfo("content.xml")
        except KeyError as e:
            raise corrupt(kind, "odf.no_content") from e
        if info.file_size > MAX_XML_BYTES:
            raise ReadError("read.too_large", size=f"{info.file_size / 1024 / 1024:.1f} MB",
                            limit=f"{MAX_XML_BYTES // 1024 // 1024} MB")
        try:
            root = etree.fromstring(zf.read(info), xml_parser())
        except etree.XMLSyntaxError as e:
            raise corrupt(kind, "odf.bad_xml", detail=str(e)[:80]) from e
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as e:
            raise corrupt(kind, "odf.bad_xml", detail=str(e)[:60]) from e
    body = root.find(f"{_O}body")
    if body is None or not len(body):
        raise corrupt(kind, "odf.no_content")
    _HIDDEN.set(_hidden_styles(root))
    for el in root.iter(f"{_LO}*"):
        local = el.tag[len(_LO):]
        if local.startswith(("table", "covered-table")):
            el.tag = f"{_TB}{local}"  # LibreOffice writes a table inside a shape as loext:table
    return body[0]


STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
_HIDDEN: ContextVar[frozenset[str]] = ContextVar("_HIDDEN", default=frozenset())
"""Names of the automatic text styles of the document being read that hide their text."""


def _hidden_styles(root: etree._Element) -> frozenset[str]:
    out: set[str] = set()
    auto = root.find(f"{_O}automatic-styles")
    for st in auto if auto is not None else ():
        props = st.find(f"{{{STYLE}}}text-properties")
        if props is not None and props.get(f"{_T}display") == "none":
            out.add(st.get(f"{{{STYLE}}}name", ""))
    return frozenset(out)


def _repeat(el: etree._Element, attr: str, cap: int) -> int:
    try:
        return max(1, min(int(el.get(f"{_TB}{attr}", "1")), cap))
    except ValueError:
        return 1


def paragraph_text(p: etree._Element, frames: list[etree._Element] | None = None) -> str:
    """The visible text of a paragraph or heading; text boxes anchored in it go to ``frames``."""
    out: list[str] = [p.text or ""]
    hidden = _HIDDEN.get()

    def walk(el: etree._Element) -> None:
        for ch in el:
            tag = ch.tag
            if isinstance(tag, str):
                if hidden and ch.get(f"{_T}style-name") in hidden:
                    pass  # hidden text (a character style with text:display="none")
                elif tag.startswith(_D):  # a frame, text box or shape: its text is read after the paragraph
                    if frames is not None:
                        frames.append(ch)
                elif tag in _SKIP:
                    pass
                elif tag == f"{_T}s":
                    try:
                        out.append(" " * max(1, min(int(ch.get(f"{_T}c", "1")), 1000)))
                    except ValueError:
                        out.append(" ")
                elif tag == f"{_T}tab":
                    out.append("\t")
                elif tag == f"{_T}line-break":
                    out.append("\n")
                else:
                    out.append(ch.text or "")
                    walk(ch)
            out.append(ch.tail or "")

    walk(p)
    return "".join(out)


class _TextReader:
    """An ``office:text`` body into rows, numbered as the .docx reader numbers them."""

    def __init__(self) -> None:
        self.rows: list[Row] = []
        self.paragraphs = 0
        self.tables = 0
        self.cells = 0

    def blocks(self, parent: etree._Element) -> None:
        for el in parent:
            tag = el.tag
            if tag in (f"{_T}p", f"{_T}h"):
                self.paragraphs += 1
                frames: list[etree._Element] = []
                text = paragraph_text(el, frames)
                if text.strip():
                    self.rows += paragraph_rows(text, self.paragraphs)
                for frame in frames:
                    self.blocks(frame)
            elif tag == f"{_TB}table":
                self.table(el)
            elif tag in _BLOCKS or (isinstance(tag, str) and tag.startswith(_D)):
                self.blocks(el)

    def table(self, tbl: etree._Element) -> None:
        self.tables += 1
        t = self.tables
        spans: dict[int, tuple[str, int]] = {}  # grid column → (top text, rows still covered below)
        r = 0
        for tr in _rows(tbl):
            for _ in range(_repeat(tr, "number-rows-repeated", 50)):
                r += 1
                cells: list[RawCell] = []
                nested: list[etree._Element] = []
                col = 1
                for tc in tr:
                    if tc.tag not in (f"{_TB}table-cell", f"{_TB}covered-table-cell"):
                        continue
                    for _ in range(_repeat(tc, "number-columns-repeated", 64)):
                        src = f"table {t} row {r} col {col}"
                        if tc.tag == f"{_TB}covered-table-cell":
                            if col in spans:
                                cells.append(RawCell(spans[col][0], src, covered=True))
                            col += 1
                            continue
                        text = self.cell_text(tc, nested)
                        cells.append(RawCell(text, src))
                        down = _repeat(tc, "number-rows-spanned", 10_000) - 1
                        if down > 0:
                            spans[col] = (text, down + 1)
                        col += 1  # the columns it spans follow as covered cells
                        self.count()
                spans = {c: (txt, n - 1) for c, (txt, n) in spans.items() if n > 1}
                self.rows.append(Row(cells, grid=True, table=t))
                for inner in nested:
                    self.table(inner)

    def cell_text(self, tc: etree._Element, nested: list[etree._Element]) -> str:
        return cell_text(tc, nested, {f"{_T}p", f"{_T}h"}, f"{_TB}table", _BLOCKS, paragraph_text)

    def count(self) -> None:
        self.cells += 1
        if self.cells > MAX_CELLS:
            raise corrupt("odt", "odf.too_many", limit=MAX_CELLS)


def _rows(tbl: etree._Element) -> list[etree._Element]:
    out: list[etree._Element] = []
    for ch in tbl:
        if ch.tag == f"{_TB}table-row":
            out.append(ch)
        elif ch.tag in _ROW_GROUPS:
            out.extend(_rows(ch))
    return out


def _sheet_value(tc: etree._Element) -> str:
    vtype = tc.get(f"{_O}value-type")
    if vtype in ("float", "percentage", "currency"):
        try:
            return format_number(Decimal(tc.get(f"{_O}value", "")))
        except InvalidOperation:
            pass
    return "\n".join(paragraph_text(p) for p in tc if p.tag in (f"{_T}p", f"{_T}h"))


def _sheet(tbl: etree._Element, index: int, budget: list[int]) -> list[Row]:
    texts: dict[tuple[int, int], str] = {}
    merges: list[Merge] = []
    r = 0
    for tr in _rows(tbl):
        reps = _repeat(tr, "number-rows-repeated", 1_048_576)
        has_text = any(c.get(f"{_O}value-type") or len(c) for c in tr)
        if not has_text:
            r += reps
            continue
        for _ in range(min(reps, 1000)):
            r += 1
            c = 0
            for tc in tr:
                if tc.tag not in (f"{_TB}table-cell", f"{_TB}covered-table-cell"):
                    continue
                creps = _repeat(tc, "number-columns-repeated", 16_384)
                if tc.tag == f"{_TB}covered-table-cell" or not (len(tc) or tc.get(f"{_O}value-type")):
                    c += creps
                    continue
                text = _sheet_value(tc)
                for _ in range(min(creps, 1024)):
                    c += 1
                    budget[0] -= 1
                    if budget[0] < 0:
                        raise corrupt("ods", "odf.too_many", limit=MAX_CELLS)
                    if text:
                        texts[(r, c)] = text
                    rs = _repeat(tc, "number-rows-spanned", 1_048_576)
                    cs = _repeat(tc, "number-columns-spanned", 16_384)
                    if rs > 1 or cs > 1:
                        merges.append((r, r + rs - 1, c, c + cs - 1))
                c += max(0, creps - 1024)
        r += max(0, reps - 1000)
    return grid_rows(tbl.get(f"{_TB}name", f"Sheet{index}"), index, texts, merges)


def read(path: Path, data: bytes) -> Document:
    """Read an .odt or .ods package (the body's kind decides, not the name)."""
    body = load_content(data, path.suffix.lower().lstrip(".") or "odf")
    if body.tag == f"{_O}spreadsheet":
        rows: list[Row] = []
        budget = [MAX_CELLS]
        for index, tbl in enumerate((t for t in body if t.tag == f"{_TB}table"), 1):
            rows += _sheet(tbl, index, budget)
        return Document(str(path), "ods", rows)
    reader = _TextReader()
    reader.blocks(body)
    return Document(str(path), "odt", reader.rows)
