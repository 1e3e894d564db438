"""``nianbaocheck --self-test``: prove that this installation works, without a window or a network.

It starts Qt offscreen (when there is no display), loads the shipped translations and fonts, checks
every bundled sample report with the engine, and builds the main window. It prints one line per
check (Chinese / English) and returns 0 when every check passed, 1 otherwise. Run from the frozen
bundle this catches what a build can lose: a hidden import, a Qt plugin, a font, a translation.

Options: ``--out FILE`` also writes the lines to FILE (a windowed Windows build has no console);
``--expect-resources DIR`` fails when a file under DIR (a source ``resources/``) is missing here.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import os
import sys
from collections.abc import Callable
from pathlib import Path

from .resources import resources_dir

Check = tuple[bool, str]


def _files(folder: Path, *patterns: str) -> list[Path]:
    return sorted({p for pat in patterns for p in folder.glob(pat) if p.is_file()})


def check_expected(res: Path, expected: Path) -> list[Check]:
    """Every file of the source ``expected`` resources (icons, fonts, translations, samples) is here."""
    missing = [
        str(p.relative_to(expected))
        for p in sorted(expected.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts and not (res / p.relative_to(expected)).is_file()
    ]
    if missing:
        return [(False, f"资源缺失 missing resources: {', '.join(missing[:10])}")]
    return [(True, f"资源齐全 all resources present ({expected})")]


def check_translations(res: Path) -> list[Check]:
    """Each shipped .qm loads; Qt's own Chinese strings (dialog buttons) are bundled too."""
    from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

    out: list[Check] = []
    for qm in _files(res / "translations", "*.qm"):
        t = QTranslator(QCoreApplication.instance())
        ok = t.load(str(qm)) and not t.isEmpty()
        if ok:
            QCoreApplication.installTranslator(t)
        out.append((ok, f"翻译 translation {qm.name}"))
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    t = QTranslator(QCoreApplication.instance())
    out.append((t.load("qtbase_zh_CN", qt_dir), f"Qt 中文翻译 qtbase_zh_CN.qm in {qt_dir}"))
    return out


def check_fonts(res: Path) -> list[Check]:
    """Each shipped font loads into Qt; at least one of them covers Simplified Chinese."""
    from PySide6.QtGui import QFontDatabase

    out: list[Check] = []
    fonts = _files(res / "fonts", "*.ttf", "*.otf", "*.ttc", "*.TTF", "*.OTF", "*.TTC")
    cjk = False
    for f in fonts:
        fid = QFontDatabase.addApplicationFontFromData(f.read_bytes())  # as gui.fonts loads them
        families = QFontDatabase.applicationFontFamilies(fid) if fid != -1 else []
        cjk |= any(QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(fam) for fam in families)
        out.append((bool(families), f"字体 font {f.name}: {', '.join(families) or '无法加载 cannot load'}"))
    if fonts:
        out.append((cjk, "中文字体 a shipped font covers Simplified Chinese"))
    return out


def check_samples(res: Path) -> list[Check]:
    """Every bundled sample (.txt, and .docx/.xlsx when shipped) reads to a known format without error."""
    from engine.api import check_file

    samples = _files(res / "samples", "*.txt", "*.docx", "*.xlsx")
    if not any(p.suffix == ".txt" for p in samples):
        return [(False, f"没有样例报告 no sample report in {res / 'samples'}")]
    out: list[Check] = []
    for s in samples:
        r = check_file(s)
        ok_cells = sum(1 for c in r.cells.values() if c.status == "ok")
        ok = r.error is None and r.format is not None and ok_cells > 0
        what = r.error or f"格式 format {r.format}，读到 {ok_cells} 个数字 cells read，{len(r.findings)} 条提示 findings"
        out.append((ok, f"样例 sample {s.name}: {what}"))
    return out


def check_libraries() -> list[Check]:
    """The readers' libraries are importable (in a frozen build they must have been collected)."""
    out: list[Check] = []
    for mod in ("docx", "openpyxl", "lxml.etree", "charset_normalizer", "olefile", "xlrd", "engine.reading.docx",
                "engine.reading.xlsx", "engine.reading.doc", "engine.reading.xls", "engine.reading.odf"):
        out.append(_try(lambda m=mod: importlib.import_module(m), f"模块 module {mod}"))
    if importlib.util.find_spec("engine.reading.pdf") is not None:
        out.append(_try(_read_pdf, "PDF 读取 PDF reading"))
    return out


def _read_pdf() -> str:
    """Print a page of Chinese text to a PDF with Qt and read it back with the engine's PDF reader."""
    import tempfile

    from PySide6.QtGui import QPageSize, QPdfWriter, QTextDocument

    from engine.reading import read_document

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "selftest.pdf"
        writer = QPdfWriter(str(path))
        writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        doc = QTextDocument()
        doc.setPlainText("政府信息公开工作年度报告\n一、总体情况\n行政许可\t17719\t8\t19457")
        doc.print_(writer)
        text = " ".join(c.text for row in read_document(path).rows for c in row.cells)
    if "行政许可" not in text:
        raise ValueError(f"text not read back: {text[:60]!r}")
    return f"{len(text)} 字 characters"


def check_window() -> list[Check]:
    """The main window builds (a plain label while the GUI's main window module does not exist yet)."""

    def build() -> str:
        try:
            mod = importlib.import_module("gui.main_window")
        except ModuleNotFoundError as e:
            if e.name != "gui.main_window":
                raise
            from PySide6.QtWidgets import QLabel

            QLabel("年报校对")
            return "QLabel (gui.main_window 尚无 not yet)"
        from PySide6.QtWidgets import QMainWindow

        cls = getattr(mod, "MainWindow", None) or next(
            v for v in vars(mod).values() if isinstance(v, type) and issubclass(v, QMainWindow) and v is not QMainWindow
        )
        w = cls()
        w.resize(1000, 700)
        return f"{cls.__name__} “{w.windowTitle()}”"

    return [_try(build, "主窗口 main window")]


def _try(fn: Callable[[], object], label: str) -> Check:
    try:
        detail = fn()
    except Exception as e:  # every failure is a finding of the self-test, never a traceback
        return False, f"{label}: {type(e).__name__}: {e}"
    return True, f"{label}{': ' + detail if isinstance(detail, str) else ''}"


def run(res: Path, expected: Path | None = None) -> list[Check]:
    """All checks, in order, with the QApplication created first."""
    no_display = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if sys.platform.startswith("linux") and no_display and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0]])
    checks: list[Check] = [(True, f"Qt {app.platformName()} 平台 platform, Python {sys.version.split()[0]}")]
    if expected is not None:
        checks += check_expected(res, expected)
    for step in (check_translations, check_fonts, check_samples):
        try:
            checks += step(res)
        except Exception as e:
            checks.append((False, f"{step.__name__}: {type(e).__name__}: {e}"))
    checks += check_libraries() + check_window()
    return checks


def main(argv: list[str] | None = None) -> int:
    """Run the self-test; print the result; 0 when everything passed, 1 otherwise."""
    ap = argparse.ArgumentParser(prog="nianbaocheck --self-test")
    ap.add_argument("--out", help="also write the result to this file")
    ap.add_argument("--expect-resources", type=Path, help="source resources/ that must all be bundled")
    args = ap.parse_args(argv or [])
    res = resources_dir()
    checks = run(res, args.expect_resources)
    ok = all(c[0] for c in checks)
    lines = [f"[{'通过 OK' if c[0] else '失败 FAIL'}] {c[1]}" for c in checks]
    lines.append(f"年报校对自检{'通过' if ok else '失败'} self-test {'passed' if ok else 'FAILED'} ({res})")
    text = "\n".join(lines) + "\n"
    if sys.stdout is not None:  # a windowed Windows build has no console
        try:
            sys.stdout.write(text)
            sys.stdout.flush()
        except UnicodeEncodeError:
            sys.stdout.buffer.write(text.encode("utf-8"))
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    return 0 if ok else 1
