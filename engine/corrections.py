"""Error localisation: which cells are wrong and what they should be (issue 3). Stub until it lands."""

from __future__ import annotations

from .formats import FormatSpec
from .model import CellReading, Correction


def localise(spec: FormatSpec, cells: dict[str, CellReading]) -> list[Correction]:
    """Corrections for the broken hard rules of ``spec`` over ``cells``."""
    return []
