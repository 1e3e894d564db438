"""The correction sheet (更正单) on A4: PDF export, print preview, printing, and
``python -m gui sheet PATH --pdf F``.

The content comes from ``engine.export.sheet``; this module only lays it out (QTextDocument,
paginated by hand so every page carries its number) in the bundled CJK font, which the PDF embeds.
"""

from __future__ import annotations

import argparse
import html
import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QFont,
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from engine.export import ExportError, save_atomic
from engine.export.sheet import Sheet, sheet_content
from engine.model import Report

from .fonts import cjk_family, load_bundled_fonts

_CORR_WIDTHS = (4, 11, 19, 9, 9, 6, 6, 10, 26)
_FIND_WIDTHS = (4, 6, 12, 24, 7, 7, 40)
_SEV_COLOR = {"error": "#b00000", "warning": "#8a5a00", "info": "#555555"}


def sheet_html(sheet: Sheet) -> str:
    """The sheet as the HTML subset QTextDocument lays out."""
    e = html.escape
    out = [f'<p align="center" style="font-size:16pt; font-weight:bold; margin-bottom:8px">{e(sheet.title)}</p>']
    out.append('<table width="100%" cellspacing="0" cellpadding="3" border="1" style="border-collapse:collapse; font-size:9.5pt">')
    for i in range(0, len(sheet.meta), 2):
        out.append("<tr>")
        for label, value in sheet.meta[i:i + 2]:
            out.append(f'<td width="14%" bgcolor="#eeeeee">{e(label)}</td><td width="36%">{e(value)}</td>')
        out.append("</tr>")
    out.append("</table>")
    out.append(f'<p style="font-size:10pt; margin-top:6px">{e(sheet.summary)}</p>')

    def table(heading: str, cols: list[str], widths: tuple[int, ...], rows: list[list[str]], colors: list[str],
              empty: str) -> None:
        out.append(f'<p style="font-size:11.5pt; font-weight:bold; margin-top:10px">{e(heading)}</p>')
        if not rows:
            out.append(f'<p style="font-size:10pt">{e(empty)}</p>')
            return
        out.append('<table width="100%" cellspacing="0" cellpadding="2" border="1" style="border-collapse:collapse; font-size:8.5pt">')
        out.append("<thead><tr>" + "".join(f'<th width="{w}%" bgcolor="#dde6f2">{e(c)}</th>' for c, w in zip(cols, widths, strict=True))
                   + "</tr></thead>")
        for row, color in zip(rows, colors, strict=True):
            style = f' style="color:{color}"' if color else ""
            out.append(f"<tr{style}>" + "".join(f"<td>{e(v)}</td>" for v in row) + "</tr>")
        out.append("</table>")

    table(_heading(sheet, 0), sheet.correction_cols, _CORR_WIDTHS, sheet.corrections,
          ["" if ok else "#b00000" for ok in sheet.applied], _empty(sheet, 0))
    table(_heading(sheet, 1), sheet.finding_cols, _FIND_WIDTHS, sheet.findings,
          [_SEV_COLOR.get(s, "") for s in sheet.severities], _empty(sheet, 1))
    out.append('<p style="margin-top:28px"></p><table width="100%" cellpadding="6" style="font-size:11pt"><tr>')
    for label in sheet.signatures:
        out.append(f"<td>{e(label)}：________________</td>")
    out.append("</tr></table>")
    return "\n".join(out)


def _heading(sheet: Sheet, i: int) -> str:
    from engine import messages

    return messages.text(("sheet.corrections", "sheet.findings")[i])


def _empty(sheet: Sheet, i: int) -> str:
    from engine import messages

    return messages.text(("sheet.no_corrections", "sheet.no_findings")[i])


def _ensure_app() -> QGuiApplication:
    app = QGuiApplication.instance()
    if app is None:
        no_display = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
        if sys.platform.startswith("linux") and no_display and not os.environ.get("QT_QPA_PLATFORM"):
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
        app = QGuiApplication(sys.argv[:1])
    return app  # type: ignore[return-value]


def render_sheet(report: Report, device: QPagedPaintDevice, original: Report | None = None) -> int:
    """Paint the sheet of ``report`` on ``device`` (QPdfWriter or QPrinter, A4 set by the caller or
    here); returns the number of pages."""
    _ensure_app()
    load_bundled_fonts()
    from engine import messages

    family = cjk_family()
    doc = QTextDocument()
    font = QFont(family) if family else QFont()
    font.setPointSizeF(10)
    doc.setDefaultFont(font)
    doc.documentLayout().setPaintDevice(device)
    doc.setDocumentMargin(0)
    doc.setHtml(sheet_html(sheet_content(report, original=original)))
    res = device.resolution() if hasattr(device, "resolution") else device.logicalDpiY()
    rect = device.pageLayout().paintRectPixels(res)
    footer = res * 0.35  # inches of room for the page number
    page_h = rect.height() - footer
    doc.setPageSize(QSizeF(rect.width(), page_h))
    pages = doc.pageCount()
    painter = QPainter(device)
    try:
        footer_font = QFont(font)
        footer_font.setPointSizeF(9)
        for i in range(pages):
            if i:
                device.newPage()
            painter.save()
            painter.translate(0, -i * page_h)
            doc.drawContents(painter, QRectF(0, i * page_h, rect.width(), page_h))
            painter.restore()
            painter.setFont(footer_font)
            painter.drawText(QRectF(0, page_h, rect.width(), footer), int(Qt.AlignmentFlag.AlignCenter),
                             messages.text("sheet.page", page=i + 1, pages=pages))
    finally:
        painter.end()
    return pages


def _a4(device: QPagedPaintDevice) -> None:
    device.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(18, 18, 18, 15), QPageLayout.Unit.Millimeter))


def write_sheet_pdf(report: Report, out: str | Path, *, original: Report | None = None, force: bool = False) -> Path:
    """The sheet as an A4 PDF at ``out`` (atomic; an existing file only with ``force``)."""
    _ensure_app()

    def write(tmp: Path) -> None:
        pdf = QPdfWriter(str(tmp))
        pdf.setResolution(300)
        pdf.setTitle(Path(report.file).name)
        pdf.setCreator("NianbaoCheck")
        _a4(pdf)
        render_sheet(report, pdf, original)
        del pdf  # closes the file

    return save_atomic(out, write, force=force, protect=report.file)


def print_sheet(report: Report, parent=None, original: Report | None = None) -> bool:
    """Show the print dialog and print the sheet; False when the clerk cancels."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    _a4(printer)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate("sheet", "打印更正单"))
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    render_sheet(report, printer, original)
    return True


def preview_dialog(report: Report, parent=None, original: Report | None = None):
    """A print preview dialog of the sheet (A4), not yet shown; its print button prints."""
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    _a4(printer)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate("sheet", "更正单打印预览"))
    dialog.paintRequested.connect(lambda p: render_sheet(report, p, original))
    dialog._printer = printer  # keep the printer alive as long as the dialog
    return dialog


def preview_sheet(report: Report, parent=None, original: Report | None = None) -> bool:
    """Show the print preview (the clerk may print from it); False when closed without printing."""
    return preview_dialog(report, parent, original).exec() == 1


def main(argv: list[str]) -> int:
    """``python -m gui sheet PATH --pdf FILE.pdf [--force] [--format F]``: exit 0 written, 2 not."""
    from engine import messages
    from engine.api import check_file

    ap = argparse.ArgumentParser(prog="python -m gui sheet", description=messages.text("sheet.title"))
    ap.add_argument("path", metavar="PATH")
    ap.add_argument("--pdf", required=True, metavar="FILE.pdf")
    ap.add_argument("--format", choices=["2019", "2021"])
    ap.add_argument("--force", action="store_true")
    ap.add_argument("--lang", choices=["zh", "en"])
    args = ap.parse_args(argv)
    if args.lang:
        messages.set_language(args.lang)
    report = check_file(args.path, args.format)
    if report.error:
        print(messages.text("export.unreadable", error=report.error), file=sys.stderr)
        return 2
    try:
        out = write_sheet_pdf(report, args.pdf, force=args.force)
    except ExportError as e:
        print(str(e), file=sys.stderr)
        return 2
    print(out)
    return 0
