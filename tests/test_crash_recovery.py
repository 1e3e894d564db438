"""Keep working, lose nothing — end to end with the real app: a clerk's edits are autosaved while
they work; an unexpected exception in the app is logged, the dialog says so and the app goes on;
when the process then dies (killed, as in a crash or a power cut), the next start offers the
edits back and the restored report is the one the clerk had."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from conftest import ROOT, sample_path  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QMessageBox  # noqa: E402

from engine.api import apply_edits, check_file  # noqa: E402
from gui.autosave import AutoSave  # noqa: E402
from gui.main_window import MainWindow  # noqa: E402

S002 = "002_bfb1f788e4caebeb"
SWAPPED = "requests/3.1/natural"
TYPED = "requests/1/natural"

CLERK = r'''
import json, os, signal, sys, time
from pathlib import Path
from PySide6.QtCore import QCoreApplication, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

QCoreApplication.setOrganizationName("NianbaoCheck")
QCoreApplication.setApplicationName("NianbaoCheck")
app = QApplication([])
from gui import crash
from gui.autosave import AutoSave
from gui.main_window import MainWindow

logs, store, draft, state = map(Path, sys.argv[1:5])
crash.install(logs)
dialogs = []
QMessageBox.exec = lambda self: dialogs.append(self.text()) or 0  # the crash dialog, answered at once


def wait(cond, seconds=60):
    end = time.monotonic() + seconds
    while not cond():
        if time.monotonic() > end:
            raise SystemExit("timed out")
        try:
            app.processEvents()
        except Exception:  # PySide6 6.9 raises a slot's exception out of processEvents instead of
            sys.excepthook(*sys.exc_info())  # calling the excepthook as the app's exec() loop does
        time.sleep(0.01)


def saved():
    return {p.path: p.edits for p in AutoSave(store).pending()}


w = MainWindow(QSettings(str(state.parent / "settings.ini"), QSettings.Format.IniFormat), autosave=AutoSave(store))
w.show()
crash.note("open " + draft.name)
w.open_paths([str(draft)])
wait(lambda: w.sessions and w.sessions[0].is_loaded)
wait(lambda: w.current is w.sessions[0])
w.accept_certain()
wait(lambda: saved().get(str(draft)))
QTimer.singleShot(0, lambda: 1 / 0)  # a bug in some slot
wait(lambda: dialogs)
w.current.edit(sys.argv[5], "7")  # the app goes on: the clerk types another value
wait(lambda: len(saved().get(str(draft), {})) == 2)
state.write_text(json.dumps({"dialogs": dialogs, "edits": w.current.edits}, ensure_ascii=False), encoding="utf-8")
os.kill(os.getpid(), signal.SIGKILL)  # the crash: nothing runs after this
'''


def damaged_002(folder: Path) -> Path:
    """Sample 002 with 予以公开·自然人 typed 52 instead of 25: one certain correction."""
    text = sample_path(S002).read_text(encoding="utf-8")
    assert "(一)予以公开 | 25 |" in text
    out = folder / "区 政府" / "2020年 报告.txt"
    out.parent.mkdir()
    out.write_text(text.replace("(一)予以公开 | 25 |", "(一)予以公开 | 52 |"), encoding="utf-8")
    return out


@pytest.fixture
def crashed(tmp_path) -> tuple[Path, Path, dict]:
    """Run the clerk's session in a process that hits a bug, goes on, and is then killed."""
    draft = damaged_002(tmp_path)
    script = tmp_path / "clerk.py"
    script.write_text(CLERK, encoding="utf-8")
    state = tmp_path / "state.json"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT), "NIANBAO_LANG": "zh"}
    r = subprocess.run([sys.executable, str(script), str(tmp_path / "logs"), str(tmp_path / "autosave"), str(draft),
                        str(state), TYPED], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert r.returncode == -signal.SIGKILL, r.stderr[-3000:]
    return draft, tmp_path, json.loads(state.read_text(encoding="utf-8"))


def test_a_bug_is_logged_the_dialog_shown_and_the_app_goes_on(crashed):
    draft, tmp, seen = crashed
    (log,) = sorted((tmp / "logs").glob("crash-*.log"))
    text = log.read_text(encoding="utf-8")
    assert "ZeroDivisionError" in text and "open 2020年 报告.txt" in text
    assert len(seen["dialogs"]) == 1 and str(log) in seen["dialogs"][0] and "自动保存" in seen["dialogs"][0]
    assert seen["edits"] == {SWAPPED: "25", TYPED: "7"}  # the edit made after the bug was kept


def test_after_the_crash_the_edits_are_offered_back_and_restore_the_report(crashed, qtbot, monkeypatch):
    draft, tmp, seen = crashed
    (pending,) = AutoSave(tmp / "autosave").pending()
    assert pending.path == str(draft) and pending.edits == seen["edits"]
    assert not pending.source_changed and not pending.source_missing
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", staticmethod(
        lambda parent, title, text, *a, **k: asked.append(text) or QMessageBox.StandardButton.Yes))
    w = MainWindow(QSettings(str(tmp / "again.ini"), QSettings.Format.IniFormat), autosave=AutoSave(tmp / "autosave"))
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.loader.finished, timeout=30000):
        assert w.offer_restore() == 1
    assert "2020年 报告.txt" in asked[0]
    (s,) = w.sessions
    assert s.edits == seen["edits"] and s.dirty
    expected = apply_edits(check_file(draft), seen["edits"])
    assert s.report.to_json() == expected.to_json()
    s.discard_edits()
    w._discard_autosave(s)
    assert AutoSave(tmp / "autosave").pending() == []


def test_a_draft_changed_since_the_crash_is_pointed_out(crashed, qtbot, monkeypatch):
    draft, tmp, seen = crashed
    draft.write_text(draft.read_text(encoding="utf-8").replace("| 52 |", "| 25 |", 1), encoding="utf-8")
    (pending,) = AutoSave(tmp / "autosave").pending()
    assert pending.source_changed and pending.edits == seen["edits"]
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", staticmethod(
        lambda parent, title, text, *a, **k: asked.append(text) or QMessageBox.StandardButton.No))
    w = MainWindow(QSettings(str(tmp / "again.ini"), QSettings.Format.IniFormat), autosave=AutoSave(tmp / "autosave"))
    qtbot.addWidget(w)
    assert w.offer_restore() == 0
    assert "被改过" in asked[0]
