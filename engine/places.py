"""Where something is in the file, in the clerk's words.

The JSON keeps the machine ``source`` (``table 2 row 6 col 4``, ``line 39``, ``Sheet!B3``, see
``shared/docs/check-output.md``); everything a person reads says 「第2个表格 第6行第4列」, 「第39行」,
「工作表“表三”B3单元格」 instead. Used by the command line's text output, the correction sheet and
the GUI.
"""

from __future__ import annotations

import re

from . import messages

messages.register(
    {
        "place.page": ("第{n}页", "page {n}"),
        "place.table": ("第{n}个表格", "table {n}"),
        "place.row": ("第{n}行", "row {n}"),
        "place.col": ("第{n}列", "column {n}"),
        "place.line": ("第{n}行", "line {n}"),
        "place.paragraph": ("第{n}段", "paragraph {n}"),
        "place.sheet": ("工作表“{sheet}”{cell}单元格", "sheet '{sheet}', cell {cell}"),
    }
)

_PART = re.compile(r"(page|table|row|col|line|paragraph) (\d+)")
_SHEET = re.compile(r"(?:'((?:[^']|'')*)'|([^!]*))!(\$?[A-Z]{1,3}\$?\d+)")


def place(source: str | None, lang: str | None = None) -> str:
    """``source`` in words (「第2个表格 第6行第4列」); empty for none; an unknown form as it is."""
    if not source:
        return ""
    m = _SHEET.fullmatch(source.strip())
    if m:
        sheet = m.group(1).replace("''", "'") if m.group(1) is not None else m.group(2)
        return messages.text("place.sheet", lang, sheet=sheet, cell=m.group(3).replace("$", ""))
    parts = _PART.findall(source)
    if not parts or " ".join(f"{k} {n}" for k, n in parts) != " ".join(source.split()):
        return source
    zh = (lang or messages.language()) == "zh"
    words: list[str] = []
    for kind, n in parts:
        w = messages.text(f"place.{kind}", lang, n=n)
        # Chinese joins row and column (第6行第4列); groups are separated by a space
        if zh and kind == "col" and words:
            words[-1] += w
        else:
            words.append(w)
    return (" " if zh else ", ").join(words)


class Place:
    """A ``source`` given to a message as a parameter: ``messages.text`` says it in the message's own
    language (「（第65行）」 in Chinese, 「(line 65)」 in English)."""

    __slots__ = ("source",)

    def __init__(self, source: str | None) -> None:
        self.source = source

    def say(self, lang: str | None = None) -> str:
        return place(self.source, lang)
