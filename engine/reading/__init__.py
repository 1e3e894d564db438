"""Reading: one reader per file type, each turning a file into a ``Document`` (rows of raw cells,
each knowing where it came from), the intermediate form everything after reading shares.

``read_document(path)`` picks the reader by the file's content first and its name second,
and turns every failure into a ``ReadError`` with a catalogue code (never a traceback).
``document`` holds the ``Document`` model; ``text``, ``docx``, ``xlsx``, ``pdf`` and ``html`` the
readers. May use the shared core (``model``, ``formats``, ``messages``) only.
"""

from __future__ import annotations

import importlib
import os
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
}
LEGACY = {".doc": ".docx", ".wps": ".docx", ".xls": ".xlsx", ".et": ".xlsx", ".rtf": ".docx"}
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"


def supported_extensions() -> list[str]:
    """Extensions a folder walk picks up."""
    return sorted(READERS)


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
        if module in ("docx", "xlsx"):
            # an OOXML file saved with a password is an OLE container holding the encrypted package
            raise ReadError("read.encrypted")
        raise ReadError("read.legacy_office", ext=ext or "OLE", new=LEGACY.get(ext, ".docx/.xlsx"))
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


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB"


def _short(e: Exception) -> str:
    s = str(e).strip() or type(e).__name__
    return s if len(s) <= 120 else s[:117] + "…"
