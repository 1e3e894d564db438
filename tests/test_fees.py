"""Section 六 and 信息处理费: the 2021 form asks section 六 to say whether fees were charged."""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import consistent_values, txt, xlsx_one_sheet
from conftest import CORPUS, sample_path

from engine.api import apply_edits, check_file, check_file_with_document

STATEMENT = "本年度未收取信息处理费。"  # what the generated reports say in section 六


def fees(report) -> list[tuple[str, str, str | None]]:
    return [(f.rule, f.severity, f.source) for f in report.findings if f.rule.startswith("fees.")]


def report_2021(tmp_path: Path, six: str = STATEMENT, *, one: str = "", drop_six: bool = False) -> Path:
    path = txt(tmp_path / "draft.txt", "2021", consistent_values("2021", 3),
               prose=["本年度，本机关认真贯彻落实《中华人民共和国政府信息公开条例》，持续推进政务公开工作。" + one])
    text = path.read_text(encoding="utf-8")
    assert text.count(STATEMENT) == 1
    text = text.replace(STATEMENT, six)
    if drop_six:
        text = text.replace("六、其他需要报告的事项\n", "")
    path.write_text(text, encoding="utf-8")
    return path


def line_of(path: Path, words: str) -> str:
    return f"line {next(i for i, t in enumerate(path.read_text(encoding='utf-8').splitlines(), 1) if words in t)}"


CORPUS_2021 = [p for p in sorted(CORPUS.glob("*/*")) if p.suffix in (".txt", ".md", ".html", ".pdf")
               and p.name[:4].isdigit() and int(p.name[:4]) >= 2021]


@pytest.mark.parametrize("path", CORPUS_2021, ids=lambda p: p.name[:34])
def test_every_real_2021_report_states_its_fees(path):
    """「无收取信息处理费情况」「未发生收费情况」「未发生政府信息公开收费事项」「未收取信息公开处理费」
    「收取…信息处理费0元」「3940元」「共计380元」: every real report of the corpus says it."""
    report = check_file(path)
    assert report.format == "2021" and fees(report) == []


@pytest.mark.parametrize("six", ["2025年，无收取信息处理费情况。", "本机关全年收取信息处理费0元。",
                                 "全年收取政府信息公开信息处理费3940元。", "本年度未发生政府信息公开收费事项。",
                                 "我县严格落实《政府信息公开信息处理费管理\n办法》，全年收取信息处理费共计380元。"])
def test_a_statement_in_six_is_enough(tmp_path, six):
    assert fees(check_file(report_2021(tmp_path, six))) == []


@pytest.mark.parametrize("six", ["无。", "无其他需要报告的事项。", "严格落实《政府信息公开信息处理费管理办法》。"])
def test_no_statement_in_six_is_a_warning_at_its_heading(tmp_path, six):
    path = report_2021(tmp_path, six)
    report = check_file(path)
    assert fees(report) == [("fees.missing", "warning", line_of(path, "六、其他需要报告的事项"))]
    (f,) = [f for f in report.findings if f.rule == "fees.missing"]
    assert "第六部分" in f.message and "信息处理费" in f.message and "processing fees" in f.message_en


def test_charged_without_an_amount(tmp_path):
    path = report_2021(tmp_path, "本年度按规定收取了信息处理费。")
    assert fees(check_file(path)) == [("fees.amount", "warning", line_of(path, "收取了信息处理费"))]


def test_statement_in_another_part_is_a_note(tmp_path):
    path = report_2021(tmp_path, "无。", one="全年未收取信息处理费。")
    report = check_file(path)
    assert fees(report) == [("fees.elsewhere", "info", line_of(path, "全年未收取信息处理费"))]
    (f,) = [f for f in report.findings if f.rule == "fees.elsewhere"]
    assert "“全年未收取信息处理费。”" in f.message


def test_without_section_six_the_warning_says_so(tmp_path):
    path = report_2021(tmp_path, "", drop_six=True)
    report = check_file(path)
    assert fees(report) == [("fees.missing", "warning", None)]
    assert "没有找到第六部分" in next(f.message for f in report.findings if f.rule == "fees.missing")


def test_nothing_for_the_2019_form():
    """The five 2020 samples (2019 form) say 「无。」 or nothing in 六: no fee finding."""
    for n in ("000_996cebfdf3cbf220", "001_5bf9956e543a31f7", "002_bfb1f788e4caebeb", "003_737661822b4db9a0"):
        report = check_file(sample_path(n))
        assert report.format == "2019" and fees(report) == []


def test_nothing_for_a_document_holding_only_the_tables(tmp_path):
    path = xlsx_one_sheet(tmp_path / "tables.xlsx", "2021", consistent_values("2021", 5))
    report = check_file(path)
    assert report.format == "2021" and fees(report) == []


def test_kept_once_through_edits(tmp_path):
    report, doc = check_file_with_document(report_2021(tmp_path, "无。"))
    edited = apply_edits(report, {"requests/1/natural": "7"}, doc)
    assert fees(edited) == fees(report) and len(fees(edited)) == 1
    assert fees(apply_edits(report, {"requests/1/natural": "7"})) == fees(report)
