"""The crash handler: an unexpected exception leaves a log with the traceback in the user's log
folder and asks the user, in a friendly dialog, to look there; the handler itself never fails."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest import ROOT

pytest.importorskip("PySide6.QtWidgets")

from PySide6 import QtGui, QtWidgets  # noqa: E402

from engine import messages  # noqa: E402
from gui import crash  # noqa: E402


def _run(code: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    full = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT), **env}
    return subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=full, capture_output=True,
                          text=True, encoding="utf-8", timeout=120)


def _logs(folder: Path) -> list[Path]:
    return sorted(folder.glob("crash-*.log"))


def test_uncaught_exception_writes_a_log_with_traceback_versions_and_last_operations(tmp_path):
    logs = tmp_path / "日志 目录"
    code = (
        "from pathlib import Path\nfrom gui import crash\n"
        f"crash.install(Path({str(logs)!r}))\n"
        "crash.note('打开 2020年 报告.docx')\ncrash.note('接受更正 requests/3.7/total')\n"
        "def load():\n    raise ValueError('坏的单元格 boom')\n"
        "load()\n"
    )
    r = _run(code, tmp_path)
    assert r.returncode == 1
    found = _logs(logs)
    assert len(found) == 1, r.stderr
    text = found[0].read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text
    assert "ValueError: 坏的单元格 boom" in text and "in load" in text
    assert "NianbaoCheck " in text and "Python: 3." in text and "Qt: 6." in text and "Platform: " in text
    assert "打开 2020年 报告.docx" in text and "接受更正 requests/3.7/total" in text
    assert str(found[0]) in r.stderr  # the console says where the log went
    assert "ValueError" in r.stderr


def test_default_folder_is_the_users_app_local_data_logs(tmp_path):
    home = tmp_path / "home"
    code = "from gui import crash\nprint(crash.install())\nraise RuntimeError('x')\n"
    r = _run(code, tmp_path, HOME=str(home), XDG_DATA_HOME=str(home / "data"))
    folder = Path(r.stdout.strip())
    if sys.platform.startswith("linux"):
        assert folder == home / "data" / "NianbaoCheck" / "NianbaoCheck" / "logs"
    assert len(_logs(folder)) == 1


def test_default_folder_follows_qt_once_the_app_has_its_names(tmp_path):
    code = (
        "from PySide6.QtCore import QCoreApplication, QStandardPaths\n"
        "QStandardPaths.setTestModeEnabled(True)\n"
        "QCoreApplication.setOrganizationName('NianbaoCheck'); QCoreApplication.setApplicationName('NianbaoCheck')\n"
        "from gui import crash\nprint(crash.log_dir())\n"
        "print(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation))\n"
    )
    r = _run(code, tmp_path)
    got, qt = r.stdout.split("\n")[:2]
    assert Path(got) == Path(qt) / "logs"


def test_qt_fatal_message_is_logged(tmp_path):
    logs = tmp_path / "logs"
    code = (
        "from pathlib import Path\nfrom gui import crash\n"
        f"crash.install(Path({str(logs)!r}))\n"
        "from PySide6.QtCore import qFatal\nqFatal('致命错误 fatal test')\n"
    )
    r = _run(code, tmp_path)
    assert r.returncode != 0
    found = _logs(logs)
    assert found, r.stderr
    text = found[0].read_text(encoding="utf-8")
    # PySide's qFatal() hands Qt a fixed message; the Python stack says where it came from
    assert "Qt fatal error" in text and "qFatal" in text and 'File "<string>", line 5' in text


@pytest.fixture
def dialogs(qapp, monkeypatch, tmp_path):
    """Install the handler into ``tmp_path``; record the dialogs instead of showing them."""
    shown: list[QtWidgets.QMessageBox] = []
    opened: list[str] = []
    click_open = {"on": False}

    class Box(QtWidgets.QMessageBox):
        def exec(self) -> int:
            shown.append(self)
            return 0

        def clickedButton(self):
            if click_open["on"]:
                return next(b for b in self.buttons() if self.buttonRole(b) == self.ButtonRole.ActionRole)
            return None

    monkeypatch.setattr(QtWidgets, "QMessageBox", Box)
    monkeypatch.setattr(QtGui.QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url.toLocalFile())))
    monkeypatch.setattr(crash, "_fallback", lambda *a: None)  # keep the test output clean
    assert crash.install(tmp_path / "logs") == tmp_path / "logs"
    crash._state["seen"].clear()
    yield shown, opened, click_open
    crash.uninstall()
    messages.set_language("zh")


def _raise(exc: BaseException):
    try:
        raise exc
    except BaseException as e:
        return type(e), e, e.__traceback__


def test_dialog_says_what_happened_that_edits_are_kept_and_where_the_log_is(dialogs, tmp_path):
    shown, opened, _ = dialogs
    sys.excepthook(*_raise(KeyError("requests/9/total")))
    (log,) = _logs(tmp_path / "logs")
    assert "KeyError: 'requests/9/total'" in log.read_text(encoding="utf-8")
    assert len(shown) == 1
    box = shown[0]
    assert "意外的错误" in box.text() and "自动保存" in box.text() and str(log) in box.text()
    assert box.icon() == QtWidgets.QMessageBox.Icon.Critical
    assert [b.text() for b in box.buttons() if box.buttonRole(b) == box.ButtonRole.ActionRole] == ["打开所在文件夹"]
    assert not opened


def test_open_folder_button_opens_the_log_folder(dialogs, tmp_path):
    shown, opened, click_open = dialogs
    click_open["on"] = True
    sys.excepthook(*_raise(ZeroDivisionError("x")))
    assert opened == [str(tmp_path / "logs")]


def test_dialog_in_english_when_the_language_is_english(dialogs):
    shown, _, _ = dialogs
    messages.set_language("en")
    sys.excepthook(*_raise(ValueError("x")))
    assert "unexpected error" in shown[0].text() and "saved automatically" in shown[0].text()
    assert "Open folder" in [b.text() for b in shown[0].buttons()]


def test_exception_in_a_worker_thread_is_logged_and_the_dialog_shown_in_the_gui_thread(dialogs, qtbot, tmp_path):
    shown, _, _ = dialogs

    def work():
        raise OSError("磁盘已满 disk full")

    t = threading.Thread(target=work, name="reader-1")
    t.start()
    t.join()
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=5000)
    (log,) = _logs(tmp_path / "logs")
    text = log.read_text(encoding="utf-8")
    assert "in reader-1" in text and "OSError: 磁盘已满 disk full" in text


def test_the_same_failure_again_is_logged_but_asked_once(dialogs, tmp_path):
    shown, _, _ = dialogs

    def paint():
        raise AttributeError("paint")

    for _ in range(3):
        sys.excepthook(*_raise_from(paint))
    assert len(_logs(tmp_path / "logs")) == 3
    assert len(shown) == 1


def _raise_from(fn):
    try:
        fn()
    except BaseException as e:
        return type(e), e, e.__traceback__


def test_handler_never_raises_when_the_log_cannot_be_written(dialogs, tmp_path):
    shown, _, _ = dialogs
    blocker = tmp_path / "a file"
    blocker.write_text("x")
    crash.install(blocker / "logs")  # the parent is a regular file: no folder can be made there
    sys.excepthook(*_raise(ValueError("y")))  # must not raise
    assert len(shown) == 1 and str(blocker / "logs") in shown[0].text()


def test_handler_never_raises_when_the_dialog_fails(dialogs, monkeypatch, tmp_path):
    class Broken(QtWidgets.QMessageBox):
        def exec(self) -> int:
            raise RuntimeError("dialog broke")

    monkeypatch.setattr(QtWidgets, "QMessageBox", Broken)
    sys.excepthook(*_raise(ValueError("z")))
    assert len(_logs(tmp_path / "logs")) == 1
    assert not crash._dialog_open.is_set()


def test_exception_while_the_dialog_is_open_is_logged_without_a_second_dialog(dialogs, monkeypatch, tmp_path):
    shown, _, _ = dialogs

    class Nested(QtWidgets.QMessageBox):
        def exec(self) -> int:
            shown.append(self)
            sys.excepthook(*_raise(TypeError("during the dialog")))  # e.g. a slot run by its event loop
            return 0

    monkeypatch.setattr(QtWidgets, "QMessageBox", Nested)
    sys.excepthook(*_raise(ValueError("first")))
    logs = _logs(tmp_path / "logs")
    assert len(logs) == 2
    assert any("TypeError: during the dialog" in p.read_text(encoding="utf-8") for p in logs)
    assert len(shown) == 1


def test_recursive_failure_inside_the_handler_falls_back(dialogs, monkeypatch, tmp_path):
    seen: list[str] = []
    monkeypatch.setattr(crash, "_fallback", lambda t, e, tb: seen.append(str(e)))

    def bad_log(text, **k):
        sys.excepthook(*_raise(RuntimeError("inside the handler")))
        raise RuntimeError("log writer broke")

    monkeypatch.setattr(crash, "write_log", bad_log)
    sys.excepthook(*_raise(ValueError("outer")))  # must not raise nor loop
    assert "inside the handler" in seen and "outer" in seen


def test_keyboard_interrupt_is_not_a_crash(dialogs, tmp_path, monkeypatch):
    shown, _, _ = dialogs
    monkeypatch.setitem(crash._state, "prev_sys", lambda *a: None)
    sys.excepthook(*_raise(KeyboardInterrupt()))
    assert not _logs(tmp_path / "logs") and not shown


def test_old_logs_are_pruned(dialogs, tmp_path, monkeypatch):
    monkeypatch.setattr(crash, "MAX_LOGS", 3)
    for i in range(5):
        crash.write_log(f"trace {i}")
    assert len(_logs(tmp_path / "logs")) == 3


def test_many_threads_failing_at_once_each_leave_a_log_and_one_dialog(dialogs, qtbot, tmp_path):
    shown, _, _ = dialogs
    start = threading.Barrier(8)

    def work(i: int):
        start.wait()
        raise ValueError(f"worker {i}")

    threads = [threading.Thread(target=work, args=(i,), name=f"w{i}") for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=5000)
    qtbot.wait(100)
    texts = [p.read_text(encoding="utf-8") for p in _logs(tmp_path / "logs")]
    assert sorted(t.split("ValueError: ")[1].split("\n")[0] for t in texts) == [f"worker {i}" for i in range(8)]
    assert len(shown) == 1
