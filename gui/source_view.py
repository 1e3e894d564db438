"""The draft as the engine read it (text lines, Word/Excel table rows), with the selected cell's
place highlighted so the clerk can find it in the original."""

from __future__ import annotations

import re

from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

_SEP = "  │  "
_COL = re.compile(r"\s+col\s+\d+$")


class SourceView(QPlainTextEdit):
    """Read-only rendering of ``engine.reading.document.Document.rows``: one line per row, grid cells
    separated by 「│」. ``highlight(source)`` marks the cell whose ``RawCell.source`` matches."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.spans: dict[str, tuple[int, int]] = {}
        self.line_spans: dict[str, tuple[int, int]] = {}
        self.highlighted: str | None = None

    def show_document(self, doc) -> None:
        """Render a document (or clear the view when ``doc`` is None)."""
        self.spans, self.line_spans, self.highlighted = {}, {}, None
        self.setExtraSelections([])
        if doc is None:
            self.setPlainText("")
            return
        parts: list[str] = []
        pos = 0
        for note in getattr(doc, "notes", []) or []:
            line = f"※ {note}\n"
            parts.append(line)
            pos += len(line)
        for row in doc.rows:
            start = pos
            texts: list[str] = []
            for i, cell in enumerate(row.cells):
                if i:
                    texts.append(_SEP if row.grid else " ")
                    pos += len(texts[-1])
                text = cell.text.replace("\n", " ").replace("\r", " ") or ("·" if row.grid else "")
                if cell.covered:
                    text = "〃"
                self.spans.setdefault(cell.source, (pos, pos + len(text)))
                texts.append(text)
                pos += len(text)
            line = "".join(texts) + "\n"
            for cell in row.cells:
                self.line_spans.setdefault(_COL.sub("", cell.source), (start, pos))
            parts.append(line)
            pos += 1
        self.setPlainText("".join(parts))

    def span_of(self, source: str | None) -> tuple[int, int] | None:
        """Character range of ``source`` (exact cell, else the line or row it names)."""
        if not source:
            return None
        first = source.split(";")[0].split("、")[0].strip()
        return self.spans.get(first) or self.line_spans.get(first) or self.line_spans.get(_COL.sub("", first))

    def highlight(self, source: str | None) -> bool:
        """Highlight and scroll to ``source``; False (and no highlight) when it is not in the view."""
        span = self.span_of(source)
        if span is None:
            self.highlighted = None
            self.setExtraSelections([])
            return False
        start, end = span
        line = QTextEdit.ExtraSelection()
        line.format.setBackground(QColor(255, 200, 0, 50))
        line.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
        line.cursor = QTextCursor(self.document())
        line.cursor.setPosition(start)
        cell = QTextEdit.ExtraSelection()
        fmt = QTextCharFormat()
        fmt.setBackground(QColor(255, 170, 0, 170))
        fmt.setFontUnderline(True)
        cell.format = fmt
        cell.cursor = QTextCursor(self.document())
        cell.cursor.setPosition(start)
        cell.cursor.setPosition(max(end, start + 1), QTextCursor.MoveMode.KeepAnchor)
        self.setExtraSelections([line, cell])
        cur = QTextCursor(self.document())
        cur.setPosition(start)
        self.setTextCursor(cur)
        self.centerCursor()
        self.highlighted = source
        return True

    def highlighted_text(self) -> str:
        """The text currently highlighted (for tests and the status bar)."""
        sel = self.extraSelections()
        return sel[-1].cursor.selectedText() if sel else ""
