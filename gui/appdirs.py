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


def can_write(folder: Path) -> bool:
    """Whether a new file can really be created in ``folder`` (a probe file is made and removed:
    permission bits and ``os.access`` are not to be trusted on network shares and read-only mounts)."""
    import tempfile

    try:
        fd, probe = tempfile.mkstemp(prefix=".nianbao-probe-", dir=folder)
    except OSError:
        return False
    os.close(fd)
    try:
        os.unlink(probe)
    except OSError:
        pass
    return True


def documents_dir() -> Path:
    """The user's documents folder (Qt's ``DocumentsLocation``), else the home folder."""
    try:
        from PySide6.QtCore import QStandardPaths

        found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        if found:
            return Path(found)
    except Exception:
        pass
    return Path.home()


def export_folder(source: str | Path) -> tuple[Path, bool]:
    """Where to suggest saving outputs made from the draft at ``source``: its own folder when a file
    can be written there, else the documents folder. The flag says the suggestion moved, so that the
    app can tell the clerk why (e.g. 「原文件所在的文件夹是只读的，已改为保存到“文档”」)."""
    folder = Path(source).parent
    if folder.is_dir() and can_write(folder):
        return folder, False
    for other in (documents_dir(), Path.home()):
        if other.is_dir() and can_write(other):
            return other, True
    return folder, False
