"""Application entry point (stub until the desktop app lands)."""
from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication(sys.argv if argv is None else argv)
    w = QLabel("年报校对")
    w.show()
    return app.exec()
