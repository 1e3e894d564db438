"""Parts of the app that land separately or may be missing from a build (crash log, autosave,
correction sheet, exports) are used when they can be imported, and quietly skipped otherwise."""

from __future__ import annotations

import importlib


def optional(module: str):
    """``module`` if it can be imported (other parts of the app land separately), else None."""
    try:
        return importlib.import_module(module)
    except ImportError:
        return None


def note(text: str) -> None:
    """Remember an operation for the crash log (gui.crash), if it is there."""
    crash = optional("gui.crash")
    if crash is not None:
        crash.note(text)
