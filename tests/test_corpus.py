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


@pytest.mark.parametrize("path", sorted((CORPUS / "txt").glob("20*_pingtan*.txt")), ids=lambda p: p.name[:14])
def test_run_together_cells_never_produce_values(path):
    """In these crawls table cells run together (640020470): nothing may be read from them silently."""
    r = check_file(path)
    if r.error is None:
        assert all(c.status != "ok" or c.value is not None for c in r.cells.values())
    else:
        assert r.error_code == "read.no_tables"
