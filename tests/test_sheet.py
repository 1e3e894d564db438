"""The correction sheet (更正单): an A4 PDF in the bundled font with every correction and finding."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pypdfium2 as pdfium
from conftest import ROOT, SAMPLE_IDS, sample_path

from engine import formats
from engine.api import apply_edits, check_file
from engine.export.sheet import place, sheet_content

OUT = ROOT / "out" / "export"
SID_002 = next(s for s in SAMPLE_IDS if s.startswith("002"))
SID_004 = next(s for s in SAMPLE_IDS if s.startswith("004"))


def pdf_text(path: Path) -> tuple[list[str], list[tuple[float, float]]]:
    """Text and size (points) of each page."""
    doc = pdfium.PdfDocument(str(path))
    try:
        pages = [doc[i] for i in range(len(doc))]
        return [p.get_textpage().get_text_range() for p in pages], [p.get_size() for p in pages]
    finally:
        doc.close()


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def save_png(pdf: Path, name: str) -> None:
    """PNG pages in the test output folder, for a person to look at."""
    if shutil.which("pdftoppm"):
        OUT.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(pdf, OUT / f"{name}.pdf")
        subprocess.run(["pdftoppm", "-r", "70", "-png", str(pdf), str(OUT / name)], check=True, timeout=120)


def damaged_002():
    """Sample 002 as read, and as the clerk typed two wrong numbers into it (the engine proposes
    certain corrections back)."""
    original = check_file(sample_path(SID_002))
    total = original.cells["requests/3.7/total"].value
    edited = apply_edits(original, {"requests/3.7/total": str(total + 10)})
    return original, edited


def test_bundled_font_loads_and_covers_chinese(qapp):
    from PySide6.QtGui import QFontDatabase

    from gui.fonts import cjk_family, load_bundled_fonts

    families = load_bundled_fonts()
    assert "WenQuanYi Micro Hei" in families
    assert QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(cjk_family())


def test_sample_002_sheet_pdf_holds_its_findings_and_corrections(qapp, tmp_path):
    from gui.sheet import write_sheet_pdf

    report = check_file(sample_path(SID_002))
    out = write_sheet_pdf(report, tmp_path / "更正单 002.pdf")
    data = out.read_bytes()
    assert data.startswith(b"%PDF") and b"/FontFile2" in data and b"WenQuanYi" in data  # the font is embedded
    pages, sizes = pdf_text(out)
    assert all(abs(w - 595) < 2 and abs(h - 842) < 2 for w, h in sizes)  # A4
    text = flat("".join(pages))
    assert "政府信息公开工作年度报告统计表格校对更正单" in text
    assert Path(report.file).name in text and "2020" in text and "2019年格式" in text
    assert f"错误{report.count('error')}项" in text
    for f in report.findings:
        assert flat(f.message)[:30] in text, f.message
    assert "6187.4万元" in text and "1660" in text
    spec = formats.load(report.format)
    for c in report.corrections:  # none today for 002: its errors are cells that cannot be placed
        assert flat("".join(place(spec, c.cell)[1:])) in text
    for i, page in enumerate(pages, 1):
        assert f"第 {i} 页 共 {len(pages)} 页" in page
    for label in ("校对人", "审核人", "日期"):
        assert label in text
    save_png(out, "sheet-002")


def test_corrections_and_hand_edits_are_listed(qapp, tmp_path):
    from gui.sheet import write_sheet_pdf

    original, edited = damaged_002()
    assert [(c.cell, c.confidence) for c in edited.corrections] == [("requests/3.7/total", "certain")]
    total = original.cells["requests/3.7/total"].value
    content = sheet_content(edited, original=original)
    assert [r[5:7] for r in content.corrections] == [[str(total), str(total + 10)], [str(total + 10), str(total)]]
    out = write_sheet_pdf(edited, tmp_path / "s.pdf", original=original)
    text = flat("".join(pdf_text(out)[0]))
    assert "（七）总计" in text and "三、依申请公开情况表" in text
    assert "人工修改" in text and "确定（已采用）" in text
    assert flat(edited.corrections[0].reason)[:25] in text
    save_png(out, "sheet-002-edited")


def test_sample_004_lists_every_deduced_blank(qapp, tmp_path):
    from gui.sheet import write_sheet_pdf

    report = check_file(sample_path(SID_004))
    out = write_sheet_pdf(report, tmp_path / "s.pdf")
    pages, _ = pdf_text(out)
    text = flat("".join(pages))
    assert len(report.corrections) == 12 and text.count("推算（已采用）") == 12
    assert "建议更正12处" in text
    assert len(pages) >= 2
    save_png(out, "sheet-004")


def test_printer_path_renders_pages(qapp, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    from gui.sheet import _a4, render_sheet

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "p.pdf"))
    _a4(printer)
    pages = render_sheet(check_file(sample_path(SID_004)), printer)
    del printer
    assert pages >= 2 and len(pdf_text(tmp_path / "p.pdf")[0]) == pages


def test_command_line_writes_the_pdf_without_a_window(tmp_path):
    out = tmp_path / "更正单.pdf"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    cmd = [sys.executable, "-m", "gui", "sheet", str(sample_path(SID_004)), "--pdf", str(out)]
    r = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, encoding="utf-8", env=env, timeout=120)
    assert r.returncode == 0, r.stderr
    assert "推算" in "".join(pdf_text(out)[0])
    r = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, encoding="utf-8", env=env, timeout=120)
    assert r.returncode == 2 and "已存在" in r.stderr and "Traceback" not in r.stderr
    r = subprocess.run([*cmd[:4], str(tmp_path / "none.txt"), "--pdf", str(tmp_path / "n.pdf")], cwd=ROOT,
                       capture_output=True, text=True, encoding="utf-8", env=env, timeout=120)
    assert r.returncode == 2 and "找不到文件" in r.stderr and not (tmp_path / "n.pdf").exists()


def test_print_preview_shows_every_page(qapp):
    from PySide6.QtPrintSupport import QPrintPreviewWidget

    from gui.sheet import preview_dialog

    dialog = preview_dialog(check_file(sample_path(SID_004)))
    widget = dialog.findChild(QPrintPreviewWidget)
    widget.updatePreview()
    assert widget.pageCount() >= 2
    dialog.deleteLater()
