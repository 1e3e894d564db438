"""Plain-text reader (in progress)."""
from __future__ import annotations

from pathlib import Path

from ..document import Document, RawCell, Row


def read(path: Path, data: bytes) -> Document:
    text = data.decode("utf-8-sig", errors="replace")
    return Document(str(path), "txt", [Row([RawCell(s, f"line {i}")]) for i, s in enumerate(text.split("\n"), 1)])
