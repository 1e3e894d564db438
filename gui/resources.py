"""Where the app's shipped files are: ``resources/`` (translations, fonts, icons, samples), in the
frozen bundle or the source checkout. Shared by the window, the translations and the self-test."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    """``resources/`` inside the frozen bundle (``sys._MEIPASS``), else the source checkout's."""
    base = getattr(sys, "_MEIPASS", None)
    if base:
        return Path(base) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"
