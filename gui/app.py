"""Application entry point: ``python -m gui [PATH...]`` opens the main window with those reports."""

from __future__ import annotations

import sys


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
    from . import i18n
    from .main_window import APP, ORG, MainWindow
    from .resources import resources_dir

    settings = QSettings(ORG, APP)
    i18n.apply_language(str(settings.value("language", "zh") or "zh"))
    icon = resources_dir() / "app" / "nianbaocheck.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    w = MainWindow(settings)
    w.show()
    paths = [a for a in argv if not a.startswith("-")]
    w.offer_restore()
    if paths:
        w.open_paths(paths)
    return app.exec()
