"""Keystroke evidence: is a typed number one slip of the hand away from a proposed one?

Deductive typo correction (as in R's ``deductive``) accepts a candidate value only when the typed
value is one keystroke from it. Here the same test ranks explanations: a proposed value that the
typed one could come from by one slip is evidence that the cell is the wrong one.
"""

from __future__ import annotations

import re

SWAP, SUBSTITUTE, DROP, DOUBLE, INSERT = "swap", "substitute", "drop", "double", "insert"

_DIGITS = re.compile(r"\d+")


def typed_digits(raw: str | None, value: object) -> str | None:
    """The digits the clerk typed for a whole number ``value`` (「02」 for 2, 「1,234」 → 「1234」),
    or None when the text is not just that number (units, decimals, other words)."""
    if raw is None or not isinstance(value, int) or value < 0:
        return None
    digits = re.sub(r"[\s,，]", "", raw)
    return digits if _DIGITS.fullmatch(digits) and int(digits) == value else None


def keystroke(typed: int | str, true: int) -> str | None:
    """The one slip that turns ``true`` into ``typed``, or None. ``typed`` may be the text as typed
    (「02」 is 20 with two digits swapped, not 20 with one left out).

    ``swap``: two adjacent digits exchanged (25 → 52); ``substitute``: one digit wrong (27 → 57);
    ``drop``: one digit left out (125 → 12); ``double``: one digit typed twice (12 → 122);
    ``insert``: one extra digit that repeats no neighbour (12 → 152). Negative numbers: None.
    """
    y, t = str(typed), str(true)
    if y == t or y.startswith("-") or true < 0:
        return None
    if len(y) == len(t):
        diff = [i for i in range(len(t)) if y[i] != t[i]]
        if len(diff) == 1:
            return SUBSTITUTE
        if len(diff) == 2 and diff[1] == diff[0] + 1 and y[diff[0]] == t[diff[1]] and y[diff[1]] == t[diff[0]]:
            return SWAP
        return None
    if len(y) == len(t) - 1:
        return DROP if any(t[:i] + t[i + 1:] == y for i in range(len(t))) else None
    if len(y) == len(t) + 1:
        found = None
        for i in range(len(y)):
            if y[:i] + y[i + 1:] == t:
                if (i > 0 and y[i - 1] == y[i]) or (i + 1 < len(y) and y[i + 1] == y[i]):
                    return DOUBLE
                found = INSERT
        return found
    return None


def strength(typed: int | str, true: int) -> int:
    """How much the slip from ``true`` to ``typed`` says that this cell is the wrong one, by how
    rarely such a slip links two numbers by chance: 3 two digits swapped, a digit doubled, or a
    digit left out of a number of two or more digits; 2 an extra digit, or a wrong digit other
    than the last (57 → 27); 1 a wrong last digit (any change by less than 10 often is one) or a
    digit left out of a one-digit number (1 for 10); 0 no single slip."""
    kind = keystroke(typed, true)
    if kind is None:
        return 0
    if kind in (SWAP, DOUBLE):
        return 3
    if kind == DROP:
        return 3 if len(str(typed)) >= 2 else 1
    if kind == INSERT:
        return 2
    return 1 if str(typed)[-1] != str(true)[-1] else 2
