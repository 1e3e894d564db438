"""Files that cannot be read at all: a clear Chinese reason and code, exit status 2, no traceback,
and the file left exactly as it was."""

from __future__ import annotations

import hashlib
import io
import json
import os
import random
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES

from engine.api import check_file

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
TEMPLATE = SAMPLES / "official-template-2021.docx"
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _noise(n: int, seed: int) -> bytes:
    return random.Random(seed).randbytes(n)


def _zip(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return buf.getvalue()


def _xlsx_bytes() -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active["A1"] = "三、收到和处理政府信息公开申请情况"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# name → (bytes, expected error code, text the message must contain)
CASES: dict[str, tuple[bytes, str, str]] = {
    "empty.docx": (b"", "read.empty", "空"),
    "empty.xlsx": (b"", "read.empty", "空"),
    "random.docx": (_noise(4096, 1), "read.corrupt", "zip"),
    "random.xlsx": (_noise(4096, 2), "read.corrupt", "zip"),
    "truncated.docx": (TEMPLATE.read_bytes()[:6000], "read.corrupt", "损坏"),
    "truncated.xlsx": (_xlsx_bytes()[:1500], "read.corrupt", "损坏"),
    "no_body.docx": (_zip({"[Content_Types].xml": b"<Types/>", "word/styles.xml": b"<styles/>"}), "read.corrupt", "word/document.xml"),
    "no_workbook.xlsx": (_zip({"docProps/app.xml": b"<Properties/>"}), "read.corrupt", "工作簿"),
    "content_types_only.xlsx": (_zip({"[Content_Types].xml": b"<Types/>"}), "read.corrupt", "工作簿"),
    "bad_xml.docx": (_zip({"word/document.xml": b"<w:document xmlns:w='x'><w:body><w:p>"}), "read.corrupt", "XML"),
    "encrypted.docx": (OLE + _noise(2048, 3), "read.encrypted", "密码"),
    "encrypted.xlsx": (OLE + _noise(2048, 4), "read.encrypted", "密码"),
    "damaged.doc": (OLE + _noise(2048, 5), "read.corrupt", "损坏"),
    "damaged.xls": (OLE + _noise(2048, 6), "read.corrupt", "损坏"),
    # a Kingsoft file of WPS's own old format (or another program's): not the Word/Excel family
    "old_kingsoft.wps": (b"WPS Office " + _noise(2048, 7), "doc.not_word", "另存为"),
    "old_kingsoft.et": (b"ET " + _noise(2048, 8), "xls.not_excel", "另存为"),
    "not_odf.odt": (_noise(2048, 9), "read.corrupt", "zip"),
    "legacy.rtf": (b"{\\rtf1\\ansi hello}", "read.legacy_office", ".docx"),
}


def _write(tmp_path: Path, name: str) -> tuple[Path, str]:
    p = tmp_path / name
    p.write_bytes(CASES[name][0])
    return p, hashlib.sha256(p.read_bytes()).hexdigest()


@pytest.mark.parametrize("name", sorted(CASES))
def test_check_file_gives_code_and_chinese_reason(tmp_path, name):
    p, before = _write(tmp_path, name)
    _, code, needle = CASES[name]
    r = check_file(p)
    assert r.error_code == code, r.error
    assert _CJK.search(r.error) and needle in r.error
    assert "Traceback" not in r.error and "Error" not in r.error
    assert r.cells == {} and r.findings == [] and r.format is None
    assert hashlib.sha256(p.read_bytes()).hexdigest() == before


def test_missing_file(tmp_path):
    p = tmp_path / "不存在.docx"
    r = check_file(p)
    assert r.error_code == "read.not_found" and "找不到文件" in r.error and str(p) in r.error
    assert not p.exists()


def _cli(*paths: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, NIANBAO_LANG="zh", PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "engine", "check", "--json", *map(str, paths)], cwd=ROOT,
                          capture_output=True, text=True, encoding="utf-8", env=env)


def test_cli_exits_2_with_error_line_and_no_traceback(tmp_path):
    names = sorted(CASES)
    written = [_write(tmp_path, n) for n in names]
    missing = tmp_path / "missing.xlsx"
    p = _cli(*(w[0] for w in written), missing)
    assert p.returncode == 2
    assert "Traceback" not in p.stderr
    lines = [json.loads(ln) for ln in p.stdout.strip().split("\n")]
    assert [Path(o["file"]).name for o in lines] == [*names, "missing.xlsx"]
    for o in lines:
        assert o["error"] and _CJK.search(o["error"]) and o["format"] is None
    for path, before in written:
        assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_cli_single_bad_file_exits_2(tmp_path):
    path, before = _write(tmp_path, "random.docx")
    p = _cli(path)
    assert p.returncode == 2 and "Traceback" not in p.stderr
    (line,) = p.stdout.strip().split("\n")
    assert "损坏" in json.loads(line)["error"]
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_docx_external_entity_is_not_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-本机文件内容", encoding="utf-8")
    doc = (
        f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file://{secret}">]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        "<w:p><w:r><w:t>before &x; after</w:t></w:r></w:p></w:body></w:document>"
    ).encode()
    p = tmp_path / "xxe.docx"
    p.write_bytes(_zip({"word/document.xml": doc}))
    from engine.reading import read_document

    d = read_document(p)
    assert "SECRET" not in d.text()
    assert "before" in d.text()


def test_billion_laughs_docx_does_not_expand(tmp_path):
    ents = '<!ENTITY a0 "lol">' + "".join(f'<!ENTITY a{i} "{("&a" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    doc = (
        f'<?xml version="1.0"?><!DOCTYPE d [{ents}]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        "<w:p><w:r><w:t>&a9;</w:t></w:r></w:p></w:body></w:document>"
    ).encode()
    p = tmp_path / "lol.docx"
    p.write_bytes(_zip({"word/document.xml": doc}))
    r = check_file(p)
    # either refused as damaged or read without expanding 10^9 characters; never a crash
    assert r.error_code in ("read.corrupt", "read.no_tables")
    if r.error_code == "read.no_tables":
        from engine.reading import read_document

        assert len(read_document(p).text()) < 10_000


def _xlsx_with_sheet_doctype(doctype: str, cell_text: str) -> bytes:
    data = _xlsx_bytes()
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                s = body.decode().replace("?>", f"?>{doctype}", 1)
                s = re.sub(r'<c r="A1"[^>]*>.*?</c>', f'<c r="A1" t="inlineStr"><is><t>{cell_text}</t></is></c>', s)
                assert cell_text in s
                body = s.encode()
            dst.writestr(info, body)
    return out.getvalue()


@pytest.mark.parametrize("kind", ["external", "billion_laughs"])
def test_xlsx_entities_are_refused_not_expanded(tmp_path, kind):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-本机文件内容", encoding="utf-8")
    if kind == "external":
        data = _xlsx_with_sheet_doctype(f'<!DOCTYPE worksheet [<!ENTITY x SYSTEM "file://{secret}">]>', "a&x;b")
    else:
        ents = '<!ENTITY a0 "lol">' + "".join(f'<!ENTITY a{i} "{("&a" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
        data = _xlsx_with_sheet_doctype(f"<!DOCTYPE worksheet [{ents}]>", "&a9;")
    p = tmp_path / f"{kind}.xlsx"
    p.write_bytes(data)
    r = check_file(p)
    assert r.error_code == "read.corrupt" and "实体" in r.error
    assert "SECRET" not in r.error


@pytest.mark.parametrize("variant, member", [("docx_official", "word/document.xml"), ("xlsx_one_sheet", "xl/worksheets/sheet1.xml")])
def test_damaged_compressed_data_inside_the_package(tmp_path, variant, member):
    import builders

    good = builders.VARIANTS[variant](tmp_path / f"good{builders.suffix(variant)}", "2021", builders.consistent_values("2021", 1))
    data = bytearray(good.read_bytes())
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo(member)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for k in range(start + 200, start + 260):  # scramble deflated bytes; the zip directory stays intact
        data[k] ^= 0x5A
    p = tmp_path / f"damaged{builders.suffix(variant)}"
    p.write_bytes(bytes(data))
    before = hashlib.sha256(p.read_bytes()).hexdigest()
    r = check_file(p)
    assert r.error_code == "read.corrupt" and "无法解压" in r.error
    assert hashlib.sha256(p.read_bytes()).hexdigest() == before
    assert check_file(good).error is None  # the undamaged original reads
