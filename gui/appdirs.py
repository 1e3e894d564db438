"""Where the app keeps its own files (logs, autosaved edits), per user, as Qt would put them.

Qt's ``QStandardPaths`` is used when PySide6 is importable; the folder is always under the
organisation and application name ``NianbaoCheck`` (even before the app has set those names),
so that the crash handler, the autosave and the app agree on one place. Without Qt the same
layout is built from the platform's conventions.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ORG = "NianbaoCheck"
APP = "NianbaoCheck"


def _qt_location(kind: str) -> Path | None:
    """``AppDataLocation``/``AppLocalDataLocation`` for ``ORG/APP``; None without Qt."""
    try:
        from PySide6.QtCore import QCoreApplication, QStandardPaths
    except ImportError:
        return None
    try:
        if QCoreApplication.organizationName() == ORG and QCoreApplication.applicationName() == APP:
            loc = getattr(QStandardPaths.StandardLocation, kind)
            found = QStandardPaths.writableLocation(loc)
            return Path(found) if found else None
        return None  # names not set (yet): the platform layout below is the one Qt would use
    except Exception:  # a broken Qt must not stop the caller from finding a folder
        return None


def _platform_location(kind: str) -> Path:
    home = Path.home()
    if sys.platform == "win32":
        env = "APPDATA" if kind == "AppDataLocation" else "LOCALAPPDATA"
        base = Path(os.environ.get(env) or home / "AppData" / ("Roaming" if env == "APPDATA" else "Local"))
    elif sys.platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    return base / ORG / APP


def app_dir(kind: str = "AppDataLocation") -> Path:
    """The per-user folder of the app for ``kind`` (``AppDataLocation`` roams on Windows,
    ``AppLocalDataLocation`` stays on this machine). Not created here."""
    return _qt_location(kind) or _platform_location(kind)
