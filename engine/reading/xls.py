"""Excel 97–2003 (.xls) and Kingsoft ET (.et) reader: BIFF workbooks, read with ``xlrd``.

Chosen after measuring both candidates on the test workbooks converted by LibreOffice and on 4000
randomly damaged copies (bench/bench_legacy.py): ``python-calamine`` is faster (0.06–0.26 ms
against 1.4–2.2 ms per workbook, both negligible next to checking) but a damaged file made it
abort the whole process ("memory allocation of 2576972576400 bytes failed", a Rust abort no
``except`` can catch: the app would close); ``xlrd`` (pure Python, the reference BIFF reader,
maintained for .xls) raised a clean exception on every one. Cells come out as the .xlsx reader gives
them (``sheetgrid``): every sheet in order, source ``Sheet!B3``, merged ranges once per row, numbers
as typed (``12`` not ``12.0``), formulas as the value saved with the file. Merged ranges are clipped
to the cells in use and at most ``MAX_CELLS`` cells are read.
"""

from __future__ import annotations

import io
from pathlib import Path

from .. import messages
from .document import Document, ReadError, Row
from .sheetgrid import Merge, grid_rows
from .xlsx import cell_text

MAX_CELLS = 500_000
"""Most stored cells read from one workbook."""

messages.register(
    {
        "xls.bad": ("Excel 97-2003 文件结构无法解析（{detail}）", "The Excel 97-2003 file structure cannot be parsed ({detail})"),
        "xls.too_large": ("单元格超过 {limit} 个", "more than {limit} cells"),
    }
)


def _bad(detail: str) -> ReadError:
    return ReadError("read.corrupt", kind="xls", detail=messages.phrase("xls.bad", detail=detail[:80]))


def _value(sheet, book, r: int, c: int) -> str:
    import xlrd

    cell = sheet.cell(r, c)
    t = cell.ctype
    if t in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return ""
    if t == xlrd.XL_CELL_NUMBER:
        return cell_text(cell.value)
    if t == xlrd.XL_CELL_BOOLEAN:
        return cell_text(bool(cell.value))
    if t == xlrd.XL_CELL_DATE:
        try:
            return cell_text(xlrd.xldate.xldate_as_datetime(cell.value, book.datemode))
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return cell_text(cell.value)
    if t == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(cell.value, "#ERR")
    return str(cell.value)


def read(path: Path, data: bytes) -> Document:
    """Read a .xls/.et workbook into a Document (``kind`` ``xls``)."""
    import xlrd
    from xlrd.compdoc import CompDocError

    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, ragged_rows=True,
                                  logfile=io.StringIO(), on_demand=False)
    except (xlrd.XLRDError, CompDocError) as e:
        if "encrypted" in str(e).lower():  # xlrd: "Workbook is encrypted"
            raise ReadError("read.encrypted") from e
        raise _bad(str(e)) from e
    rows: list[Row] = []
    budget = MAX_CELLS
    with book:
        for index, sheet in enumerate(book.sheets(), 1):
            texts: dict[tuple[int, int], str] = {}
            for r in range(sheet.nrows):
                n = sheet.row_len(r)
                budget -= n
                if budget < 0:
                    raise ReadError("read.corrupt", kind="xls", detail=messages.phrase("xls.too_large", limit=MAX_CELLS))
                for c in range(n):
                    text = _value(sheet, book, r, c)
                    if text != "":
                        texts[(r + 1, c + 1)] = text
            rows += grid_rows(sheet.name, index, texts, _merges(sheet.merged_cells, texts))
    return Document(str(path), "xls", rows)


def _merges(ranges: list[tuple[int, int, int, int]], texts: dict[tuple[int, int], str]) -> list[Merge]:
    """xlrd's half-open ranges as inclusive 1-based ones, clipped to the cells in use (a damaged file
    may declare a range over the whole sheet)."""
    if not texts:
        return []
    last_row = max(r for r, _ in texts) + 1
    last_col = max(c for _, c in texts) + 1
    out: list[Merge] = []
    for rlo, rhi, clo, chi in ranges[:10_000]:
        r0, r1, c0, c1 = rlo + 1, min(rhi, last_row), clo + 1, min(chi, last_col)
        if r0 <= r1 and c0 <= c1 and r0 <= last_row and c0 <= last_col:
            out.append((r0, r1, c0, c1))
    return out
