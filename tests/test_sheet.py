"""The correction sheet (更正单): an A4 PDF in the bundled font with every correction and finding."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import builders
import pypdfium2 as pdfium
import pytest
from conftest import ROOT, SAMPLE_IDS, sample_path

from engine import formats
from engine.api import apply_edits, check_file
from engine.export.sheet import place, rule_name, sheet_content

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


def test_clerks_own_wrong_number_is_kept_and_left_for_a_person(qapp, tmp_path):
    """The clerk typed a wrong total in the app and the tool proves the draft's own value: the export
    never overwrites what the clerk typed, so the sheet lists that change as 人工修改 and the rules it
    breaks as still needing a person (what the supervisor signs is what the form holds)."""
    from gui.sheet import write_sheet_pdf

    original, edited = damaged_002()
    assert [(c.cell, c.confidence) for c in edited.corrections] == [("requests/3.7/total", "certain")]
    content = sheet_content(edited)
    part1, part2, part3 = content.sections
    total = original.cells["requests/3.7/total"].raw
    assert [(r[5], r[6], r[7]) for r in part2.rows] == [(total, str(int(total) + 10), "人工修改")]
    assert [r[2] for r in part1.rows] == [rule_name(f.rule) for f in sorted(original.findings, key=_severity_order)]
    assert {"勾稽关系", "办理结果总计", "申请人总计"} <= {r[2] for r in part3.rows if r[1] == "错误"}
    out = write_sheet_pdf(edited, tmp_path / "s.pdf")
    save_png(out, "sheet-002-edited")


def _severity_order(f) -> int:
    return {"error": 0, "warning": 1, "info": 2}[f.severity]


def test_accepted_proposals_keep_their_reason_and_say_what_they_resolve(qapp, tmp_path):
    """The issue's draft: 予以公开·自然人 typed 「02」, 本年新收·总计 six too many. The clerk accepts
    both proposals in the app and types one number by hand. The sheet says what the draft got wrong
    (total as filled in against the sum), each correction with its origin and reason and the
    findings it resolves, and that nothing is left."""
    from gui.sheet import write_sheet_pdf

    src, good = builders.swapped_draft(tmp_path / "草稿.docx")
    original = check_file(src)
    by_cell = {c.cell: c for c in original.corrections}
    assert by_cell["requests/3.1/natural"].confidence == "certain"
    assert "由02改为20" in by_cell["requests/3.1/natural"].reason and "两位数字颠倒" in by_cell["requests/3.1/natural"].reason
    hand = str(int(good["active/licensing/decisions"]) + 1)
    edited = apply_edits(original, {"requests/3.1/natural": "20", "requests/1/total": good["requests/1/total"],
                                    "active/licensing/decisions": hand})
    origins = {ch.cell: (ch.before_text, ch.after_text, ch.origin) for ch in edited.changes}
    assert origins == {"requests/1/total": (str(int(good["requests/1/total"]) + 6), good["requests/1/total"], "certain"),
                       "requests/3.1/natural": ("02", "20", "certain"),
                       "active/licensing/decisions": (good["active/licensing/decisions"], hand, "edited")}
    part1, part2, part3 = sheet_content(edited).sections
    errors = [r for r in part1.rows if r[1] == "错误"]  # (the template's own placeholder text also draws a fees warning)
    assert len(errors) == 4 and [r[0] for r in errors] == ["1", "2", "3", "4"]
    sums = {r[3]: r[4] for r in errors}
    assert sums["“予以公开”行的总计"] == f"所填总计{good['requests/3.1/total']}，各项之和{int(good['requests/3.1/total']) - 18}"
    assert not any("应为" in r[4] for r in part1.rows)
    assert all(r[6].startswith("已由第") for r in errors)
    rows = {r[2]: r for r in part2.rows}
    assert rows["（一）予以公开"][3:8] == ["自然人", "第2个表格 第6行第4列", "02", "20", "确定（已采用）"]
    assert "两位数字颠倒" in rows["（一）予以公开"][8]
    resolved = {n for r in part2.rows for n in r[9].split("、") if n}
    assert resolved == {"1", "2", "3", "4"}
    assert any(r[7] == "人工修改" and r[8] == "" for r in part2.rows)
    assert not [r for r in part3.rows if r[1] in ("错误", "待核实")]
    out = write_sheet_pdf(edited, tmp_path / "s.pdf")
    text = flat("".join(pdf_text(out)[0]))
    assert "三、收到和处理政府信息公开申请情况" in text and "确定（已采用）" in text and "人工修改" in text
    assert "02" in text and "所填总计" in text
    save_png(out, "sheet-swapped-accepted")


def test_deduced_blanks_resolve_their_notes(qapp, tmp_path):
    """Sample 004: the 「无法核对」 notes whose blanks the applied deductions fill are not listed as
    left; part one says which correction resolved each."""
    report = check_file(sample_path(SID_004))
    part1, part2, part3 = sheet_content(report).sections
    unchecked = [r for r in part1.rows if r[2] == "无法核对"]
    assert unchecked and all(r[6].startswith("已由第") for r in unchecked)
    assert not any(r[2] == "无法核对" for r in part3.rows)
    assert len(part2.rows) == 12 and all(r[7] == "推算（已采用）" for r in part2.rows)


def test_no_row_is_split_across_pages(qapp, tmp_path):
    """Every finding row is on one page: each row's text is whole on a single page."""
    from gui.sheet import write_sheet_pdf

    report = check_file(sample_path(SID_004))
    pages, _ = pdf_text(write_sheet_pdf(report, tmp_path / "s.pdf"))
    assert len(pages) >= 2
    part1 = sheet_content(report).sections[0]
    flat_pages = [flat(p) for p in pages]
    for row in part1.rows:
        assert any(flat(row[5]) in p for p in flat_pages), row[5]


MACHINE = re.compile(r"\b(table|row|col|column|line|page|paragraph|sheet)\b|\b[a-z]+\.[a-z_]+(\.[a-z_]+)?\b", re.I)


def _sheet_inputs(tmp_path) -> list[Path]:
    src, _ = builders.swapped_draft(tmp_path / "swapped.docx")
    xlsx = builders.xlsx_one_sheet(tmp_path / "表格.xlsx", "2021", dict(builders.consistent_values("2021", 3),
                                                                        **{"requests/1/total": "999"}))
    return [sample_path(s) for s in SAMPLE_IDS] + [builders.TEMPLATE_2021,
                                                     src, xlsx]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) not installed")
def test_no_machine_words_on_any_sheet(qapp, tmp_path):
    """The sheet of every sample (and a Word and an Excel draft with errors) rendered to text:
    no ASCII machine word (table/row/col/line/page, a rule id) outside the file's own name."""
    from gui.sheet import write_sheet_pdf

    for i, path in enumerate(_sheet_inputs(tmp_path)):
        report = check_file(path)
        if report.error:
            continue
        out = write_sheet_pdf(report, tmp_path / f"{i}.pdf")
        text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True).stdout
        text = text.replace(Path(report.file).name, "")
        bad = MACHINE.findall(text)
        assert not bad, (path.name, bad)

def test_sample_004_lists_every_deduced_blank(qapp, tmp_path):
    from gui.sheet import write_sheet_pdf

    report = check_file(sample_path(SID_004))
    out = write_sheet_pdf(report, tmp_path / "s.pdf")
    pages, _ = pdf_text(out)
    text = flat("".join(pages))
    assert len(report.corrections) == 12 and text.count("推算（已采用）") == 12
    assert "更正12处（工具更正12处，人工修改0处）" in text
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


def test_english_sheet_is_english(tmp_path):
    """The sheet in English: headings, columns, origins, outcomes and summary in English (the form's
    own row and column labels stay as printed)."""
    from engine import messages

    src, good = builders.swapped_draft(tmp_path / "draft.docx")
    messages.set_language("en")
    try:
        content = sheet_content(check_file(src))
    finally:
        messages.set_language("zh")
    assert content.summary.isascii() and content.title.isascii()
    for sec in content.sections:
        assert sec.heading.isascii() and all(c.isascii() for c in sec.cols)
    part1, part2, _ = content.sections
    errors = [r for r in part1.rows if r[1] == "error"]
    assert len(errors) == 4 and all(r[6].startswith("resolved by correction") for r in errors)
    assert {r[7] for r in part2.rows} == {"certain (applied)"}
    assert any("two adjacent digits swapped" in r[8] for r in part2.rows)


def test_all_rules_hold_after_the_corrections_is_said_plainly(tmp_path):
    v = builders.consistent_values("2021", 4, busy=0.8)
    typed = dict(v, **{"requests/1/total": str(int(v["requests/1/total"]) + 6)})
    report = check_file(builders.txt(tmp_path / "d.txt", "2021", typed, title="测试县人民政府2022年政府信息公开工作年度报告"))
    assert [c.confidence for c in report.corrections] == ["certain"]
    part1, part2, part3 = sheet_content(report).sections
    assert part1.rows and part2.rows
    assert part3.rows == [] and part3.empty == "更正后全部规则成立，没有需要人工处理的问题。"
