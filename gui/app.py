"""Application entry point (stub until the desktop app lands)."""
from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """Open the main window with the reports named in ``argv``."""
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication([sys.argv[0], *(argv or [])])
    w = QLabel("年报校对")
    w.show()
    return app.exec()
