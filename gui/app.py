"""Application entry point: ``python -m gui [PATH...]`` opens the main window with those reports."""

from __future__ import annotations

import sys
from collections.abc import Callable


def main(argv: list[str] | None = None) -> int:
    """Open the main window with the reports (files or folders) named in ``argv``."""
    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    argv = list(sys.argv[1:] if argv is None else argv)
    # checking runs on a worker thread: hand the GIL back to the GUI thread every millisecond
    # (default 5 ms), so the window stays fluid while a folder is being read
    sys.setswitchinterval(0.001)
    QCoreApplication.setOrganizationName("NianbaoCheck")
    QCoreApplication.setApplicationName("NianbaoCheck")
    from . import i18n
    from .main_window import APP, ORG

    i18n.chinese_system_dates(str(QSettings(ORG, APP).value("language", "zh") or "zh"))
    app = QApplication.instance() or QApplication([sys.argv[0]])
    try:
        from . import crash

        crash.install()
    except ImportError:
        pass
    try:
        from .fonts import load_bundled_fonts

        load_bundled_fonts()
    except ImportError:
        pass
    from .main_window import MainWindow
    from .resources import resources_dir

    settings = QSettings(ORG, APP)
    i18n.apply_language(str(settings.value("language", "zh") or "zh"))
    icon = resources_dir() / "app" / "nianbaocheck.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    w = MainWindow(settings)
    w.show()
    paths = [a for a in argv if not a.startswith("-")]

    def start() -> None:
        w.offer_restore()
        if paths:
            w.open_paths(paths)

    after_first_paint(w, start)  # the window is on screen before anything is read, or imported to read it
    return app.exec()


def after_first_paint(window, start: Callable[[], None], latest_ms: int = 300) -> None:
    """Call ``start`` once from the event loop, right after ``window`` is first painted (at the
    latest after ``latest_ms``, for a platform that paints late or not at all)."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    done = False

    def go() -> None:
        nonlocal done
        if not done:
            done = True
            window.removeEventFilter(watch)
            start()

    class _FirstPaint(QObject):
        def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt's name)
            if event.type() == QEvent.Type.Paint:
                QTimer.singleShot(0, go)
            return False

    watch = _FirstPaint(window)
    window.installEventFilter(watch)
    QTimer.singleShot(latest_ms, go)
