"""Autosave: the clerk's unsaved edits survive a crash, a changed or vanished source is noticed,
damaged autosave files never stop the app."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest
from conftest import ROOT, sample_path

from engine.api import apply_edits, check_file
from gui.autosave import AutoSave, Recovered

EDITS = {"requests/3.7/total": "25", "requests/1/natural": "", "active/1.1/made": None}


@pytest.fixture
def report(tmp_path):
    folder = tmp_path / "区 政府 报告"
    folder.mkdir()
    p = folder / "2020年 报告.txt"
    shutil.copyfile(sample_path("002_bfb1f788e4caebeb"), p)
    return p


def test_store_then_pending_gives_the_edits_back(tmp_path, report):
    store = AutoSave(tmp_path / "autosave")
    before = datetime.now(UTC) - timedelta(seconds=1)
    assert store.store(report, EDITS)
    (rec,) = store.pending()
    assert isinstance(rec, Recovered)
    assert rec.path == str(report.resolve())
    assert rec.edits == EDITS  # None (back to the file's value) and "" (blanked) kept apart
    assert before <= rec.saved_at <= datetime.now(UTC) + timedelta(seconds=1)
    assert not rec.source_changed and not rec.source_missing


def test_the_record_names_the_source_by_size_mtime_and_hash(tmp_path, report):
    store = AutoSave(tmp_path / "autosave")
    store.store(report, EDITS)
    (f,) = (tmp_path / "autosave").glob("*.json")
    record = json.loads(f.read_text(encoding="utf-8"))
    data = report.read_bytes()
    assert record["source"]["size"] == len(data)
    assert record["source"]["sha256"] == hashlib.sha256(data).hexdigest()
    assert record["source"]["mtime_ns"] == report.stat().st_mtime_ns
    assert record["edits"] == EDITS and record["path"] == str(report) and record["saved_at"]


def test_later_store_replaces_and_one_file_per_report(tmp_path, report):
    other = report.with_name("另一份.txt")
    shutil.copyfile(report, other)
    store = AutoSave(tmp_path / "autosave")
    store.store(report, {"requests/3.7/total": "1"})
    store.store(report, {"requests/3.7/total": "2"})
    store.store(other, {"requests/3.7/total": "3"})
    got = {r.path: r.edits for r in store.pending()}
    assert got == {str(report): {"requests/3.7/total": "2"}, str(other): {"requests/3.7/total": "3"}}
    assert len(list((tmp_path / "autosave").iterdir())) == 2  # no temporary files left behind


def test_restored_edits_give_the_same_report_as_before_the_crash(tmp_path, report):
    checked = check_file(report)
    edits = {c.cell: str(c.to) for c in checked.corrections} | {"requests/1/natural": "7", "appeals/review/total": ""}
    before = apply_edits(checked, edits)
    assert before.to_json() != checked.to_json()
    AutoSave(tmp_path / "autosave").store(report, edits)
    (rec,) = AutoSave(tmp_path / "autosave").pending()  # a new process: a new instance
    after = apply_edits(check_file(rec.path), rec.edits)
    assert after.to_json() == before.to_json()


def test_edits_survive_a_process_killed_right_after_storing(tmp_path, report):
    code = (
        "import os, sys\nfrom gui.autosave import AutoSave\n"
        f"AutoSave({str(tmp_path / 'autosave')!r}).store({str(report)!r}, {{'requests/3.7/total': '25'}})\n"
        "os.kill(os.getpid(), 9)\n"
    )
    r = subprocess.run([sys.executable, "-c", code], env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=60)
    assert r.returncode != 0
    (rec,) = AutoSave(tmp_path / "autosave").pending()
    assert rec.edits == {"requests/3.7/total": "25"}


def test_discard_and_empty_edits_remove_the_autosave(tmp_path, report):
    store = AutoSave(tmp_path / "autosave")
    store.store(report, EDITS)
    store.discard(report)
    assert store.pending() == []
    store.store(report, EDITS)
    store.store(report, {})  # every edit undone
    assert store.pending() == []
    store.discard(report)  # nothing there: fine


def test_changed_source_is_noticed(tmp_path, report):
    store = AutoSave(tmp_path / "autosave")
    store.store(report, EDITS)
    report.write_bytes(report.read_bytes().replace(b"25", b"26", 1))
    (rec,) = AutoSave(tmp_path / "autosave").pending()
    assert rec.source_changed and not rec.source_missing


def test_touched_but_identical_source_is_not_changed(tmp_path, report):
    store = AutoSave(tmp_path / "autosave")
    store.store(report, EDITS)
    st = report.stat()
    os.utime(report, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
    (rec,) = AutoSave(tmp_path / "autosave").pending()
    assert not rec.source_changed


def test_missing_source_is_noticed(tmp_path, report):
    store = AutoSave(tmp_path / "autosave")
    store.store(report, EDITS)
    report.unlink()
    (rec,) = store.pending()
    assert rec.source_missing and rec.edits == EDITS


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"{not json",
        b"\xff\xfe\x00garbage",
        b"[1, 2, 3]",
        json.dumps({"version": 1, "path": 3, "edits": {}, "saved_at": "x"}).encode(),
        json.dumps({"version": 1, "path": "/x", "edits": {"a": 5}, "saved_at": "2026-01-01T00:00:00+00:00"}).encode(),
        json.dumps({"version": 1, "path": "/x", "edits": {"a": "1"}, "saved_at": "yesterday"}).encode(),
        b"[" * 100000 + b"]" * 100000,
    ],
    ids=["empty", "truncated", "binary", "list", "bad-path", "bad-edit", "bad-date", "deep"],
)
def test_damaged_autosave_is_moved_aside_and_the_rest_recovered(tmp_path, report, content):
    store = AutoSave(tmp_path / "autosave")
    store.store(report, EDITS)
    bad = tmp_path / "autosave" / "0000damaged.json"
    bad.write_bytes(content)
    (rec,) = store.pending()
    assert rec.edits == EDITS
    assert not bad.exists() and bad.with_name(bad.name + ".corrupt").exists()
    assert len(store.pending()) == 1


def test_a_failed_write_keeps_the_previous_autosave_and_leaves_no_temp(tmp_path, report, monkeypatch):
    store = AutoSave(tmp_path / "autosave")
    store.store(report, {"requests/3.7/total": "1"})

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    assert store.store(report, {"requests/3.7/total": "2"}) is False
    assert "No space left" in store.last_error
    monkeypatch.undo()
    assert [r.edits for r in store.pending()] == [{"requests/3.7/total": "1"}]
    assert [p.name for p in (tmp_path / "autosave").iterdir() if p.suffix != ".json"] == []


def test_an_unwritable_folder_is_reported_not_raised(tmp_path, report):
    blocker = tmp_path / "a file"
    blocker.write_text("x")
    store = AutoSave(blocker / "autosave")
    assert store.store(report, EDITS) is False and store.last_error
    assert store.pending() == []
    store.clear_all()
    store.discard(report)


def test_clear_all(tmp_path, report):
    store = AutoSave(tmp_path / "autosave")
    store.store(report, EDITS)
    (tmp_path / "autosave" / ".autosave-left.tmp").write_text("half")
    store.clear_all()
    assert store.pending() == [] and not list((tmp_path / "autosave").iterdir())


def test_default_folder_is_app_data_autosave(tmp_path):
    home = tmp_path / "home"
    code = "from gui.autosave import AutoSave\nprint(AutoSave().folder)\n"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                       env={**os.environ, "PYTHONPATH": str(ROOT), "HOME": str(home), "XDG_DATA_HOME": str(home / "d")})
    got = r.stdout.strip()
    assert got.endswith(os.path.join("NianbaoCheck", "NianbaoCheck", "autosave")), r.stderr
    if sys.platform.startswith("linux"):
        assert got == str(home / "d" / "NianbaoCheck" / "NianbaoCheck" / "autosave")
