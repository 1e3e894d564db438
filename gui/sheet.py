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
    QTextCursor,
    QTextDocument,
)

from engine import messages
from engine.export import ExportError, save_atomic
from engine.export.sheet import Sheet, sheet_content
from engine.model import Report

from .fonts import cjk_family, load_bundled_fonts

_TONE_COLOR = {"error": "#b00000", "warning": "#8a5a00", "info": "#555555", "doubtful": "#b00000", "edited": "#00508a"}


def sheet_html(sheet: Sheet) -> str:
    """The sheet as the HTML subset QTextDocument lays out. Every table row is a table of its own
    (same column widths), so the pagination in ``render_sheet`` can keep each row on one page."""
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
    row_table = '<table width="100%" cellspacing="0" cellpadding="2" border="1" style="border-collapse:collapse; font-size:8.5pt">'
    for sec in sheet.sections:
        out.append(f'<p style="font-size:11.5pt; font-weight:bold; margin-top:10px">{e(sec.heading)}</p>')
        if not sec.rows:
            out.append(f'<p style="font-size:10pt">{e(sec.empty)}</p>')
            continue
        out.append(row_table + "<tr>" + "".join(f'<th width="{w}%" bgcolor="#dde6f2">{e(c)}</th>'
                                                for c, w in zip(sec.cols, sec.widths, strict=True)) + "</tr></table>")
        for row, tone in zip(sec.rows, sec.tones, strict=True):
            color = _TONE_COLOR.get(tone, "")
            style = f' style="color:{color}"' if color else ""
            out.append(row_table + f"<tr{style}>" + "".join(f'<td width="{w}%">{e(v)}</td>'
                                                            for v, w in zip(row, sec.widths, strict=True)) + "</tr></table>")
    out.append('<p style="margin-top:28px"></p><table width="100%" cellpadding="6" style="font-size:11pt"><tr>')
    colon = ": " if messages.language() == "en" else "："
    for label in sheet.signatures:
        out.append(f"<td>{e(label)}{colon}________________</td>")
    out.append("</tr></table>")
    return "\n".join(out)


def page_cuts(doc: QTextDocument, page_h: float) -> list[float]:
    """Where each page starts (document y), cutting only between top-level blocks and tables, so
    no table row and no paragraph is split across two pages (one taller than a page is cut)."""
    layout = doc.documentLayout()
    units: list[tuple[float, float]] = []
    for frame in doc.rootFrame().childFrames():
        r = layout.frameBoundingRect(frame)
        units.append((r.top(), r.bottom()))
    block = doc.begin()
    while block.isValid():
        if QTextCursor(block).currentTable() is None:
            r = layout.blockBoundingRect(block)
            units.append((r.top(), r.bottom()))
        block = block.next()
    units.sort()
    cuts = [0.0]
    for top, bottom in units:
        if bottom - cuts[-1] > page_h and top > cuts[-1]:
            cuts.append(top)
        while bottom - cuts[-1] > page_h:  # a unit taller than a page
            cuts.append(cuts[-1] + page_h)
    return cuts


def _ensure_app() -> QGuiApplication:
    app = QGuiApplication.instance()
    if app is None:
        no_display = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
        if sys.platform.startswith("linux") and no_display and not os.environ.get("QT_QPA_PLATFORM"):
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
        app = QGuiApplication(sys.argv[:1])
    return app  # type: ignore[return-value]


def render_sheet(report: Report, device: QPagedPaintDevice, document=None) -> int:
    """Paint the sheet of ``report`` on ``device`` (QPdfWriter or QPrinter, A4 set by the caller or
    here); returns the number of pages. ``document`` (the one the report was read from) lets the
    prose be re-checked after the corrections."""
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
    doc.setHtml(sheet_html(sheet_content(report, document=document)))
    res = device.resolution() if hasattr(device, "resolution") else device.logicalDpiY()
    rect = device.pageLayout().paintRectPixels(res)
    footer = res * 0.35  # inches of room for the page number
    page_h = rect.height() - footer
    doc.setPageSize(QSizeF(rect.width(), 1e9))  # one long page: ``page_cuts`` paginates
    cuts = page_cuts(doc, page_h)
    pages = len(cuts)
    painter = QPainter(device)
    try:
        footer_font = QFont(font)
        footer_font.setPointSizeF(9)
        for i, top in enumerate(cuts):
            if i:
                device.newPage()
            height = (cuts[i + 1] if i + 1 < pages else top + page_h) - top
            painter.save()
            painter.translate(0, -top)
            doc.drawContents(painter, QRectF(0, top, rect.width(), height))
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


def write_sheet_pdf(report: Report, out: str | Path, *, force: bool = False,
                    document=None) -> Path:
    """The sheet as an A4 PDF at ``out`` (atomic; an existing file only with ``force``)."""
    _ensure_app()

    def write(tmp: Path) -> None:
        pdf = QPdfWriter(str(tmp))
        pdf.setResolution(300)
        pdf.setTitle(Path(report.file).name)
        pdf.setCreator("NianbaoCheck")
        _a4(pdf)
        render_sheet(report, pdf, document)
        del pdf  # closes the file

    return save_atomic(out, write, force=force, protect=report.file)


def print_sheet(report: Report, parent=None, document=None) -> bool:
    """Show the print dialog and print the sheet; False when the clerk cancels."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    _a4(printer)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate("sheet", "打印更正单"))
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    render_sheet(report, printer, document)
    return True


def preview_dialog(report: Report, parent=None, document=None):
    """A print preview dialog of the sheet (A4), not yet shown; its print button prints."""
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    _a4(printer)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate("sheet", "更正单打印预览"))
    dialog.paintRequested.connect(lambda p: render_sheet(report, p, document))
    dialog._printer = printer  # keep the printer alive as long as the dialog
    return dialog


def preview_sheet(report: Report, parent=None, document=None) -> bool:
    """Show the print preview (the clerk may print from it); False when closed without printing."""
    return preview_dialog(report, parent, document).exec() == 1


def main(argv: list[str]) -> int:
    """``python -m gui sheet PATH --pdf FILE.pdf [--force] [--format F]``: exit 0 written, 2 not."""
    from engine import messages
    from engine.api import check_file_with_document

    ap = argparse.ArgumentParser(prog="python -m gui sheet", description=messages.text("sheet.title"))
    ap.add_argument("path", metavar="PATH")
    ap.add_argument("--pdf", required=True, metavar="FILE.pdf")
    ap.add_argument("--format", choices=["2019", "2021"])
    ap.add_argument("--force", action="store_true")
    ap.add_argument("--lang", choices=["zh", "en"])
    args = ap.parse_args(argv)
    if args.lang:
        messages.set_language(args.lang)
    report, document = check_file_with_document(args.path, args.format)
    if report.error:
        print(messages.text("export.unreadable", error=report.error), file=sys.stderr)
        return 2
    try:
        out = write_sheet_pdf(report, args.pdf, force=args.force, document=document)
    except ExportError as e:
        print(str(e), file=sys.stderr)
        return 2
    print(out)
    return 0
