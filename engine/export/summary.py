"""The summary workbook of a batch: one row per file, and every finding on a second sheet."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .. import formats, messages
from ..model import Report
from .sheet import finding_place, rule_name, sides

messages.register(
    {
        "summary.sheet_files": ("报告汇总", "Reports"),
        "summary.sheet_findings": ("问题清单", "Findings"),
        "summary.cols_files": (
            "文件|单位|年度|格式|错误|警告|建议更正|主要问题|无法读取的原因",
            "File|Body|Year|Format|Errors|Warnings|Corrections|First findings|Why unreadable",
        ),
        "summary.cols_findings": ("文件|级别|问题|位置|对比|说明", "File|Severity|Problem|Where|Compared|Message"),
        "summary.exists": ("输出文件已存在：{path}（加 --force 覆盖）", "The output file exists: {path} (use --force to overwrite)"),
        "summary.no_folder": ("汇总表的保存位置不存在或不是文件夹：{folder}", "The summary's folder does not exist or is not a folder: {folder}"),
        "summary.unwritable": (
            "无法在“{folder}”中保存汇总表（文件夹只读或没有权限：{detail}），请换一个保存位置",
            "Cannot save the summary in '{folder}' (read-only or no permission: {detail}); choose another place",
        ),
    }
)


class SummaryError(OSError):
    """The summary workbook cannot be written where asked; ``str(e)`` is the message."""


def check_destination(out: str | Path, *, force: bool = False) -> None:
    """Raise ``FileExistsError`` or ``SummaryError`` (with the message) when ``out`` cannot be
    written: exists without ``force``, its folder is missing, or nothing can be created there.
    Called before a long batch, so that the user hears it at once."""
    out = Path(out)
    folder = out.parent if str(out.parent) else Path(".")
    if out.exists() and not force:
        raise FileExistsError(messages.text("summary.exists", path=str(out)))
    if not folder.is_dir():
        raise SummaryError(messages.text("summary.no_folder", folder=str(folder)))
    try:
        fd, probe = tempfile.mkstemp(prefix=".summary-", suffix=".tmp", dir=folder)
    except OSError as e:
        raise SummaryError(messages.text("summary.unwritable", folder=str(folder), detail=e.strerror or type(e).__name__)) from None
    os.close(fd)
    os.unlink(probe)


def write_summary(reports: list[Report], out: str | Path, *, force: bool = False) -> Path:
    """Write the summary workbook atomically; refuse to replace an existing file unless ``force``
    (``FileExistsError``); ``SummaryError`` with the message when the folder is missing or unwritable."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    out = Path(out)
    check_destination(out, force=force)
    wb = Workbook()
    ws = wb.active
    ws.title = messages.text("summary.sheet_files")
    ws.append(messages.text("summary.cols_files").split("|"))
    red = PatternFill("solid", fgColor="FFD7D7")
    for r in reports:
        errors = [f for f in r.findings if f.severity == "error"]
        first = ("; " if messages.language() == "en" else "；").join(f.message for f in errors[:3])
        ws.append([r.file, r.agency, r.year, r.format, r.count("error"), r.count("warning"), len(r.corrections), first, r.error])
        if r.error or errors:
            for cell in ws[ws.max_row]:
                cell.fill = red
    fs = wb.create_sheet(messages.text("summary.sheet_findings"))
    fs.append(messages.text("summary.cols_findings").split("|"))
    sev = {s: messages.text(f"severity.{s}") for s in ("error", "warning", "info")}
    for r in reports:
        spec = formats.load(r.format) if r.format else None
        for f in r.findings:
            # in the clerk's words, as on the correction sheet: the rule's name, where (cells and place in
            # the file), both sides of a comparison (「所填总计30，各项之和12」), never ids or a bare 「应为」
            fs.append([r.file, sev.get(f.severity, f.severity), rule_name(f.rule), finding_place(spec, r, f),
                       sides(f), f.message])
    for sheet, widths in ((ws, [40, 28, 8, 8, 8, 8, 10, 80, 40]), (fs, [40, 8, 22, 50, 26, 90])):
        for i, w in enumerate(widths):
            sheet.column_dimensions[chr(65 + i)].width = w
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = sheet.dimensions
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                wrap = ("H",) if sheet is ws else ("D", "F")
                cell.alignment = Alignment(vertical="top", wrap_text=cell.column_letter in wrap)
    check_destination(out, force=force)
    folder = out.parent if str(out.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=".summary-", suffix=".xlsx", dir=folder)
    except OSError as e:
        raise SummaryError(messages.text("summary.unwritable", folder=str(folder), detail=e.strerror or type(e).__name__)) from None
    os.close(fd)
    try:
        wb.save(tmp)
        os.replace(tmp, out)
    except OSError as e:
        raise SummaryError(messages.text("summary.unwritable", folder=str(folder), detail=e.strerror or type(e).__name__)) from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return out

