"""Finding the three standard tables in a Document and reading every cell (in progress)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .document import Document
from .model import CellReading, Finding


@dataclass
class Reading:
    format: str | None
    year: int | None = None
    agency: str | None = None
    cells: dict[str, CellReading] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)


def locate(doc: Document, format_id: str | None = None) -> Reading:
    return Reading(format=None)
