"""The crash handler: an unexpected exception writes a log and shows a friendly dialog.

``install()`` hooks ``sys.excepthook``, ``threading.excepthook``, Qt's message handler (fatal
messages) and ``faulthandler`` (hard crashes in native code). Each unexpected exception writes
``crash-<time>-<pid>.log`` to the user's log folder (``log_dir()``) with the time, the app's
version, the platform, Python and Qt versions, the traceback and the last operations recorded
with ``note(text)``; then, when a ``QApplication`` exists, a dialog says what happened, that the
clerk's edits are kept (autosave) and where the log is, with a button that opens the folder.

The handler never raises: whatever fails inside it falls back to printing the traceback on
stderr. An exception raised while the handler runs (or while its dialog is open) is logged
without a second dialog.
"""

from __future__ import annotations

import collections
import faulthandler
import os
import platform
import sys
import threading
import traceback
from datetime import datetime
from pathlib import Path
from types import TracebackType

from .appdirs import app_dir

MAX_LOGS = 30
"""Older crash logs beyond this many are deleted when a new one is written."""

_ring: collections.deque[str] = collections.deque(maxlen=40)
_state: dict = {"dir": None, "installed": False, "seen": {}, "fault_file": None, "prev_qt": None}
_lock = threading.RLock()
_local = threading.local()
_dialog_open = threading.Event()

_TEXT = {
    "title": ("年报校对 — 程序出错", "NianbaoCheck — something went wrong"),
    "body": (
        "程序遇到了一个意外的错误，很抱歉。\n\n"
        "您对报告所做的修改已自动保存，不会丢失；如果程序需要重新打开，会提示您恢复这些修改。\n\n"
        "错误记录已保存到：\n{path}\n\n"
        "如果这个问题反复出现，请把这个文件发给技术支持人员。",
        "The program hit an unexpected error. Sorry.\n\n"
        "Your edits to the reports are saved automatically and are not lost; if the program has to be "
        "reopened, it will offer to restore them.\n\n"
        "The error was recorded in:\n{path}\n\n"
        "If this keeps happening, please send this file to your support staff.",
    ),
    "open": ("打开所在文件夹", "Open folder"),
    "ok": ("确定", "OK"),
}


def log_dir() -> Path:
    """The folder crash logs go to: the one given to ``install``, else the user's log folder
    (``AppLocalDataLocation``/logs of NianbaoCheck)."""
    return _state["dir"] or app_dir("AppLocalDataLocation") / "logs"


def note(text: str) -> None:
    """Record an operation (e.g. 「打开 报告.docx」) to be listed in a crash log; keeps the last 40."""
    try:
        _ring.append(f"{datetime.now().strftime('%H:%M:%S')} {text}")
    except Exception:
        pass


def install(log_dir: Path | None = None) -> Path:
    """Install the handlers (again: only the folder changes); returns the log folder."""
    with _lock:
        _state["dir"] = Path(log_dir) if log_dir is not None else None
        folder = globals()["log_dir"]()
        if not _state["installed"]:
            _state["fault_was_on"] = faulthandler.is_enabled()
            _state["prev_sys"] = sys.excepthook
            _state["prev_thread"] = threading.excepthook
            sys.excepthook = _sys_hook
            threading.excepthook = _thread_hook
            _install_qt_handler()
            _state["installed"] = True
        _enable_faulthandler(folder)
        return folder


def uninstall() -> None:
    """Put the previous hooks back (for tests and for an orderly shutdown)."""
    with _lock:
        if not _state["installed"]:
            return
        sys.excepthook = _state["prev_sys"]
        threading.excepthook = _state["prev_thread"]
        try:
            from PySide6.QtCore import qInstallMessageHandler

            qInstallMessageHandler(_state["prev_qt"])
        except Exception:
            pass
        if _state["fault_file"] is not None:
            try:
                faulthandler.disable()
                _state["fault_file"].close()
                if _state.get("fault_was_on") and sys.__stderr__ is not None:
                    faulthandler.enable(file=sys.__stderr__, all_threads=True)
            except Exception:
                pass
            _state["fault_file"] = None
        _state["installed"] = False
        _state["dir"] = None


# --------------------------------------------------------------------------------------------
# hooks


def _sys_hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        _state.get("prev_sys", sys.__excepthook__)(exc_type, exc, tb)
        return
    handle(exc_type, exc, tb, where=threading.current_thread().name)


def _thread_hook(args: threading.ExceptHookArgs) -> None:
    if args.exc_type is SystemExit:
        return
    name = args.thread.name if args.thread is not None else "thread"
    handle(args.exc_type, args.exc_value, args.exc_traceback, where=name)


def handle(exc_type: type[BaseException], exc: BaseException | None, tb: TracebackType | None,
           *, where: str = "main") -> Path | None:
    """Log one unexpected exception and tell the user; returns the log's path (None when even the
    log could not be written). Never raises."""
    if getattr(_local, "busy", False):  # an exception raised by the handler itself
        _fallback(exc_type, exc, tb)
        return None
    _local.busy = True
    try:
        text = "".join(traceback.format_exception(exc_type, exc, tb))
        key = _signature(exc_type, tb)
        with _lock:
            repeat = key in _state["seen"]
            _state["seen"][key] = _state["seen"].get(key, 0) + 1
        path = write_log(text, where=where)
        _fallback(exc_type, exc, tb)  # on the console too, for whoever started the app from one
        if path is not None and sys.stderr is not None:
            sys.stderr.write(f"Crash log: {path}\n")
    except BaseException:
        _fallback(exc_type, exc, tb)
        return None
    finally:
        _local.busy = False
    if not repeat:  # the same failure over and over (e.g. in a paint event) asks once
        try:
            _ask_dialog(path)
        except BaseException:
            pass
    return path


def _signature(exc_type: type[BaseException], tb: TracebackType | None) -> tuple:
    frames = traceback.extract_tb(tb)[-3:] if tb is not None else []
    return (getattr(exc_type, "__name__", str(exc_type)), tuple((f.filename, f.lineno) for f in frames))


def _fallback(exc_type, exc, tb) -> None:
    try:
        sys.__excepthook__(exc_type, exc, tb)
    except BaseException:
        pass


# --------------------------------------------------------------------------------------------
# the log


def _versions() -> list[str]:
    lines = []
    try:
        from importlib.metadata import version

        lines.append(f"NianbaoCheck {version('nianbaocheck')}")
    except Exception:
        lines.append("NianbaoCheck (version unknown)")
    lines.append(f"Platform: {platform.platform()} ({platform.machine()})")
    lines.append(f"Python: {sys.version.split()[0]} ({sys.executable}){' frozen' if getattr(sys, 'frozen', False) else ''}")
    try:
        import PySide6
        from PySide6.QtCore import qVersion

        lines.append(f"Qt: {qVersion()}, PySide6 {PySide6.__version__}")
    except Exception:
        lines.append("Qt: not available")
    return lines


def write_log(text: str, *, where: str = "main", title: str = "Unexpected exception") -> Path | None:
    """Write a crash log holding ``text`` (a traceback or a fatal message); returns its path."""
    try:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        now = datetime.now().astimezone()
        body = [
            f"{title} in {where}",
            f"Time: {now.isoformat(timespec='seconds')}",
            *_versions(),
            f"Language: {_language()}",
            "",
            "Traceback:",
            text.rstrip(),
            "",
            "Last operations:",
            *(list(_ring) or ["(none recorded)"]),
            "",
        ]
        stamp = now.strftime("%Y%m%d-%H%M%S")
        with _lock:  # two threads failing in the same second get two logs
            path = folder / f"crash-{stamp}-{os.getpid()}.log"
            n = 1
            while path.exists():
                n += 1
                path = folder / f"crash-{stamp}-{os.getpid()}-{n}.log"
            tmp = path.with_name(f".{path.name}.tmp")
            tmp.write_text("\n".join(body), encoding="utf-8")
            os.replace(tmp, path)
            _prune(folder)
        return path
    except Exception:
        return None


def _prune(folder: Path) -> None:
    try:
        logs = sorted(folder.glob("crash-*.log"), key=lambda p: p.stat().st_mtime)
        for old in logs[:-MAX_LOGS]:
            old.unlink()
    except OSError:
        pass


def _enable_faulthandler(folder: Path) -> None:
    """Hard crashes (a segfault in a native library) leave their Python stacks in ``fatal.log``."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        f = open(folder / "fatal.log", "a", encoding="utf-8")  # noqa: SIM115 - kept open for faulthandler
        old = _state["fault_file"]
        faulthandler.enable(file=f, all_threads=True)
        _state["fault_file"] = f
        if old is not None:
            old.close()
    except Exception:
        pass


def _install_qt_handler() -> None:
    try:
        from PySide6.QtCore import QtMsgType, qInstallMessageHandler
    except ImportError:
        return

    def qt_handler(mode, context, message) -> None:
        try:
            if mode == QtMsgType.QtFatalMsg:
                where = f"Qt ({getattr(context, 'file', None) or '?'}:{getattr(context, 'line', 0)})"
                write_log(message + "\n\nPython stack:\n" + "".join(traceback.format_stack()),
                          where=where, title="Qt fatal error")
            prev = _state.get("prev_qt")
            if prev is not None:
                prev(mode, context, message)
            elif mode != QtMsgType.QtDebugMsg or os.environ.get("QT_LOGGING_TO_CONSOLE"):
                sys.stderr.write(f"{message}\n")
        except Exception:
            pass

    _state["qt_handler"] = qt_handler  # keep a reference: Qt holds only a weak one
    _state["prev_qt"] = qInstallMessageHandler(qt_handler)


# --------------------------------------------------------------------------------------------
# the dialog


def _language() -> str:
    try:
        from engine import messages

        return messages.language()
    except Exception:
        return "zh"


def _t(key: str, translated: str) -> str:
    """Qt's translation when a translator provides one, else the built-in Chinese or English."""
    zh, en = _TEXT[key]
    if translated != zh:
        return translated
    return en if _language() == "en" else zh


def _ask_dialog(path: Path | None) -> None:
    """Show the dialog in the GUI thread (queued there from another thread); no app, no dialog."""
    try:
        from PySide6.QtCore import QCoreApplication, QThread
        from PySide6.QtWidgets import QApplication
    except ImportError:
        return
    app = QCoreApplication.instance()
    if not isinstance(app, QApplication) or _dialog_open.is_set():
        return
    if QThread.currentThread() is app.thread():
        show_dialog(path)
    else:
        _bridge(app).show.emit(str(path) if path is not None else "")


def _bridge(app):
    """A QObject living in the GUI thread whose signal, emitted from any thread, shows the dialog."""
    with _lock:
        bridge = _state.get("bridge")
        if bridge is None:
            from PySide6.QtCore import QObject, Qt, Signal, Slot

            class Bridge(QObject):
                show = Signal(str)

                @Slot(str)
                def on_show(self, p: str) -> None:
                    show_dialog(Path(p) if p else None)

            bridge = Bridge()
            bridge.moveToThread(app.thread())
            bridge.show.connect(bridge.on_show, Qt.ConnectionType.QueuedConnection)
            _state["bridge"] = bridge
        return bridge


def show_dialog(path: Path | None) -> None:
    """The friendly dialog: what happened, edits kept, where the log is, a button to open it."""
    if _dialog_open.is_set():
        return
    _dialog_open.set()
    try:
        from PySide6.QtCore import QCoreApplication, QUrl
        from PySide6.QtGui import QDesktopServices
        from PySide6.QtWidgets import QMessageBox

        tr = QCoreApplication.translate
        shown = str(path) if path is not None else str(log_dir())
        box = QMessageBox()
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(_t("title", tr("CrashDialog", "年报校对 — 程序出错")))
        body = _t("body", tr("CrashDialog", _TEXT["body"][0]))
        box.setText(body.replace("{path}", shown))
        open_button = box.addButton(_t("open", tr("CrashDialog", "打开所在文件夹")), QMessageBox.ButtonRole.ActionRole)
        box.addButton(_t("ok", tr("CrashDialog", "确定")), QMessageBox.ButtonRole.AcceptRole)
        box.exec()
        if box.clickedButton() is open_button:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent if path is not None else log_dir())))
    except Exception:
        pass
    finally:
        _dialog_open.clear()
