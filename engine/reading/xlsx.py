"""Excel (.xlsx) reader: every sheet in order, every sheet row a grid row.

- source ``Sheet!B3`` (sheet names quoted as Excel does: ``'My Sheet'!B3``); ``Row.table`` is the
  sheet's position (1-based, like Word's table numbers). Hidden rows and columns are read like
  the others.
- a row runs from the sheet's first to its last used column, empty cells kept; rows with no
  content at all are left out.
- merged range: the top-left cell carries the text, once per row: the rest of its first row is
  omitted (one cell for the merge, like a Word gridSpan), each row below holds one ``covered``
  copy at the range's first column.
- numbers: ``12`` for integers and integral floats, else the shortest form without float noise
  (``987.036``); numbers stored as text stay as typed.
- formulas: the value Excel saved with the file; when none was saved (files written by programs),
  simple formulas (SUM of ranges, + and − of cells and numbers) are computed from the saved
  values as Excel would (SUM skips text, + converts numeric text); otherwise the formula text
  itself is the cell text (so it reads as invalid, never as blank). Both cases are noted in
  ``Document.notes``.

Loading: the parts are read straight from their XML with lxml (``xlsx_package``, a few ms); a
file holding what only openpyxl's full workbook model reproduces (shared or array formulas, dates,
odd package layouts, anything damaged) is loaded with openpyxl instead, so both give the same
cells and a damaged file the same message.

XML safety: lxml with ``resolve_entities=False``, no network, no DTD loading; a part declaring a DTD
or entities goes to openpyxl, which parses workbook parts with lxml ``resolve_entities=False`` and
sheet data with the standard library's expat (no external entities, entity-expansion limits) and
refuses it as damaged. Memory: each sheet's cells (stored cells plus the area of merged ranges, for
which openpyxl makes one object each) are counted by streaming the sheet XML before loading; sheets
over ``MAX_CELLS`` are refused.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

from lxml.etree import XMLSyntaxError

from .. import messages
from .document import Document, ReadError, Row, corrupt
from .sheetgrid import column_index, grid_rows, sheet_ref  # noqa: F401  (sheet_ref: also this reader's name for it)

MAX_CELLS = 200_000
"""Largest sheet accepted, in stored cells (openpyxl keeps every cell in memory)."""
MAX_XML_BYTES = 300 * 1024 * 1024
"""Largest total uncompressed size of the worksheet parts (checked before loading)."""

messages.register(
    {
        "xlsx.not_zip": ("不是有效的 Excel 文件（文件内容不是 zip 压缩包）", "Not a valid Excel file (not a zip package)"),
        "xlsx.no_workbook": ("压缩包中没有 Excel 工作簿（xl/workbook.xml）", "The package holds no Excel workbook (xl/workbook.xml)"),
        "xlsx.damaged_zip": ("压缩包中的数据已损坏，无法解压（{detail}）", "Data in the package is damaged and cannot be unpacked ({detail})"),
        "xlsx.bad_xml": ("Excel 文件中的 XML 已损坏或含有不允许的实体声明（{detail}）",
                         "The Excel file's XML is damaged or declares entities ({detail})"),
        "xlsx.bad": ("Excel 文件结构无法解析（{detail}）", "The Excel file's structure cannot be parsed ({detail})"),
        "xlsx.sheet_too_large": ("工作表“{sheet}”有 {n} 个单元格", "sheet '{sheet}' has {n} cells"),
        "xlsx.cell_limit": ("每个工作表 {limit} 个单元格", "{limit} cells per sheet"),
        "xlsx.formula_computed": (
            "工作表“{sheet}”中有 {n} 个公式没有保存计算结果（文件可能由程序生成、未在 Excel 中保存过），已按公式算出：{cells}",
            "{n} formulas in sheet '{sheet}' have no saved result (the file was probably written by a program); computed: {cells}",
        ),
        "xlsx.formula_uncomputed": (
            "工作表“{sheet}”中有 {n} 个公式没有保存计算结果，也无法自动计算，按公式原文显示：{cells}。请在 Excel/WPS 中打开并保存后再检查",
            "{n} formulas in sheet '{sheet}' have no saved result and cannot be computed; shown as formula text: {cells}. Open and save the file in Excel/WPS and check again",
        ),
    }
)

_REF = r"(?:(?:'(?:[^']|'')+'|[^\s'!:(),+\-*/=]+)!)?\$?[A-Z]{1,3}\$?\d{1,7}"
_TOKEN = re.compile(
    rf"\s*(?:(?P<sum>SUM)\s*\(|(?P<range>{_REF}\s*:\s*\$?[A-Z]{{1,3}}\$?\d{{1,7}})|(?P<ref>{_REF})|(?P<num>\d+(?:\.\d+)?)"
    r"|(?P<op>[+\-,()]))",
    re.IGNORECASE,
)


_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")


def format_number(v: int | float | Decimal) -> str:
    """A number as a clerk typed it: ``12`` not ``12.0``, ``987.036`` not ``987.0360000000001``."""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if v != v or v in (float("inf"), float("-inf")):
            return str(v)
        if v.is_integer() and abs(v) < 1e16:
            return str(int(v))
        s = f"{v:.15g}"
        if "e" in s or "E" in s:
            s = format(Decimal(s), "f")
        return s
    d = v.normalize()
    return format(d, "f")


def cell_text(v: Any) -> str:
    """Display text of a stored cell value."""
    if v is None:
        return ""
    if isinstance(v, bool | int | float | Decimal):
        return format_number(v)
    if isinstance(v, datetime):
        return v.date().isoformat() if v.time() == time(0) else v.isoformat(sep=" ")
    if isinstance(v, date | time):
        return v.isoformat()
    text = getattr(v, "text", None)  # ArrayFormula
    if isinstance(text, str):
        return text
    return str(v)


def _split(ref: str) -> tuple[str | None, int, int]:
    """(sheet or None, row, col) of ``Sheet!$B$3``."""
    sheet = None
    if "!" in ref:
        sheet, ref = ref.rsplit("!", 1)
        if sheet.startswith("'"):
            sheet = sheet[1:-1].replace("''", "'")
    m = re.fullmatch(r"\$?([A-Za-z]{1,3})\$?(\d+)", ref.strip())
    if not m:
        raise ValueError(ref)
    return sheet, int(m.group(2)), column_index(m.group(1))


class _Formulas:
    """Computes simple formulas without a cached value from the workbook's cached values."""

    def __init__(self, wb_values: Any, wb_formulas: Any) -> None:
        self.values = wb_values
        self.formulas = wb_formulas
        self.busy: set[tuple[str, int, int]] = set()

    def value(self, sheet: str, row: int, col: int, in_sum: bool = False) -> Decimal:
        """Number at a cell as Excel uses it: blank = 0; inside SUM text and TRUE/FALSE are
        ignored, in + and − numeric text is converted; ValueError where Excel shows an error."""
        key = (sheet, row, col)
        if sheet not in self.values.sheetnames:
            raise ValueError(sheet)
        cell = self.values[sheet]._cells.get((row, col))
        v = cell.value if cell is not None else None
        if v is None:
            f = self.formulas[sheet]._cells.get((row, col))
            if f is not None and _is_formula(f):
                if key in self.busy:
                    raise ValueError("cycle")
                self.busy.add(key)
                try:
                    return self.compute(sheet, cell_text(f.value))
                finally:
                    self.busy.discard(key)
            if f is None or f.value is None:
                return Decimal(0)
            cell, v = f, f.value
        if cell.data_type == "e":
            raise ValueError(str(v))
        if isinstance(v, int | float | Decimal) and not isinstance(v, bool):
            return Decimal(format_number(v))
        if in_sum:
            return Decimal(0)
        if isinstance(v, str) and _PLAIN_NUMBER.fullmatch(v.strip()):
            return Decimal(v.strip())
        raise ValueError("not a number")

    def compute(self, sheet: str, formula: str) -> Decimal:
        """Value of ``=SUM(B3:B9)``, ``=B3+C3-D3``, ``=SUM(B3,C3)+2`` …; ValueError otherwise."""
        tokens = self._tokens(formula[1:])
        pos = 0

        def sum_arg() -> Decimal:
            nonlocal pos
            kind, text = tokens[pos] if pos < len(tokens) else ("", "")
            follows = tokens[pos + 1] if pos + 1 < len(tokens) else ("", "")
            if kind in ("ref", "range") and follows in (("op", ","), ("op", ")")):
                pos += 1
                if kind == "range":
                    return self.range_sum(sheet, text)
                s, r, c = _split(text)
                return self.value(s or sheet, r, c, in_sum=True)
            return expr()

        def term() -> Decimal:
            nonlocal pos
            sign = Decimal(1)
            while pos < len(tokens) and tokens[pos] in (("op", "+"), ("op", "-")):
                if tokens[pos][1] == "-":
                    sign = -sign
                pos += 1
            if pos >= len(tokens):
                raise ValueError("end")
            kind, text = tokens[pos]
            pos += 1
            if kind == "num":
                return sign * Decimal(text)
            if kind == "ref":
                s, r, c = _split(text)
                return sign * self.value(s or sheet, r, c)
            if kind == "sum":
                total = Decimal(0)
                while True:
                    total += sum_arg()
                    if pos < len(tokens) and tokens[pos] == ("op", ","):
                        pos += 1
                        continue
                    break
                if pos >= len(tokens) or tokens[pos] != ("op", ")"):
                    raise ValueError(")")
                pos += 1
                return sign * total
            if (kind, text) == ("op", "("):
                v = expr()
                if pos >= len(tokens) or tokens[pos] != ("op", ")"):
                    raise ValueError(")")
                pos += 1
                return sign * v
            raise ValueError(text)

        def expr() -> Decimal:
            nonlocal pos
            total = term()
            while pos < len(tokens) and tokens[pos] in (("op", "+"), ("op", "-")):
                neg = tokens[pos][1] == "-"
                pos += 1
                v = term()
                total = total - v if neg else total + v
            return total

        result = expr()
        if pos != len(tokens):
            raise ValueError("trailing")
        return result

    def range_sum(self, sheet: str, text: str) -> Decimal:
        a, b = (t.strip() for t in text.split(":"))
        s, r1, c1 = _split(a)
        _, r2, c2 = _split(b)
        if (abs(r2 - r1) + 1) * (abs(c2 - c1) + 1) > MAX_CELLS:
            raise ValueError("range too large")
        total = Decimal(0)
        for r in range(min(r1, r2), max(r1, r2) + 1):
            for c in range(min(c1, c2), max(c1, c2) + 1):
                total += self.value(s or sheet, r, c, in_sum=True)
        return total

    @staticmethod
    def _tokens(body: str) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        pos = 0
        body = body.strip()
        while pos < len(body):
            m = _TOKEN.match(body, pos)
            if not m or m.end() == pos:
                raise ValueError(body[pos:])
            kind = m.lastgroup or ""
            out.append((kind, m.group(kind).upper() if kind != "ref" else m.group(kind)))
            pos = m.end()
            while pos < len(body) and body[pos].isspace():
                pos += 1
        return out


def _corrupt(code: str, **params: object) -> ReadError:
    return corrupt("xlsx", code, **params)


def _check_package(data: bytes) -> None:
    """A zip holding a workbook whose sheets are small enough to load: each sheet's cells are
    counted by streaming its XML before openpyxl builds anything in memory."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, EOFError) as e:
        raise _corrupt("xlsx.not_zip") from e
    try:
        with zf:
            names = set(zf.namelist())
            if "xl/workbook.xml" not in names and "[Content_Types].xml" not in names:
                raise _corrupt("xlsx.no_workbook")
            parts = [i for i in zf.infolist() if re.fullmatch(r"xl/worksheets/[^/]+\.xml", i.filename)]
            total = sum(i.file_size for i in parts)
            if total > MAX_XML_BYTES:
                raise ReadError("read.too_large", size=f"{total / 1024 / 1024:.0f} MB XML",
                                limit=f"{MAX_XML_BYTES // 1024 // 1024} MB XML")
            for info in parts:
                n = _count_cells(zf, info.filename)
                if n > MAX_CELLS:
                    name = _sheet_names(zf).get(info.filename, info.filename)
                    raise ReadError("read.too_large", size=messages.phrase("xlsx.sheet_too_large", sheet=name, n=f">{MAX_CELLS}"),
                                    limit=messages.phrase("xlsx.cell_limit", limit=MAX_CELLS))
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as e:
        raise _corrupt("xlsx.damaged_zip", detail=_short(e)) from e


_CELL_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s>/]")
_MERGE_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?mergeCell\s+ref=\"\$?([A-Z]{1,3})\$?(\d{1,7}):\$?([A-Z]{1,3})\$?(\d{1,7})\"")


def _count_cells(zf: zipfile.ZipFile, name: str) -> int:
    """Cells openpyxl would create for a sheet part: its ``<c>`` elements plus the area of its
    merged ranges (openpyxl makes an object for every merged cell). Read in chunks; stops past
    ``MAX_CELLS``."""
    n = 0
    tail = b""
    with zf.open(name) as f:
        while n <= MAX_CELLS:
            chunk = f.read(1 << 20)
            if not chunk:
                break
            buf = tail + chunk
            n += sum(1 for m in _CELL_TAG.finditer(buf) if m.end() > len(tail))
            for m in _MERGE_TAG.finditer(buf):
                if m.end() > len(tail):
                    c1, r1, c2, r2 = m.groups()
                    n += (abs(int(r2) - int(r1)) + 1) * (abs(column_index(c2.decode()) - column_index(c1.decode())) + 1) - 1
            tail = buf[-96:]
    return n


def _sheet_names(zf: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet part name → sheet title, from the workbook and its relationships (best effort)."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True)
    try:
        rels = etree.fromstring(zf.read("xl/_rels/workbook.xml.rels"), parser)
        target = {r.get("Id"): "xl/" + r.get("Target", "").lstrip("/").removeprefix("xl/") for r in rels}
        wb = etree.fromstring(zf.read("xl/workbook.xml"), parser)
    except (KeyError, etree.XMLSyntaxError):
        return {}
    rid = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    return {target.get(s.get(rid), ""): s.get("name", "") for s in wb.iter("{*}sheet")}


def _short(e: BaseException) -> str:
    s = str(e).strip() or type(e).__name__
    return s if len(s) <= 100 else s[:97] + "…"


def _load(data: bytes, data_only: bool) -> Any:
    import openpyxl

    return openpyxl.load_workbook(io.BytesIO(data), read_only=False, data_only=data_only, keep_links=False, keep_vba=False)


def _is_formula(cell: Any) -> bool:
    return cell.data_type == "f"


def _load_fast(data: bytes) -> tuple[Any, Any] | None:
    """(formulas, saved values) read straight from the XML (``xlsx_package``), or None when the
    file needs openpyxl's full model (see there)."""
    from . import xlsx_package

    try:
        wb, values = xlsx_package.load(data)
    except Exception:  # Unsupported, or damaged: openpyxl reads it, or says why it cannot
        return None
    for ws in wb.worksheets:  # the cells openpyxl would hold, merged areas included
        n = len(ws._cells) + sum((r2 - r1 + 1) * (c2 - c1 + 1) - 1 for r1, c1, r2, c2 in ws.merged)
        if n > MAX_CELLS:
            return None
    return wb, values


def read(path: Path, data: bytes) -> Document:
    """Read an .xlsx file into a Document (``kind`` ``xlsx``)."""
    _check_package(data)
    fast = _load_fast(data)
    if fast is not None:
        wb, cached = fast
        if not any(_is_formula(c) for ws in wb.worksheets for c in ws._cells.values()):
            cached = None
    else:
        wb, cached = _load_openpyxl(data)
    doc = Document(str(path), "xlsx")
    formulas = _Formulas(cached, wb) if cached is not None else None
    for index, ws in enumerate(wb.worksheets):
        doc.rows += _sheet_rows(ws, index + 1, cached[ws.title] if cached is not None else None, formulas, doc.notes)
    return doc


def _load_openpyxl(data: bytes) -> tuple[Any, Any]:
    """(formulas, saved values or None when there are no formulas) through openpyxl's full load."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about unsupported extensions, data validation …
        from openpyxl.utils.exceptions import InvalidFileException

        try:
            wb = _load(data, data_only=False)
        except (InvalidFileException, OSError) as e:
            raise _corrupt("xlsx.no_workbook") from e
        except (ParseError, XMLSyntaxError) as e:
            raise _corrupt("xlsx.bad_xml", detail=_short(e)) from e
        except (zlib.error, zipfile.BadZipFile, EOFError) as e:
            raise _corrupt("xlsx.damaged_zip", detail=_short(e)) from e
        except (KeyError, ValueError, TypeError, IndexError, AttributeError) as e:
            raise _corrupt("xlsx.bad", detail=_short(e)) from e
        for ws in wb.worksheets:  # the streamed count missed a writer's odd markup: refuse after all
            if len(ws._cells) > MAX_CELLS:
                raise ReadError(
                    "read.too_large",
                    size=messages.phrase("xlsx.sheet_too_large", sheet=ws.title, n=len(ws._cells)),
                    limit=messages.phrase("xlsx.cell_limit", limit=MAX_CELLS),
                )
        has_formulas = any(_is_formula(c) for ws in wb.worksheets for c in ws._cells.values())
        return wb, (_load(data, data_only=True) if has_formulas else None)


def _merged(ws: Any) -> list[tuple[int, int, int, int]]:
    """Merged ranges as (min_row, min_col, max_row, max_col), from either loader's sheet."""
    if hasattr(ws, "merged"):
        return ws.merged
    return [(mr.min_row, mr.min_col, mr.max_row, mr.max_col) for mr in ws.merged_cells.ranges]


def _sheet_rows(ws: Any, index: int, cached: Any, formulas: _Formulas | None, notes: list[str]) -> list[Row]:
    texts: dict[tuple[int, int], str] = {}
    computed: list[str] = []
    uncomputed: list[str] = []
    for (r, c), cell in ws._cells.items():
        v = cell.value
        if _is_formula(cell):
            cv = cached._cells.get((r, c)) if cached is not None else None
            cv = cv.value if cv is not None else None
            if cv is not None:
                texts[(r, c)] = cell_text(cv)
                continue
            ftext = cell_text(v)
            try:
                assert formulas is not None
                texts[(r, c)] = format_number(formulas.compute(ws.title, ftext))
                computed.append(cell.coordinate)
            except (ValueError, ArithmeticError, InvalidOperation, KeyError, AssertionError):
                texts[(r, c)] = ftext
                uncomputed.append(cell.coordinate)
            continue
        if v is not None:
            texts[(r, c)] = cell_text(v)
    for code, cells in (("xlsx.formula_computed", computed), ("xlsx.formula_uncomputed", uncomputed)):
        if cells:
            shown = "、".join(cells[:12]) + ("…" if len(cells) > 12 else "")
            notes.append(messages.text(code, sheet=ws.title, n=len(cells), cells=shown))

    merges = [(r0, r1, c0, c1) for r0, c0, r1, c1 in _merged(ws)]
    return grid_rows(ws.title, index, texts, merges)
