"""The running text of a report: its lines and sentences, each knowing where it came from.

Table rows (``Row.grid``) are not prose. Plain rows that are table cells flattened one per line
(a lone number, a short label holding a cell) carry no sentence either: they are kept as lines
(headings may sit among them) but break sentences. Lines wrapped by a PDF or a PDF-to-text
extraction are joined back into sentences; a line that looks like a heading (numbered, short,
no full stop or comma) always stands alone.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..model import Report
from ..reading.document import Document
from ..reading.text import PAGE_MARK

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u3000\ufeff]+")
_MARKUP = re.compile(r"^(?:#{1,6}\s*|\*\*|>\s*|[-*+]\s+)+")
_NUMBERED = re.compile(r"^(?:[一二三四五六七八九十]+[、.]|[(（][一二三四五六七八九十\d]+[)）]|\d{1,2}[.、](?!\d))")
_NUMERIC = re.compile(r"^[\d\s.,%/+\-()（）]*$")
_END = "。！？!?"
_CJK_SPACE = re.compile(r"(?<=[^\x00-\x7f]) (?=[^\x00-\x7f])|(?<=\d) (?=[^\x00-\x7f])|(?<=[^\x00-\x7f]) (?=\d)")
_STOPS = re.compile(r"[。，,；;]")
_BREAK = re.compile(r"[。！？!?]")


@dataclass(slots=True)
class Line:
    """One row of the document as text (cells joined by a space)."""

    text: str
    """Width-folded (NFKC), runs of spaces collapsed, markup such as ``##`` or ``**`` removed."""
    source: str
    row: int
    grid: bool
    prose: bool
    """False for a flattened table cell (a number, a short label): such a line ends a sentence."""
    table: bool = False
    """A table row of several cells (its text is the cells joined by spaces)."""
    raw: tuple[str, ...] = ()
    """Per character of ``text``, the characters of the document it came from (see ``fold_mapped``)."""


@dataclass(slots=True)
class Sentence:
    text: str
    source: str
    """Source of the line the sentence starts on."""
    row: int
    raw: tuple[str, ...] = ()
    """Per character of ``text``, the document's own characters (full-width punctuation, spaces)."""

    def shown(self, start: int = 0, end: int | None = None) -> str:
        """``text[start:end]`` as the document writes it, so that a quote can be searched for in
        the draft (Ctrl+F) even where the folded text has ASCII punctuation."""
        if len(self.raw) != len(self.text):
            return self.text[start:end]
        return "".join(self.raw[start:end]).strip()


def _edit(chars: list[str], raw: list[str], pattern: re.Pattern[str], repl: str, keep: bool = True) -> None:
    """``pattern.sub(repl, "".join(chars))`` for ``repl`` "" or " ", keeping ``raw`` aligned: a
    deleted character's document text joins the character before it (dropped too unless ``keep``:
    Markdown markup is not quoted); a run replaced by one space keeps the run's document text."""
    for m in reversed(list(pattern.finditer("".join(chars)))):
        a, b = m.span()
        if a == b:
            continue
        gone = "".join(raw[a:b])
        if repl:
            chars[a:b], raw[a:b] = [repl], [gone]
        else:
            del chars[a:b], raw[a:b]
            if a > 0 and keep:
                raw[a - 1] += gone


_LEAD, _TRAIL = re.compile(r"^\s+"), re.compile(r"\s+$")


_ONE: dict[int, str] = {}
"""Characters whose NFKC form is one other character (full-width 「，」「１」 …), for ``str.translate``."""
_SEEN: set[str] = set()
"""Characters already sorted into ``_ONE``, ``_WIDE`` or neither (their own NFKC form)."""
_WIDE: set[str] = set()
"""Characters whose NFKC form is not exactly one character (「㈠」→「(一)」)."""
_STARS = re.compile(r"\*\*")


def _fold_chars(text: str) -> tuple[list[str], list[str]]:
    """Per character of ``text`` its NFKC form, and the document character(s) behind each."""
    for ch in set(text).difference(_SEEN):
        n = unicodedata.normalize("NFKC", ch)
        if len(n) != 1:
            _WIDE.add(ch)
        elif n != ch:
            _ONE[ord(ch)] = n
        _SEEN.add(ch)
    if _WIDE.isdisjoint(text):  # the common case: one character each, a table lookup
        return list(text.translate(_ONE)), list(text)
    chars: list[str] = []
    raw: list[str] = []
    for ch in text:
        n = unicodedata.normalize("NFKC", ch)
        chars += n
        raw += [ch] + [""] * (len(n) - 1)
    return chars, raw


def fold_mapped(text: str) -> tuple[str, tuple[str, ...]]:
    """``fold(text)`` and, per character of it, the characters of ``text`` it came from."""
    chars, raw = _fold_chars(text)
    s = "".join(chars)
    if s != unicodedata.normalize("NFKC", text):  # composed sequences: no map
        chars = list(unicodedata.normalize("NFKC", text))
        raw = list(chars)
    steps = [(_STARS, "", False), (_SPACES, " ", True), (_LEAD, "", True), (_TRAIL, "", True), (_CJK_SPACE, "", True),
             (_MARKUP, "", False), (_LEAD, "", True), (_TRAIL, "", True)]
    for pattern, repl, keep in steps:
        if pattern is _CJK_SPACE and " " not in chars:
            continue
        if pattern.search(s) is None:  # nothing to edit (most lines): skip the per-character work
            continue
        _edit(chars, raw, pattern, repl, keep)
        s = "".join(chars)
    return s, tuple(raw)


def fold(text: str) -> str:
    """NFKC, spaces collapsed (a space between two CJK characters dropped), markup removed."""
    s = unicodedata.normalize("NFKC", text).replace("**", "")
    s = _SPACES.sub(" ", s).strip()
    if " " in s:
        s = _CJK_SPACE.sub("", s)
    return _MARKUP.sub("", s).strip()


def cell_sources(report: Report) -> frozenset[str]:
    """The places of the report's table cells (a tab or pipe row as one line): not running text."""
    return frozenset(c.source.split(" col ")[0] for c in report.cells.values() if c.source)


def lines(doc: Document, cell_sources: frozenset[str] = frozenset()) -> list[Line]:
    """Every non-empty row as a Line. A grid row counts only when one cell in it is filled (a title
    or heading typed into a merged table row); ``cell_sources`` are the sources of table cells."""
    out: list[Line] = []
    for i, row in enumerate(doc.rows):
        cells = [c for c in row.cells if not c.covered and c.text.strip()]
        if not cells:
            continue
        if row.grid and len(cells) > 1:
            out.append(Line(fold(" ".join(c.text for c in cells)), cells[0].source, i, True, False, True))
            continue
        text, raw = fold_mapped(" ".join(c.text for c in cells))
        if not text or PAGE_MARK.match(text):
            continue
        is_cell = row.grid or _NUMERIC.match(text) is not None or (cells[0].source in cell_sources and len(text) < 60)
        out.append(Line(text, cells[0].source, i, row.grid, not is_cell, raw=() if is_cell else raw))
    return out


def is_heading_like(text: str) -> bool:
    """A numbered short line without a full stop or comma: 「一、总体情况」「（二）依申请公开情况」."""
    return len(text) <= 40 and bool(_NUMBERED.match(text)) and not _STOPS.search(text)


def sentences(all_lines: list[Line]) -> list[Sentence]:
    """The prose cut into sentences at 。！？ and at every break between paragraphs."""
    out: list[Sentence] = []
    buf: list[tuple[str, str, int, tuple[str, ...]]] = []  # (text, source, row, raw) of the paragraph

    def flush() -> None:
        if not buf:
            return
        text = "".join(t for t, _, _, _ in buf)
        raw = tuple(x for t, _, _, r in buf for x in (r if len(r) == len(t) else t))
        starts: list[tuple[int, str, int]] = []
        pos = 0
        for t, src, row, _ in buf:
            starts.append((pos, src, row))
            pos += len(t)
        begin = 0
        for m in list(_BREAK.finditer(text)) + [None]:
            end = m.end() if m else len(text)
            piece = text[begin:end]
            if piece.strip():
                lead = len(piece) - len(piece.lstrip())
                size = len(piece.strip())
                src, row = next((s, r) for p, s, r in reversed(starts) if p <= begin + lead)
                out.append(Sentence(piece.strip(), src, row, raw[begin + lead:begin + lead + size]))
            begin = end
        buf.clear()

    for ln in all_lines:
        if not ln.prose:
            flush()
            continue
        if is_heading_like(ln.text):
            flush()
            buf.append((ln.text, ln.source, ln.row, ln.raw))
            flush()
            continue
        if buf and (buf[-1][0][-1:] in _END or _NUMBERED.match(ln.text)):
            flush()  # a sentence ended, or a numbered paragraph starts
        buf.append((ln.text, ln.source, ln.row, ln.raw))
        if len(ln.text) > 60:
            flush()  # a whole paragraph on one line (text files, web pages): the line ends it
    flush()
    return out


def prose_size(all_sentences: list[Sentence]) -> int:
    """Characters of real running text: sentences with a comma or full stop and some length."""
    return sum(len(s.text) for s in all_sentences if len(s.text) >= 15 and re.search(r"[，,。；;]", s.text))
