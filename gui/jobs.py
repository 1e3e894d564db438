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


def check_path(path: str, last_year_path: str | None = None):
    """The report and the document it was read from (None when unreadable): the source view shows
    exactly what was checked, and edits and a language switch re-check it without reading again.
    With last year's report (``last_year_path``, remembered for this draft): (report, document,
    last year as read — ``engine.checking.years.LastYear``)."""
    from engine.api import check_file_with_document, read_last_year

    if last_year_path is None:
        return check_file_with_document(path)
    last = read_last_year(last_year_path)
    report, doc = check_file_with_document(path, previous=last if last.text is not None else None)
    return report, doc, last


def recheck_document(doc, last_year=None):
    """``doc`` checked again (a language switch), against last year's report when it has one."""
    from engine.api import check_document

    return check_document(doc, previous=last_year)


def compare_with_last_year(doc, last_year_path: str):
    """(last year as read, ``doc`` checked against it — None when last year's file is unreadable)."""
    from engine.api import check_document, read_last_year

    last = read_last_year(last_year_path)
    return last, (check_document(doc, previous=last) if last.text is not None else None)


def read_last_years(paths: list[str]):
    """Every readable report of last year's folder, as read (``LastYear``)."""
    from engine.api import read_last_year

    return [x for x in map(read_last_year, paths) if x.text is not None]


def pair_by_agency(drafts, last_years):
    from engine.api import pair_by_agency as pair

    return pair(drafts, [x.report for x in last_years])


RECHECK = object()
"""Marks a job that re-checks an open report's document (after a language switch)."""


def read_source(path: str):
    from engine.reading import read_document

    return read_document(path)
