"""Spreadsheet cells (a sparse grid with merged ranges) into Document rows, as every sheet reader
gives them (.xlsx, .xls/.et and .ods):

- a row runs from the sheet's first to its last used column, empty cells kept; rows with no
  content at all are left out;
- a merged range: the top-left cell carries the text, once per row: the rest of its first row is
  omitted (one cell for the merge, like a Word gridSpan), each row below holds one ``covered``
  copy at the range's first column; a stray value under a merge is not shown (as in Excel).
"""

from __future__ import annotations

from .document import RawCell, Row

Merge = tuple[int, int, int, int]
"""(first row, last row, first column, last column), 1-based and inclusive."""


def sheet_ref(title: str, coord: str) -> str:
    """``Sheet!B3`` with the sheet name quoted like Excel when it needs it."""
    plain = title and not title[0].isdigit() and all(ch.isalnum() or ch == "_" or ch == "." for ch in title)
    if plain:
        return f"{title}!{coord}"
    return "'" + title.replace("'", "''") + f"'!{coord}"


def column_letters(c: int) -> str:
    """``1`` → ``A``, ``28`` → ``AB``."""
    s = ""
    while c > 0:
        c, rem = divmod(c - 1, 26)
        s = chr(65 + rem) + s
    return s


def column_index(letters: str) -> int:
    """``A`` → ``1``, ``ab`` → ``28``."""
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def grid_rows(title: str, index: int, texts: dict[tuple[int, int], str], merges: list[Merge]) -> list[Row]:
    """The rows of one sheet (``Row.table`` = ``index``), sources ``Sheet!B3``."""
    omitted: set[tuple[int, int]] = set()
    covered: dict[tuple[int, int], str] = {}
    for r0, r1, c0, c1 in merges:
        top = texts.get((r0, c0), "")
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if (r, c) == (r0, c0):
                    continue
                if r > r0 and c == c0:
                    covered[(r, c)] = top
                else:
                    omitted.add((r, c))
                texts.pop((r, c), None)
    used = [k for k, t in texts.items() if t != ""] + list(covered)
    if not used:
        return []
    first_col = min(c for _, c in used)
    last_col = max(c for _, c in used)
    out: list[Row] = []
    for r in sorted({r for r, _ in used}):
        cells: list[RawCell] = []
        for c in range(first_col, last_col + 1):
            if (r, c) in omitted:
                continue
            src = sheet_ref(title, f"{column_letters(c)}{r}")
            if (r, c) in covered:
                cells.append(RawCell(covered[(r, c)], src, covered=True))
            else:
                cells.append(RawCell(texts.get((r, c), ""), src))
        out.append(Row(cells, grid=True, table=index))
    return out
