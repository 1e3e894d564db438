"""The engine's front door: check a file or a document, re-check after edits.

The command line, the GUI, batch runs and tests all go through these functions.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from . import formats, messages
from .model import Report
from .reading.document import Document, ReadError

if TYPE_CHECKING:
    from .checking.years import LastYear, Pairing

messages.register(
    {
        "api.internal": (
            "检查时发生内部错误（{kind}：{detail}），请把这个文件发给开发者",
            "Internal error while checking ({kind}: {detail}); please send this file to the developers",
        ),
    }
)


def check_file(path: str | Path, format_id: str | None = None, *, previous: Report | LastYear | list[LastYear] | None = None) -> Report:
    """Read and check one file. Never raises for a bad file: the report's ``error`` says why.
    ``previous``: last year's report, a ``Report`` (figures compared) or, from ``read_last_year``,
    figures and text (copied text compared too), or a list of those: the one of the same reporting
    body is taken (an ``info`` finding says which, or why none)."""
    from .reading import read_document

    return _guarded(Report(file=str(path)), lambda: read_document(path), format_id, previous)


def check_file_with_document(path: str | Path, format_id: str | None = None, *, previous: Report | LastYear | list[LastYear] | None = None
                             ) -> tuple[Report, Document | None]:
    """Like ``check_file``, also returning the document as read (None when it could not be read), so
    a caller that shows the source or re-checks after edits reads the file once, and what it shows
    is exactly what was checked."""
    from .reading import read_document

    kept: list[Document] = []

    def read() -> Document:
        doc = read_document(path)
        kept.append(doc)
        return doc

    report = _guarded(Report(file=str(path)), read, format_id, previous)
    return report, (kept[0] if kept else None)


def read_last_year(path: str | Path) -> LastYear:
    """Last year's report for ``previous=``: its figures and its running text, read once. Its
    ``report.error`` says why when it cannot be read; a report without the standard tables (the
    pre-2019 form) still gives its text."""
    from .checking.years import last_year

    report, doc = check_file_with_document(path)
    return last_year(report, doc)


def pair_by_agency(drafts: list[Report], last_year_reports: list[Report]) -> Pairing:
    """Which of last year's reports goes with each draft (same reporting body, the year before)."""
    from .checking.years import pair_by_agency as pair

    return pair(drafts, last_year_reports)


def _guarded(report: Report, read, format_id: str | None, previous: Report | LastYear | list[LastYear] | None) -> Report:
    """Read and check, turning every failure into ``report.error`` (a bug costs one file)."""
    try:
        doc = read()
        return check_document(doc, format_id, report=report, previous=previous)
    except ReadError as e:
        report.error_code, report.error_params = e.code, dict(e.params)
    except (MemoryError, RecursionError) as e:
        report.error_code, report.error_params = "read.failed", {"detail": type(e).__name__}
    except Exception as e:  # a bug must cost one file, never the batch, and never show a traceback
        report.error_code, report.error_params = "api.internal", {"kind": type(e).__name__, "detail": str(e)[:200]}
    report.error = messages.text(report.error_code, **report.error_params)
    report.cells, report.findings, report.corrections = {}, [], []
    return report


def check_bytes(data: bytes, name: str, format_id: str | None = None) -> Report:
    """Check file content held in memory (``name`` gives its type). Never raises for bad content."""
    from .reading import read_bytes

    return _guarded(Report(file=name), lambda: read_bytes(data, name), format_id, None)


def check_document(
    doc: Document, format_id: str | None = None, *, report: Report | None = None, previous: Report | LastYear | list[LastYear] | None = None
) -> Report:
    """Locate the tables in ``doc``, read every cell, apply every rule, propose corrections."""
    from .checking.prose import check_prose
    from .checking.rules import evaluate
    from .locating.tables import locate
    from .repair.corrections import localise

    report = report or Report(file=doc.path)
    report.kind, report.encoding = doc.kind, doc.encoding
    reading = locate(doc, format_id)
    report.format, report.year, report.agency = reading.format, reading.year, reading.agency
    if reading.format is None:
        report.error = messages.text("read.no_tables")
        report.error_code = "read.no_tables"
        return report
    spec = formats.load(reading.format)
    report.cells = reading.cells
    report.findings = reading.findings + evaluate(spec, report.cells)
    report.findings += check_prose(doc, report, previous=previous)
    report.corrections = localise(spec, report.cells)
    return report


def apply_edits(report: Report, edits: dict[str, str | None], document: Document | None = None) -> Report:
    """A new report with the clerk's typed values (address → text; None restores the file's own
    reading) applied, and the rules and corrections recomputed. The original report is unchanged.
    Each changed cell is in ``changes`` with its origin: the tool's proposal (its confidence and
    reason) when the clerk adopted exactly what the tool proposed, else typed by hand; ``received``
    keeps the findings of the draft as read. With the ``document`` the report was read from, the
    prose is checked again against the edited cells; without it, prose findings are kept as they
    were. Across-years findings are kept."""
    from .repair.outcome import apply_edits as applied

    return applied(report, edits, document)
