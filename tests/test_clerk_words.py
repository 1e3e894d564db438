"""Every word the clerk reads (issue 15): locations and rules in words, lock files named as such."""

from __future__ import annotations

import pytest

from engine import messages
from engine.api import check_file
from engine.export.sheet import rule_name
from engine.places import place


@pytest.mark.parametrize(("source", "zh", "en"), [
    ("table 2 row 6 col 4", "第2个表格 第6行第4列", "table 2, row 6, column 4"),
    ("line 39", "第39行", "line 39"),
    ("line 39 col 3", "第39行第3列", "line 39, column 3"),
    ("page 3", "第3页", "page 3"),
    ("page 3 table 1 row 2 col 5", "第3页 第1个表格 第2行第5列", "page 3, table 1, row 2, column 5"),
    ("page 2 line 7", "第2页 第7行", "page 2, line 7"),
    ("paragraph 12", "第12段", "paragraph 12"),
    ("表三!B3", "工作表“表三”B3单元格", "sheet '表三', cell B3"),
    ("'It''s'!$C$10", "工作表“It's”C10单元格", "sheet 'It's', cell C10"),
    (None, "", ""),
])
def test_sources_in_words(source, zh, en):
    assert place(source, "zh") == zh and place(source, "en") == en


RULES = ["requests.balance", "requests.results_total", "requests.applicant_total", "appeals.total", "cell.invalid",
         "cell.blank", "cell.missing", "table.missing", "rule.unchecked", "active.decisions_as_sum", "active.unit",
         "format.mismatch", "narrative.new_applications", "narrative.withheld", "narrative.skipped",
         "structure.heading_missing", "structure.heading_order", "structure.heading_number", "structure.section_empty",
         "structure.period", "structure.legacy_wording", "structure.mixed_wording", "structure.skipped",
         "years.carried", "years.in_force", "years.prev_items", "years.other_format", "years.not_consecutive",
         "years.copied", "years.copy_shares", "fees.missing", "fees.amount", "fees.elsewhere"]


@pytest.mark.parametrize("rule", RULES)
def test_every_rule_has_a_name_in_words(rule):
    zh = rule_name(rule)
    assert zh != rule and zh.isascii() is False
    messages.set_language("en")
    try:
        assert rule_name(rule) != rule and "." not in rule_name(rule)
    finally:
        messages.set_language("zh")


@pytest.mark.parametrize("name", ["~$测试报告.docx", "~$年报.xlsx", ".~lock.报告.docx#", "~WRL0001.tmp"])
def test_lock_files_are_named_as_temporary_files(tmp_path, name):
    """Word/WPS write ``~$…`` owner files beside an open document: checking one says what it is,
    not that a zip archive is damaged."""
    p = tmp_path / name
    p.write_bytes(b"\x0cAdministrator" + b"\x00" * 148)
    r = check_file(p)
    assert r.error_code == "read.lock_file" and "临时文件" in r.error and "zip" not in r.error
    assert "temporary lock file" in r.error_text("en") and name in r.error_text("en")  # the English UI says it in English


def test_unreadable_reasons_in_either_language(tmp_path):
    p = tmp_path / "旧格式.doc"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    r = check_file(p)
    assert r.error_text("zh") == r.error and r.error_text("en").isascii() and r.error_text("en") != r.error
