"""Turning the paths a user gives into the files to check."""

from __future__ import annotations

import os
from pathlib import Path

from ..reading import listed_extensions


def is_lock_file(p: Path) -> bool:
    """Word/Excel/WPS owner files (``~$name.docx``) and similar temporaries."""
    return p.name.startswith(("~$", ".~lock.", "~WRL"))


def expand(paths: list[str]) -> list[str]:
    """Files named, plus the files inside folders (recursively, sorted, lock files skipped; a folder
    that cannot be listed is kept, so that checking it says why). Inside folders, every file of a
    type a clerk would drop in (office, text, PDF, web pages; ``listed_extensions``) is kept, read or
    not, so that each gets its own line saying why it was not read; other files are not reports.

    A named file is kept whatever its type, so that the user hears why it cannot be read.
    """
    exts = set(listed_extensions())
    out: list[str] = []
    for given in paths:
        p = Path(given)
        if p.is_dir():
            found: list[str] = []
            # a subfolder that cannot be listed gets its own line (read.folder_unreadable), not silence
            for root, dirs, files in os.walk(p, onerror=lambda e, found=found: found.append(str(e.filename))):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in files:
                    fp = Path(root) / f
                    if fp.suffix.lower() in exts and not is_lock_file(fp):
                        found.append(str(fp))
            out.extend(sorted(found))
        else:
            out.append(given)
    return out
