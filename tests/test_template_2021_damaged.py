"""The national 2021 Word template filled with consistent numbers, then damaged on purpose."""

from __future__ import annotations

import builders as b
import docx
import pytest

from engine.api import check_file

TITLE = "测试市生态环境局2022年政府信息公开工作年度报告"


def _values(seed: int = 11) -> dict[str, str]:
    v = b.consistent_values("2021", seed, busy=0.8)
    # make sure the cells damaged below are non-trivial
    assert int(v["requests/3.4.1/natural"]) > 0 or int(v["requests/3.1/natural"]) > 0
    return v


def _check(tmp_path, values: dict[str, str], name: str = "report.docx"):
    path = tmp_path / name
    b.docx_official(path, "2021", values, title=TITLE)
    return check_file(path)


def _errors(report) -> list:
    return sorted((f.rule, tuple(f.cells)) for f in report.findings if f.severity == "error")


def test_filled_template_is_clean(tmp_path):
    r = _check(tmp_path, _values())
    assert (r.format, r.year, r.agency) == ("2021", 2022, "测试市生态环境局")
    assert {c.status for c in r.cells.values()} == {"ok"} and len(r.cells) == 200
    assert _errors(r) == []
    assert r.cells["requests/1/total"].source.startswith("table 2 row ")


def test_one_cell_changed(tmp_path):
    v = _values()
    v["requests/3.1/natural"] = str(int(v["requests/3.1/natural"]) + 5)
    r = _check(tmp_path, v)
    rules = [rule for rule, _ in _errors(r)]
    assert rules == ["requests.applicant_total", "requests.results_total"]
    (col,) = [f for f in r.findings if f.rule == "requests.results_total"]
    assert col.actual + 5 == col.expected and "requests/3.1/natural" in col.cells
    (row,) = [f for f in r.findings if f.rule == "requests.applicant_total"]
    assert row.cells[0] == "requests/3.1/total" and row.expected == row.actual + 5


def test_cell_blanked(tmp_path):
    v = _values()
    v["requests/3.4.1/natural"] = ""
    r = _check(tmp_path, v)
    c = r.cells["requests/3.4.1/natural"]
    assert (c.status, c.value) == ("blank", None)
    assert _errors(r) == []
    unchecked = {(f.rule, tuple(f.cells)) for f in r.findings if f.rule == "rule.unchecked"}
    assert len(unchecked) == 2  # its row total and its column's （七）总计
    assert any(f.rule == "cell.blank" and f.cells == ["requests/3.4.1/natural"] for f in r.findings)


def test_row_values_dropped(tmp_path):
    v = _values()
    for c in ("natural", "commercial", "research", "nonprofit", "legal", "other", "total"):
        v[f"requests/2/{c}"] = ""
    r = _check(tmp_path, v)
    assert all(r.cells[f"requests/2/{c}"].status == "blank" for c in ("natural", "total"))
    assert _errors(r) == []
    balance_unchecked = [f for f in r.findings if f.rule == "rule.unchecked" and "requests/2/total" in f.cells]
    assert balance_unchecked and all("requests/2/" in " ".join(f.cells) for f in balance_unchecked)
    # the rows around it are read as before: nothing shifted
    assert r.cells["requests/1/total"].raw == v["requests/1/total"]
    assert r.cells["requests/3.1/total"].raw == v["requests/3.1/total"]


def test_total_wrong_in_table_4(tmp_path):
    v = _values()
    v["appeals/suit_direct/total"] = str(int(v["appeals/suit_direct/total"]) + 1)
    r = _check(tmp_path, v)
    (f,) = [f for f in r.findings if f.severity == "error"]
    assert f.rule == "appeals.total" and f.cells[0] == "appeals/suit_direct/total"
    assert f.actual == f.expected + 1


def test_row_deleted_from_the_word_table(tmp_path):
    path = tmp_path / "report.docx"
    b.docx_official(path, "2021", _values(), title=TITLE)
    d = docx.Document(str(path))
    table = d.tables[1]
    row = next(r for r in table.rows if "重复申请" in r.cells[2].text)
    row._tr.getparent().remove(row._tr)
    out = tmp_path / "deleted.docx"
    d.save(str(out))
    r = check_file(out)
    assert {r.cells[f"requests/3.5.2/{c}"].status for c in ("natural", "total")} == {"missing"}
    (f,) = [f for f in r.findings if f.rule == "cell.missing"]
    assert "重复申请" in f.message and len(f.cells) == 7
    assert r.cells["requests/3.5.3/total"].status == "ok"


@pytest.mark.parametrize("text, status", [("/", "blank"), ("—", "blank"), ("十二", "invalid"), ("12.5", "invalid"), ("-3", "invalid")])
def test_odd_cell_texts(tmp_path, text, status):
    v = _values()
    v["requests/3.5.1/legal"] = text
    r = _check(tmp_path, v)
    assert r.cells["requests/3.5.1/legal"].status == status
    assert r.cells["requests/3.5.1/legal"].raw == text
