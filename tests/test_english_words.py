"""The English interface is English throughout (issue 15, item 3): the correction sheet of every
sample, the form view's titles, headers and labels, cell names and read errors carry no Chinese
except what the clerk's own file holds — quoted draft text, the agency, the file name, typed values."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from test_bad_files import CASES
from test_sheet import _sheet_inputs

from engine import formats, messages
from engine.api import check_file
from engine.checking.rules import cell_name
from engine.export.sheet import sheet_content

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]+")
"""Han characters, CJK punctuation (「」、。) and full-width forms (（），：)."""
QUOTED = re.compile(r"「[^」]*」|“[^”]*”|(?<![A-Za-z])'[^']*'(?![A-Za-z])")
"""Quoted passages: the draft's text (or typed values) as it is; English messages quote with '…'."""


def form_names() -> set[str]:
    """Every Chinese name the national forms print: titles, captions, group, row and column labels."""
    out: set[str] = set(formats.TABLE_TITLES_ZH.values())
    for spec in formats.all_formats():
        out.add(spec.name)
        for t in spec.tables.values():
            out.add(t.title)
            for g in t.groups:
                out.add(g.caption)
                for lab in (*g.rows, *g.cols):
                    out.update((lab.label, lab.short("zh")))
                    if lab.group:
                        out.add(lab.group)
    return out


@pytest.fixture
def english():
    messages.set_language("en")
    try:
        yield
    finally:
        messages.set_language("zh")


def _own_words(report) -> list[str]:
    """What the file itself holds and the sheet may show as it is."""
    return [report.agency or "", Path(report.file).name, *(c.raw or "" for c in report.cells.values())]


def _strings(content) -> list[str]:
    out = [content.title, content.summary, *content.signatures, *(x for kv in content.meta for x in kv)]
    for sec in content.sections:
        out += [sec.heading, sec.empty, *sec.cols, *(s for row in sec.rows for s in row)]
    return out


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) not installed")
def test_english_sheet_of_every_sample_has_no_chinese_of_its_own(qapp, tmp_path, english):
    """Each sheet, as its words (quoted passages and the file's own words removed) and as printed
    (pdftotext: every Chinese run must come from the file's own words or a quoted passage). A quoted
    passage that is a label of the form is the tool's own Chinese, not the draft's: not allowed."""
    from gui.sheet import write_sheet_pdf

    names = form_names()
    checked = 0
    for i, path in enumerate(_sheet_inputs(tmp_path)):
        report = check_file(path)
        if report.error:
            continue
        own = [w for w in _own_words(report) if w]
        quoted: list[str] = []
        for s in _strings(sheet_content(report)):
            for q in QUOTED.findall(s):
                assert q[1:-1] not in names, (path.name, s)  # a label of the form left in Chinese
                quoted.append(q)
            rest = QUOTED.sub("", s)
            for w in sorted(own, key=len, reverse=True):
                rest = rest.replace(w, "")
            assert not CJK.search(rest), (path.name, s)
        out = write_sheet_pdf(report, tmp_path / f"{i}.pdf")
        text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
        allowed = "\n".join(own + quoted)
        bad = [run for run in CJK.findall(text) if run not in allowed]
        assert not bad, (path.name, bad)
        checked += 1
    assert checked >= 7


def test_english_cell_names_of_every_cell(english):
    for spec in formats.all_formats():
        for c in spec.cells:
            name = cell_name(spec, c.address)
            assert not CJK.search(name), name
            assert cell_name(spec, c.address, "zh") != name  # the Chinese name is still the form's own
    spec = formats.load("2021")
    assert cell_name(spec, "requests/3.3.1/natural") == "(3) 1. State secrets · Natural persons"
    assert cell_name(spec, "requests/3.2/legal") == "Partly disclosed · Legal service institutions"
    assert cell_name(spec, "requests/3.2/legal", "zh") == "部分公开·法律服务机构"
    assert cell_name(spec, "appeals/review/upheld") == "Administrative reconsideration · Upheld"


def _form_texts(grid, model) -> list[str]:
    from PySide6.QtCore import Qt

    from gui.form_layout import CELL

    out = [grid.title]
    for (r, c), slot in grid.slots.items():
        idx = model.index(r, c)
        if slot.kind != CELL:
            out.append(model.data(idx, Qt.ItemDataRole.DisplayRole))
        else:
            out += [model.data(idx, role) or "" for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)]
    return out


@pytest.mark.parametrize("fmt", formats.FORMAT_IDS)
def test_english_form_view_headers_and_labels(qapp, tmp_path, fmt):
    """The form view in English: every title, caption, header and row label, and each cell's text
    and tooltip (a report of that format with errors loaded) without Chinese beyond typed values."""
    import builders

    from gui import i18n
    from gui.form_layout import CAPTION, HEADER, LABEL, build
    from gui.form_model import FormModel, cell_infos

    values = dict(builders.consistent_values(fmt, 5), **{"requests/1/total": "999"})
    assert i18n.apply_language("en")
    try:
        report = check_file(builders.txt(tmp_path / "d.txt", fmt, values, title="测试县人民政府2022年政府信息公开工作年度报告"))
        spec = formats.load(fmt)
        infos = cell_infos(report, {})
        grids = build(spec)
        labels = 0
        for grid in grids:
            model = FormModel(grid, spec)
            model.set_infos(infos)
            labels += sum(s.kind in (CAPTION, HEADER, LABEL) for s in grid.slots.values())
            own = sorted({c.raw for c in report.cells.values() if c.raw}, key=len, reverse=True)
            for text in _form_texts(grid, model):
                rest = text
                for w in own:
                    rest = rest.replace(w, "")
                assert not CJK.search(rest), text
        assert [g.title for g in grids] == [spec.tables[t].title_en for t in formats.TABLE_IDS]
        assert labels > 40
    finally:
        i18n.apply_language("zh")
    zh = build(spec)  # and back in Chinese: the form's own words
    assert [g.title for g in zh] == [spec.tables[t].title for t in formats.TABLE_IDS]
    assert any(s.text == "（一）予以公开" for s in zh[1].slots.values())


@pytest.mark.parametrize("name", sorted(CASES))
def test_read_errors_in_english(tmp_path, name):
    """Every reason a file cannot be read, said in English: the detail too, even when the file was
    read while the interface was Chinese (the GUI switches language without reading again)."""
    p = tmp_path / name
    p.write_bytes(CASES[name][0])
    r = check_file(p)
    assert r.error is not None and r.error_text("zh") == r.error
    en = r.error_text("en").replace(str(p), "").replace(p.name, "")
    assert not CJK.search(en), r.error_text("en")
    messages.set_language("en")
    try:
        again = check_file(p)
    finally:
        messages.set_language("zh")
    assert again.error_text("en") == r.error_text("en") and again.error_text("zh") == r.error


def test_word_not_zip_detail_in_english(tmp_path):
    """The case seen: 「不是 zip 压缩包」 inside the English message of a damaged Word file."""
    p = tmp_path / "report.docx"
    p.write_bytes(b"this is not a zip package at all" * 10)
    r = check_file(p)
    assert r.error_code == "read.corrupt" and "zip 压缩包" in r.error
    assert r.error_text("en") == "The file is damaged or not a valid docx file: Not a valid Word file (not a zip package)"


def test_form_view_is_redrawn_in_the_new_language(qapp, tmp_path):
    """Switching the language redraws the tables of the report shown (same format, same report)."""
    import builders

    from gui import i18n
    from gui.form_model import FormArea

    report = check_file(builders.txt(tmp_path / "d.txt", "2021", builders.consistent_values("2021", 2),
                                     title="测试县人民政府2022年政府信息公开工作年度报告"))
    area = FormArea()
    area.show_report(report, {})
    assert area.titles[1].text() == "三、收到和处理政府信息公开申请情况"
    assert i18n.apply_language("en")
    try:
        area.show_report(report, {}, same=True)
        assert area.titles[1].text() == "III. Requests received and handled"
        assert area.models[1].grid.slots[(1, 3)].text == "Natural persons"
    finally:
        i18n.apply_language("zh")
    area.show_report(report, {}, same=True)
    assert area.titles[1].text() == "三、收到和处理政府信息公开申请情况"
    area.deleteLater()


def test_command_line_text_in_english(tmp_path):
    """``engine --lang en check`` on every sample, its text and its summary workbook: no Chinese but
    the files' own words and quotes."""
    import os
    import sys

    import openpyxl
    from conftest import ROOT, SAMPLE_IDS, sample_path

    paths = [sample_path(s) for s in SAMPLE_IDS]
    own = sorted({w for p in paths for w in _own_words(check_file(p)) if w}, key=len, reverse=True)
    env = {k: v for k, v in os.environ.items() if k != "NIANBAO_LANG"}
    r = subprocess.run([sys.executable, "-m", "engine", "--lang", "en", "check", "--jobs", "1",
                        "--summary", str(tmp_path / "s.xlsx"), *map(str, paths)],
                       cwd=ROOT, capture_output=True, text=True, encoding="utf-8", env=env, timeout=300)
    assert r.returncode in (0, 1) and "Suggested correction" in r.stdout, r.stderr
    lines = r.stdout.splitlines()
    for ws in openpyxl.load_workbook(tmp_path / "s.xlsx").worksheets:
        lines += [ws.title] + [str(v) for row in ws.iter_rows(values_only=True) for v in row if v is not None]
    for line in lines:
        rest = QUOTED.sub("", line)
        for w in own:
            rest = rest.replace(w, "")
        assert not CJK.search(rest), line
