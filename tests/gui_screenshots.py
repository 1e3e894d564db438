"""Child process of test_gui_screenshot: open a broken report in the real main window, save PNGs
(light, dark palette) and print, as JSON, the colours drawn at a few known cells.

Usage: python tests/gui_screenshots.py OUT_DIR REPORT [NAME]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    out, report = Path(sys.argv[1]), sys.argv[2]
    name = sys.argv[3] if len(sys.argv) > 3 else "main"
    out.mkdir(parents=True, exist_ok=True)
    from PySide6.QtCore import QEventLoop, QSettings, QTimer
    from PySide6.QtGui import QColor, QPalette
    from PySide6.QtWidgets import QApplication

    app = QApplication([sys.argv[0]])
    from gui.fonts import cjk_family, load_bundled_fonts
    from gui.main_window import MainWindow

    load_bundled_fonts()
    fam = cjk_family()
    if fam:
        f = app.font()
        f.setFamily(fam)
        app.setFont(f)
    w = MainWindow(QSettings(str(out / "settings.ini"), QSettings.Format.IniFormat), autosave=None)
    w.resize(1400, 900)
    w.show()
    loop = QEventLoop()
    w.loader.finished.connect(loop.quit)
    w.open_paths([report])
    QTimer.singleShot(30000, loop.quit)
    loop.exec()
    s = w.current
    s_doc = QEventLoop()
    QTimer.singleShot(500, s_doc.quit)
    s_doc.exec()
    wrong = next((c.cell for c in s.report.corrections), None)
    if wrong:
        w.form.select([wrong])  # scrolled into view
    w.form.select(["requests/1/natural"])  # (a selected cell is drawn in the highlight colour)
    result: dict = {"platform": app.platformName(), "font": fam, "files": [], "cells": {}}

    def shoot(tag: str) -> None:
        app.processEvents()
        img = w.grab().toImage()
        path = out / f"{name}-{tag}.png"
        img.save(str(path))
        result["files"].append(str(path))
        ratio = img.devicePixelRatio()
        cells = {}
        for address in filter(None, [wrong, "requests/2/natural", "active/regulations/made"]):
            view, model = w.form.model_for(address)
            rect = view.visualRect(model.index_of(address))
            # a point inside the cell, off the text and the border
            p = view.viewport().mapTo(w, rect.topLeft())
            x, y = int((p.x() + rect.width() / 2) * ratio), int((p.y() + 4) * ratio)  # above the text
            c = img.pixelColor(x, y)
            cells[address] = [c.red(), c.green(), c.blue()]
        result["cells"][tag] = cells

    shoot("light")
    app.setStyle("Fusion")
    dark = QPalette()
    for role, colour in ((QPalette.ColorRole.Window, "#2b2b2b"), (QPalette.ColorRole.Base, "#1e1e1e"),
                         (QPalette.ColorRole.AlternateBase, "#2b2b2b"), (QPalette.ColorRole.Text, "#e8e8e8"),
                         (QPalette.ColorRole.WindowText, "#e8e8e8"), (QPalette.ColorRole.Button, "#3a3a3a"),
                         (QPalette.ColorRole.ButtonText, "#e8e8e8"), (QPalette.ColorRole.Highlight, "#3d6fb4")):
        dark.setColor(role, QColor(colour))
    app.setPalette(dark)
    shoot("dark")
    for sess in w.sessions:
        sess.discard_edits()
    w.close()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
