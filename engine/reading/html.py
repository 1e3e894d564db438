"""Web page reader (.html/.htm, and .mhtml/.mht saved pages): tables as grids, the rest as paragraphs.

- a ``<table>`` row → a grid row, one cell per ``<td>/<th>``, source ``table T row R col C``
  (1-based; T counts data tables in document order, C is the grid column where the cell starts).
  A ``colspan`` cell is one cell; the cells a ``rowspan`` covers below its top row repeat its text
  with ``covered=True``; empty and ``&nbsp;`` cells stay, as "".
- a table used for page layout (a cell holding another table, or a single cell) is not a grid:
  its content is read as the page's own flow.
- other text → one plain row per paragraph (block element or ``<br>`` line), source ``paragraph N``.
  Scripts, styles, comments and hidden elements are left out; the page ``<title>`` is paragraph 1.

Decoding: BOM, then ``<meta charset>`` (GB2312/GBK read as GB18030), then the text reader's
detection (UTF-8, GB18030, charset-normalizer). Word-exported HTML (``<o:p>``, conditional
comments) reads like any page. MHTML: the first ``text/html`` part of the MIME archive.
"""

from __future__ import annotations

import codecs
import email
import email.policy
import re
from pathlib import Path

from .. import messages
from .document import Document, RawCell, ReadError, Row
from .text import decode as decode_text

messages.register(
    {
        "html.no_page": ("网页存档（MHTML）中没有 HTML 页面", "The web archive (MHTML) holds no HTML page"),
        "html.attachments": (
            "网页正文中没有表格；报告可能在附件中（{names}），请下载附件后再检查",
            "The page has no table; the report may be in its attachments ({names}): download them and check those",
        ),
    }
)

MAX_SPAN = 200
"""Largest rowspan/colspan honoured (a guard against absurd spans in damaged pages)."""

_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_WS = re.compile(r"[ \t\r\n\f\u00a0\u200b\ufeff]+")
_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030", "cp936": "gb18030",
            "utf8": "utf-8", "unicode": "utf-16"}

_ATTACHMENT = re.compile(r"\.(pdf|docx?|wps|xlsx?|et|zip|rar)(?:[?#].*)?$", re.I)
_BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "section",
          "article", "header", "footer", "nav", "aside", "main", "blockquote", "pre", "form", "center",
          "address", "figure", "figcaption", "caption", "hr", "body", "html", "title"}
_SKIP = {"script", "style", "noscript", "template", "head", "select", "option", "iframe", "object", "svg"}


def decode(data: bytes) -> tuple[str, str]:
    """The page's text and the encoding it was read with."""
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode_text(data)
    m = _META.search(data[:8192])
    if m:
        declared = m.group(1).decode("ascii").lower()
        enc = _ALIASES.get(declared, declared)
        try:
            return data.decode(enc), enc
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration: fall back to detection
    return decode_text(data)


def unpack_mhtml(data: bytes) -> tuple[bytes, str | None]:
    """The HTML part of an MHTML archive (transfer encoding undone) and its declared charset."""
    msg = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in msg.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes) and payload:
                return payload, part.get_content_charset()
    raise ReadError("read.corrupt", kind="mhtml", detail=messages.phrase("html.no_page"))


def _hidden(el) -> bool:
    style = (el.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or el.get("hidden") is not None


def _int_attr(el, name: str) -> int:
    try:
        return max(1, min(MAX_SPAN, int(re.sub(r"\D.*$", "", (el.get(name) or "1").strip()) or 1)))
    except ValueError:
        return 1


def _tag(el) -> str:
    t = el.tag
    return t.lower().rsplit(":", 1)[-1] if isinstance(t, str) else ""


def _rows_of(table) -> list:
    """The ``<tr>`` of a table, through thead/tbody/tfoot, not those of nested tables; hidden
    rows and Word's zero-height column-width row (``<tr height=0>`` of empty cells) left out."""
    out = []
    for ch in table:
        t = _tag(ch)
        if t == "tr":
            out.append(ch)
        elif t in ("thead", "tbody", "tfoot"):
            out.extend(c for c in ch if _tag(c) == "tr")
    return [tr for tr in out if not _hidden(tr) and not (tr.get("height", "").strip() == "0" and not tr.text_content().strip())]


def _cells_of(tr) -> list:
    return [c for c in tr if _tag(c) in ("td", "th")]


def _is_layout(table) -> bool:
    """A table that lays out the page rather than holding data: a cell holds a table, or there is one cell."""
    cells = [c for tr in _rows_of(table) for c in _cells_of(tr)]
    if len(cells) <= 1:
        return True
    return any(next(c.iter("table"), None) is not None for c in cells)


class _Reader:
    def __init__(self) -> None:
        self.rows: list[Row] = []
        self.buf: list[str] = []
        self.paragraphs = 0
        self.tables = 0

    # -- running text
    def flush(self) -> None:
        text = _WS.sub(" ", "".join(self.buf)).strip()
        self.buf = []
        if text:
            self.paragraphs += 1
            self.rows.append(Row([RawCell(text, f"paragraph {self.paragraphs}")], grid=False))

    def flow(self, el) -> None:
        """Read ``el``'s content as running text, tables as grids."""
        if el.text:
            self.buf.append(el.text)
        for ch in el:
            t = _tag(ch)
            if t and t not in _SKIP and not _hidden(ch):
                if t == "table":
                    self.flush()
                    if _is_layout(ch):
                        for tr in _rows_of(ch):
                            for td in _cells_of(tr):
                                self.flow(td)
                                self.flush()
                    else:
                        self.table(ch)
                elif t == "br":
                    self.flush()
                elif t in _BLOCK or t in ("tr", "td", "th"):
                    self.flush()
                    self.flow(ch)
                    self.flush()
                else:
                    self.flow(ch)
            if ch.tail:
                self.buf.append(ch.tail)

    # -- data tables
    def table(self, table) -> None:
        self.tables += 1
        t = self.tables
        below: dict[int, tuple[int, str, int]] = {}  # start column → (rows still covered, top cell's text, colspan)
        nested: list = []
        for r, tr in enumerate(_rows_of(table), 1):
            cells: list[RawCell] = []
            col = 1
            for td in _cells_of(tr):
                col = _cover(cells, below, t, r, col)
                text = _cell_text(td, nested)
                cells.append(RawCell(text, f"table {t} row {r} col {col}"))
                span, down = _int_attr(td, "colspan"), _int_attr(td, "rowspan")
                if down > 1:
                    below[col] = (down - 1, text, span)
                col += span
            col = _cover(cells, below, t, r, col)
            for c in sorted(k for k in below if k > col):  # rowspans reaching past the row's last cell
                if c >= col:
                    col = _cover(cells, below, t, r, c)
            if cells:
                self.rows.append(Row(cells, grid=True, table=t))
            for inner in nested:
                self.table(inner)
            nested = []


def _cover(cells: list[RawCell], below: dict[int, tuple[int, str, int]], t: int, r: int, col: int) -> int:
    """Add the covered cells (one per spanning cell) of rowspans from above that sit at ``col``
    onward; the next free column."""
    while col in below:
        left, text, span = below[col]
        cells.append(RawCell(text, f"table {t} row {r} col {col}", covered=True))
        if left <= 1:
            del below[col]
        else:
            below[col] = (left - 1, text, span)
        col += span
    return col


def _cell_text(td, nested: list) -> str:
    """A cell's visible text: lines from ``<br>`` and block elements, whitespace collapsed, ``&nbsp;`` blank."""
    lines: list[str] = []
    buf: list[str] = []

    def brk() -> None:
        lines.append(_WS.sub(" ", "".join(buf)).strip())
        buf.clear()

    def walk(el) -> None:
        if el.text:
            buf.append(el.text)
        for ch in el:
            t = _tag(ch)
            if t and t not in _SKIP and not _hidden(ch):
                if t == "table":
                    nested.append(ch)
                elif t == "br":
                    brk()
                elif t in _BLOCK:
                    brk()
                    walk(ch)
                    brk()
                else:
                    walk(ch)
            if ch.tail:
                buf.append(ch.tail)

    walk(td)
    brk()
    return "\n".join(x for x in lines if x)


def parse(text: str):
    """The page's element tree (lxml's forgiving HTML parser)."""
    import lxml.html
    from lxml import etree

    text = _XML_DECL.sub("", text, count=1).replace("\x00", "")
    if not text.strip():
        raise ReadError("read.empty")
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, default_doctype=False)
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as e:
        raise ReadError("read.corrupt", kind="html", detail=str(e)[:80]) from e
    return root


def read(path: Path, data: bytes) -> Document:
    """Read a web page (or an MHTML archive) into a Document (``kind`` ``html``)."""
    kind = "html"
    if path.suffix.lower() in (".mht", ".mhtml") or data[:400].lstrip().lower().startswith((b"mime-version", b"from:")):
        kind = "mhtml"
        data, charset = unpack_mhtml(data)
        if charset and not _META.search(data[:8192]):
            data = f'<meta charset="{charset}">'.encode("ascii") + data
    text, encoding = decode(data)
    root = parse(text)
    reader = _Reader()
    title = root.find(".//title")
    if title is not None and (title.text or "").strip():
        reader.buf.append(title.text)
        reader.flush()
    body = root.find("body")
    reader.flow(body if body is not None else root)
    reader.flush()
    notes = []
    if reader.tables == 0:
        names = _attachments(root)
        if names:
            notes.append(messages.text("html.attachments", names="、".join(names[:5])))
    return Document(str(path), kind, reader.rows, encoding=encoding, notes=notes)


def _attachments(root) -> list[str]:
    """Names of linked documents (PDF, Word, Excel, archives) on the page, in order, once each."""
    out: list[str] = []
    for a in root.iter("a"):
        href = (a.get("href") or "").strip()
        if _ATTACHMENT.search(href):
            name = _WS.sub(" ", a.text_content()).strip() or href.rsplit("/", 1)[-1]
            if name not in out:
                out.append(name)
    return out
