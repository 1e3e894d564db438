"""Pictures to look at before saying the clerk's view is right (issue 15): the app in Chinese and
English at 100 % and 150 % with a draft with errors (as opened, and after accepting the certain
corrections), the correction sheet, and both corrected templates printed by LibreOffice.

Usage: .venv/bin/python scripts/screenshots.py [OUT_DIR]   (default out/shots; PNGs, git-ignored)
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]


def app_shots(out: Path, draft: Path, lang: str, scale: str) -> None:
    """Child process: the main window with ``draft`` open, grabbed to PNG."""
    from PySide6.QtCore import QEventLoop, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication([sys.argv[0]])
    from gui import i18n
    from gui.fonts import cjk_family, load_bundled_fonts
    from gui.main_window import MainWindow

    load_bundled_fonts()
    if cjk_family():
        f = app.font()
        f.setFamily(cjk_family())
        app.setFont(f)
    settings = QSettings(str(out / f"settings-{lang}-{scale}.ini"), QSettings.Format.IniFormat)
    settings.setValue("language", lang)
    i18n.apply_language(lang)
    w = MainWindow(settings, autosave=None)
    w.resize(1366, 768)
    w.show()

    def wait(ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    loop = QEventLoop()
    w.loader.finished.connect(loop.quit)
    w.open_paths([str(draft)])
    QTimer.singleShot(30000, loop.quit)
    loop.exec()
    wait(800)
    tag = f"{lang}-{scale.replace('.', '')}"
    w.grab().save(str(out / f"app-{tag}-opened.png"))
    w.accept_certain()
    wait(300)
    w.form.select(["requests/3.1/natural"])
    wait(300)
    w.grab().save(str(out / f"app-{tag}-accepted.png"))
    os._exit(0)  # no close prompt for the accepted corrections


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "out" / "shots").resolve()
    out.mkdir(parents=True, exist_ok=True)
    if len(sys.argv) > 4 and sys.argv[2] == "--app":
        app_shots(out, Path(sys.argv[3]), sys.argv[4], sys.argv[5])
        return 0
    import builders

    from engine.api import apply_edits, check_file_with_document
    from engine.export import write_template

    draft, good = builders.swapped_draft(out / "草稿.docx")
    for lang in ("zh", "en"):
        for scale in ("1", "1.5"):
            env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_SCALE_FACTOR=scale)
            subprocess.run([sys.executable, __file__, str(out), "--app", str(draft), lang, scale], env=env, check=True,
                           timeout=300)
    report, doc = check_file_with_document(draft)
    accepted = apply_edits(report, {c.cell: str(c.to) for c in report.corrections if c.confidence == "certain"}, doc)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    from gui.sheet import write_sheet_pdf

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    write_sheet_pdf(accepted, out / "sheet.pdf", force=True, document=doc)
    write_sheet_pdf(report, out / "sheet-as-read.pdf", force=True, document=doc)
    for ext in (".xlsx", ".docx"):
        write_template(accepted, out / f"template{ext}", force=True, document=doc)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice:
        for ext in (".xlsx", ".docx"):
            sub = out / ext.strip(".")
            subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{out / '.lo'}",
                            "--convert-to", "pdf", "--outdir", str(sub), str(out / f"template{ext}")],
                           check=True, capture_output=True, timeout=300, env=env)
            subprocess.run(["pdftoppm", "-r", "70", "-png", str(sub / "template.pdf"), str(out / f"template-{ext.strip('.')}")],
                           check=True)
    for name in ("sheet", "sheet-as-read"):
        subprocess.run(["pdftoppm", "-r", "70", "-png", str(out / f"{name}.pdf"), str(out / name)], check=True)
    print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
