"""Keystroke evidence: is a typed number one slip of the hand away from a proposed one?

Deductive typo correction (as in R's ``deductive``) accepts a candidate value only when the typed
value is one keystroke from it. Here the same test ranks explanations: a proposed value that the
typed one could come from by one slip is evidence that the cell is the wrong one.
"""

from __future__ import annotations

SWAP, SUBSTITUTE, DROP, DOUBLE, INSERT = "swap", "substitute", "drop", "double", "insert"

_STRENGTH = {SWAP: 3, DROP: 3, DOUBLE: 3, INSERT: 2, SUBSTITUTE: 2}


def keystroke(typed: int, true: int) -> str | None:
    """The one slip that turns ``true`` into ``typed``, or None.

    ``swap``: two adjacent digits exchanged (25 → 52); ``substitute``: one digit wrong (27 → 57);
    ``drop``: one digit left out (125 → 12); ``double``: one digit typed twice (12 → 122);
    ``insert``: one extra digit that repeats no neighbour (12 → 152). Negative numbers: None.
    """
    if typed == true or typed < 0 or true < 0:
        return None
    y, t = str(typed), str(true)
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


def strength(typed: int, true: int) -> int:
    """How much a slip from ``true`` to ``typed`` says: 3 swap/drop/double, 2 a wrong or extra digit
    in a number of two or more digits, 1 a wrong single digit (any one-digit change is one), 0 none."""
    kind = keystroke(typed, true)
    if kind is None:
        return 0
    if kind == SUBSTITUTE and len(str(true)) == 1:
        return 1
    return _STRENGTH[kind]
