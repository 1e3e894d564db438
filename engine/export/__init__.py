"""Writing corrections back: the corrected standard form (.xlsx/.docx), a blank form for next
year, and a corrected copy of a Word/Excel draft.

Also the content of the correction sheet (``sheet``, printed by ``gui.sheet``) and the summary
workbook of a batch (``summary``). May use every stage below it (shared core, ``reading``,
``locating``, ``checking``, ``repair``); never ``cli`` or ``api``.

Every output is written to a temporary file beside the target and moved into place; an existing
file is replaced only with ``force``; the input is never written.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from .. import formats, messages
from ..model import Report
from .plan import Filled, blank, plan

__all__ = ["ExportError", "can_fix_copy", "write_template", "write_blank_template", "write_fixed_copy", "fixed_copy_name", "plan"]

messages.register(
    {
        "export.exists": ("输出文件已存在：{path}（如需覆盖请加 --force）", "The output file exists: {path} (use --force to overwrite)"),
        "export.no_folder": ("保存位置不存在：{folder}", "The folder does not exist: {folder}"),
        "export.unwritable": ("无法写入“{folder}”（文件夹只读或没有权限），请换一个保存位置", "Cannot write to '{folder}' (read-only or no permission); choose another place"),
        "export.write_failed": ("保存“{path}”失败：{detail}", "Saving '{path}' failed: {detail}"),
        "export.out_kind": ("不支持保存为“{ext}”，请使用 .xlsx 或 .docx", "Cannot save as '{ext}'; use .xlsx or .docx"),
        "export.fix_kind": (
            "只能为 Word（.docx）或 Excel（.xlsx）草稿生成更正稿，这个文件是“{ext}”；可用 template 命令生成更正后的标准表格",
            "A corrected copy can only be made of a Word (.docx) or Excel (.xlsx) draft, this file is '{ext}'; use the template command for a corrected standard form",
        ),
        "export.fix_kind_mismatch": ("更正稿须与原文件同类型（{ext}）", "The corrected copy must have the input's type ({ext})"),
        "export.unreadable": ("报告无法读取，不能生成：{error}", "The report could not be read, nothing to write: {error}"),
        "export.no_format": ("没有识别出报告的统计表格，不能生成", "No standard tables recognised in the report, nothing to write"),
        "export.same_file": ("输出文件不能是原文件本身：{path}", "The output cannot be the input file itself: {path}"),
        "export.bad_format": ("未知的格式“{format}”（可选 2019 或 2021）", "Unknown format '{format}' (2019 or 2021)"),
        "export.input_changed": ("原文件在检查之后已被修改，请重新检查后再生成：{path}", "The input changed after it was checked; check it again: {path}"),
    }
)


class ExportError(Exception):
    """An export that cannot be done; ``str(e)`` is the message in the current language."""

    def __init__(self, code: str, **params: object) -> None:
        self.code, self.params = code, params
        super().__init__(messages.text(code, **params))


def _ensure_ok(report: Report) -> None:
    if report.error:
        raise ExportError("export.unreadable", error=report.error)
    if report.format is None:
        raise ExportError("export.no_format")


def save_atomic(out: str | Path, write: Callable[[Path], None], *, force: bool = False,
                protect: str | Path | None = None) -> Path:
    """Call ``write(tmp)`` for a temporary file in ``out``'s folder, then move it to ``out``."""
    out = Path(out)
    folder = out.parent if str(out.parent) else Path(".")
    if protect is not None and out.resolve() == Path(protect).resolve():
        raise ExportError("export.same_file", path=str(out))
    if not folder.is_dir():
        raise ExportError("export.no_folder", folder=str(folder))
    if out.exists() and not force:
        raise ExportError("export.exists", path=str(out))
    try:
        fd, name = tempfile.mkstemp(prefix=".nianbao-", suffix=out.suffix, dir=folder)
    except OSError:
        raise ExportError("export.unwritable", folder=str(folder)) from None
    os.close(fd)
    tmp = Path(name)
    try:
        write(tmp)
        os.chmod(tmp, _default_mode(out))
        if out.exists() and not force:  # appeared while we wrote
            raise ExportError("export.exists", path=str(out))
        os.replace(tmp, out)
    except PermissionError:
        raise ExportError("export.unwritable", folder=str(folder)) from None
    except OSError as e:
        raise ExportError("export.write_failed", path=str(out), detail=e.strerror or type(e).__name__) from None
    finally:
        if tmp.exists():
            tmp.unlink()
    return out


def _default_mode(out: Path) -> int:
    """The mode a new file gets (mkstemp's 0600 would hide the output from other users), or the
    replaced file's own mode."""
    try:
        return out.stat().st_mode & 0o777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def _writer(out: Path) -> Callable[[Filled, Path], None]:
    ext = out.suffix.lower()
    if ext == ".xlsx":
        from .xlsx import write
    elif ext == ".docx":
        from .docx import write
    else:
        raise ExportError("export.out_kind", ext=out.suffix or out.name)
    return write


def write_filled(filled: Filled, out: str | Path, *, force: bool = False, protect: str | Path | None = None) -> Path:
    """Write a planned form to ``out`` (.xlsx or .docx by suffix)."""
    out = Path(out)
    write = _writer(out)
    return save_atomic(out, lambda tmp: write(filled, tmp), force=force, protect=protect)


def write_template(report: Report, out: str | Path, *, only_certain: bool = False, force: bool = False,
                   document=None) -> Path:
    """The report's tables on the official form with corrections applied and marked (.xlsx/.docx).
    ``report`` carries the clerk's edits and their origins (``api.apply_edits``)."""
    _ensure_ok(report)
    _writer(Path(out))
    return write_filled(plan(report, only_certain=only_certain, document=document), out, force=force, protect=report.file)


def write_blank_template(format_id: str, year: int | None, out: str | Path, *, force: bool = False) -> Path:
    """An empty official form of ``format_id`` for ``year``, with its formulas and checks."""
    if format_id not in formats.FORMAT_IDS:
        raise ExportError("export.bad_format", format=format_id)
    return write_filled(blank(format_id, year), out, force=force)


def ensure_unchanged(data: bytes, report: Report) -> None:
    """Refuse when the file's cells no longer hold what the report
    read (the draft was edited after the check): corrected values would land in the wrong cells.
    Cells the report changed (``Report.changes``) are compared with the draft's own value."""
    from ..locating.values import parse
    from ..model import BLANK, OK
    from ..reading import read_bytes
    from ..reading.document import ReadError

    try:
        doc = read_bytes(data, report.file)
    except ReadError as e:
        raise ExportError("export.unreadable", error=messages.text(e.code, **e.params)) from None
    texts = {c.source: c.text for row in doc.rows for c in row.cells if not c.covered}
    spec = formats.load(report.format)
    drafted = {ch.cell: ch for ch in report.changes}
    for a, c in report.cells.items():
        if not c.source:
            continue
        if a in drafted:  # a changed cell must still hold what the draft said
            if drafted[a].before is None:
                continue
        elif c.status not in (OK, BLANK):
            continue
        want = drafted[a].before if a in drafted else c.value
        if parse(texts.get(c.source), spec.cell(a).kind).value != want:
            raise ExportError("export.input_changed", path=report.file)


def fixed_copy_name(path: str | Path) -> Path:
    """``原名_已更正.docx`` beside the input."""
    p = Path(path)
    return p.with_name(f"{p.stem}_已更正{p.suffix}")


FIXABLE = (".docx", ".xlsx")
"""The drafts a corrected copy of the file itself can be made of (every other type gets the template)."""


def can_fix_copy(path: str | Path) -> bool:
    """Whether a corrected copy of the draft ``path`` itself can be written."""
    return Path(path).suffix.lower() in FIXABLE


def write_fixed_copy(report: Report, out: str | Path | None = None, *, only_certain: bool = False,
                     force: bool = False, document=None) -> Path:
    """A copy of the .docx/.xlsx draft ``report.file`` with corrected values in their own cells,
    highlighted, everything else as it was."""
    from . import fix

    _ensure_ok(report)
    src = Path(report.file)
    ext = src.suffix.lower()
    if not can_fix_copy(src):
        raise ExportError("export.fix_kind", ext=src.suffix or src.name)
    target = Path(out) if out is not None else fixed_copy_name(src)
    if target.suffix.lower() != ext:
        raise ExportError("export.fix_kind_mismatch", ext=ext)
    filled = plan(report, only_certain=only_certain, document=document)
    try:
        data = src.read_bytes()
    except OSError as e:
        raise ExportError("export.unreadable", error=e.strerror or type(e).__name__) from None
    ensure_unchanged(data, report)
    return save_atomic(target, lambda tmp: tmp.write_bytes(fix.fixed(data, ext, report, filled)), force=force, protect=src)
