"""Screenshots of the main window with a broken report (issue 4): on a real X server (Xvfb, xcb
platform) when Xvfb is installed, else offscreen; at 100 % and 150 % scaling, light and dark palette.
PNGs go to ``out/screenshots`` (or ``$NIANBAO_TEST_OUTPUT``) to be looked at; the test checks the
colours actually drawn: the suspect cell red, a correct cell not, a missing cell hatched."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, sample_path

OUT = Path(os.environ.get("NIANBAO_TEST_OUTPUT", ROOT / "out")) / "screenshots"


@pytest.fixture(scope="module")
def display():
    """An Xvfb display (xcb) when available, else the offscreen platform."""
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        yield {"QT_QPA_PLATFORM": "offscreen"}
        return
    for n in range(91, 120):
        if not Path(f"/tmp/.X{n}-lock").exists():
            break
    proc = subprocess.Popen([xvfb, f":{n}", "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):
        if Path(f"/tmp/.X11-unix/X{n}").exists():
            break
        time.sleep(0.05)
    up = Path(f"/tmp/.X11-unix/X{n}").exists() and proc.poll() is None
    try:
        yield {"QT_QPA_PLATFORM": "xcb", "DISPLAY": f":{n}"} if up else {"QT_QPA_PLATFORM": "offscreen"}
    finally:
        proc.terminate()
        proc.wait(10)


def damaged(tmp_path: Path) -> Path:
    text = sample_path("002_bfb1f788e4caebeb").read_text(encoding="utf-8")
    out = tmp_path / "002-swapped.txt"
    out.write_text(text.replace("(一)予以公开 | 25 |", "(一)予以公开 | 52 |"), encoding="utf-8")
    return out


def shoot(env_extra: dict, report: Path, name: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    env.update(env_extra)
    r = subprocess.run([sys.executable, str(ROOT / "tests" / "gui_screenshots.py"), str(OUT), str(report), name],
                       env=env, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr[-2000:]
    return json.loads(r.stdout.strip().splitlines()[-1])


def reddish(rgb: list[int]) -> bool:
    r, g, b = rgb
    return r > g + 40 and r > b + 40


@pytest.mark.parametrize("scale", ["1", "1.5"])
def test_screenshots_of_a_broken_report(display, tmp_path, scale):
    env = dict(display, QT_SCALE_FACTOR=scale)
    res = shoot(env, damaged(tmp_path), f"broken-{scale.replace('.', '_')}x")
    assert res["font"], "no CJK font: the screenshot would show boxes"
    for f in res["files"]:
        assert Path(f).stat().st_size > 10_000
    for tag in ("light", "dark"):
        cells = res["cells"][tag]
        assert reddish(cells["requests/3.1/natural"]), (tag, cells)
        assert not reddish(cells["requests/2/natural"]), (tag, cells)
