"""Synthetic reports: consistent cell values, and the typing errors clerks make, injected on purpose.

Shared by tests and benchmarks (pure standard library, deterministic for a seed):

- ``consistent(format_id, seed)``: a value for every cell of the format, every hard rule holding;
  most counts 0, some 1–200, a few totals in the hundreds.
- ``inject(values, n, seed)``: the same values with ``n`` distinct cells of the ruled tables (三, 四)
  damaged, and what was done: ``(address, kind)`` with kind one of ``KINDS``.
- ``readings(values)``: the ``dict[address, CellReading]`` the engine reads (None → blank).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

from .. import formats
from ..formats import FormatSpec
from ..model import BLANK, OK, CellReading, Number

SWAP, SUBSTITUTE, DROP, DOUBLE, TOTAL_OFF, BLANK_KIND = "swap", "substitute", "drop", "double", "total_off", "blank"
KINDS = (SWAP, SUBSTITUTE, DROP, DOUBLE, TOTAL_OFF, BLANK_KIND)
"""``swap`` two adjacent digits (25 → 52), ``substitute`` one digit (27 → 57), ``drop`` one digit
(125 → 12), ``double`` one digit (12 → 122), ``total_off`` a total off by 1–3, ``blank`` left empty."""

Values = dict[str, Number | None]


def consistent(format_id: str, seed: int, *, busy: float = 0.35) -> dict[str, Number]:
    """A value for every cell of ``format_id`` such that every hard rule holds; ``busy`` is the
    share of non-zero leaf counts. Deterministic for a seed."""
    spec = formats.load(format_id)
    rnd = random.Random(f"consistent/{format_id}/{seed}")

    def count(hi: int) -> int:
        return rnd.randint(1, hi) if rnd.random() < busy else 0

    out: dict[str, Number] = {}
    for c in spec.cells:
        if c.table != "active":
            continue
        if c.kind == "money":
            out[c.address] = Decimal(rnd.randint(0, 999999)) / 100
        elif c.kind == "signed":
            out[c.address] = rnd.randint(-9, 9)
        else:
            out[c.address] = count(200)

    req = spec.tables["requests"].groups[0]
    cols = [c.id for c in req.cols if c.id != "total"]
    scale = rnd.choice((8, 20, 60))  # a quiet office, a busy one, a very busy one
    grid: dict[tuple[str, str], int] = {}
    for r in spec.results:
        for c in cols:
            hi = scale if c == "natural" else max(2, scale // 6)
            grid[(r, c)] = count(hi) if c == "natural" or rnd.random() < 0.3 else 0
    for c in cols:
        grid[("3.7", c)] = sum(grid[(r, c)] for r in spec.results)
        grid[("4", c)] = count(max(2, scale // 4))
        grid[("2", c)] = rnd.randint(0, grid[("3.7", c)] + grid[("4", c)]) if rnd.random() < busy else 0
        grid[("1", c)] = grid[("3.7", c)] + grid[("4", c)] - grid[("2", c)]
    for row in req.rows:
        grid[(row.id, "total")] = sum(grid[(row.id, c)] for c in cols)
        for c in [*cols, "total"]:
            out[f"requests/{row.id}/{c}"] = grid[(row.id, c)]

    app = spec.tables["appeals"].groups[0]
    for row in app.rows:
        parts = [count(4) if rnd.random() < 0.5 else 0 for _ in range(4)]
        for col, v in zip(app.cols, [*parts, sum(parts)], strict=True):
            out[f"appeals/{row.id}/{col.id}"] = v
    return out


def spec_of(values: dict[str, object]) -> FormatSpec:
    """The format whose cells are exactly the addresses of ``values``."""
    for spec in formats.all_formats():
        if set(spec.by_address) == set(values):
            return spec
    raise ValueError("values do not match the cells of any format")


def ruled_cells(spec: FormatSpec) -> list[str]:
    """Addresses in some hard rule, in form order."""
    inside = {a for r in spec.rules for a in r.cells}
    return [c.address for c in spec.cells if c.address in inside]


def totals(spec: FormatSpec) -> set[str]:
    """Cells that are the left side of some hard rule: 总计 cells and the rows they add up to."""
    return {a for r in spec.rules for a in r.left if len(r.left) == 1}


def damage(v: int, kind: str, rnd: random.Random) -> int | None:
    """``v`` after one error of ``kind``; None if this kind cannot change ``v`` (or for ``blank``)."""
    s = str(v)
    options: list[int] = []
    if kind == SWAP:
        for i in range(len(s) - 1):
            t = s[:i] + s[i + 1] + s[i] + s[i + 2:]
            if s[i] != s[i + 1] and t[0] != "0":
                options.append(int(t))
    elif kind == SUBSTITUTE:
        for i in range(len(s)):
            for d in "0123456789":
                t = s[:i] + d + s[i + 1:]
                if d != s[i] and (t[0] != "0" or len(t) == 1):
                    options.append(int(t))
    elif kind == DROP:
        for i in range(len(s)):
            t = s[:i] + s[i + 1:]
            if len(s) > 1 and (t[0] != "0" or len(t) == 1):
                options.append(int(t))
    elif kind == DOUBLE:
        if v != 0:
            options = [int(s[: i + 1] + s[i:]) for i in range(len(s))]
    elif kind == TOTAL_OFF:
        options = [v + k for k in (-3, -2, -1, 1, 2, 3) if v + k >= 0]
    options = sorted(set(options) - {v})
    return rnd.choice(options) if options else None


def applicable(v: int, kind: str, is_total: bool) -> bool:
    """True if an error of ``kind`` can change ``v`` (``total_off`` only hits totals)."""
    if kind == BLANK_KIND:
        return True
    if kind == TOTAL_OFF and not is_total:
        return False
    return damage(v, kind, random.Random(0)) is not None


def inject(values: dict[str, Number], n: int, seed: int, *, kinds: tuple[str, ...] = KINDS,
           nonzero_share: float = 0.7) -> tuple[Values, list[tuple[str, str]]]:
    """``values`` with ``n`` distinct cells of tables 三 and 四 damaged, and ``(address, kind)`` for
    each in form order. A cell is picked among the non-zero ones with probability
    ``nonzero_share`` (slips need keystrokes; prefilled zeros are rarely mistyped), then a kind
    uniformly among ``kinds`` that can change it. Deterministic for a seed."""
    spec = spec_of(values)
    rnd = random.Random(f"inject/{spec.id}/{n}/{seed}")
    tot = totals(spec)
    pool = ruled_cells(spec)
    out: Values = dict(values)
    done: list[tuple[str, str]] = []
    while len(done) < n:
        free = [a for a in pool if a not in {d for d, _ in done}]
        nonzero = [a for a in free if values[a] != 0]
        address = rnd.choice(nonzero if nonzero and rnd.random() < nonzero_share else free)
        v = int(values[address])  # type: ignore[arg-type]
        ok = [k for k in kinds if applicable(v, k, address in tot)]
        if not ok:
            continue
        kind = rnd.choice(ok)
        out[address] = None if kind == BLANK_KIND else damage(v, kind, rnd)
        done.append((address, kind))
    order = {a: i for i, a in enumerate(spec.by_address)}
    done.sort(key=lambda d: order[d[0]])
    return out, done


def readings(values: Values) -> dict[str, CellReading]:
    """The cells as the engine reads them: a value is ``ok``, None is ``blank``."""
    out: dict[str, CellReading] = {}
    for address, v in values.items():
        if v is None:
            out[address] = CellReading(address, None, "", BLANK, "synth")
        else:
            out[address] = CellReading(address, v, str(v), OK, "synth")
    return out


SURE = ("certain", "likely", "deduced")


@dataclass(slots=True, frozen=True)
class Verdict:
    """How a set of corrections compares with the injected truth."""

    top: bool
    """The first explanation of every spot, together, restores exactly the damaged cells."""
    listed: bool
    """Every spot lists an explanation that only restores damaged cells, and together they restore all."""
    wrong_sure: int
    """Corrections marked certain, likely or deduced whose cell or value is not the truth."""


def judge(spots: list, original: dict[str, Number], damaged: list[tuple[str, str]]) -> Verdict:
    """Score ``corrections.localise_spots`` output (spots → explanations → corrections) against the
    ``original`` values and the cells ``inject`` damaged."""
    truth = {a: original[a] for a, _ in damaged}
    top: dict[str, object] = {}
    for spot in spots:
        for c in spot[0]:
            top[c.cell] = c.to
    covered: set[str] = set()
    every_spot = True
    for spot in spots:
        right = [g for g in spot if all(c.cell in truth and c.to == truth[c.cell] for c in g)]
        every_spot &= bool(right)
        covered.update(c.cell for g in right for c in g)
    wrong = sum(1 for spot in spots for g in spot for c in g
                if c.confidence in SURE and (c.cell not in truth or c.to != truth[c.cell]))
    return Verdict(top == truth, every_spot and covered >= set(truth), wrong)
