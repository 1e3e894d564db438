"""``fix``: a corrected copy of a Word/Excel draft, corrected values in their own cells and nothing
else changed."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import builders
import pytest
from conftest import ROOT

from engine.api import check_file
from engine.export import ExportError, write_fixed_copy
from engine.model import ERROR
from engine.reading import read_document

VARIANTS = ["docx_official", "docx_one_table", "docx_nested", "docx_split_repeat", "xlsx_one_sheet", "xlsx_three_sheets"]


WORD = {"certain": "确定", "deduced": "推算", "likely": "较可能"}


def draft(tmp_path: Path, variant: str, fmt: str, seed: int = 5) -> tuple[Path, dict[str, str]]:
    """A draft with a wrong total, a wrong result cell and a blank the rules determine; returns the
    file and the values it should have."""
    good = builders.consistent_values(fmt, seed)
    bad = dict(good)
    bad["requests/3.7/total"] = str(int(good["requests/3.7/total"]) + 10)
    bad["requests/3.1/natural"] = str(int(good["requests/3.1/natural"]) + 1)
    bad["appeals/review/total"] = ""
    p = builders.VARIANTS[variant](tmp_path / f"草稿 {variant}{builders.suffix(variant)}", fmt, bad)
    return p, good


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def texts(path: Path) -> dict[str, str]:
    return {c.source: c.text for row in read_document(path).rows for c in row.cells if not c.covered}


@pytest.mark.parametrize("fmt", ["2019", "2021"])
@pytest.mark.parametrize("variant", VARIANTS)
def test_fixed_copy_has_the_corrected_values_and_nothing_else_changed(tmp_path, variant, fmt):
    src, good = draft(tmp_path, variant, fmt)
    digest = hashlib.sha256(src.read_bytes()).hexdigest()
    report = check_file(src)
    assert {c.cell: c.confidence for c in report.corrections} == {
        "requests/3.7/total": "certain", "requests/3.1/natural": "certain", "appeals/review/total": "deduced"}
    out = write_fixed_copy(report)
    assert out == src.with_name(f"{src.stem}_已更正{src.suffix}")
    assert hashlib.sha256(src.read_bytes()).hexdigest() == digest  # the original never touched

    back = check_file(out)
    assert not [f for f in back.findings if f.severity == ERROR] and back.corrections == []
    for a, text in good.items():
        assert str(back.cells[a].value) == text, a

    changed_sources = {report.cells[c.cell].source for c in report.corrections}
    before, after = texts(src), texts(out)
    assert before.keys() == after.keys()
    assert {s for s in before if before[s] != after[s]} == changed_sources

    old, new = parts(src), parts(out)
    differ = {n for n in old if old[n] != new.get(n)} | (new.keys() - old.keys())
    if src.suffix == ".docx":
        assert differ <= {"word/document.xml", "word/comments.xml", "word/_rels/document.xml.rels", "[Content_Types].xml"}
        comments = new["word/comments.xml"].decode()
        assert f"原值{int(good['requests/3.7/total']) + 10}，更正为{good['requests/3.7/total']}（确定；依据：" in comments
        assert "原值空白，更正为" in comments
        assert new["word/document.xml"].decode().count('w:fill="FFF2A8"') == 3
    else:
        sheets = {report.cells[c.cell].source.split("!")[0].strip("'") for c in report.corrections}
        edited = {n for n in differ if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n)}
        assert len(edited) == len(sheets)
        notes = {n for n in differ if re.fullmatch(r"xl/(comments/comment|drawings/commentsDrawing)\d+\.(xml|vml)", n)}
        rels = {f"xl/worksheets/_rels/{n.rsplit('/', 1)[1]}.rels" for n in edited}
        assert differ == {"xl/styles.xml", "[Content_Types].xml"} | edited | notes | rels
        import openpyxl

        wb = openpyxl.load_workbook(out)
        for c in report.corrections:
            sheet, coord = report.cells[c.cell].source.rsplit("!", 1)
            cell = wb[sheet.strip("'")][coord]
            assert cell.fill.fgColor.rgb == "FFFFF2A8"
            assert cell.comment.text.startswith(f"原值{'空白' if c.from_ is None else c.from_}，更正为{c.to}（{WORD[c.confidence]}；依据：")


def test_doubtful_cells_are_highlighted_but_keep_their_value(tmp_path):
    good = builders.consistent_values("2021", 9)
    bad = dict(good, **{"appeals/review/upheld": str(int(good["appeals/review/upheld"]) + 1)})
    src = builders.docx_official(tmp_path / "d.docx", "2021", bad)
    report = check_file(src)
    assert {c.confidence for c in report.corrections} == {"ambiguous"}
    out = write_fixed_copy(report, tmp_path / "out.docx")
    back = check_file(out)
    assert back.cells["appeals/review/upheld"].value == int(bad["appeals/review/upheld"])
    body = parts(out)["word/document.xml"].decode()
    assert body.count('w:fill="FFC7CE"') == len({c.cell for c in report.corrections})
    assert "存疑，请核实" in parts(out)["word/comments.xml"].decode()


def test_refusals(tmp_path):
    src, _ = draft(tmp_path, "docx_official", "2021")
    report = check_file(src)
    target = tmp_path / "已有.docx"
    target.write_bytes(b"keep")
    with pytest.raises(ExportError, match="已存在"):
        write_fixed_copy(report, target)
    assert target.read_bytes() == b"keep"
    with pytest.raises(ExportError) as e:
        write_fixed_copy(report, tmp_path / "x.xlsx")
    assert e.value.code == "export.fix_kind_mismatch"
    with pytest.raises(ExportError) as e:
        write_fixed_copy(report, src)
    assert e.value.code in ("export.same_file", "export.exists")
    txt = builders.VARIANTS["txt_tab_utf8"](tmp_path / "t.txt", "2021", builders.consistent_values("2021", 1))
    with pytest.raises(ExportError) as e:
        write_fixed_copy(check_file(txt))
    assert e.value.code == "export.fix_kind" and "template" in str(e.value)


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "engine", *args], cwd=ROOT, capture_output=True, text=True, encoding="utf-8")


def test_cli_fix(tmp_path):
    src, good = draft(tmp_path, "xlsx_three_sheets", "2021")
    r = _cli("fix", str(src), "--json")
    assert r.returncode == 0, r.stderr
    obj = json.loads(r.stdout)
    out = Path(obj["out"])
    assert out == src.with_name(f"{src.stem}_已更正.xlsx") and len(obj["applied"]) == 3
    assert check_file(out).cells["requests/3.7/total"].value == int(good["requests/3.7/total"])
    r = _cli("fix", str(src))
    assert r.returncode == 2 and "已存在" in r.stderr
    r = _cli("fix", str(src), "--force")
    assert r.returncode == 0
    txt = builders.VARIANTS["txt_tab_utf8"](tmp_path / "t.txt", "2021", good)
    r = _cli("fix", str(txt))
    assert r.returncode == 2 and ".docx" in r.stderr and "Traceback" not in r.stderr


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice missing: run scripts/setup.sh")
@pytest.mark.parametrize("variant", ["xlsx_one_sheet", "docx_official"])
def test_libreoffice_opens_the_fixed_copy(tmp_path, variant):
    """LibreOffice reads the corrected copy (cells, notes, styles) and saves it again unchanged in value."""
    src, good = draft(tmp_path, variant, "2021")
    out = write_fixed_copy(check_file(src), tmp_path / f"fixed{src.suffix}")
    fmt = "xlsx:Calc MS Excel 2007 XML" if src.suffix == ".xlsx" else "docx:MS Word 2007 XML"
    lo = tmp_path / "lo"
    subprocess.run([shutil.which("soffice"), "--headless", "--norestore", f"-env:UserInstallation=file://{lo}/profile",
                    "--convert-to", fmt, "--outdir", str(lo), str(out)], check=True, capture_output=True, timeout=300)
    back = check_file(lo / out.name)
    assert back.error is None and not [f for f in back.findings if f.severity == ERROR]
    for a, text in good.items():
        assert str(back.cells[a].value) == text, a


@pytest.mark.parametrize("variant", ["docx_official", "xlsx_one_sheet"])
def test_a_draft_edited_after_the_check_is_not_patched(tmp_path, variant):
    """The clerk changed the draft after checking it: the cells may have moved, so the old report's
    corrections are not written anywhere; the message asks for a new check."""
    src, good = draft(tmp_path, variant, "2021")
    report = check_file(src)
    moved = dict(good, **{"requests/1/natural": str(int(good["requests/1/natural"]) + 5)})
    builders.VARIANTS[variant](src, "2021", moved)
    with pytest.raises(ExportError) as e:
        write_fixed_copy(report)
    assert e.value.code == "export.input_changed" and "重新检查" in str(e.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == [src.name]


def test_clerks_edits_in_the_app_are_written_too(tmp_path):
    """A report edited in the app (apply_edits) carries its edits: the hand edits go into the copy,
    marked as such, with or without ``original``."""
    from engine.api import apply_edits

    src, good = draft(tmp_path, "docx_official", "2021")
    report = check_file(src)
    edited = apply_edits(report, {"active/licensing/decisions": "4321"})
    out = write_fixed_copy(edited, tmp_path / "with.docx")
    back = check_file(out)
    assert back.cells["active/licensing/decisions"].value == 4321
    assert back.cells["requests/3.7/total"].value == int(good["requests/3.7/total"])
    assert "更正为4321（人工修改）" in parts(out)["word/comments.xml"].decode()
    out = write_fixed_copy(edited, tmp_path / "without.docx")
    back = check_file(out)
    assert back.cells["requests/3.7/total"].value == int(good["requests/3.7/total"])
    assert back.cells["active/licensing/decisions"].value == 4321


def _rewrap_document(path: Path, edit) -> None:
    """Rewrite word/document.xml of ``path`` with ``edit(xml_text) -> xml_text``."""
    with zipfile.ZipFile(path) as z:
        items = [(i, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in items:
            if info.filename == "word/document.xml":
                data = edit(data.decode("utf-8")).encode("utf-8")
            z.writestr(info, data)


def test_tables_numbered_as_the_reader_numbers_them(tmp_path):
    """A first (unrelated) table wrapped in mc:AlternateContent counts as table 1 for the reader, so
    the report's tables move up by one; fix must write into the same cells the values were read from."""
    p, good = draft(tmp_path, "docx_official", "2021")
    before = int(check_file(p).cells["requests/3.7/total"].source.split()[1])
    mc = "http://schemas.openxmlformats.org/markup-compatibility/2006"

    def edit(xml: str) -> str:
        extra = (f'<mc:AlternateContent xmlns:mc="{mc}"><mc:Choice Requires="w14"><w:tbl><w:tr><w:tc><w:p><w:r>'
                 '<w:t>附表</w:t></w:r></w:p></w:tc></w:tr></w:tbl></mc:Choice></mc:AlternateContent>')
        i = xml.index("<w:body>") + len("<w:body>")
        return xml[:i] + extra + xml[i:]

    _rewrap_document(p, edit)
    report = check_file(p)
    assert report.cells["requests/3.7/total"].source.startswith(f"table {before + 1} ")
    out = write_fixed_copy(report, tmp_path / "out.docx")
    fixed = check_file(out)
    assert fixed.cells["requests/3.7/total"].value == int(good["requests/3.7/total"])
    assert not [f for f in fixed.findings if f.severity == ERROR and f.rule.startswith(("requests.", "appeals."))]
    assert texts(out)["table 1 row 1 col 1"] == "附表"


def test_fix_does_not_expand_entities_from_the_draft(tmp_path):
    """A crafted draft declaring an external entity: the corrected copy never pulls the file in."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-LINE", encoding="utf-8")
    p, _ = draft(tmp_path, "docx_official", "2021")

    def edit(xml: str) -> str:
        head, rest = xml.split("?>", 1)
        rest = rest.replace("<w:body>", "<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p>", 1)
        return f'{head}?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file://{secret}">]>{rest}'

    _rewrap_document(p, edit)
    report = check_file(p)
    assert report.corrections
    out = write_fixed_copy(report, tmp_path / "out.docx")
    assert b"TOP-SECRET-LINE" not in zipfile.ZipFile(out).read("word/document.xml")
