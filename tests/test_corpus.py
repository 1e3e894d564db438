"""Real published reports from the corpus, read as text (OCR output, Markdown extracts, crawled text)."""

from __future__ import annotations

import pytest
from conftest import CORPUS

from engine.api import check_file

OCR = CORPUS / "txt" / "2025_suqian_shuyang_xian_renmin_zhengfu_ocr.txt"


def test_ocr_markdown_tables_read_completely():
    r = check_file(OCR)
    assert (r.format, r.year) == ("2021", 2025)
    assert all(c.status == "ok" for c in r.cells.values())
    v = {a: c.value for a, c in r.cells.items()}
    # checked by eye against the file (lines 99-173)
    assert [v[f"requests/1/{c}"] for c in ("natural", "commercial", "research", "nonprofit", "legal", "other", "total")] == [705, 3, 0, 0, 5, 0, 713]
    assert (v["requests/3.7/total"], v["requests/4/total"], v["requests/3.6.3/natural"]) == (718, 31, 142)
    assert [v[f"appeals/review/{c}"] for c in ("upheld", "corrected", "other", "pending", "total")] == [27, 10, 9, 15, 61]
    assert [v[f"appeals/suit_after_review/{c}"] for c in ("upheld", "corrected", "other", "pending", "total")] == [8, 0, 1, 1, 10]
    assert v["active/licensing/decisions"] is not None
    assert not [f for f in r.findings if f.severity == "error"]


@pytest.mark.parametrize("path", sorted((CORPUS / "md").glob("*.md")), ids=lambda p: p.name[:30])
def test_broken_extracts_report_missing_rows_instead_of_guessing(path):
    r = check_file(path)
    assert r.error is None and r.format == "2021"
    missing = [a for a, c in r.cells.items() if c.status == "missing"]
    assert missing, "these extracts lost labels: some rows cannot be placed"
    reported = {a for f in r.findings if f.rule in ("cell.missing", "table.missing") for a in f.cells}
    assert set(missing) <= reported
    # what was placed is plausible: every value read is a whole number
    assert all(isinstance(c.value, int) for c in r.cells.values() if c.status == "ok" and "amount" not in c.address)


def test_kewei_rows_found_out_of_order():
    r = check_file(CORPUS / "md" / "2024_shanghai_shi_kewei_pdfextract.md")
    assert r.cells["active/licensing/decisions"].value == 97
    assert r.cells["active/licensing/decisions"].source == "line 77"


PINGTAN = CORPUS / "txt"


@pytest.mark.parametrize("year", [2021, 2022, 2023, 2024, 2025])
def test_run_together_cells_split_by_the_rules(year):
    """平潭 crawls lost every separator (640020470 is 64, 0, 0, 2, 0, 4, 70): the row and column
    rules split table 三 and 四 one way only; 行政规范性文件 (no rule) stays unread, alternatives listed."""
    r = check_file(PINGTAN / f"{year}_pingtan_zonghe_shiyanqu.txt")
    assert (r.format, r.year, r.agency) == ("2021", year, "平潭综合实验区")
    missing = sorted(a for a, c in r.cells.items() if c.status == "missing")
    assert missing == ["active/normative/in_force", "active/normative/issued", "active/normative/repealed"]
    (amb,) = [f for f in r.findings if f.rule == "cell.missing"]
    assert "多种拆法" in amb.message
    assert [f.rule for f in r.findings if f.severity == "error"] == ["cell.missing"]
    assert any(f.rule == "cell.split" and f.severity == "info" for f in r.findings)


def test_run_together_2021_values():
    r = check_file(PINGTAN / "2021_pingtan_zonghe_shiyanqu.txt")
    row = [r.cells[f"requests/1/{c}"].value for c in ("natural", "commercial", "research", "nonprofit", "legal", "other", "total")]
    assert row == [64, 0, 0, 2, 0, 4, 70]
    assert r.cells["requests/3.2/total"].value == 5  # 「500000 5」: a space the page kept is a cut
    assert r.cells["active/licensing/decisions"].value == 2293


def test_run_together_2020_known_error_is_found():
    """The corpus manifest: 平潭 2020 — （七）总计 21 while its parts add to 27."""
    r = check_file(PINGTAN / "2020_pingtan_zonghe_shiyanqu.txt")
    (f,) = [f for f in r.findings if f.rule == "requests.results_total" and f.cells[0] == "requests/3.7/total"]
    assert (f.actual, f.expected) == (21, 27)


def test_legacy_pre_2019_report_has_no_standard_table():
    r = check_file(PINGTAN / "2018_pingtan_zonghe_shiyanqu_LEGACY_pre2019format.txt")
    assert r.error_code == "read.no_tables"
