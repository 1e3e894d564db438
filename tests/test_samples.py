"""Every cell of every real sample, read from the file exactly as received."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys

import pytest
from conftest import ROOT, expected, sample_path

from engine import formats
from engine.api import check_file


def test_every_cell_as_expected(sample_id):
    exp = expected(sample_id)
    path = sample_path(sample_id)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    r = check_file(path)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before, "the input was modified"
    assert r.error is None
    assert (r.format, r.year, r.agency) == (exp["format"], exp["year"], exp["agency"])
    assert len(r.cells) == len(formats.load(r.format).cells) == 198
    got = {a: {"value": c.to_json()["value"], "raw": c.raw, "status": c.status} for a, c in r.cells.items()}
    assert got == exp["cells"]
    assert sorted({f"{f.rule} {f.severity}" for f in r.findings}) == exp["findings"]


def test_every_cell_has_a_source_that_points_at_its_text(sample_id):
    path = sample_path(sample_id)
    lines = path.read_text(encoding="utf-8").split("\n")
    r = check_file(path)
    for c in r.cells.values():
        if c.status == "missing":
            assert c.source is None and c.raw is None
            continue
        n = int(c.source.split()[1])
        assert c.raw.strip() in lines[n - 1] or (c.raw == "" and lines[n - 1].strip(" \t|") == "")


def test_sample_000_appeals_row_is_short_and_not_shifted():
    r = check_file(sample_path("000_996cebfdf3cbf220"))
    appeals = [a for a in r.cells if a.startswith("appeals/")]
    assert len(appeals) == 15 and all(r.cells[a].status == "missing" for a in appeals)
    (f,) = [f for f in r.findings if f.rule == "cell.missing"]
    assert set(f.cells) == set(appeals) and "10个数值" in f.message and "15格" in f.message


def test_sample_002_pipe_rows_aligned_with_their_header_and_soft_warnings():
    """「规章 | 0 | 0 | ||」 under 「信息内容 | 本年新 | 本年新 | 对外公开总数量 | |」: the separators say the
    third cell is the empty one (issue 16; it used to cost the whole row)."""
    r = check_file(sample_path("002_bfb1f788e4caebeb"))
    assert not [f for f in r.findings if f.rule == "cell.missing"]
    got = {a: (c.raw, c.status, c.source) for a, c in r.cells.items() if a.split("/")[1] in ("regulations", "normative")}
    assert got == {
        "active/regulations/made": ("0", "ok", "line 17 col 2"), "active/regulations/published": ("0", "ok", "line 17 col 3"),
        "active/regulations/public_total": ("", "blank", "line 17 col 4"),
        "active/normative/made": ("15", "ok", "line 18 col 2"), "active/normative/published": ("15", "ok", "line 18 col 3"),
        "active/normative/public_total": ("", "blank", "line 18 col 4"),
    }
    blank = {a for f in r.findings if f.rule == "cell.blank" for a in f.cells}
    assert blank == {"active/regulations/public_total", "active/normative/public_total"}
    sums = {tuple(f.cells) for f in r.findings if f.rule == "active.decisions_as_sum"}
    assert ("active/penalty/prev_items", "active/penalty/change", "active/penalty/decisions") in sums
    (unit,) = [f for f in r.findings if f.rule == "active.unit"]
    assert unit.cells == ["active/procurement/amount"] and "万元" in unit.message
    assert r.cells["active/procurement/amount"].value == 6187.4 or float(r.cells["active/procurement/amount"].value) == 6187.4
    assert not [f for f in r.findings if f.severity == "error" and f.rule.startswith("requests.")]


def test_sample_004_blanks_are_not_zero_and_rules_unchecked():
    r = check_file(sample_path("004_d67fec3efbc2aac7"))
    assert r.cells["requests/4/natural"].status == "blank"
    assert r.cells["requests/4/total"].value == 0
    unchecked = [f for f in r.findings if f.rule == "rule.unchecked"]
    assert unchecked and all(f.severity == "info" for f in unchecked)
    assert not [f for f in r.findings if f.rule.startswith("requests.")]
    blank = [f for f in r.findings if f.rule == "cell.blank"]
    assert {a for f in blank for a in f.cells} == {a for a, c in r.cells.items() if c.status == "blank"}


@pytest.mark.parametrize("args, status", [(["001_5bf9956e543a31f7"], 0), (["000_996cebfdf3cbf220"], 1)])
def test_cli_json_lines_and_exit_status(args, status):
    paths = [str(sample_path(a)) for a in args]
    p = subprocess.run([sys.executable, "-m", "engine", "check", "--json", *paths], cwd=ROOT, capture_output=True, text=True, encoding="utf-8")
    assert p.returncode == status, p.stderr
    lines = p.stdout.strip().split("\n")
    assert len(lines) == len(paths)
    obj = json.loads(lines[0])
    assert set(obj) >= {"file", "format", "year", "agency", "error", "cells", "findings", "corrections"}
    assert len(obj["cells"]) == 198


def test_cli_folder_order_lock_files_and_summary(tmp_path):
    import shutil

    (tmp_path / "b").mkdir()
    for i, sid in enumerate(sorted(p.stem for p in (ROOT.parent / "shared" / "samples").glob("*.txt"))):
        shutil.copy(sample_path(sid), tmp_path / ("b" if i % 2 else ".") / f"{sid}.txt")
    (tmp_path / "~$draft.docx").write_bytes(b"owner file")
    (tmp_path / "notes.pdf.bak").write_text("x")
    p = subprocess.run([sys.executable, "-m", "engine", "check", str(tmp_path)], cwd=ROOT,
                       capture_output=True, text=True, encoding="utf-8")
    assert p.returncode == 1, p.stderr
    heads = [ln.rsplit("/", 1)[1][:3] for ln in p.stdout.split("\n") if ln.startswith("== ")]
    assert heads == ["000", "002", "004", "001", "003"]  # top folder first, then b/, each sorted
    assert "格式：2019" in p.stdout and "Traceback" not in p.stderr


def test_cli_usage_mistake_exits_2():
    p = subprocess.run([sys.executable, "-m", "engine", "check", "--format", "2030", "x.txt"], cwd=ROOT, capture_output=True, text=True)
    assert p.returncode == 2 and "Traceback" not in p.stderr
