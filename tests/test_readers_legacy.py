""".doc/.wps, .xls/.et, .odt/.ods: documents generated as .docx/.xlsx, converted by LibreOffice
(headless, once per session, several files per call), must read cell for cell like their originals
and check the same. Skipped where soffice is absent (the setup installs it, so CI runs them)."""

from __future__ import annotations

import io
import os
import subprocess
import zipfile
from pathlib import Path

import builders as b
import pytest
from web_builders import convert, soffice

from engine.api import check_file
from engine.reading import read_bytes, read_document
from engine.reading.document import Document

SOFFICE = soffice()
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
TITLE = "测试县人民政府2022年政府信息公开工作年度报告"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _word_package(body_xml: str) -> bytes:
    """A complete minimal .docx (content types and relationships, so that LibreOffice opens it)."""
    doc = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W_NS}"><w:body>'
           f"{body_xml}</w:body></w:document>")
    types = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             '<Default Extension="xml" ContentType="application/xml"/>'
             '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
             "</Types>")
    rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            "</Relationships>")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", types)
        z.writestr("_rels/.rels", rels)
        z.writestr("word/document.xml", doc)
    return buf.getvalue()


def _p(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


# tracked changes (an insertion, a deletion), hidden text, a field result, in a paragraph and a table
TRACKED = (
    "<w:p><w:r><w:t>本机关</w:t></w:r><w:ins w:id='1' w:author='甲' w:date='2022-01-01T00:00:00Z'><w:r><w:t>新增</w:t></w:r></w:ins>"
    "<w:del w:id='2' w:author='甲' w:date='2022-01-01T00:00:00Z'><w:r><w:delText>删去</w:delText></w:r></w:del>"
    "<w:r><w:t>文字</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r></w:p>"
    "<w:tbl><w:tblGrid><w:gridCol w:w='3000'/><w:gridCol w:w='3000'/></w:tblGrid>"
    "<w:tr><w:tc>" + _p("规章") + "</w:tc><w:tc><w:p>"
    "<w:del w:id='3' w:author='甲' w:date='2022-01-01T00:00:00Z'><w:r><w:delText>18</w:delText></w:r></w:del>"
    "<w:ins w:id='4' w:author='甲' w:date='2022-01-01T00:00:00Z'><w:r><w:t>81</w:t></w:r></w:ins></w:p></w:tc></w:tr>"
    "<w:tr><w:tc>" + _p("行政许可") + "</w:tc><w:tc>" + _p("7") + "</w:tc></w:tr>"
    "</w:tbl>"
)


@pytest.fixture(scope="session")
def converted(tmp_path_factory) -> dict[str, Path]:
    """name → path of every original and converted document (``off2021.docx``, ``off2021.doc``…)."""
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    d = tmp_path_factory.mktemp("legacy")
    words: list[Path] = []
    sheets: list[Path] = []
    for fmt, seed in (("2021", 11), ("2019", 12)):
        v = b.consistent_values(fmt, seed)
        words.append(b.docx_official(d / f"off{fmt}.docx", fmt, v, title=TITLE))
        words.append(b.docx_split(d / f"split{fmt}.docx", fmt, v, title=TITLE))
        sheets.append(b.xlsx_one_sheet(d / f"one{fmt}.xlsx", fmt, v, title=TITLE))
        sheets.append(b.xlsx_three_sheets(d / f"three{fmt}.xlsx", fmt, v, title=TITLE))
    v = b.consistent_values("2021", 13)
    words.append(b.docx_paragraphs(d / "pasted2021.docx", "2021", v, title=TITLE))
    sheets.append(b.xlsx_one_sheet(d / "text2021.xlsx", "2021", v, numbers_as_text=True, title=TITLE))
    tracked = d / "tracked.docx"
    tracked.write_bytes(_word_package(TRACKED))
    words.append(tracked)
    from test_layouts import _boxed, _edit_docx

    v = b.consistent_values("2019", 14)
    plain = b.docx_official(d / "plain2019.docx", "2019", v, title=TITLE)
    words.append(_edit_docx(plain, d / "boxed_all.docx", _boxed("choice_fallback")))
    words.append(_edit_docx(plain, d / "boxed_four.docx", _boxed("floating", only_last=True)))
    words.append(b.docx_nested(d / "nested2021.docx", "2021", b.consistent_values("2021", 15), title=TITLE))
    for to, files in (("doc", words), ("odt", words), ("xls", sheets), ("ods", sheets)):
        convert(files, to, d)
    return {p.name: p for p in d.iterdir()}


def _raw(doc: Document) -> list[tuple[str, str, bool]]:
    return [(c.text, c.source, c.covered) for r in doc.rows for c in r.cells]


WORDS = ["off2021", "off2019", "split2021", "split2019", "pasted2021"]
SHEETS = ["one2021", "one2019", "three2021", "three2019", "text2021"]
PAIRS = [(n, "docx", k) for n in WORDS for k in ("doc", "odt")] + [(n, "xlsx", k) for n in SHEETS for k in ("xls", "ods")]


@needs_soffice
@pytest.mark.parametrize(("name", "orig", "kind"), PAIRS, ids=[f"{n}.{k}" for n, _, k in PAIRS])
def test_converted_reads_cell_for_cell_like_its_original(converted, name, orig, kind):
    a = read_document(converted[f"{name}.{orig}"])
    c = read_document(converted[f"{name}.{kind}"])
    assert c.kind == kind
    assert _raw(c) == _raw(a)


@needs_soffice
@pytest.mark.parametrize(("name", "orig", "kind"), PAIRS[::3], ids=[f"{n}.{k}" for n, _, k in PAIRS[::3]])
def test_converted_checks_like_its_original(converted, name, orig, kind):
    a = check_file(converted[f"{name}.{orig}"])
    c = check_file(converted[f"{name}.{kind}"])
    assert c.error is None and a.error is None
    assert {k: (x.raw, x.status, x.source) for k, x in c.cells.items()} == {
        k: (x.raw, x.status, x.source) for k, x in a.cells.items()}
    assert sorted(f.rule for f in c.findings) == sorted(f.rule for f in a.findings)
    assert len(c.cells) in (198, 200) and all(x.status == "ok" for x in c.cells.values())


@needs_soffice
@pytest.mark.parametrize("kind", ["doc", "odt"])
def test_tracked_changes_read_as_accepted(converted, kind):
    d = read_document(converted[f"tracked.{kind}"])
    assert [[c.text for c in r.cells] for r in d.rows] == [["本机关新增文字"], ["规章", "81"], ["行政许可", "7"]]
    assert [c.source for c in d.rows[1].cells] == ["table 1 row 1 col 1", "table 1 row 1 col 2"]


@needs_soffice
@needs_soffice
@pytest.mark.parametrize("kind", ["doc", "odt"])
@pytest.mark.parametrize("name", ["boxed_all", "boxed_four"])
def test_tables_in_text_boxes_after_conversion(converted, name, kind):
    """LibreOffice keeps the text boxes: a .doc holds them in its text-box story, an .odt in shapes
    (``loext:table``). Every cell is read, each once, as in the draft without boxes."""
    r = check_file(converted[f"{name}.{kind}"])
    want = check_file(converted["boxed_all.docx"])
    assert r.error is None and all(c.status == "ok" for c in r.cells.values())
    assert {a: c.raw for a, c in r.cells.items()} == {a: c.raw for a, c in want.cells.items()}


@needs_soffice
@pytest.mark.parametrize("kind", ["doc", "odt"])
def test_nested_tables_after_conversion(converted, kind):
    r = check_file(converted[f"nested2021.{kind}"])
    want = check_file(converted["nested2021.docx"])
    assert r.error is None and all(c.status == "ok" for c in r.cells.values())
    assert {a: c.raw for a, c in r.cells.items()} == {a: c.raw for a, c in want.cells.items()}


@needs_soffice
def test_kingsoft_names_read_by_content(converted, tmp_path):
    """WPS 文字 saves .wps in the Word 97–2003 binary format, WPS 表格 saves .et as BIFF8: the same
    bytes under the Kingsoft names read the same; a .wps that is really a .docx is read as one."""
    pairs = [("off2021.doc", "草稿.wps"), ("one2021.xls", "草稿.et"), ("off2021.docx", "另存的.wps"),
             ("one2021.xlsx", "另存的.et"), ("off2021.odt", "其实是odt.doc")]
    for src, name in pairs:
        p = tmp_path / name
        p.write_bytes(converted[src].read_bytes())
        assert _raw(read_document(p)) == _raw(read_document(converted[src])), name
    r = check_file(tmp_path / "草稿.wps")
    assert r.error is None and all(x.status == "ok" for x in r.cells.values())


@needs_soffice
def test_damaged_legacy_files_give_a_message_not_a_traceback(converted):
    for name in ("off2021.doc", "one2021.xls", "off2021.odt", "one2021.ods"):
        data = converted[name].read_bytes()
        for cut in (len(data) // 2, 600, 513):
            try:
                read_bytes(data[:cut], name)
            except Exception as e:  # noqa: BLE001 - only ReadError is allowed
                assert type(e).__name__ == "ReadError", (name, cut, e)
        # the text stream overwritten with noise: still a clean result or a clean error
        noisy = bytearray(data)
        for i in range(2048, min(len(noisy), 40000), 7):
            noisy[i] = (noisy[i] * 31 + 7) & 0xFF
        try:
            read_bytes(bytes(noisy), name)
        except Exception as e:  # noqa: BLE001
            assert type(e).__name__ == "ReadError", (name, e)


def test_not_the_binary_family_names_the_save_as_steps(tmp_path):
    """Microsoft Works .wps (an OLE file without a WordDocument stream) and WPS's own pre-2005
    format: refused with the 另存为 steps, in Chinese and English."""
    import olefile  # noqa: F401  (the reader's dependency: present)

    works = tmp_path / "works.wps"
    works.write_bytes(b"\x00\x01WPS 4.0 document" * 64)
    r = check_file(works)
    assert r.error_code == "doc.not_word" and "另存为" in r.error and ".docx" in r.error


def test_a_folder_never_drops_a_file_silently(tmp_path):
    """A folder holding only drafts that used to be skipped (「没有找到可检查的文件」): each office,
    text, PDF and web file gets its own line, read or why not; lock files and images are not reports."""
    import json
    import sys

    from engine.cli.paths import expand

    folder = tmp_path / "草稿"
    (folder / "子目录").mkdir(parents=True)
    names = {
        "a.wps": b"WPS " + bytes(range(256)) * 4,  # WPS's own old format
        "b.et": b"\x00" * 600,
        "c.odt": b"PK\x03\x04 broken",
        "d.pptx": b"PK\x03\x04 slides",
        "子目录/e.ofd": b"PK\x03\x04 ofd",
        "子目录/f.rtf": b"{\\rtf1 x}",
        "~$a.docx": b"lock",
        "photo.png": b"\x89PNG",
    }
    for n, data in names.items():
        (folder / n).write_bytes(data)
    listed = [Path(p).name for p in expand([str(folder)])]
    assert listed == ["a.wps", "b.et", "c.odt", "d.pptx", "e.ofd", "f.rtf"]
    r = subprocess.run([sys.executable, "-m", "engine", "check", "--json", str(folder)], capture_output=True,
                       text=True, encoding="utf-8", env={**os.environ, "NIANBAO_LANG": "zh"}, cwd=Path(__file__).parents[1])
    lines = [json.loads(ln) for ln in r.stdout.splitlines()]
    assert [Path(x["file"]).name for x in lines] == listed and r.returncode == 2
    why = {Path(x["file"]).name: x["error"] for x in lines}
    assert "另存为" in why["a.wps"] and "另存为" in why["b.et"]
    assert "不支持" in why["d.pptx"] and "不支持" in why["e.ofd"] and ".docx" in why["f.rtf"]


@pytest.mark.parametrize("name", ["导出.xls", "另存为网页.doc", "网页.et"])
def test_web_page_named_xls_or_doc_is_read_as_a_web_page(tmp_path, name):
    """Websites and WPS export tables as HTML named .xls; Word saves web pages that get renamed .doc."""
    import web_builders as wb

    v = b.consistent_values("2021", 16)
    page = wb.html(tmp_path / "page.html", "2021", v, title=TITLE)
    p = tmp_path / name
    p.write_bytes(page.read_bytes())
    r, want = check_file(p), check_file(page)
    assert r.error is None and all(c.status == "ok" for c in r.cells.values())
    assert {a: (c.raw, c.source) for a, c in r.cells.items()} == {a: (c.raw, c.source) for a, c in want.cells.items()}


def test_rtf_named_doc_asks_for_a_docx(tmp_path):
    p = tmp_path / "通知.doc"
    p.write_bytes(b"{\\rtf1\\ansi\\deff0 {\\fonttbl{\\f0 SimSun;}} hello}")
    r = check_file(p)
    assert r.error_code == "read.legacy_office" and "RTF" in r.error and ".docx" in r.error


def test_open_dialog_groups_cover_every_readable_type():
    """What the Open dialog's filter is built from: first every readable type, then each kind, every
    readable extension in exactly one kind; labels in the user's language."""
    from engine import messages
    from engine.reading import READERS, filter_groups, supported_extensions

    groups = filter_groups()
    assert groups[0][1] == supported_extensions() and {".doc", ".wps", ".xls", ".et", ".odt", ".ods"} <= set(groups[0][1])
    kinds = sorted(e for _, exts in groups[1:] for e in exts)
    assert kinds == sorted(READERS)
    assert "Word" in groups[1][0] and all(label for label, _ in groups)
    before = messages.language()
    messages.set_language("en")
    try:
        assert filter_groups()[0][0] == "All files that can be checked"
    finally:
        messages.set_language(before)


def test_password_protected_xls_is_named_as_such(monkeypatch):
    """xlrd refuses an encrypted BIFF workbook; the clerk is told about the password, not 'damaged'."""
    import xlrd

    from engine import messages
    from engine.reading import ReadError, xls

    def refuse(**_kw):
        raise xlrd.XLRDError("Workbook is encrypted")

    monkeypatch.setattr(xlrd, "open_workbook", refuse)
    with pytest.raises(ReadError) as e:
        xls.read(Path("报表.xls"), b"")
    assert e.value.code == "read.encrypted" and "密码" in messages.text(e.value.code, "zh", **e.value.params)
