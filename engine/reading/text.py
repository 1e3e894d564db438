"""Plain text (and Markdown) reader.

Tables pasted into text arrive flattened in several ways; each line is turned into a row:

- tab-separated line (``规章⇥0⇥0⇥0``)                     → one grid row, a cell per tab field
- pipe-separated line (``规章 | 0 | 0 | ||``)             → one grid row; trailing empty fields are padding,
  except where the line has as many fields as the pipe line before it (its header) and that line
  names the column: ``信息内容 | 本年新 | 本年新 | 对外公开总数量 | |`` then ``规章 | 0 | 0 | ||`` is
  ``规章``, ``0``, ``0`` and an empty third cell
- tab-led lines (``⇥规章`` ``⇥0`` …, blank line between rows) → a blank-line-delimited block is one grid
  row; each tab-led line starts a cell, untabbed lines continue it (labels split over lines); a
  page-number line (``- 4 -``, ``第4页``) between them is the page break of a paged original, left out
- anything else                                            → a plain row of one cell (``grid=False``)
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from .document import Document, RawCell, ReadError, Row

_CJK = re.compile(r"[\u4e00-\u9fff]")
_MD_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


def decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding it was read with. UTF-8 (BOM or not), UTF-16 (BOM, or
    detected from NUL bytes), GB18030/GBK. Raises ReadError when none fits cleanly."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", "utf-8-sig")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", "utf-16")
    head = data[:8000]
    if 0 in head:
        # UTF-16 without BOM: NULs sit in the high byte of ASCII characters (newlines, digits)
        even, odd = head[0::2].count(0), head[1::2].count(0)
        enc = "utf-16-le" if odd > even else "utf-16-be"
        if len(data) % 2 == 0 and max(even, odd) > 4 * min(even, odd):
            text, name = _strict(data, enc, enc)
            if _plausible(text):
                return text, name
        raise ReadError("read.not_text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    if text is not None and _plausible(text):
        return text, "gb18030"
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
    except Exception:  # pragma: no cover - library failure is a read failure
        best = None
    if best is not None and best.encoding and _plausible(str(best)):
        return str(best), best.encoding
    raise ReadError("read.not_text")


def _strict(data: bytes, codec: str, name: str) -> tuple[str, str]:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as e:
        raise ReadError("read.not_text") from e
    if codec == "utf-16" or codec.startswith("utf-16"):
        text = text.lstrip("\ufeff")
    return text, name


def _plausible(text: str) -> bool:
    """A decoding that yields mostly CJK, ASCII and punctuation, with no control garbage."""
    if not text:
        return True
    bad = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\t\r\n\f") or 0xE000 <= ord(ch) <= 0xF8FF)
    if bad > len(text) // 200 + 2:
        return False
    rare = sum(1 for ch in text if ord(ch) > 0x7F and not _CJK.match(ch) and not 0x3000 <= ord(ch) <= 0x303F
               and not 0xFF00 <= ord(ch) <= 0xFFEF and not 0x2000 <= ord(ch) <= 0x206F and ch not in "\u00a0·×")
    return rare <= len(text) // 20 + 2


PAGE_MARK = re.compile(
    r"^\s*(?:[-—–－~]+\s*\d{1,3}\s*[-—–－~]+|第\s*\d{1,3}\s*页(?:\s*共\s*\d{1,3}\s*页)?|\d{1,3}\s*/\s*\d{1,3})\s*$"
)
"""A page-number line of a paged original: ``- 4 -``, ``—4—``, ``第4页``, ``第4页共9页``, ``4/9``; the reader drops
it between cells, the locator and the prose pass over it (PDFs have their own, looser margin test)."""


def pipe_fields(body: str) -> list[str]:
    """The fields of a pipe line as separated, padding included (a Markdown lead ``|`` dropped)."""
    fields = body.split("|")
    if fields and not fields[0].strip():
        fields = fields[1:]  # Markdown ``| a | b |``
    return fields


def split_fields(line: str, named: list[bool] | None = None) -> tuple[list[str], str] | None:
    """Fields of a tab- or pipe-separated table line, with the separator; None for a plain line.

    ``named``: for the pipe line before (``named_columns``), which of its fields name a column.
    Empty fields at the end are padding, unless this line holds values and is cut exactly like the
    line before, and that line names the column: then the empty field is an empty cell."""
    body = line.rstrip("\r\n")
    if "\t" in body.strip("\t") or (not body.startswith("\t") and "\t" in body):
        return body.split("\t"), "tab"
    if body.count("|") >= 2 and not _MD_RULE.match(body):
        fields = pipe_fields(body)
        aligned = _aligned(fields, named)
        while fields and not fields[-1].strip():
            if aligned and named is not None and named[len(fields) - 1]:
                break  # the line above names this column: an empty cell, not padding
            fields.pop()  # padding such as ``| |`` at the end of the line
        return [f.strip() for f in fields], "pipe"
    return None


def _aligned(fields: list[str], named: list[bool] | None) -> bool:
    return named is not None and len(named) == len(fields) and any(f.strip() for f in fields[1:])


def named_columns(line: str, named: list[bool] | None) -> list[bool]:
    """Which fields of pipe ``line`` name a column: its own non-empty fields, and those named by
    the line before when the two are cut alike (rows under one header carry it down)."""
    fields = pipe_fields(line.rstrip("\r\n"))
    own = [bool(f.strip()) for f in fields]
    if _aligned(fields, named):
        assert named is not None
        return [a or b for a, b in zip(own, named, strict=True)]
    return own


def to_rows(text: str) -> list[Row]:
    """Cut decoded text into rows (see the module docstring)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    rows: list[Row] = []
    block: list[RawCell] | None = None  # the tab-led block being built
    named: list[bool] | None = None  # which fields of the pipe line just before name a column
    table = 0

    def close_block() -> None:
        nonlocal block
        if block:
            rows.append(Row(block, grid=True, table=table))
        block = None

    for n, line in enumerate(lines, 1):
        src = f"line {n}"
        if not line.strip(" \u3000\u00a0\r"):
            close_block()  # a blank line ends a tab-led row; a line holding only a tab is an empty cell (below)
            continue
        if line.startswith("\t") and "\t" not in line[1:].rstrip("\t"):
            # tab-led cell line (one cell per line, the tab marks the cell start)
            if block is None:
                block = []
            block.append(RawCell(line[1:].rstrip("\t"), src))
            continue
        if block is not None and "\t" not in line:
            if PAGE_MARK.match(line):
                continue  # a page break of the original fell between two cells
            if block:
                last = block[-1]
                block[-1] = RawCell(f"{last.text}\n{line}" if last.text else line, last.source)
            else:
                block.append(RawCell(line, src))
            continue
        close_block()
        if _MD_RULE.match(line):
            continue  # Markdown table rule ``|---|---|``: layout, not content
        fields = split_fields(line, named)
        named = named_columns(line, named) if fields is not None and fields[1] == "pipe" else None
        if fields is None:
            rows.append(Row([RawCell(line, src)], grid=False))
            continue
        cells, _sep = fields
        rows.append(Row([RawCell(c, f"{src} col {i}" if len(cells) > 1 else src) for i, c in enumerate(cells, 1)],
                        grid=True, table=table))
    close_block()
    return rows


def read(path: Path, data: bytes) -> Document:
    """Read a text file into a Document (``kind`` ``txt``)."""
    text, encoding = decode(data)
    if "\x00" in text:
        raise ReadError("read.not_text")
    return Document(str(path), "txt", to_rows(text), encoding=encoding)
