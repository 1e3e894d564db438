"""Copied text: each section of a draft against last year's same section (``--previous``).

Real pairs: the 平潭 reports 2018–2025 (one agency, consecutive years, each written anew). Generated
pairs: drafts whose section 一 repeats a known share of last year's sentences, the rest taken from
another agency's report, to check that the measured share is the share copied and where the
warning starts.
"""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest
from builders import consistent_values, txt
from conftest import CORPUS, ROOT

from engine.api import check_file, read_last_year
from engine.checking import copying
from engine.checking.copying import MIN_SECTION, THRESHOLD, compare, prose_text
from engine.checking.text import cell_sources, lines
from engine.reading import read_document

PINGTAN = {2018: CORPUS / "txt" / "2018_pingtan_zonghe_shiyanqu_LEGACY_pre2019format.txt"} | {
    y: CORPUS / "txt" / f"{y}_pingtan_zonghe_shiyanqu.txt" for y in range(2019, 2026)}

# measured once (bench/bench_copying.py) and read by eye: 平潭 rewrites its report every year; the
# longest shared runs are stock phrases and the 2022→2023 paragraph on 政务新媒体
PINGTAN_SHARES = {
    2019: {"一": 4, "五": 0},
    2020: {"一": 10, "五": 5},
    2021: {"一": 7, "五": 0},
    2022: {"一": 1, "五": 0},
    2023: {"一": 16, "五": 10},
    2024: {"一": 3, "五": 0},
    2025: {"一": 9, "五": 0},
}


def years(report) -> dict[str, list]:
    out: dict[str, list] = {}
    for f in report.findings:
        if f.rule.startswith("years."):
            out.setdefault(f.rule, []).append(f)
    return out


def shares(report) -> dict[str, int]:
    return {s["section"]: round(s["share"] * 100) for s in report.across_years["copying"]["sections"]
            if s["chars"] >= MIN_SECTION}


@pytest.mark.parametrize("year", sorted(PINGTAN_SHARES))
def test_pingtan_consecutive_reports_are_not_copies(year):
    report = check_file(PINGTAN[year], previous=read_last_year(PINGTAN[year - 1]))
    found = years(report)
    assert "years.copied" not in found
    assert shares(report) == PINGTAN_SHARES[year]
    (info,) = found["years.copy_shares"]
    assert info.severity == "info" and f"（{year - 1}）" in info.message and "“一、总体情况”" in info.message
    assert report.across_years["year"] == year - 1 and report.across_years["file"] == str(PINGTAN[year - 1])


def test_last_year_on_the_pre_2019_form_gives_its_text():
    """2018's report has no standard tables: its text is compared, its figures are not, and the
    note says so; the command line accepts it as --previous."""
    last = read_last_year(PINGTAN[2018])
    assert last.report.error_code == "read.no_tables" and last.text is not None
    found = years(check_file(PINGTAN[2019], previous=last))
    assert set(found) == {"years.no_tables", "years.copy_shares"}
    p = subprocess.run([sys.executable, "-m", "engine", "check", "--json", "--previous", str(PINGTAN[2018]),
                        str(PINGTAN[2019])], cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=120)
    obj = json.loads(p.stdout)
    assert p.returncode in (0, 1) and obj["previous"]["year"] == 2018
    assert [s["section"] for s in obj["previous"]["copying"]["sections"] if s["chars"] >= MIN_SECTION] == ["一", "五"]


def _doc_text(path: Path):
    report = check_file(path)
    return prose_text(lines(read_document(path), cell_sources(report)))


def test_unrelated_reports_share_only_stock_phrases():
    """Different agencies, any years: no section with real text shares more than a tenth (「以习近平
    新时代中国特色社会主义思想为指导」 and the like; measured 9%) — far below the threshold."""
    paths = [PINGTAN[2024], CORPUS / "pdf" / "2024_huaian_shi_renmin_zhengfu.pdf",
             CORPUS / "md" / "2025_shanghai_shi_renmin_zhengfu_bangongting_pdfextract.md",
             CORPUS / "html" / "2023_suqian_shuyang_xian_fagaiju_crawled.html",
             CORPUS / "txt" / "2025_suqian_shuyang_xian_renmin_zhengfu_ocr.txt"]
    texts = [_doc_text(p) for p in paths]
    worst = max(s.share for a in texts for b in texts if a is not b for s in compare(a, b) if s.chars >= MIN_SECTION)
    assert 0 < worst <= 0.10


def test_same_report_twice_is_all_copied():
    """The 2024 page saved as HTML against the crawled text of the same report: every section
    with text is 100% — the reading of two file types does not hide a copy."""
    page = _doc_text(CORPUS / "html" / "2024_pingtan_zonghe_shiyanqu_page.html")
    text = _doc_text(PINGTAN[2024])
    got = {s.section: s.share for s in compare(page, text) if s.chars >= MIN_SECTION}
    assert got == {0: 1.0, 4: 1.0}


# ---------------------------------------------------------------------------------------------
# generated drafts with a known share of copied sentences


def _section_one(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    body = text[text.index("一、总体情况") + 6: text.index("二、主动公开")]
    return [s + "。" for s in re.split(r"。", body) if len(s) >= 20]


LAST = _section_one(PINGTAN[2024])
OTHER = _section_one(CORPUS / "txt" / "2025_suqian_shuyang_xian_renmin_zhengfu_ocr.txt")


def _letters(s: str) -> int:
    return sum(1 for c in s if c.isalpha())


def _pair(tmp_path: Path, fraction: float, seed: int) -> tuple[Path, Path, float]:
    """Last year's report (section 一 = 平潭 2024's sentences) and a draft whose section 一 keeps
    ``fraction`` of them (chosen at random, years and counts changed) among another agency's
    sentences; and the share of the draft's letters that were copied."""
    rnd = random.Random(seed)
    kept = [s for s in LAST if rnd.random() < fraction]
    new = [s for s in OTHER if rnd.random() >= fraction]
    draft = kept + new
    rnd.shuffle(draft)
    draft = [re.sub(r"\d+", lambda m: str(int(m.group()) + 1), s) for s in draft]  # 2024 → 2025, counts
    copied = sum(_letters(s) for s in kept) / max(1, sum(_letters(s) for s in draft))
    values = consistent_values("2021", seed)
    prev = txt(tmp_path / "2024.txt", "2021", values, title="测试县人民政府办公室2024年政府信息公开工作年度报告",
               prose=["".join(LAST)])
    cur = txt(tmp_path / "2025.txt", "2021", consistent_values("2021", seed + 1),
              title="测试县人民政府办公室2025年政府信息公开工作年度报告", prose=["".join(draft)])
    return prev, cur, copied


@pytest.mark.parametrize("fraction", [0.0, 0.2, 0.4, 0.55, 0.7, 0.85, 1.0])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_measured_share_is_the_share_copied(tmp_path, fraction, seed):
    prev, cur, copied = _pair(tmp_path, fraction, seed)
    report = check_file(cur, previous=read_last_year(prev))
    (one,) = [s for s in report.across_years["copying"]["sections"] if s["section"] == "一"]
    assert abs(one["share"] - copied) <= 0.06, (one["share"], copied)
    found = years(report)
    assert ("years.copied" in found) == (one["share"] > THRESHOLD)
    # tables, headings and 六 (the 信息处理费 statement) never count; 五 is one short sentence
    assert [(s["section"], s["chars"]) for s in report.across_years["copying"]["sections"]][1:] == [("五", 20)]


def test_copied_warning_quotes_the_longest_passage_with_both_places(tmp_path):
    prev, cur, _ = _pair(tmp_path, 0.9, 7)
    report = check_file(cur, previous=read_last_year(prev))
    (warning,) = years(report)["years.copied"]
    assert warning.severity == "warning" and "“一、总体情况”" in warning.message and "超过60%" in warning.message
    quote = re.search(r"：“(.+?)(?:…)?”$", warning.message).group(1)
    draft, last = cur.read_text(encoding="utf-8"), prev.read_text(encoding="utf-8")
    assert quote in draft
    assert re.sub(r"\d+", "", quote) in re.sub(r"\d+", "", last)  # the same words, the numbers changed
    line = next(i for i, t in enumerate(draft.splitlines(), 1) if quote in t)
    assert warning.source == f"line {line}" and f"本报告line {line}、上一年度报告line " in warning.message
    assert "of last year's (2024) report" in warning.message_en


def test_findings_survive_edits_and_are_not_doubled(tmp_path):
    from engine.api import apply_edits, check_file_with_document

    prev, cur, _ = _pair(tmp_path, 1.0, 4)
    report, doc = check_file_with_document(cur, previous=read_last_year(prev))
    edited = apply_edits(report, {"requests/1/natural": "999"}, doc)
    before = [f.rule for f in report.findings if f.rule.startswith(("years.", "fees."))]
    after = [f.rule for f in edited.findings if f.rule.startswith(("years.", "fees."))]
    assert before == after and "years.copied" in after and edited.across_years == report.across_years


def test_not_consecutive_years_are_not_compared_for_copying(tmp_path):
    prev, cur, _ = _pair(tmp_path, 1.0, 5)
    cur.write_text(cur.read_text(encoding="utf-8").replace("2025年", "2027年"), encoding="utf-8")
    found = years(check_file(cur, previous=read_last_year(prev)))
    assert set(found) == {"years.not_consecutive"}


def test_a_report_without_headings_is_compared_whole():
    """No section heading on either side: the running text is compared as one piece (全文)."""
    a = copying.ProseText({copying.WHOLE: copying.Section("甲" * 5 + "公开" * 40, _where(85))}, "", [0], ["line 1"])
    b = copying.ProseText({0: copying.Section("公开" * 40, _where(80))}, "", [0], ["line 1"])
    (s,) = compare(a, b)
    assert s.section == copying.WHOLE and s.repeated == 80 and s.chars == 85


def _where(n: int):
    from array import array

    return array("i", range(n))
