"""Whole folders: parallel jobs keep the order, a bad file costs only its own line, summary workbook."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

from conftest import ROOT, SAMPLES
from openpyxl import load_workbook


def _folder(tmp_path):
    d = tmp_path / "reports"
    d.mkdir()
    for p in sorted(SAMPLES.glob("*.txt")):
        shutil.copy(p, d / p.name)
    (d / "zz_broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (d / "aa_empty.txt").write_bytes(b"")
    return d


def _run(*args):
    return subprocess.run([sys.executable, "-m", "engine", "check", *args], cwd=ROOT, capture_output=True, text=True, encoding="utf-8")


def test_jobs_keep_order_and_output(tmp_path):
    d = _folder(tmp_path)
    one = _run("--json", "--jobs", "1", str(d))
    two = _run("--json", "--jobs", "2", str(d))
    assert one.returncode == two.returncode == 2  # unreadable files present
    assert one.stdout == two.stdout
    files = [json.loads(line)["file"].rsplit("/", 1)[1] for line in two.stdout.splitlines()]
    assert files == sorted(files) and len(files) == 7
    bad = [json.loads(line) for line in two.stdout.splitlines() if json.loads(line)["error"]]
    assert {b["file"].rsplit("/", 1)[1] for b in bad} == {"aa_empty.txt", "zz_broken.docx"}
    assert "Traceback" not in two.stderr


def test_summary_workbook(tmp_path):
    d = _folder(tmp_path)
    out = tmp_path / "汇总 表.xlsx"
    r = _run("--summary", str(out), "--no-progress", str(d))
    assert r.returncode == 2 and out.exists()
    wb = load_workbook(out)
    files, findings = wb.worksheets
    rows = list(files.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 7
    by_name = {row[0].rsplit("/", 1)[1]: row for row in rows}
    assert by_name["000_996cebfdf3cbf220.txt"][1] == "郑州市上街区中心路街道办事处"
    assert by_name["000_996cebfdf3cbf220.txt"][4] == 1 and "10个数值" in by_name["000_996cebfdf3cbf220.txt"][7]
    assert by_name["aa_empty.txt"][8] and "空" in by_name["aa_empty.txt"][8]
    assert findings.max_row > 10
    # an existing summary is not overwritten without --force
    again = _run("--summary", str(out), str(d))
    assert again.returncode == 2 and "--force" in again.stderr


def test_progress_bar_on_request(tmp_path):
    d = _folder(tmp_path)
    r = _run("--progress", "--jobs", "2", str(d))
    assert "7/7" in r.stderr


def test_worker_processes_keep_order_on_a_large_folder(tmp_path):
    d = tmp_path / "many"
    d.mkdir()
    for k in range(9):
        for p in sorted(SAMPLES.glob("*.txt")):
            shutil.copy(p, d / f"{k}_{p.name}")
    (d / "5_zz_bad.xlsx").write_bytes(b"\x00" * 100)
    one = _run("--json", "--jobs", "1", str(d))
    two = _run("--json", "--jobs", "2", str(d))
    assert one.stdout == two.stdout and len(two.stdout.splitlines()) == 46
    assert one.returncode == two.returncode == 2


def test_chinese_paths_with_spaces_and_lock_files(tmp_path):
    d = tmp_path / "政府 信息公开" / "2020 年报"
    d.mkdir(parents=True)
    target = d / "城关乡 年报 草稿.txt"
    shutil.copy(SAMPLES / "003_737661822b4db9a0.txt", target)
    (d / "~$城关乡 年报 草稿.docx").write_bytes(b"\x00owner")
    r = _run("--json", str(tmp_path / "政府 信息公开"))
    assert r.returncode == 0, r.stderr
    (line,) = r.stdout.splitlines()
    obj = json.loads(line)
    assert obj["file"] == str(target) and obj["agency"] == "新郑市城关乡人民政府"


def test_read_only_folder_is_read_and_left_alone(tmp_path):
    import os
    import stat

    d = tmp_path / "ro"
    d.mkdir()
    shutil.copy(SAMPLES / "002_bfb1f788e4caebeb.txt", d / "a.txt")
    os.chmod(d / "a.txt", stat.S_IRUSR)
    os.chmod(d, stat.S_IRUSR | stat.S_IXUSR)
    try:
        before = sorted(p.name for p in d.iterdir())
        r = _run("--json", str(d))
        assert r.returncode == 0 and json.loads(r.stdout)["format"] == "2019"
        assert sorted(p.name for p in d.iterdir()) == before
    finally:
        os.chmod(d, stat.S_IRWXU)


def test_a_folder_that_cannot_be_listed_gets_its_own_line(tmp_path, monkeypatch):
    """A subfolder os.walk cannot open (no permission; root can read everything, so the refusal is
    simulated) is not skipped silently: it is listed, and checking it says why."""
    import os

    from engine.api import check_file
    from engine.cli import paths

    (tmp_path / "ok").mkdir()
    shutil.copy(SAMPLES / "003_737661822b4db9a0.txt", tmp_path / "ok" / "a.txt")
    locked = tmp_path / "locked"
    locked.mkdir()
    real_walk, real_scandir = os.walk, os.scandir

    def walk(top, onerror=None, **kw):
        for root, dirs, files in real_walk(top, onerror=onerror, **kw):
            if "locked" in dirs:
                dirs.remove("locked")
                onerror(PermissionError(13, "Permission denied", str(locked)))
            yield root, dirs, files

    def scandir(path="."):
        if str(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(paths.os, "walk", walk)
    monkeypatch.setattr(os, "scandir", scandir)
    files = paths.expand([str(tmp_path)])
    assert str(locked) in files and str(tmp_path / "ok" / "a.txt") in files
    r = check_file(locked)
    assert r.error_code == "read.folder_unreadable" and "locked" in r.error
