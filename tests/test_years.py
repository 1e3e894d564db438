"""This year against last year: ``python -m engine check --previous LAST_YEAR PATH`` on generated pairs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from builders import consistent_values, txt
from conftest import ROOT, sample_path

from engine.api import check_file

REQ_COLS = ("natural", "commercial", "research", "nonprofit", "legal", "other", "total")


def run_check(previous: Path, current: Path, *extra: str) -> tuple[int, dict]:
    p = subprocess.run(
        [sys.executable, "-m", "engine", "check", "--json", "--previous", str(previous), *extra, str(current)],
        cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=120,
    )
    lines = [json.loads(x) for x in p.stdout.splitlines() if x.strip()]
    return p.returncode, (lines[0] if lines else {"stderr": p.stderr})


def years(obj: dict) -> list[dict]:
    return [f for f in obj["findings"] if f["rule"].startswith("years.")]


def pair(tmp_path: Path, fmt: str, year: int, *, prev_fmt: str | None = None) -> tuple[dict, dict]:
    """Last year's and this year's values, with this year's 上年结转 equal to last year's 结转下年度
    (balance kept: 本年新收 absorbs the difference) and table 二 carried forward."""
    prev = consistent_values(prev_fmt or fmt, 21)
    cur = consistent_values(fmt, 22)
    for c in REQ_COLS:
        carried = int(prev[f"requests/4/{c}"])
        cur[f"requests/1/{c}"] = str(int(cur["requests/1/" + c]) + int(cur["requests/2/" + c]) - carried)
        cur[f"requests/2/{c}"] = str(carried)
        if int(cur[f"requests/1/{c}"]) < 0:  # keep counts non-negative: carry more to next year
            cur[f"requests/4/{c}"] = str(int(cur[f"requests/4/{c}"]) - int(cur[f"requests/1/{c}"]))
            cur[f"requests/1/{c}"] = "0"
    if fmt == "2021" and (prev_fmt or fmt) == "2021":
        for row in ("regulations", "normative"):
            cur[f"active/{row}/in_force"] = str(int(prev[f"active/{row}/in_force"]) + int(cur[f"active/{row}/issued"])
                                                - int(cur[f"active/{row}/repealed"]))
    if fmt == "2019" and (prev_fmt or fmt) == "2019":
        for row in ("licensing", "other_services", "penalty", "coercion", "fees"):
            cur[f"active/{row}/prev_items"] = str(int(prev[f"active/{row}/prev_items"]) + int(prev[f"active/{row}/change"]))
    return prev, cur


def write(tmp_path: Path, name: str, fmt: str, year: int, values: dict) -> Path:
    title = f"测试县人民政府办公室{year}年政府信息公开工作年度报告"
    return txt(tmp_path / name, fmt, values, title=title)


def test_consecutive_2021_reports_that_agree(tmp_path):
    prev, cur = pair(tmp_path, "2021", 2022)
    status, obj = run_check(write(tmp_path, "2021.txt", "2021", 2021, prev), write(tmp_path, "2022.txt", "2021", 2022, cur))
    assert obj["year"] == 2022 and years(obj) == []


def test_carried_over_applications_that_disagree(tmp_path):
    prev, cur = pair(tmp_path, "2021", 2022)
    before = int(prev["requests/4/natural"])
    cur["requests/2/natural"] = str(before + 3)
    status, obj = run_check(write(tmp_path, "2021.txt", "2021", 2021, prev), write(tmp_path, "2022.txt", "2021", 2022, cur))
    (f,) = years(obj)
    assert (f["rule"], f["severity"], f["cells"], f["actual"], f["expected"]) == (
        "years.carried", "warning", ["requests/2/natural"], before + 3, before)
    assert str(before + 3) in f["message"] and str(before) in f["message"] and "2021" in f["message"]


def test_in_force_documents_that_disagree(tmp_path):
    prev, cur = pair(tmp_path, "2021", 2022)
    want = int(cur["active/normative/in_force"])
    cur["active/normative/in_force"] = str(want + 1)
    _, obj = run_check(write(tmp_path, "2021.txt", "2021", 2021, prev), write(tmp_path, "2022.txt", "2021", 2022, cur))
    (f,) = years(obj)
    assert (f["rule"], f["cells"][0], f["actual"], f["expected"]) == ("years.in_force", "active/normative/in_force", want + 1, want)
    assert prev["active/normative/in_force"] in f["message"]


def test_2019_items_carried_forward(tmp_path):
    prev, cur = pair(tmp_path, "2019", 2020)
    _, obj = run_check(write(tmp_path, "2019.txt", "2019", 2019, prev), write(tmp_path, "2020.txt", "2019", 2020, cur))
    assert years(obj) == []
    want = int(cur["active/penalty/prev_items"])
    cur["active/penalty/prev_items"] = str(want + 10)
    _, obj = run_check(write(tmp_path, "2019.txt", "2019", 2019, prev), write(tmp_path, "2020b.txt", "2019", 2020, cur))
    (f,) = years(obj)
    assert (f["rule"], f["cells"], f["actual"], f["expected"]) == ("years.prev_items", ["active/penalty/prev_items"], want + 10, want)


def test_last_year_in_the_other_format(tmp_path):
    """A 2020 report (format 2019) before a 2021 report: table 二 does not map; the carried-over
    applications still do, and a note says only they were compared."""
    prev, cur = pair(tmp_path, "2021", 2021, prev_fmt="2019")
    p20 = write(tmp_path, "2020.txt", "2019", 2020, prev)
    _, obj = run_check(p20, write(tmp_path, "2021.txt", "2021", 2021, cur))
    assert [(f["rule"], f["severity"]) for f in years(obj)] == [("years.other_format", "info")]
    cur["requests/2/total"] = str(int(cur["requests/2/total"]) + 1)
    _, obj = run_check(p20, write(tmp_path, "2021b.txt", "2021", 2021, cur))
    assert [(f["rule"], f["cells"]) for f in years(obj)] == [("years.carried", ["requests/2/total"]), ("years.other_format", [])]


def test_years_not_consecutive(tmp_path):
    prev, cur = pair(tmp_path, "2021", 2023)
    _, obj = run_check(write(tmp_path, "2021.txt", "2021", 2021, prev), write(tmp_path, "2023.txt", "2021", 2023, cur))
    assert [f["rule"] for f in years(obj)] == ["years.not_consecutive"]


def test_real_sample_against_a_made_up_last_year(tmp_path):
    """Sample 002 (2020) carries 0 applications in from 2019: a 2019 report that carried 2 over disagrees."""
    text = sample_path("002_bfb1f788e4caebeb").read_text(encoding="utf-8")
    last = (text.replace("2020", "2019")
            .replace("四、结转下年度继续办理 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |", "四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |"))
    p19 = tmp_path / "2019.txt"
    p19.write_text(last, encoding="utf-8")
    _, obj = run_check(p19, sample_path("002_bfb1f788e4caebeb"))
    # the made-up last year has the same table 二, so each 上一年项目数量 misses last year's 本年增/减;
    # and its text is this year's: all of it repeated (test_copying.py)
    figures = [f for f in years(obj) if not f["rule"].startswith("years.cop")]
    assert sorted((f["rule"], tuple(f["cells"])) for f in figures) == sorted(
        ("years.prev_items", (f"active/{r}/prev_items",)) for r in ("licensing", "other_services", "penalty", "coercion", "fees"))
    assert sorted(f["rule"] for f in years(obj) if f["rule"].startswith("years.cop")) == ["years.copied", "years.copy_shares"]
    assert {s["section"]: s["share"] for s in obj["previous"]["copying"]["sections"] if s["chars"] >= 100} == {"一": 1.0, "五": 1.0}
    p19.write_text(last.replace("四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
                                "四、结转下年度继续办理 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |"), encoding="utf-8")
    _, obj = run_check(p19, sample_path("002_bfb1f788e4caebeb"))
    carried = [f for f in years(obj) if f["rule"] == "years.carried"]
    assert [(f["cells"], f["actual"], f["expected"]) for f in carried] == [
        (["requests/2/natural"], 0, 2), (["requests/2/total"], 0, 2)]


def test_unreadable_previous_is_a_usage_error(tmp_path):
    bad = tmp_path / "last.txt"
    bad.write_bytes(b"")
    status, obj = run_check(bad, sample_path("002_bfb1f788e4caebeb"))
    assert status == 2 and "上一年度" in obj["stderr"]


def test_without_previous_no_years_findings():
    r = check_file(sample_path("002_bfb1f788e4caebeb"))
    assert not [f for f in r.findings if f.rule.startswith("years.")]
