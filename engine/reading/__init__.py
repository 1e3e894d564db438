"""Reading: one reader per file type, each turning a file into a ``Document`` (rows of raw cells,
each knowing where it came from), the intermediate form everything after reading shares.

``read_document(path)`` picks the reader by the file's content first and its name second,
and turns every failure into a ``ReadError`` with a catalogue code (never a traceback).
``document`` holds the ``Document`` model; ``text``, ``docx``, ``doc`` (.doc/.wps), ``xlsx``, ``xls``
(.xls/.et), ``odf`` (.odt/.ods), ``pdf`` and ``html`` the readers; ``sheetgrid`` turns a sheet's
cells and merged ranges into rows. An OLE or zip file is given to the reader its content calls
for, whatever its name. May use the shared core (``model``, ``formats``, ``messages``) only.
"""

from __future__ import annotations

import importlib
import os
import re
import stat
from pathlib import Path

from .. import messages
from .document import Document, ReadError

messages.register(
    {
        "read.not_regular": (
            "这不是普通文件（可能是设备或管道），不能检查：{path}",
            "Not a regular file (a device or a pipe?), cannot be checked: {path}",
        ),
        "read.rtf_ext": ("{ext}（RTF）", "{ext} (RTF)"),
        "read.lock_file": (
            "“{name}”是 Word/WPS/Excel 打开文档时自动生成的临时文件（锁定文件），不是报告本身；"
            "请检查同一文件夹中不带“~$”的原文件",
            "'{name}' is a temporary lock file that Word/WPS/Excel create while a document is open, not the report; "
            "check the original file (without '~$') in the same folder",
        ),
        "read.folder_unreadable": (
            "无法打开这个文件夹（没有权限或已被移走），其中的文件未检查：{path}",
            "Cannot open this folder (no permission, or moved away); the files in it were not checked: {path}",
        ),
        "doc.not_word": (
            "这个 {ext} 文件不是 Word/WPS 文字格式（可能是其他软件的文件），无法读取。"
            "请用 WPS 文字或 Word 打开它，选择「文件 → 另存为」，保存类型选「Word 文档（*.docx）」后再检查",
            "This {ext} file is not in the Word/WPS Writer format (another program's file?) and cannot be read. "
            "Open it in WPS Writer or Word, choose File → Save As, type \"Word Document (*.docx)\", and check that copy",
        ),
        "xls.not_excel": (
            "这个 {ext} 文件不是 Excel/WPS 表格格式（可能是其他软件的文件），无法读取。"
            "请用 WPS 表格或 Excel 打开它，选择「文件 → 另存为」，保存类型选「Excel 工作簿（*.xlsx）」后再检查",
            "This {ext} file is not in the Excel/WPS Spreadsheets format (another program's file?) and cannot be read. "
            "Open it in WPS Spreadsheets or Excel, choose File → Save As, type \"Excel Workbook (*.xlsx)\", and check that copy",
        ),
        "filter.all": ("所有可检查的文件", "All files that can be checked"),
        "filter.word": ("Word/WPS 文字文档", "Word/WPS Writer documents"),
        "filter.excel": ("Excel/WPS 表格", "Excel/WPS spreadsheets"),
        "filter.pdf": ("PDF 文件", "PDF files"),
        "filter.web": ("网页", "Web pages"),
        "filter.text": ("文本文件", "Text files"),
    }
)

MAX_BYTES = 64 * 1024 * 1024
"""Files larger than this are refused with a message (see ``read.too_large``)."""

# extension → module in this package providing ``read(path: Path, data: bytes) -> Document``
READERS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".csv": "text",
    ".md": "text",
    ".docx": "docx",
    ".docm": "docx",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".pdf": "pdf",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".mhtml": "html",
    ".mht": "html",
    ".doc": "doc",
    ".dot": "doc",
    ".wps": "doc",
    ".wpt": "doc",
    ".xls": "xls",
    ".xlt": "xls",
    ".et": "xls",
    ".ett": "xls",
    ".odt": "odf",
    ".ott": "odf",
    ".ods": "odf",
    ".ots": "odf",
}
LEGACY = {".rtf": ".docx"}
"""Types refused with a message asking for a copy in the type given."""
DROPPED_IN = {".dotx", ".dotm", ".xltx", ".xltm", ".fodt", ".fods", ".uot", ".uos", ".ofd", ".xps", ".oxps",
              ".ppt", ".pptx", ".dps", ".odp", ".wpsx"}
"""Other office, text and page types a clerk drops into a report folder: a folder walk lists them
too, so that each gets its own line saying why it is not read (never skipped in silence)."""

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML_HEAD = re.compile(rb"^(?:<\?xml[^>]*>\s*)?(?:<!doctype html|<html|<table|<head|<meta|<body)|^mime-version:")
ZIP_MAGIC = b"PK\x03\x04"


def supported_extensions() -> list[str]:
    """Extensions that are read."""
    return sorted(READERS)


def listed_extensions() -> list[str]:
    """Extensions a folder walk picks up: those read, and those a clerk would drop into a folder
    of reports (each of these gets its own line saying why it is not read)."""
    return sorted(set(READERS) | set(LEGACY) | DROPPED_IN)


FILTER_GROUPS: dict[str, str] = {
    "filter.word": "doc docm docx dot odt ott wps wpt",
    "filter.excel": "et ett ods ots xls xlsm xlsx xlt",
    "filter.pdf": "pdf",
    "filter.web": "htm html mht mhtml xhtml",
    "filter.text": "csv md text txt",
}


def filter_groups() -> list[tuple[str, list[str]]]:
    """(label in the current language, extensions) for an Open dialog: first every readable type,
    then each kind (every readable extension is in exactly one of them)."""
    out = [(messages.text("filter.all"), supported_extensions())]
    out += [(messages.text(code), [f".{e}" for e in exts.split()]) for code, exts in FILTER_GROUPS.items()]
    return out


def read_document(path: str | Path) -> Document:
    """Read ``path`` into a ``Document``; raise ``ReadError`` when it cannot be read at all."""
    p = Path(path)
    try:
        if p.is_dir():
            try:
                with os.scandir(p):
                    pass
            except OSError as e:
                raise ReadError("read.folder_unreadable", path=str(p)) from e
            raise ReadError("read.is_directory", path=str(p))
        if not p.exists():
            raise ReadError("read.not_found", path=str(p))
        data = _read_regular(p)
    except PermissionError as e:
        raise ReadError("read.permission", path=str(p)) from e
    except OSError as e:
        raise ReadError("read.failed", detail=e.strerror or str(e)) from e
    return read_bytes(data, p)


def _read_regular(p: Path) -> bytes:
    """The bytes of ``p`` when it is a regular file of at most ``MAX_BYTES``. A pipe or a device
    (a FIFO named ``x.txt`` in a folder, ``/dev/zero``) is refused without blocking on it or
    reading without end; a file growing while read stops at the limit."""
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    with os.fdopen(os.open(p, flags), "rb") as f:
        st = os.fstat(f.fileno())
        if not stat.S_ISREG(st.st_mode):
            raise ReadError("read.not_regular", path=str(p))
        if st.st_size > MAX_BYTES:
            raise ReadError("read.too_large", size=_mb(st.st_size), limit=_mb(MAX_BYTES))
        data = f.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ReadError("read.too_large", size=_mb(len(data)), limit=_mb(MAX_BYTES))
    return data


def is_lock_file(p: Path) -> bool:
    """Word/Excel/WPS owner files (``~$name.docx``) and LibreOffice's ``.~lock.`` temporaries."""
    return p.name.startswith(("~$", ".~lock.", "~WRL"))


def read_bytes(data: bytes, path: str | Path) -> Document:
    """Read file content already in memory; ``path`` names it (its extension picks the reader)."""
    p = Path(path)
    if is_lock_file(p):
        raise ReadError("read.lock_file", name=p.name)
    if len(data) > MAX_BYTES:
        raise ReadError("read.too_large", size=_mb(len(data)), limit=_mb(MAX_BYTES))
    if not data:
        raise ReadError("read.empty")
    ext = p.suffix.lower()
    module = READERS.get(ext)
    if data.startswith(OLE_MAGIC):
        module = _ole_kind(data, ext)
    elif module in ("doc", "xls", "odf", "docx", "xlsx") and data.startswith(ZIP_MAGIC):
        module = _zip_kind(data) or module  # a .wps that is really a .docx, an .xls saved as .xlsx…
    elif module in ("doc", "xls"):
        head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
        if head.startswith(b"{\\rtf"):
            raise ReadError("read.legacy_office", ext=messages.phrase("read.rtf_ext", ext=ext), new=".docx")
        if _HTML_HEAD.search(head):
            module = "html"  # a web page or table exported by a website or WPS and named .xls/.doc
        else:
            # WPS's own old formats and files of other programs: not the Word/Excel binary family
            raise ReadError("doc.not_word" if module == "doc" else "xls.not_excel", ext=ext)
    if ext in LEGACY:
        raise ReadError("read.legacy_office", ext=ext, new=LEGACY[ext])
    if module is None:
        raise ReadError("read.unsupported", ext=ext or p.name)
    reader = importlib.import_module(f"{__name__}.{module}")
    try:
        doc: Document = reader.read(p, data)
    except ReadError:
        raise
    except (MemoryError, RecursionError) as e:
        raise ReadError("read.corrupt", kind=ext.lstrip("."), detail=type(e).__name__) from e
    except Exception as e:  # a reader's library failing on a damaged file: say so, never a traceback
        raise ReadError("read.corrupt", kind=ext.lstrip("."), detail=_short(e)) from e
    return doc


def _ole_kind(data: bytes, ext: str) -> str:
    """The reader for an OLE compound file, from the streams it holds (not its name)."""
    import olefile

    try:
        with olefile.OleFileIO(data) as ole:
            streams = {"/".join(e).lower() for e in ole.listdir(streams=True, storages=False)}
    except Exception as e:  # olefile raises many kinds on a damaged container
        if ext in (".docx", ".docm", ".xlsx", ".xlsm"):
            raise ReadError("read.encrypted") from e  # what an OLE file named .docx/.xlsx usually is
        raise ReadError("read.corrupt", kind=ext.lstrip(".") or "OLE", detail=_short(e)) from e
    if "encryptedpackage" in streams:
        raise ReadError("read.encrypted")  # an OOXML file saved with a password
    if "worddocument" in streams:
        return "doc"
    if "workbook" in streams or "book" in streams:
        return "xls"
    if ext in (".xls", ".et", ".xlsx", ".xlsm"):
        raise ReadError("xls.not_excel", ext=ext)
    raise ReadError("doc.not_word", ext=ext or "OLE")


def _zip_kind(data: bytes) -> str | None:
    """The reader for a zip package, from its parts (a .docx renamed .wps, an .ods renamed .xls)."""
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "content.xml" in names:
        return "odf"
    return None


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB"


def _short(e: Exception) -> str:
    s = str(e).strip() or type(e).__name__
    return s if len(s) <= 120 else s[:117] + "…"
