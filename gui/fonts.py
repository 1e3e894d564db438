"""The fonts shipped in ``resources/fonts``: registered with Qt so printed sheets look the same on a
PC without Chinese fonts (the PDF embeds the glyphs it uses)."""

from __future__ import annotations

import sys
from pathlib import Path

_FONT_SUFFIXES = {".ttf", ".otf", ".ttc"}
_loaded: list[str] | None = None


def fonts_dir() -> Path:
    """``resources/fonts`` of the frozen bundle (``sys._MEIPASS``) or of the source checkout."""
    base = getattr(sys, "_MEIPASS", None)
    root = Path(base) / "resources" if base else Path(__file__).resolve().parent.parent / "resources"
    return root / "fonts"


def load_bundled_fonts() -> list[str]:
    """Register every shipped font with ``QFontDatabase`` (once); returns the family names loaded.
    Needs a ``QGuiApplication``."""
    global _loaded
    if _loaded is not None:
        return list(_loaded)
    from PySide6.QtGui import QFontDatabase

    families: list[str] = []
    folder = fonts_dir()
    for f in sorted(folder.iterdir()) if folder.is_dir() else []:
        if f.suffix.lower() not in _FONT_SUFFIXES:
            continue
        # from memory, not by path: Qt's FreeType font loading opens the path in the local 8-bit
        # encoding, which fails for an install folder with Chinese characters under another code page
        fid = QFontDatabase.addApplicationFontFromData(f.read_bytes())
        if fid != -1:
            families += [fam for fam in QFontDatabase.applicationFontFamilies(fid) if fam not in families]
    _loaded = families
    return list(families)


def cjk_family() -> str | None:
    """A loaded family (bundled first) that covers Simplified Chinese, or None."""
    from PySide6.QtGui import QFontDatabase

    for fam in load_bundled_fonts():
        if QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(fam):
            return fam
    return None
