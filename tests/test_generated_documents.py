"""The five real samples' cells rendered as Word, Excel and text in every builder variant, and
consistent 2021 reports the same way: every cell must read back with the same value and status.

A cell the sample does not have (status ``missing``: its row could not be placed) is not written.
In flattened text the row then has no values and stays ``missing``; in a Word table or a sheet
the row keeps its grid cells, which are empty (``blank``), or, for a sheet row with nothing in it
at all, is left out (``missing``).
"""

from __future__ import annotations

import builders as b
import pytest
from conftest import SAMPLE_IDS, expected

from engine.api import check_file

GRID = {v for v in b.VARIANTS if v.startswith(("docx_", "xlsx_")) and v != "docx_paragraphs"}


def _title(exp: dict) -> str:
    return f"{exp['agency'] or ''}{exp['year']}年政府信息公开工作年度报告"


def _render(tmp_path, variant: str, format_id: str, values: dict[str, str], title: str):
    path = tmp_path / f"report{b.suffix(variant)}"
    b.VARIANTS[variant](path, format_id, values, title=title)
    return check_file(path)


@pytest.mark.parametrize("variant", sorted(b.VARIANTS))
def test_sample_cells_survive_every_rendering(tmp_path, sample_id, variant):
    exp = expected(sample_id)
    values = {a: c["raw"] for a, c in exp["cells"].items() if c["status"] != "missing"}
    r = _render(tmp_path, variant, exp["format"], values, _title(exp))
    assert r.error is None and r.format == exp["format"]
    assert set(r.cells) == set(exp["cells"])
    for a, c in exp["cells"].items():
        got = r.cells[a]
        if c["status"] == "missing":
            allowed = {"blank", "missing"} if variant in GRID else {"missing"}
            assert got.status in allowed and got.value is None, (a, got)
        else:
            assert (got.to_json()["value"], got.status) == (c["value"], c["status"]), (a, c["raw"], got)
            assert got.source is not None


@pytest.mark.parametrize("variant", sorted(b.VARIANTS))
@pytest.mark.parametrize("seed", [1, 2])
def test_consistent_2021_reports_read_back_clean(tmp_path, variant, seed):
    values = b.consistent_values("2021", seed)
    r = _render(tmp_path, variant, "2021", values, "测试市生态环境局2022年政府信息公开工作年度报告")
    assert r.error is None and r.format == "2021"
    assert {a: c.raw for a, c in r.cells.items()} == values
    assert {c.status for c in r.cells.values()} == {"ok"}
    assert not [f for f in r.findings if f.severity == "error"]
    assert not r.corrections


@pytest.mark.parametrize("variant", sorted(b.VARIANTS))
def test_one_wrong_total_is_found_in_every_rendering(tmp_path, variant):
    values = b.consistent_values("2019", 3)
    good = int(values["requests/3.7/total"])
    values["requests/3.7/total"] = str(good + 10)
    r = _render(tmp_path, variant, "2019", values, "测试县人民政府2020年政府信息公开工作年度报告")
    broken = sorted({f.rule for f in r.findings if f.severity == "error"})
    assert broken == ["requests.applicant_total", "requests.balance", "requests.results_total"]
    errors = [f for f in r.findings if f.severity == "error"]
    assert all("requests/3.7/total" in f.cells for f in errors)  # the three rules meet at the changed cell
    (row,) = [f for f in errors if f.rule == "requests.applicant_total"]
    assert (row.actual, row.expected) == (good + 10, good)


@pytest.mark.parametrize("variant", sorted(b.VARIANTS))
def test_year_and_agency_from_the_title(tmp_path, variant):
    values = b.consistent_values("2021", 4)
    r = _render(tmp_path, variant, "2021", values, "测试市生态环境局2022年政府信息公开工作年度报告")
    assert (r.year, r.agency) == (2022, "测试市生态环境局")


def test_samples_are_all_covered():
    assert len(SAMPLE_IDS) == 5


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
@pytest.mark.parametrize("layout", ["tab", "pipe", "lines", "tab_led"])
@pytest.mark.parametrize("sid", ["002_bfb1f788e4caebeb", "004_d67fec3efbc2aac7"])
def test_text_layouts_in_every_encoding(tmp_path, sid, layout, encoding):
    exp = expected(sid)
    values = {a: c["raw"] for a, c in exp["cells"].items() if c["status"] != "missing"}
    path = b.txt(tmp_path / "r.txt", exp["format"], values, layout=layout, encoding=encoding, title=_title(exp))
    r = check_file(path)
    assert r.error is None and r.encoding == encoding
    got = {a: (c.to_json()["value"], c.status) for a, c in r.cells.items()}
    assert got == {a: (c["value"], c["status"]) for a, c in exp["cells"].items()}


_SPELLINGS = [
    lambda v: v,
    lambda v: f" {v} ",
    lambda v: f"\u00a0{v}",
    lambda v: v.translate(str.maketrans("0123456789", "０１２３４５６７８９")),
    lambda v: "",
    lambda v: "/",
    lambda v: "无",
    lambda v: f"{v}件",
    lambda v: f"约{v}",
    lambda v: "十二",
]


def _messy_values(seed: int, fmt: str) -> dict[str, str]:
    import random

    rnd = random.Random(seed)
    values = b.consistent_values(fmt, seed)
    for a in list(values):
        if rnd.random() < 0.2:
            values[a] = rnd.choice(_SPELLINGS)(values[a])
    return values


@pytest.mark.parametrize("variant", sorted(set(b.VARIANTS) - {"txt_tab_utf8", "txt_lines_utf16", "txt_pipe_gb18030"}))
@pytest.mark.parametrize("fmt, seed", [("2019", 1), ("2019", 2), ("2021", 3), ("2021", 4)])
def test_every_rendering_reads_like_the_text_rendering(tmp_path, variant, fmt, seed):
    """Differential: messy spellings, blanks and placeholders read the same from Word, Excel and
    tab-led text as from tab-separated text (pipe and one-per-line text are left out: they cannot
    show a blank cell)."""
    values = _messy_values(seed, fmt)
    assert sum(1 for a, v in values.items() if v.strip() in ("", "/", "无")) >= 5
    base = check_file(b.txt(tmp_path / "base.txt", fmt, values, layout="tab"))
    r = _render(tmp_path, variant, fmt, values, "测试县人民政府办公室2020年政府信息公开工作年度报告")
    assert r.format == base.format == fmt
    assert {c.status for c in base.cells.values()} >= {"ok", "blank", "invalid"}
    for a, c in base.cells.items():
        got = r.cells[a]
        assert (got.value, got.status) == (c.value, c.status), (a, values.get(a), got.raw, c.raw)
