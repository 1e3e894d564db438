"""Corrected and blank standard forms (.xlsx/.docx): read back by our own engine, recalculated by
LibreOffice, laid out as the national template."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
import zipfile
from decimal import Decimal
from pathlib import Path

import builders
import openpyxl
import pytest
from conftest import ROOT, SAMPLE_IDS, SAMPLES, sample_path

from engine import formats
from engine.api import apply_edits, check_file
from engine.export import ExportError, plan, write_blank_template, write_template
from engine.export.layout import sum_parts
from engine.model import ERROR, Correction

OUT = ROOT / "out" / "export"
"""Renderings (PDF/PNG) for a person to look at; ignored by git."""


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


needs_soffice = pytest.mark.skipif(soffice() is None, reason="LibreOffice missing: run scripts/setup.sh")


def lo_convert(files: list[Path], target: str, outdir: Path) -> list[Path]:
    """Convert with LibreOffice headless in a private profile (``target`` e.g. ``pdf``, ``xlsx``)."""
    outdir.mkdir(parents=True, exist_ok=True)
    profile = outdir / ".profile"
    subprocess.run([soffice(), "--headless", "--norestore", f"-env:UserInstallation=file://{profile}",
                    "--convert-to", target, "--outdir", str(outdir), *map(str, files)],
                   check=True, capture_output=True, timeout=300)
    ext = target.split(":")[0]
    out = [outdir / f"{f.stem}.{ext}" for f in files]
    missing = [p.name for p in out if not p.exists()]
    assert not missing, f"LibreOffice did not convert {missing}"
    return out


def render_png(files: list[Path], tmp: Path) -> None:
    """Print each file to PDF with LibreOffice and save PNG pages in OUT, for a person to look at."""
    if shutil.which("pdftoppm") is None:
        return
    OUT.mkdir(parents=True, exist_ok=True)
    for f in files:
        (pdf,) = lo_convert([f], "pdf", tmp / f.suffix[1:])
        name = f"{f.stem}-{f.suffix[1:]}"
        shutil.copyfile(pdf, OUT / f"{name}.pdf")
        subprocess.run(["pdftoppm", "-r", "70", "-png", str(pdf), str(OUT / name)], check=True, timeout=120)


def corrected_values(report) -> dict[str, object]:
    return plan(report).values


def assert_reads_back(report, out: Path) -> None:
    """Every cell of ``out`` read by our engine equals the corrected value; no error finding is left
    except on cells the draft does not give (still empty)."""
    back = check_file(out)
    assert back.error is None and back.format == report.format
    want = corrected_values(report)
    for a, v in want.items():
        got = back.cells[a]
        if v is None:
            assert got.value is None, a
        else:
            assert got.value == v, (a, got.value, v, got.raw)
    unknown = {a for a, v in want.items() if v is None}
    for f in back.findings:
        if f.severity == ERROR:
            assert set(f.cells) & unknown, f.message


@pytest.fixture(scope="module")
def sample_templates(tmp_path_factory) -> dict[str, tuple]:
    """Every sample's corrected template as .xlsx and .docx, and LibreOffice's recalculated copies."""
    folder = tmp_path_factory.mktemp("templates")
    out: dict[str, tuple] = {}
    for sid in SAMPLE_IDS:
        report = check_file(sample_path(sid))
        x = write_template(report, folder / f"{sid}.xlsx")
        d = write_template(report, folder / f"{sid}.docx")
        out[sid] = (report, x, d)
    return out


def test_every_sample_xlsx_reads_back_corrected(sample_templates, sample_id):
    report, xlsx, _ = sample_templates[sample_id]
    assert_reads_back(report, xlsx)


def test_every_sample_docx_reads_back_corrected(sample_templates, sample_id):
    report, _, docx = sample_templates[sample_id]
    assert_reads_back(report, docx)


def test_sample_004_corrections_are_shaded_with_old_value_comment(sample_templates):
    sid = next(s for s in SAMPLE_IDS if s.startswith("004"))
    report, xlsx, docx = sample_templates[sid]
    assert len(report.corrections) == 12
    back = check_file(xlsx)
    wb = openpyxl.load_workbook(xlsx)
    for c in report.corrections:
        sheet, coord = back.cells[c.cell].source.rsplit("!", 1)
        cell = wb[sheet.strip("'")][coord]
        assert cell.comment is not None and cell.comment.text.startswith(f"原值空白，更正为{c.to}（推算；依据：")
        assert cell.fill.fgColor.rgb.endswith("FFF2A8")
    untouched = back.cells["requests/1/natural"].source.rsplit("!", 1)
    assert wb[untouched[0].strip("'")][untouched[1]].comment is None
    with zipfile.ZipFile(docx) as z:
        comments = z.read("word/comments.xml").decode()
        body = z.read("word/document.xml").decode()
    assert comments.count("<w:comment ") == 12 and "原值空白，更正为0（推算；依据：" in comments
    assert body.count('w:fill="FFF2A8"') == 12


@needs_soffice
def test_libreoffice_recalculates_every_total_to_the_engine_value(sample_templates, tmp_path):
    """LibreOffice opens each template, recalculates the SUM formulas and saves: every total equals
    the engine's corrected value, and the totals are formulas (not typed numbers)."""
    files = [x for _, x, _ in sample_templates.values()]
    recalculated = lo_convert(files, "xlsx:Calc MS Excel 2007 XML", tmp_path / "lo")
    sid4 = next(s for s in SAMPLE_IDS if s.startswith("004"))
    render_png([sample_templates[sid4][1], sample_templates[sid4][2]], tmp_path / "png")
    checked = 0
    for (report, xlsx, _), lo in zip(sample_templates.values(), recalculated, strict=True):
        spec = formats.load(report.format)
        want = corrected_values(report)
        back = check_file(xlsx)
        formulas = openpyxl.load_workbook(xlsx)
        values = openpyxl.load_workbook(lo, data_only=True)
        for target, parts in sum_parts(spec).items():
            if want[target] is None or any(want[p] is None for p in parts):
                continue
            sheet, coord = back.cells[target].source.rsplit("!", 1)
            sheet = sheet.strip("'")
            assert str(formulas[sheet][coord].value).startswith("=SUM("), (target, formulas[sheet][coord].value)
            assert values[sheet][coord].value == want[target], (report.file, target)
            checked += 1
    assert checked > 5 * 30


@needs_soffice
def test_blank_template_formulas_recompute_when_filled(tmp_path):
    """Fill the blank 2021 workbook's input cells with consistent numbers: LibreOffice computes every
    total the form has; our reader finds no error."""
    out = write_blank_template("2021", 2025, tmp_path / "blank.xlsx")
    spec = formats.load("2021")
    back = check_file(out)
    parts = sum_parts(spec)
    assert back.error is None and back.format == "2021"
    assert all(c.value == (0 if a in parts else None) for a, c in back.cells.items())  # SUM of nothing shows 0
    assert not [f for f in back.findings if f.severity == ERROR]
    values = builders.consistent_values("2021", 7)
    wb = openpyxl.load_workbook(out)
    for a, text in values.items():
        sheet, coord = back.cells[a].source.rsplit("!", 1)
        cell = wb[sheet.strip("'")][coord]
        if a in parts:
            assert str(cell.value).startswith("=SUM(")
        else:
            cell.value = Decimal(text) if "." in text else int(text)
    filled = tmp_path / "filled.xlsx"
    wb.save(filled)
    (lo,) = lo_convert([filled], "xlsx:Calc MS Excel 2007 XML", tmp_path / "lo")
    calc = openpyxl.load_workbook(lo, data_only=True)
    for a in parts:
        sheet, coord = back.cells[a].source.rsplit("!", 1)
        assert calc[sheet.strip("'")][coord].value == int(values[a]), a
    again = check_file(lo)
    assert not [f for f in again.findings if f.severity == ERROR]
    assert all(again.cells[a].value == (Decimal(v) if "." in v else int(v)) for a, v in values.items())


@pytest.mark.parametrize("fmt", ["2019", "2021"])
@pytest.mark.parametrize("suffix", [".xlsx", ".docx"])
def test_blank_template_is_an_empty_form(tmp_path, fmt, suffix):
    out = write_blank_template(fmt, 2025 if fmt == "2021" else 2020, tmp_path / f"b{suffix}")
    back = check_file(out)
    assert back.format == fmt and back.error is None
    parts = sum_parts(formats.load(fmt)) if suffix == ".xlsx" else {}
    assert all(c.status == "blank" or (a in parts and c.value == 0) for a, c in back.cells.items())
    assert not [f for f in back.findings if f.severity == ERROR]


def test_xlsx_form_structure(sample_templates):
    """Merged headers as in the form, A4 print setup, validation by kind, 勾稽关系 in red when broken."""
    report, xlsx, _ = next(iter(sample_templates.values()))
    wb = openpyxl.load_workbook(xlsx)
    act, req, app = wb.worksheets
    for ws in wb.worksheets:
        assert int(ws.page_setup.paperSize) == 9 and int(ws.page_setup.fitToWidth) == 1  # A4, one page wide
    assert app.page_setup.orientation == "landscape"
    merged = {str(r) for r in req.merged_cells.ranges}
    head = next(r for r in range(1, 10) if str(req.cell(r, 1).value).startswith("（本列数据的勾稽关系"))
    assert f"A{head}:C{head + 2}" in merged  # the 勾稽关系 note spans three columns and three rows
    assert f"D{head}:J{head}" in merged  # 申请人情况
    assert req.print_title_rows == f"${head}:${head + 2}"
    back = check_file(xlsx)
    coord = {a: c.source.rsplit("!", 1)[1] for a, c in back.cells.items() if c.source}
    rules = [(str(rng.sqref), rule.formula[0]) for rng in req.conditional_formatting for rule in rng.rules]
    balance = [(r, f) for r, f in rules if "<>" in f and "COUNT(" in f]
    assert len(balance) == 7
    rng, f = next((r, f) for r, f in balance if coord["requests/1/total"] in r)
    for row in ("1", "2", "3.7", "4"):
        cell = coord[f"requests/{row}/total"]
        assert cell in rng.split() and f"${cell[0]}${cell[1:]}" in f
    dv = {str(d.sqref): (d.type, d.operator, d.formula1) for d in req.data_validations.dataValidation}
    assert any(coord["requests/1/natural"] in r.split() and v == ("whole", "greaterThanOrEqual", "0") for r, v in dv.items())
    money = {str(d.sqref): d.type for d in act.data_validations.dataValidation}
    assert any(coord["active/procurement/amount"] in r.split() and t == "decimal" for r, t in money.items())


def _grid(tbl_xml: str) -> list[list[tuple[str, int, str]]]:
    """(text, span, vmerge) of each cell of a Word table, whitespace removed; data cells blanked."""
    rows = []
    for tr in re.findall(r"<w:tr[ >].*?</w:tr>", tbl_xml, re.S):
        row = []
        for tc in re.findall(r"<w:tc>.*?</w:tc>", tr, re.S):
            text = re.sub(r"\s|\u3000", "", "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", tc)))
            span = re.search(r'<w:gridSpan w:val="(\d+)"', tc)
            vm = re.search(r'<w:vMerge(?: w:val="(\w+)")?/>', tc)
            row.append((text if not re.fullmatch(r"[\d.]*", text) else "", int(span.group(1)) if span else 1,
                        (vm.group(1) or "continue") if vm else ""))
        rows.append(row)
    return rows


def test_docx_2021_tables_have_the_official_templates_layout(tmp_path):
    """Cell for cell (labels, spans, vertical merges, grid widths) the three tables equal the
    national template's."""
    out = write_blank_template("2021", 2025, tmp_path / "b.docx")
    ours = zipfile.ZipFile(out).read("word/document.xml").decode()
    theirs = zipfile.ZipFile(SAMPLES / "official-template-2021.docx").read("word/document.xml").decode()
    t_ours = re.findall(r"<w:tbl>.*?</w:tbl>", ours, re.S)
    t_theirs = re.findall(r"<w:tbl>.*?</w:tbl>", theirs, re.S)
    assert len(t_ours) == len(t_theirs) == 3
    for a, b in zip(t_ours, t_theirs, strict=True):
        assert re.findall(r'<w:gridCol w:w="(\d+)"', a) == re.findall(r'<w:gridCol w:w="(\d+)"', b)
        assert _grid(a) == _grid(b)


def test_docx_2019_form_has_2019_rows(tmp_path):
    out = write_blank_template("2019", 2020, tmp_path / "b.docx")
    body = zipfile.ZipFile(out).read("word/document.xml").decode()
    for label in ("本年新制作数量", "第二十条第（九）项", "采购总金额", "（六）其他处理"):
        assert label in body
    assert "本年制发件数" not in body and "申请人无正当理由逾期不补正" not in body


def _typo_report(tmp_path: Path, fmt: str = "2021"):
    values = builders.consistent_values(fmt, 11)
    values["requests/3.7/total"] = str(int(values["requests/3.7/total"]) + 10)
    values["appeals/review/upheld"] = str(int(values["appeals/review/upheld"]) + 1)  # one row rule: ambiguous
    p = builders.docx_official(tmp_path / f"draft{fmt}.docx", fmt, values)
    return check_file(p), values


@pytest.mark.parametrize("suffix", [".xlsx", ".docx"])
def test_generated_2021_report_with_typos(tmp_path, suffix):
    report, values = _typo_report(tmp_path)
    confidences = {c.cell: c.confidence for c in report.corrections}
    assert confidences["requests/3.7/total"] == "certain"
    assert confidences.get("appeals/review/upheld") == "ambiguous"
    out = write_template(report, tmp_path / f"t{suffix}")
    back = check_file(out)
    assert back.cells["requests/3.7/total"].value == int(values["requests/3.7/total"]) - 10
    # ambiguous: left as typed, marked for the clerk, its rule still broken
    assert back.cells["appeals/review/upheld"].value == int(values["appeals/review/upheld"])
    assert [f.rule for f in back.findings if f.severity == ERROR] == ["appeals.total"]
    if suffix == ".xlsx":
        sheet, coord = back.cells["appeals/review/upheld"].source.rsplit("!", 1)
        cell = openpyxl.load_workbook(out)[sheet.strip("'")][coord]
        assert cell.comment.text.startswith("存疑，请核实：可能应为") and cell.fill.fgColor.rgb.endswith("FFC7CE")
        total = back.cells["appeals/review/total"].source.rsplit("!", 1)
        assert not str(openpyxl.load_workbook(out)[sheet.strip("'")][total[1]].value).startswith("=")  # typed, not recomputed


def test_only_certain_leaves_likely_as_typed(tmp_path):
    report, values = _typo_report(tmp_path)
    report.corrections.append(Correction("requests/1/natural", report.cells["requests/1/natural"].value,
                                         report.cells["requests/1/natural"].value + 1, "likely", 99, [], "测试"))
    applied = plan(report)
    assert applied.marks["requests/1/natural"].kind == "corrected"
    assert applied.values["requests/1/natural"] == int(values["requests/1/natural"]) + 1
    kept = plan(report, only_certain=True)
    assert kept.marks["requests/1/natural"].kind == "doubtful"
    assert kept.values["requests/1/natural"] == int(values["requests/1/natural"])
    assert kept.values["requests/3.7/total"] == int(values["requests/3.7/total"]) - 10


def test_clerks_edits_are_marked_as_hand_edits(tmp_path):
    original = check_file(sample_path(SAMPLE_IDS[1]))
    edited = apply_edits(original, {"active/licensing/prev_items": "77"})
    out = write_template(edited, tmp_path / "e.xlsx")
    back = check_file(out)
    assert back.cells["active/licensing/prev_items"].value == 77
    sheet, coord = back.cells["active/licensing/prev_items"].source.rsplit("!", 1)
    note = openpyxl.load_workbook(out)[sheet.strip("'")][coord].comment.text
    assert note == f"原值{original.cells['active/licensing/prev_items'].value}，更正为77（人工修改）"


def test_refusals(tmp_path, monkeypatch):
    report = check_file(sample_path(SAMPLE_IDS[0]))
    out = tmp_path / "t.xlsx"
    out.write_bytes(b"keep me")
    with pytest.raises(ExportError) as e:
        write_template(report, out)
    assert e.value.code == "export.exists" and out.read_bytes() == b"keep me"
    write_template(report, out, force=True)
    assert check_file(out).format == report.format
    with pytest.raises(ExportError) as e:
        write_template(report, tmp_path / "t.pdf")
    assert e.value.code == "export.out_kind"
    with pytest.raises(ExportError) as e:
        write_template(report, tmp_path / "no" / "such" / "t.xlsx")
    assert e.value.code == "export.no_folder" and "保存位置不存在" in str(e.value)
    with pytest.raises(ExportError) as e:
        write_template(check_file(tmp_path / "missing.txt"), tmp_path / "m.xlsx")
    assert e.value.code == "export.unreadable"
    with pytest.raises(ExportError) as e:
        write_blank_template("2018", 2018, tmp_path / "b.xlsx")
    assert e.value.code == "export.bad_format"

    def denied(*a, **k):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("tempfile.mkstemp", denied)
    with pytest.raises(ExportError) as e:
        write_template(report, tmp_path / "ro.xlsx")
    assert e.value.code == "export.unwritable" and "只读或没有权限" in str(e.value)
    assert not (tmp_path / "ro.xlsx").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.xlsx"]  # no temporary file left behind


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "engine", *args], cwd=ROOT, capture_output=True, text=True, encoding="utf-8")


def test_cli_template(tmp_path):
    src = sample_path(next(s for s in SAMPLE_IDS if s.startswith("004")))
    before = hashlib.sha256(src.read_bytes()).hexdigest()
    r = _cli("template", str(src), "--out", str(tmp_path / "t.xlsx"), "--json")
    assert r.returncode == 0, r.stderr
    obj = json.loads(r.stdout)
    assert obj["out"] == str(tmp_path / "t.xlsx") and len(obj["applied"]) == 12 and obj["remaining"] == []
    r = _cli("template", str(src), "--out", str(tmp_path / "t.xlsx"))
    assert r.returncode == 2 and "已存在" in r.stderr
    r = _cli("template", "--blank", "--format", "2021", "--year", "2025", "--out", str(tmp_path / "b.docx"))
    assert r.returncode == 0 and (tmp_path / "b.docx").exists()
    r = _cli("template", "--blank", "--out", str(tmp_path / "c.docx"))
    assert r.returncode == 2
    r = _cli("template", str(tmp_path / "nothing.txt"), "--out", str(tmp_path / "n.xlsx"), "--json")
    assert r.returncode == 2 and json.loads(r.stdout)["error"]
    assert hashlib.sha256(src.read_bytes()).hexdigest() == before


def test_cli_template_exit_1_when_errors_remain(tmp_path):
    report, _ = _typo_report(tmp_path)
    r = _cli("template", report.file, "--out", str(tmp_path / "t.docx"), "--json")
    assert r.returncode == 1
    obj = json.loads(r.stdout)
    assert [f["rule"] for f in obj["remaining"]] == ["appeals.total"]
    assert any(d["cell"] == "appeals/review/upheld" for d in obj["doubtful"])


@needs_soffice
def test_printed_xlsx_labels_are_never_cut(tmp_path):
    """The long labels of （六）其他处理 1./2. wrap over two lines: printed by LibreOffice, every
    label of the form is whole (rows tall enough for their wrapped text)."""
    from engine.export import layout

    out = write_blank_template("2021", 2025, tmp_path / "form.xlsx")
    (pdf,) = lo_convert([out], "pdf", tmp_path / "pdf")
    text = re.sub(r"\s+", "", subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout)
    spec = formats.load("2021")
    labels = [c.text for tid in formats.TABLE_IDS for row in layout.grid(spec, tid) for c in row if c.text and len(c.text) > 12]
    assert any("逾期不补正" in t for t in labels)
    for label in labels:
        assert re.sub(r"\s+", "", label) in text, label


def test_unknown_agency_leaves_a_line_in_the_title(tmp_path):
    out = write_blank_template("2021", 2025, tmp_path / "form.xlsx")
    title = openpyxl.load_workbook(out).worksheets[0]["A1"].value
    assert title.startswith("＿＿＿＿") and title.endswith("2025年政府信息公开工作年度报告")
