"""Tables whose cells ran together when a page was crawled or copied.

Some published pages lose every separator: 「本年新收政府信息公开申请数量640020470二、上年结转…」 is
the row 64, 0, 0, 2, 0, 4, 70. Only the rules can split such digits: the row total must be the
sum of its parts, the columns must balance. ``cut_line`` turns such a line into label and digit
tokens; ``splits`` lists the ways a digit run can be cut into cells. A run that the rules cannot
split in exactly one way stays unread, with the alternatives reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

MAX_SPLITS = 5000
_TRAILING_NUMBERING = re.compile(r"(?:[一二三四五六七八九十]+[,、.]|\([一二三四五六七八九十]+\)|[1-9]\.|[一二三四五六七八九十]+)$")
GROUPS = ("本年度办理结果", "不予公开", "无法提供", "不予处理", "其他处理", "单位:万元")
"""Group labels of table 三 (no numbers of their own) that still cut a run-together line."""
_LEADING_NUMBERING = re.compile(r"^(?:\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+[,、.])")


def cut_line(norm: str, labels: list[str]) -> list[tuple[str, bool]] | None:
    """``norm`` (width-folded, quotes unified, spaces kept) cut at every known label: a list of
    (text, is_label) tokens, digit runs as their own tokens. None when the line is not a
    run-together table (fewer than three labels in it)."""
    norm = re.sub(r"(?<=[\u4e00-\u9fff]) +| +(?=[\u4e00-\u9fff])", "", norm)  # 「本年度办 理结果」
    pattern = "|".join(re.escape(x) for x in sorted({*labels, *GROUPS}, key=len, reverse=True))
    hits = list(re.finditer(pattern, norm))
    if len(hits) < 3:
        return None
    out: list[tuple[str, bool]] = []
    pos = 0
    for m in hits:
        out += _chunk(norm[pos: m.start()])
        out.append((m.group(0), True))
        pos = m.end()
    out += _chunk(norm[pos:])
    return out


def _chunk(text: str) -> list[tuple[str, bool]]:
    """The digits between two labels, without the next label's numbering (「…0000000」「2.」)."""
    s = text.strip()
    for _ in range(2):
        s = _LEADING_NUMBERING.sub("", s).strip()
        s = _TRAILING_NUMBERING.sub("", s).strip()
    s = s.replace("(单位:万元)", "").strip()
    if not s:
        return []
    m = re.match(r"^(\d[\d ]*)(?=[^\d .])(.*)$", s)
    if m and m.group(2).strip():
        # digits followed by running text (the next section after the last table row)
        return [(m.group(1).strip(), False), (m.group(2).strip(), False)]
    return [(s, False)]


def splits(run: str, k: int, limit: int = MAX_SPLITS) -> Iterator[list[int]]:
    """Every way to cut ``run`` (digits; a space is a cut the file already shows) into ``k``
    non-negative whole numbers written without leading zeros."""
    pieces = run.split()
    if not pieces or any(not p.isdigit() for p in pieces):
        return
    count = 0

    def rec(i: int, parts_left: int, acc: list[int]) -> Iterator[list[int]]:
        nonlocal count
        if count >= limit:
            return
        if i == len(pieces):
            if parts_left == 0:
                count += 1
                yield list(acc)
            return
        piece = pieces[i]
        rest = len(pieces) - i - 1
        for n in range(1, min(len(piece), parts_left - rest) + 1):
            for cut in _compositions(piece, n):
                acc.extend(cut)
                yield from rec(i + 1, parts_left - n, acc)
                del acc[len(acc) - n:]

    yield from rec(0, k, [])


def _compositions(digits: str, n: int) -> Iterator[list[int]]:
    if n == 1:
        if len(digits) == 1 or digits[0] != "0":
            yield [int(digits)]
        return
    first_max = 1 if digits[0] == "0" else len(digits) - n + 1
    for j in range(1, first_max + 1):
        head = digits[:j]
        for tail in _compositions(digits[j:], n - 1):
            yield [int(head), *tail]


def row_candidates(run: str, width: int, groups: int) -> list[list[int]]:
    """Splits of a table row into ``width`` cells where each of ``groups`` equal blocks ends with
    its total (table 三: one block of 7; table 四: three blocks of 5). ``groups`` 0: no rule."""
    out = []
    size = width // groups if groups else width
    for cand in splits(run, width):
        if groups and any(sum(cand[g * size: g * size + size - 1]) != cand[g * size + size - 1] for g in range(groups)):
            continue
        out.append(cand)
        if len(out) > 200:
            break
    return out
