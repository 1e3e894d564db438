"""What the window's worker threads (``gui.worker.Loader``) run: checking a file, checking an
already-read document again, reading a draft's text for the source view."""

from __future__ import annotations


def warm_engine() -> None:
    """Import the checking modules on the GUI thread once, before the worker needs them: a worker
    importing a module the GUI thread then also imports would block the GUI on the import lock."""
    from engine import api  # noqa: F401
    from engine.checking import prose, rules  # noqa: F401
    from engine.locating import tables  # noqa: F401
    from engine.reading import text  # noqa: F401
    from engine.repair import corrections  # noqa: F401


def check_path(path: str):
    """The report and the document it was read from (None when unreadable): the source view shows
    exactly what was checked, and edits and a language switch re-check it without reading again."""
    from engine.api import check_file_with_document

    return check_file_with_document(path)


def recheck_document(doc):
    from engine.api import check_document

    return check_document(doc)


RECHECK = object()
"""Marks a job that re-checks an open report's document (after a language switch)."""


def read_source(path: str):
    from engine.reading import read_document

    return read_document(path)
