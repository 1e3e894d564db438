"""Word (.docx) reader: the document body in reading order, paragraphs and table rows interleaved.

- a non-empty body paragraph → a plain row of one cell, source ``paragraph N`` (N counts every
  body paragraph outside tables, empty ones included, 1-based). A paragraph that is a table row
  pasted as text (tab- or pipe-separated fields) is cut exactly as the text reader cuts such a
  line: a grid row, one cell per field, sources ``paragraph N col I``; so the same table pasted
  into a .txt or a .docx reads the same. Strict Open XML documents are read like transitional ones.
- a table row → a grid row, one cell per Word cell, source ``table T row R col C`` (1-based; T
  counts tables in document order, nested ones included; C is the grid column where the cell
  starts). A horizontally merged cell (``gridSpan``) is one cell; a vertically merged
  continuation (``vMerge``) repeats the top cell's text with ``covered=True``; empty cells stay.
- a table inside a cell → its rows follow the row holding it, under its own table index; its
  text is not repeated in the outer cell.

Tables and paragraphs in text boxes and shapes (inline or floating) are read after the paragraph
they are anchored in, each box once (of Word's two copies of a shape, ``mc:Choice`` and the VML
``mc:Fallback``, only the first), numbered in that order. Hidden text, deleted text and rows of
tracked changes and field codes (their results are kept) are left out. The XML is parsed with lxml from the zip directly, with entity
resolution, DTD loading and network access switched off (``resolve_entities=False, load_dtd=False, no_network=True``), so a crafted file cannot make the
reader fetch or expand anything.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from pathlib import Path

from lxml import etree

from .. import messages
from .document import Document, RawCell, ReadError, Row, corrupt
from .text import split_fields

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_W = f"{{{W}}}"
STRICT_W = b"http://purl.oclc.org/ooxml/wordprocessingml/main"

MAX_XML_BYTES = 200 * 1024 * 1024
"""Largest uncompressed document part accepted (a guard against zip bombs)."""

messages.register(
    {
        "docx.not_zip": ("不是有效的 Word 文件（文件内容不是 zip 压缩包）", "Not a valid Word file (not a zip package)"),
        "docx.no_body": ("压缩包中没有 Word 正文（word/document.xml）", "The package holds no Word body (word/document.xml)"),
        "docx.damaged_zip": ("压缩包中的数据已损坏，无法解压（{detail}）", "Data in the package is damaged and cannot be unpacked ({detail})"),
        "docx.bad_xml": ("Word 正文的 XML 已损坏（{detail}）", "The Word body XML is damaged ({detail})"),
    }
)

_REL_OFFICE = re.compile(r"/officeDocument$")
# containers whose children are block-level content (paragraphs, tables) of the same level
_BLOCK_WRAPPERS = {f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml", f"{_W}ins", f"{_W}moveTo", f"{{{MC}}}AlternateContent",
                   f"{{{MC}}}Choice"}
# subtrees whose text is not the paragraph's own text
_SKIP = {f"{_W}txbxContent", f"{{{MC}}}Fallback", f"{_W}del", f"{_W}moveFrom", f"{_W}delText", f"{_W}instrText",
         f"{_W}tbl", f"{_W}pPr", f"{_W}rPr", f"{_W}footnoteReference", f"{_W}endnoteReference"}


def xml_parser() -> etree.XMLParser:
    """The hardened parser for office XML parts: no entities, no DTD, no network, no huge trees."""
    return etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False, remove_comments=True)


def _corrupt(code: str, **params: object) -> ReadError:
    return corrupt("docx", code, **params)


def main_part(zf: zipfile.ZipFile) -> str:
    """Name of the main document part: from the package relationships, else ``word/document.xml``."""
    names = set(zf.namelist())
    if "_rels/.rels" in names:
        try:
            rels = etree.fromstring(zf.read("_rels/.rels"), xml_parser())
            for rel in rels:
                if _REL_OFFICE.search(rel.get("Type", "")):
                    target = rel.get("Target", "").lstrip("/")
                    target = posixpath.normpath(target)
                    if target in names:
                        return target
        except etree.XMLSyntaxError:
            pass
    if "word/document.xml" in names:
        return "word/document.xml"
    raise _corrupt("docx.no_body")


def load_body(data: bytes) -> etree._Element:
    """The ``w:body`` element of a .docx held in ``data``; ReadError when there is none."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError) as e:
        raise _corrupt("docx.not_zip") from e
    with zf:
        name = main_part(zf)
        info = zf.getinfo(name)
        if info.file_size > MAX_XML_BYTES:
            raise ReadError("read.too_large", size=f"{info.file_size / 1024 / 1024:.1f} MB", limit=f"{MAX_XML_BYTES // 1024 // 1024} MB")
        try:
            root = etree.fromstring(zf.read(name).replace(STRICT_W, W.encode()), xml_parser())
        except etree.XMLSyntaxError as e:
            raise _corrupt("docx.bad_xml", detail=str(e)[:80]) from e
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as e:
            raise _corrupt("docx.damaged_zip", detail=str(e)[:60]) from e
    body = root.find(f"{_W}body")
    if body is None:
        raise _corrupt("docx.no_body")
    return body


def paragraph_text(p: etree._Element) -> str:
    """The visible text of one paragraph: runs, tabs and breaks; no text boxes, deleted or hidden text."""
    out: list[str] = []

    def walk(el: etree._Element) -> None:
        for ch in el:
            tag = ch.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == f"{_W}r" and _hidden(ch):
                continue
            if tag == f"{_W}t":
                out.append(ch.text or "")
            elif tag == f"{_W}tab" or tag == f"{_W}ptab":
                out.append("\t")
            elif tag in (f"{_W}br", f"{_W}cr"):
                out.append("\n")
            elif tag == f"{_W}noBreakHyphen":
                out.append("-")
            else:
                walk(ch)

    walk(p)
    return "".join(out)


def text_boxes(p: etree._Element) -> list[etree._Element]:
    """The text boxes (``w:txbxContent``) anchored in paragraph ``p``, in order, each once: of a
    shape saved twice (``mc:AlternateContent``: the DrawingML ``mc:Choice`` and the VML
    ``mc:Fallback`` copy for old Word) only the Choice is taken; a box inside a box is left to the
    outer box's own reading."""
    out: list[etree._Element] = []

    def walk(el: etree._Element) -> None:
        for ch in el:
            tag = ch.tag
            if tag == f"{_W}txbxContent":
                out.append(ch)
            elif tag == f"{{{MC}}}Fallback" and el.find(f"{{{MC}}}Choice") is not None:
                continue
            elif isinstance(tag, str) and tag not in (f"{_W}del", f"{_W}moveFrom"):
                walk(ch)

    walk(p)
    return out


def _hidden(run: etree._Element) -> bool:
    """A run formatted as hidden text (``w:vanish``)."""
    pr = run.find(f"{_W}rPr")
    v = pr.find(f"{_W}vanish") if pr is not None else None
    return v is not None and v.get(f"{_W}val", "true") not in ("0", "false", "off")


def paragraph_rows(text: str, n: int) -> list[Row]:
    """The rows of body paragraph ``n``: one plain cell; or, when it holds table rows pasted as
    text (tab/pipe-separated fields, possibly one per soft line break), one row per line, each
    cut as the text reader cuts a line (sources ``paragraph N col I`` / ``paragraph N line L col I``)."""
    src = f"paragraph {n}"
    lines = text.split("\n")
    cut = [split_fields(line) for line in lines]
    if not any(f is not None and len(f[0]) > 1 for f in cut):
        return [Row([RawCell(text, src)], grid=False)]
    rows: list[Row] = []
    for k, (line, fields) in enumerate(zip(lines, cut, strict=True), 1):
        at = src if len(lines) == 1 else f"{src} line {k}"
        if fields is not None and len(fields[0]) > 1:
            rows.append(Row([RawCell(f, f"{at} col {i}") for i, f in enumerate(fields[0], 1)], grid=True))
        elif line.strip():
            rows.append(Row([RawCell(line, at)], grid=False))
    return rows


class _Reader:
    def __init__(self) -> None:
        self.rows: list[Row] = []
        self.paragraphs = 0
        self.tables = 0
        self.cells: dict[str, etree._Element] = {}
        """Source (``table T row R col C``) → the ``w:tc`` element it was read from."""

    def blocks(self, parent: etree._Element) -> None:
        for el in parent:
            tag = el.tag
            if tag == f"{_W}p":
                self.paragraphs += 1
                text = paragraph_text(el)
                if text.strip():
                    self.rows += paragraph_rows(text, self.paragraphs)
                for box in text_boxes(el):
                    self.blocks(box)  # tables and paragraphs in text boxes and shapes anchored here
            elif tag == f"{_W}tbl":
                self.table(el)
            elif tag in _BLOCK_WRAPPERS:
                self.blocks(el)

    def table(self, tbl: etree._Element) -> None:
        self.tables += 1
        t = self.tables
        tops: dict[int, str] = {}  # grid column → text of the cell that starts a vertical merge there
        for r, tr in enumerate(_children(tbl, "tr"), 1):
            col = 1
            trpr = tr.find(f"{_W}trPr")
            if trpr is not None:
                if trpr.find(f"{_W}del") is not None:
                    continue  # a row deleted with changes tracked
                col += _int_val(trpr.find(f"{_W}gridBefore"), 0)
            cells: list[RawCell] = []
            nested: list[etree._Element] = []
            for tc in _children(tr, "tc"):
                pr = tc.find(f"{_W}tcPr")
                span = _int_val(pr.find(f"{_W}gridSpan") if pr is not None else None, 1)
                hmerge = pr.find(f"{_W}hMerge") if pr is not None else None
                vmerge = pr.find(f"{_W}vMerge") if pr is not None else None
                if hmerge is not None and hmerge.get(f"{_W}val") != "restart":
                    col += span  # legacy horizontal merge: part of the cell before it
                    continue
                text = self.cell_text(tc, nested)
                src = f"table {t} row {r} col {col}"
                self.cells[src] = tc
                if vmerge is not None and vmerge.get(f"{_W}val") != "restart":
                    cells.append(RawCell(tops.get(col, text), src, covered=True))
                else:
                    cells.append(RawCell(text, src))
                    if vmerge is not None:
                        tops[col] = text
                    else:
                        tops.pop(col, None)
                col += span
            self.rows.append(Row(cells, grid=True, table=t))
            for inner in nested:
                self.table(inner)

    def cell_text(self, tc: etree._Element, nested: list[etree._Element]) -> str:
        return cell_text(tc, nested, {f"{_W}p"}, f"{_W}tbl", _BLOCK_WRAPPERS, paragraph_text)


def cell_text(tc: etree._Element, nested: list[etree._Element], paragraphs: set[str], table: str,
              wrappers: set[str], text_of) -> str:
    """The text of a table cell: its paragraphs (tags ``paragraphs``, read by ``text_of``) one per
    line, looking through ``wrappers``; tables inside it (tag ``table``) go to ``nested``, their text
    not repeated. Trailing empty lines (Word's mandatory paragraph after a nested table) dropped.
    Shared by the Word and OpenDocument readers."""
    parts: list[str] = []

    def walk(parent: etree._Element) -> None:
        for el in parent:
            if el.tag in paragraphs:
                parts.append(text_of(el))
            elif el.tag == table:
                nested.append(el)
            elif el.tag in wrappers:
                walk(el)

    walk(tc)
    while len(parts) > 1 and not parts[-1]:
        parts.pop()
    return "\n".join(parts)


def _children(el: etree._Element, local: str) -> list[etree._Element]:
    """Children named ``w:local``, looking through content controls and custom XML wrappers."""
    out: list[etree._Element] = []
    for ch in el:
        if ch.tag == f"{_W}{local}":
            out.append(ch)
        elif ch.tag in _BLOCK_WRAPPERS:
            out.extend(_children(ch, local))
    return out


def _int_val(el: etree._Element | None, default: int) -> int:
    if el is None:
        return default
    try:
        return max(1 if default else 0, int(el.get(f"{_W}val", default)))
    except ValueError:
        return default


def cells_by_source(body: etree._Element) -> dict[str, etree._Element]:
    """Every table cell of ``body`` by the source the reader gives it, so that a writer (``fix``)
    finds the very element a value was read from, numbered exactly as the reader numbers it."""
    reader = _Reader()
    reader.blocks(body)
    return reader.cells


def read(path: Path, data: bytes) -> Document:
    """Read a .docx file into a Document (``kind`` ``docx``)."""
    reader = _Reader()
    reader.blocks(load_body(data))
    return Document(str(path), "docx", reader.rows)
