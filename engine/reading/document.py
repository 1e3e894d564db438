"""The intermediate form every reader produces: rows of raw cells, each knowing where it came from.

Readers differ only in how they cut a file into rows and cells; everything after reading
(locating the tables, parsing values, rules, corrections, exports) works on this form alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class RawCell:
    """One cell (or one line of text) as it stands in the file."""

    text: str
    source: str
    """Where it is, precise enough to find by hand: ``line N``, ``table T row R col C``, ``Sheet!A1``."""
    covered: bool = False
    """True for the part of a merged cell that repeats another cell's content (Word vMerge
    continuation, Excel merged range other than its top-left). Covered cells carry no value."""


@dataclass(slots=True)
class Row:
    """A run of cells the file itself shows as one row.

    ``grid`` is True when the row boundary comes from the file's structure (a Word/Excel table
    row, a tab- or pipe-separated line, a blank-line-delimited block of tab-led cells). It is
    False for a plain line of text, where a table row may run over many lines.
    """

    cells: list[RawCell]
    grid: bool = False
    table: int | None = None
    """Index of the file table (Word table, sheet, text block) this row belongs to, if any."""


@dataclass(slots=True)
class Document:
    """A file read into rows: table rows (``grid``) and lines or paragraphs of running text."""

    path: str
    kind: str
    """Reader that produced it: ``txt``, ``docx``, ``doc``, ``odt``, ``xlsx``, ``xls``, ``ods``, ``pdf``, ``html``."""
    rows: list[Row] = field(default_factory=list)
    encoding: str | None = None
    notes: list[str] = field(default_factory=list)
    """Reader remarks worth showing (e.g. formulas without cached values)."""

    def text(self) -> str:
        """All cell texts joined in reading order, one row per line."""
        return "\n".join("\t".join(c.text for c in r.cells) for r in self.rows)


class ReadError(Exception):
    """The file cannot be read at all. ``code`` is a message-catalogue id, ``args`` fill it."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def corrupt(kind: str, code: str, **params: object) -> ReadError:
    """``read.corrupt`` for a ``kind`` of file, its detail the catalogue message ``code`` (said in the
    language the error is shown in)."""
    from .. import messages

    return ReadError("read.corrupt", kind=kind, detail=messages.phrase(code, **params))
