"""Text drafts as they arrive: other encodings, messy spelling, and deliberately damaged copies."""

from __future__ import annotations

import hashlib

import pytest
from conftest import expected, sample_path

from engine.api import check_file
from engine.locating.values import parse

S002 = "002_bfb1f788e4caebeb"


def _cells(report) -> dict:
    return {a: (c.to_json()["value"], c.status) for a, c in report.cells.items()}


def _exp_cells(sample_id: str) -> dict:
    return {a: (c["value"], c["status"]) for a, c in expected(sample_id)["cells"].items()}


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "utf-16", "utf-16-le", "utf-16-be", "utf-8-sig"])
def test_encodings_give_the_same_cells(sample_id, encoding, tmp_path):
    text = sample_path(sample_id).read_text(encoding="utf-8")
    if encoding == "gbk":
        text = text.replace("\u00a0", " ")  # GBK has no NBSP; Windows editors write a space
    data = text.encode(encoding, errors="replace" if encoding == "gbk" else "strict")  # GBK lacks a few symbols (•)
    p = tmp_path / f"{sample_id}.txt"
    p.write_bytes(data)
    r = check_file(p)
    assert r.error is None
    assert r.agency == expected(sample_id)["agency"]
    got, exp = _cells(r), _exp_cells(sample_id)
    assert got == exp


def test_undecodable_bytes_are_refused_not_mojibake(tmp_path):
    p = tmp_path / "noise.txt"
    p.write_bytes(bytes(range(256)) * 40)
    r = check_file(p)
    assert r.error_code == "read.not_text" and not r.cells


def _variant(tmp_path, sample_id: str, edit, name="variant.txt") -> object:
    lines = sample_path(sample_id).read_text(encoding="utf-8").split("\n")
    new = edit(lines)
    p = tmp_path / name
    p.write_text("\n".join(new), encoding="utf-8")
    return check_file(p)


def _replace_line(n: int, old: str, new: str):
    def edit(lines):
        assert old in lines[n - 1], lines[n - 1]
        lines[n - 1] = lines[n - 1].replace(old, new, 1)
        return lines
    return edit


def test_one_changed_cell_breaks_one_row_and_one_column_rule(tmp_path):
    # 002 line 39: （一）予以公开 natural 25 → 52
    r = _variant(tmp_path, S002, _replace_line(39, "| 25 |", "| 52 |"))
    assert r.cells["requests/3.1/natural"].value == 52
    broken = {(f.rule, tuple(f.cells)) for f in r.findings if f.severity == "error" and f.rule.startswith("requests.")}
    rules = sorted(rule for rule, _ in broken)
    assert rules == ["requests.applicant_total", "requests.results_total"]
    (col,) = [f for f in r.findings if f.rule == "requests.results_total"]
    assert (col.actual, col.expected) == (79, 106) and "自然人" in col.message
    (row,) = [f for f in r.findings if f.rule == "requests.applicant_total"]
    assert (row.actual, row.expected) == (25, 52)


def test_wrong_total_breaks_balance_and_results_total(tmp_path):
    # 002 line 58: （七）总计 total 79 → 78
    r = _variant(tmp_path, S002, _replace_line(58, "| 79 | ||", "| 78 | ||"))
    rules = sorted(f.rule for f in r.findings if f.severity == "error" and f.rule.startswith("requests."))
    assert rules == ["requests.applicant_total", "requests.balance", "requests.results_total"]
    (bal,) = [f for f in r.findings if f.rule == "requests.balance"]
    assert (bal.actual, bal.expected) == (81, 80) and bal.cells[-2:] == ["requests/3.7/total", "requests/4/total"]


def test_blanked_cell_is_blank_and_its_rules_unchecked(tmp_path):
    # 002 line 49: 本机关不掌握 natural 26 → blank
    r = _variant(tmp_path, S002, _replace_line(49, "| 26 |", "|  |"))
    c = r.cells["requests/3.4.1/natural"]
    assert (c.status, c.value, c.raw) == ("blank", None, "")
    assert r.cells["requests/3.4.1/commercial"].value == 0  # neighbours not shifted
    assert not [f for f in r.findings if f.severity == "error" and f.rule.startswith("requests.")]
    unchecked = [f for f in r.findings if f.rule == "rule.unchecked"]
    assert {("requests/3.4.1/natural" in f.cells) for f in unchecked} == {True}
    assert any(f.rule == "cell.blank" and f.cells == ["requests/3.4.1/natural"] for f in r.findings)


@pytest.mark.parametrize("placeholder", ["/", "-", "—", "无"])
def test_placeholders_are_blank_not_zero(tmp_path, placeholder):
    r = _variant(tmp_path, S002, _replace_line(49, "| 26 |", f"| {placeholder} |"))
    c = r.cells["requests/3.4.1/natural"]
    assert (c.status, c.value, c.raw) == ("blank", None, placeholder)


def test_dropped_value_makes_row_missing_not_shifted(tmp_path):
    # 001 line 81: （四）1.本机关不掌握 has 7 values; drop one
    def edit(lines):
        assert lines[80].endswith("\t0\t0\t0\t0\t0\t0\t0")
        lines[80] = lines[80][:-2]
        return lines
    r = _variant(tmp_path, "001_5bf9956e543a31f7", edit)
    row = [a for a in r.cells if a.startswith("requests/3.4.1/")]
    assert all(r.cells[a].status == "missing" for a in row)
    assert r.cells["requests/3.4.2/natural"].status == "ok"
    (f,) = [f for f in r.findings if f.rule == "cell.missing"]
    assert set(f.cells) == set(row) and "6个数值" in f.message


def test_invalid_text_in_a_cell(tmp_path):
    r = _variant(tmp_path, S002, _replace_line(59, "| 2 |", "| 二 |"))
    c = r.cells["requests/4/natural"]
    assert (c.status, c.raw) == ("invalid", "二")
    assert any(f.rule == "cell.invalid" and f.cells == ["requests/4/natural"] for f in r.findings)


def test_messy_spelling_reads_the_same(tmp_path):
    fw = str.maketrans("0123456789|", "０１２３４５６７８９|")

    def edit(lines):
        for i in range(36, 59):
            lines[i] = lines[i].translate(fw).replace(" | ", "\u00a0|\u3000")
        lines[20] = lines[20].replace("17719", "17,719")
        return lines
    r = _variant(tmp_path, S002, edit)
    assert _cells(r) == _exp_cells(S002)


def test_page_marker_and_extra_local_row_and_annotated_header(tmp_path):
    def edit(lines):
        # 000 is one cell per line: put a PDF page marker inside table 三 and annotate a header
        i = next(k for k, ln in enumerate(lines) if "（五）不予处理" in ln or "(五)不予处理" in ln)
        lines[i:i] = ["", "- 4 -", ""]
        j = next(k for k, ln in enumerate(lines) if ln.strip() == "本年增/减")
        lines[j] = "本年增/减(指2020年增加或减少的事项数，减用负值表示，如-8)"
        k = next(k for k, ln in enumerate(lines) if ln.strip() == "第二十条第(五)项")
        lines[k:k] = ["其他主动公开文件", "", "3", "", "3", "", "3", ""]
        return lines
    r = _variant(tmp_path, "000_996cebfdf3cbf220", edit)
    assert _cells(r) == _exp_cells("000_996cebfdf3cbf220")


def test_year_that_does_not_fit_the_format(tmp_path):
    r = _variant(tmp_path, "003_737661822b4db9a0", _replace_line(1, "2020年", "2022年"))
    (f,) = [f for f in r.findings if f.rule == "format.mismatch"]
    assert f.severity == "error" and "2022" in f.message


def test_forced_format_reads_only_that_format(tmp_path):
    r = check_file(sample_path("001_5bf9956e543a31f7"), "2021")
    assert r.format == "2021" and len(r.cells) == 200
    assert r.cells["requests/1/total"].value == 0
    assert r.cells["active/regulations/issued"].status in ("ok", "missing")


def test_input_never_modified(tmp_path):
    p = tmp_path / "x.txt"
    p.write_bytes(sample_path(S002).read_bytes())
    h = hashlib.sha256(p.read_bytes()).hexdigest()
    check_file(p)
    assert hashlib.sha256(p.read_bytes()).hexdigest() == h


@pytest.mark.parametrize(
    "raw, kind, status, value",
    [
        ("12", "count", "ok", 12), ("１２", "count", "ok", 12), ("\u00a012 ", "count", "ok", 12), ("1,234", "count", "ok", 1234),
        ("3件", "count", "ok", 3), ("-8", "signed", "ok", -8), ("-8", "count", "invalid", None), ("50余", "count", "invalid", None),
        ("12.5", "count", "invalid", None), ("", "count", "blank", None), ("—", "count", "blank", None),
        ("987.0360", "money", "ok", None), ("6187.4万元", "money", "ok", None), ("abc", "money", "invalid", None),
    ],
)
def test_value_parsing(raw, kind, status, value):
    p = parse(raw, kind)
    assert p.status == status
    if value is not None:
        assert p.value == value
