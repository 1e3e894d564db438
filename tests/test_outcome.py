"""What remains after the corrections, and where every changed value came from (issue 15):
``Report.changes`` through apply_edits, the exports and the command line."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile

import builders
from conftest import ROOT

from engine.api import apply_edits, check_file


def _prose_draft(tmp_path):
    """A draft whose text states the right number of 予以公开 while the table's 予以公开·总计 is six
    too many: the text disagrees with the table (an error) only because of the wrong cell."""
    v = builders.consistent_values("2021", 11, busy=0.8)
    prose = (f"本年度，本机关予以公开{v['requests/3.1/total']}件。",)
    typed = dict(v, **{"requests/3.1/total": str(int(v["requests/3.1/total"]) + 6)})
    return builders.docx_official(tmp_path / "草稿.docx", "2021", typed, prose=prose), v


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "engine", *args], cwd=ROOT, capture_output=True, text=True,
                          encoding="utf-8", timeout=300)


def test_prose_is_rechecked_after_the_corrections(tmp_path):
    src, good = _prose_draft(tmp_path)
    report = check_file(src)
    assert [f.severity for f in report.findings if f.rule == "narrative.disclosed"] == ["error"]
    assert [(c.cell, c.confidence) for c in report.corrections] == [("requests/3.1/total", "certain")]
    for command, out in (("fix", tmp_path / "更正稿.docx"), ("template", tmp_path / "表格.xlsx")):
        r = _cli(command, str(src), "--out", str(out), "--json")
        obj = json.loads(r.stdout)
        assert r.returncode == 0 and obj["remaining"] == [], (command, r.stdout, r.stderr)
        r = _cli(command, str(src), "--out", str(out), "--force")
        assert r.returncode == 0 and "仍有" not in r.stdout, r.stdout
    assert not [f for f in check_file(tmp_path / "更正稿.docx").findings if f.severity == "error"]


def test_notes_say_proposal_or_hand_edit(tmp_path):
    """Accepted proposals keep 「确定；依据：…」 in the template's notes and the copy's comments; only the
    number the clerk typed says 「人工修改」; the old value is the text as typed (「02」)."""
    from engine.export import write_fixed_copy, write_template

    src, good = builders.swapped_draft(tmp_path / "草稿.docx")
    original = check_file(src)
    hand = str(int(good["active/licensing/decisions"]) + 1)
    edited = apply_edits(original, {"requests/3.1/natural": "20", "requests/1/total": good["requests/1/total"],
                                    "active/licensing/decisions": hand})
    copy = write_fixed_copy(edited, tmp_path / "copy.docx")
    with zipfile.ZipFile(copy) as z:
        comments = z.read("word/comments.xml").decode()
    assert "原值02，更正为20（确定；依据：" in comments and "两位数字颠倒" in comments
    assert f"更正为{good['requests/1/total']}（确定；依据：" in comments
    assert comments.count("人工修改") == 1 and f"更正为{hand}（人工修改）" in comments
    import openpyxl

    out = write_template(edited, tmp_path / "t.xlsx")
    notes = [c.comment.text for ws in openpyxl.load_workbook(out).worksheets for row in ws.iter_rows() for c in row
             if c.comment]
    assert sum("（确定；依据：" in n for n in notes) == 2 and sum("人工修改" in n for n in notes) == 1


def test_origin_is_the_proposal_only_for_the_proposed_value(tmp_path):
    """A deduced blank and a certain total accepted: both keep their confidence and reason; the
    same cell given another value is the clerk's own."""
    v = builders.consistent_values("2021", 5, busy=0.9)
    blanked = dict(v, **{"requests/3.1/natural": "", "requests/1/total": str(int(v["requests/1/total"]) + 3)})
    original = check_file(builders.docx_official(tmp_path / "d.docx", "2021", blanked))
    assert {(c.cell, c.confidence) for c in original.corrections} == {("requests/1/total", "certain"),
                                                                     ("requests/3.1/natural", "deduced")}
    both = apply_edits(original, {"requests/1/total": v["requests/1/total"], "requests/3.1/natural": v["requests/3.1/natural"]})
    assert {ch.cell: (ch.before_text, ch.origin) for ch in both.changes} == {
        "requests/1/total": (str(int(v["requests/1/total"]) + 3), "certain"), "requests/3.1/natural": (None, "deduced")}
    assert all(ch.reason and ch.resolves for ch in both.changes)
    other = apply_edits(original, {"requests/1/total": str(int(v["requests/1/total"]) + 1)})
    assert [(ch.origin, ch.reason) for ch in other.changes] == [("edited", "")]


def test_json_of_check_is_unchanged(tmp_path):
    """The machine ``source`` stays in the JSON; only what people read is in words."""
    src, _ = builders.swapped_draft(tmp_path / "草稿.docx")
    r = _cli("check", "--json", str(src))
    obj = json.loads(r.stdout)
    assert obj["cells"]["requests/3.1/natural"]["source"] == "table 2 row 6 col 4"
    assert obj["cells"]["requests/3.1/natural"]["raw"] == "02"
    r = _cli("check", str(src))
    assert "由02改为20" in r.stdout and "：02 → 20" in r.stdout
    assert not re.search(r"\b(table|row|col|line)\b", r.stdout)


def test_a_value_the_clerk_typed_is_never_overwritten_by_an_export(tmp_path):
    """The clerk types a total the tool still finds wrong: the exports keep the clerk's value (what the
    sheet says is what the form holds) and the broken rule stays listed for a person."""
    from engine.repair.outcome import settled

    v = builders.consistent_values("2021", 5, busy=0.9)
    right = v["requests/1/total"]
    original = check_file(builders.docx_official(tmp_path / "d.docx", "2021", dict(v, **{"requests/1/total": str(int(right) + 3)})))
    assert [(c.cell, c.confidence) for c in original.corrections] == [("requests/1/total", "certain")]
    typed = str(int(right) + 1)
    edited = apply_edits(original, {"requests/1/total": typed})
    assert [(c.cell, c.confidence) for c in edited.corrections] == [("requests/1/total", "certain")]
    out = settled(edited)
    assert out.cells["requests/1/total"].raw == typed
    assert [(ch.cell, ch.after_text, ch.origin) for ch in out.changes] == [("requests/1/total", typed, "edited")]
    assert any(f.severity == "error" and "requests/1/total" in f.cells for f in out.findings)
