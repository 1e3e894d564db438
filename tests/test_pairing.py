"""Pairing this year's drafts with last year's reports by reporting body (a folder of each)."""

from __future__ import annotations

from pathlib import Path

from conftest import CORPUS, sample_path

from engine.api import check_file
from engine.checking.years import pair_by_agency
from engine.model import Report


def test_real_reports_pair_by_body_and_year():
    drafts = [check_file(p) for p in (
        CORPUS / "txt" / "2025_pingtan_zonghe_shiyanqu.txt",
        CORPUS / "pdf" / "2024_huaian_hongze_qu_renmin_zhengfu.pdf",  # 淮安市洪泽区人民政府
        CORPUS / "pdf" / "2024_huaian_shi_renmin_zhengfu.pdf",  # no 2023 report of 淮安市 below
        sample_path("002_bfb1f788e4caebeb"),  # no body found in it
    )]
    last = [check_file(p) for p in (
        CORPUS / "txt" / "2023_pingtan_zonghe_shiyanqu.txt",  # the wrong year for 平潭
        CORPUS / "pdf" / "2023_huaian_hongze_qu_renmin_zhengfu.pdf",  # 洪泽区人民政府: one name inside the other
        CORPUS / "txt" / "2024_pingtan_zonghe_shiyanqu.txt",
    )]
    got = pair_by_agency(drafts, last)
    assert got.pairs == {0: (2, "agency"), 1: (1, "agency")}
    assert set(got.unpaired) == {2, 3}
    assert "淮安市人民政府" in got.why(2) and "2023" in got.why(2)
    assert "没有找到单位名称" in got.why(3) and "no reporting body" in got.why(3, "en")


def test_without_a_body_the_file_name_without_years_pairs():
    drafts = [Report("今年/城关乡2025年政府信息公开年报.docx", year=2025), Report("今年/城关乡2025年报(终稿).pdf", year=2025)]
    last = [Report("去年/城关乡2024年政府信息公开年报.pdf", year=2024), Report("去年/城关乡2023年政府信息公开年报.pdf", year=2023)]
    got = pair_by_agency(drafts, last)
    assert got.pairs == {0: (0, "name")} and list(got.unpaired) == [1]


def test_several_candidates_are_not_guessed():
    drafts = [Report("a.txt", agency="平潭综合实验区", year=2025)]
    last = [Report("x.txt", agency="平潭综合实验区", year=2024), Report("y.txt", agency="平潭综合实验区", year=2024)]
    got = pair_by_agency(drafts, last)
    assert got.pairs == {} and "x.txt" in got.why(0) and "y.txt" in got.why(0)


def test_command_line_previous_folder(tmp_path):
    """``check --previous LAST_YEAR_FOLDER``: each file is compared with its body's report of the year
    before, and says which; a file without one says why."""
    import json
    import shutil
    import subprocess
    import sys

    from conftest import ROOT

    last, now = tmp_path / "2024", tmp_path / "2025"
    last.mkdir(), now.mkdir()
    shutil.copy(CORPUS / "txt" / "2024_pingtan_zonghe_shiyanqu.txt", last)
    shutil.copy(CORPUS / "pdf" / "2023_huaian_hongze_qu_renmin_zhengfu.pdf", last)
    shutil.copy(CORPUS / "txt" / "2025_pingtan_zonghe_shiyanqu.txt", now)
    shutil.copy(CORPUS / "pdf" / "2024_huaian_shi_renmin_zhengfu.pdf", now)
    p = subprocess.run([sys.executable, "-m", "engine", "check", "--json", "--previous", str(last), str(now)],
                       cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=300)
    objs = {Path(o["file"]).name[:8]: o for o in map(json.loads, p.stdout.splitlines())}
    huaian, pingtan = objs["2024_hua"], objs["2025_pin"]
    assert [f["rule"] for f in huaian["findings"] if f["rule"].startswith("years.")] == ["years.unpaired"]
    assert "previous" not in huaian
    rules = [f["rule"] for f in pingtan["findings"] if f["rule"].startswith("years.")]
    assert rules[:2] == ["years.paired", "years.copy_shares"] and "2024_pingtan_zonghe_shiyanqu.txt" in pingtan["findings"][
        [f["rule"] for f in pingtan["findings"]].index("years.paired")]["message"]
    assert pingtan["previous"]["year"] == 2024
