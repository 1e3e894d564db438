"""Things in a folder that are not ordinary files: a named pipe called ``报告.txt`` would block a
reader for ever, a device such as ``/dev/zero`` never ends, a file may grow while it is read. Each
gets a clear line of its own, in bounded time and memory, and the rest of the batch is checked."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLE_IDS, sample_path

import engine.reading as readers
from engine.api import check_file
from engine.cli.paths import expand

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")


@needs_fifo
def test_a_named_pipe_in_a_folder_is_refused_without_blocking(tmp_path):
    folder = tmp_path / "报告 文件夹"
    folder.mkdir()
    shutil.copyfile(sample_path(SAMPLE_IDS[0]), folder / "a 报告.txt")
    os.mkfifo(folder / "b 管道.txt")
    shutil.copyfile(sample_path(SAMPLE_IDS[1]), folder / "c 报告.txt")
    files = expand([str(folder)])
    assert len(files) == 3
    r = subprocess.run([sys.executable, "-m", "engine", "check", "--json", "--jobs", "1", str(folder)], cwd=ROOT,
                       capture_output=True, text=True, encoding="utf-8", timeout=120)  # would hang before the fix
    lines = [json.loads(x) for x in r.stdout.splitlines()]
    assert [x["file"] for x in lines] == files
    assert lines[0]["error"] is None and lines[2]["error"] is None
    assert "不是普通文件" in lines[1]["error"] and "b 管道.txt" in lines[1]["error"]
    assert r.returncode == 2 and "Traceback" not in r.stderr


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_an_endless_device_is_refused():
    r = check_file("/dev/zero")
    assert r.error_code == "read.not_regular" and "/dev/zero" in r.error


def test_a_file_growing_while_read_stops_at_the_limit(tmp_path, monkeypatch):
    """The size is checked before reading and again on what was read (a file still being written)."""
    p = tmp_path / "增长中.txt"
    shutil.copyfile(sample_path(SAMPLE_IDS[0]), p)
    size = p.stat().st_size
    monkeypatch.setattr(readers, "MAX_BYTES", size + 10)
    assert check_file(p).error is None
    real_fstat = os.fstat

    def fstat_before_growth(fd):  # stat says it is small; by the time we read, it has grown
        st = real_fstat(fd)
        with open(p, "ab") as f:
            f.write(b"\n" * 100)
        return st

    monkeypatch.setattr(os, "fstat", fstat_before_growth)
    r = check_file(p)
    assert r.error_code == "read.too_large", r.error


CRASHER = r"""
import json, os, signal, sys
import engine.cli.batch as batch
from engine import cli

real = batch._check_one


def crashing(args):  # a native library dying on a crafted file: the worker process is killed
    if "崩溃" in os.path.basename(args[0]):
        os.kill(os.getpid(), signal.SIGSEGV)
    return real(args)


batch._check_one = crashing
sys.exit(cli.main(sys.argv[1:]))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the crash is injected into forked workers")
def test_a_file_that_kills_its_worker_costs_only_its_own_line(tmp_path):
    folder = tmp_path / "批量"
    folder.mkdir()
    for i in range(70):
        name = f"{i:02d} 崩溃.txt" if i in (5, 41) else f"{i:02d} 报告.txt"
        shutil.copyfile(sample_path(SAMPLE_IDS[i % len(SAMPLE_IDS)]), folder / name)
    script = tmp_path / "crasher.py"
    script.write_text(CRASHER, encoding="utf-8")
    r = subprocess.run([sys.executable, str(script), "check", "--json", "--jobs", "3", "--no-progress", str(folder)],
                       cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=600,
                       env={**os.environ, "PYTHONPATH": str(ROOT)})
    lines = [json.loads(x) for x in r.stdout.splitlines()]
    assert [x["file"] for x in lines] == expand([str(folder)]), r.stderr[-2000:]
    for x in lines:
        if "崩溃" in x["file"]:
            assert "异常退出" in x["error"] and x["cells"] == {}, x["error"]
        else:
            assert x["error"] is None and x["cells"], x["file"]
    assert r.returncode == 2 and "Traceback" not in r.stderr
