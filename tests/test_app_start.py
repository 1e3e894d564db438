"""Start-up of the app (issue 17): the window is painted before the reports named on the command
line are read, and they are read right after."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QEvent, QObject, QSettings, QStandardPaths  # noqa: E402
from PySide6.QtWidgets import QApplication, QMainWindow  # noqa: E402

from gui.main_window import MainWindow  # noqa: E402


def test_the_window_is_painted_before_the_report_is_read(qtbot, tmp_path, monkeypatch):
    import gui.app

    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "config"))
    QStandardPaths.setTestModeEnabled(True)
    monkeypatch.setattr(QApplication, "exec", lambda self=None: 0)
    order: list[str] = []
    real_open = MainWindow.open_paths

    def open_paths(self, paths, *a, **k):
        order.append("open")
        return real_open(self, paths, *a, **k)

    monkeypatch.setattr(MainWindow, "open_paths", open_paths)

    class Paints(QObject):
        def eventFilter(self, obj, event):  # noqa: N802
            if event.type() == QEvent.Type.Paint and isinstance(obj, QMainWindow) and "paint" not in order:
                order.append("paint")
            return False

    paints = Paints()
    QApplication.instance().installEventFilter(paints)
    hook = sys.excepthook
    sample = Path(gui.app.__file__).resolve().parents[1] / "resources" / "samples" / "sample-2020-xiangdu.txt"
    try:
        assert gui.app.main([str(sample)]) == 0
        assert order == []  # nothing is read before the event loop has painted the window
        (w,) = [x for x in QApplication.topLevelWidgets() if isinstance(x, MainWindow) and x.isVisible()]
        qtbot.addWidget(w)
        qtbot.waitUntil(lambda: w.current is not None and w.current.is_loaded, timeout=20000)
    finally:
        QApplication.instance().removeEventFilter(paints)
        crash = sys.modules.get("gui.crash")
        if crash is not None and hasattr(crash, "uninstall"):
            crash.uninstall()
        sys.excepthook = hook
        QStandardPaths.setTestModeEnabled(False)
    assert order == ["paint", "open"]
    assert w.current.path == str(sample) and w.current.report.format == "2019"
