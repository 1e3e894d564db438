"""The hard rules of one table as a linear system over the cells read, with the unknowns taken out.

Cells read as ``ok`` are *known* (they may still be wrong); every other cell (blank, missing,
invalid) is an *unknown* and never counts as 0. Gauss–Jordan elimination over exact fractions
removes the unknowns from the rules and leaves

- *equations* over known cells only (the rules without unknowns, and combinations of rules in
  which the unknowns cancel): ``sum(coeff × value) == 0``;
- *deductions*: an unknown fixed by known cells, ``u = sum(coeff × value)``, which must come out
  a non-negative integer;
- unknowns the rules leave free (no correction can be proposed for them).

``solve`` then answers: if exactly the known cells ``S`` may change, which values make every
equation hold and every deduction a non-negative integer?
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from ..formats import FormatSpec
from ..model import MISSING, OK, CellReading

Row = dict[str, Fraction]


@dataclass(slots=True)
class Constraint:
    """``sum(coeffs[a] × value[a])`` must be 0 (``unknown`` None) or, when it deduces ``unknown``,
    a non-negative integer."""

    coeffs: Row
    rules: frozenset[int]
    """Indices into ``FormatSpec.rules`` combined into this constraint."""
    unknown: str | None = None
    nonneg: bool = False
    """True for ``sum >= 0`` only: what a rule's blank cells, all on one side, must add up to."""

    @property
    def is_equation(self) -> bool:
        return self.unknown is None and not self.nonneg

    def value(self, values: dict[str, int]) -> Fraction:
        # whole coefficients (every rule as written, most combinations): add integers and make one
        # Fraction, about ten times faster than a sum of Fractions; the result is the same
        total = 0
        for a, c in self.coeffs.items():
            if c.denominator != 1:
                return sum((c * values[a] for a, c in self.coeffs.items()), Fraction(0))
            total += c.numerator * values[a]
        return Fraction(total)


def holds(k: Constraint, v: Fraction) -> bool:
    """True if a constraint whose sum is ``v`` holds."""
    if k.is_equation:
        return v == 0
    return v >= 0 and v.denominator == 1


@dataclass(slots=True)
class TableSystem:
    table: str
    values: dict[str, int]
    """Known cells (status ``ok``) and their values."""
    constraints: list[Constraint]
    free: list[str]
    """Unknowns the rules do not determine."""
    by_cell: dict[str, list[int]] = field(default_factory=dict)
    """Known cell → indices of the constraints it is in."""
    failing: list[int] = field(default_factory=list)
    """Constraints that do not hold with the values read."""
    sums: list[Fraction] = field(default_factory=list)
    """Each constraint's sum with the values read."""


def build(spec: FormatSpec, cells: dict[str, CellReading], table: str) -> TableSystem:
    """The system of ``table``'s hard rules over ``cells`` (rules whose cells are all missing are
    left out: they belong to a table or row that is not in the document)."""
    values: dict[str, int] = {}
    unknown: set[str] = set()
    rows: list[tuple[Row, frozenset[int]]] = []
    for i, rule in enumerate(spec.rules):
        if rule.table != table:
            continue
        status = [cells[a].status if a in cells else MISSING for a in rule.cells]
        if all(s == MISSING for s in status):
            continue
        for a, s in zip(rule.cells, status, strict=True):
            if s == OK:
                values[a] = int(cells[a].value)  # type: ignore[arg-type]
            else:
                unknown.add(a)
        rows.append((_rule_row(spec, i), frozenset((i,))))
    order = _order(spec)
    constraints, free = _eliminate(rows, unknown, order)
    constraints += _one_sided(rows, unknown)
    system = TableSystem(table, values, constraints, free)
    for n, k in enumerate(constraints):
        for a in k.coeffs:
            system.by_cell.setdefault(a, []).append(n)
        system.sums.append(k.value(values))
        if not holds(k, system.sums[n]):
            system.failing.append(n)
    return system


_RULE_ROWS: dict[tuple[int, int], tuple[FormatSpec, Row]] = {}
_ORDERS: dict[int, tuple[FormatSpec, dict[str, int]]] = {}


def _rule_row(spec: FormatSpec, i: int) -> Row:
    """Rule ``i`` of ``spec`` as coefficients (left +1, right −1), a fresh copy of a cached row:
    the same for every document, and Fractions are slow to make."""
    hit = _RULE_ROWS.get((id(spec), i))
    if hit is None or hit[0] is not spec:
        rule = spec.rules[i]
        whole: dict[str, int] = {}
        for a in rule.cells:
            whole[a] = whole.get(a, 0) + (1 if a in rule.left else -1)
        hit = _RULE_ROWS[(id(spec), i)] = (spec, {a: Fraction(c) for a, c in whole.items()})
    return dict(hit[1])


def _order(spec: FormatSpec) -> dict[str, int]:
    """Cell address → its position in the form (cached per format)."""
    hit = _ORDERS.get(id(spec))
    if hit is None or hit[0] is not spec:
        hit = _ORDERS[id(spec)] = (spec, {c.address: n for n, c in enumerate(spec.cells)})
    return hit[1]


def zeros(spec: FormatSpec, cells: dict[str, CellReading], table: str, avoid: set[str]) -> dict[str, int]:
    """Unknowns forced to 0 by non-negativity (address → index of the rule): in a rule whose
    unknowns all sit on one side and whose known cells already balance it (a blank in a row whose
    total is 0). Rules with a cell in ``avoid`` (near a broken spot) are not used."""
    out: dict[str, int] = {}
    for i, rule in enumerate(spec.rules):
        if rule.table != table or avoid.intersection(rule.cells):
            continue
        status = [cells[a].status if a in cells else MISSING for a in rule.cells]
        if all(x == MISSING for x in status):
            continue
        us = [a for a, x in zip(rule.cells, status, strict=True) if x != OK]
        if not us or (set(us) & set(rule.left) and set(us) & set(rule.right)):
            continue
        known = [a for a in rule.cells if a not in us]
        if sum(cells[a].value for a in known if a in rule.left) == sum(cells[a].value for a in known if a in rule.right):  # type: ignore[misc]
            out.update({a: i for a in us if a not in out})
    return out


def _one_sided(rows: list[tuple[Row, frozenset[int]]], unknown: set[str]) -> list[Constraint]:
    """For each rule whose unknowns all sit on one side: their sum, a known quantity, must not be
    negative (a blank is never read as 0, but it is never below 0 either)."""
    out: list[Constraint] = []
    for row, src in rows:
        us = [a for a in row if a in unknown]
        if not us or len({row[a] > 0 for a in us}) != 1:
            continue
        sign = -1 if row[us[0]] > 0 else 1
        out.append(Constraint({a: sign * c for a, c in row.items() if a not in unknown}, src, nonneg=True))
    return out


def _eliminate(rows: list[tuple[Row, frozenset[int]]], unknown: set[str], order: dict[str, int]
               ) -> tuple[list[Constraint], list[str]]:
    pivots: dict[str, tuple[Row, frozenset[int]]] = {}
    equations: list[Constraint] = []
    for row, src in rows:
        row = dict(row)
        for u in [a for a in row if a in pivots]:
            if u in row:
                row, src = _sub(row, src, *pivots[u], row[u])
        us = sorted((a for a in row if a in unknown), key=order.__getitem__)
        if not us:
            if row:
                equations.append(Constraint(row, src))
            continue
        p = us[0]
        scale = row[p]
        row = {a: c / scale for a, c in row.items()}
        for q, (prow, psrc) in list(pivots.items()):
            if p in prow:
                pivots[q] = _sub(prow, psrc, row, src, prow[p])
        pivots[p] = (row, src)
    constraints = list(equations)
    free = sorted((u for u in unknown if u not in pivots), key=order.__getitem__)
    free_set = set(free)
    for p in sorted(pivots, key=order.__getitem__):
        row, src = pivots[p]
        if any(a in free_set for a in row if a != p):
            continue
        constraints.append(Constraint({a: -c for a, c in row.items() if a != p}, src, unknown=p))
        # an unknown equal to 0 whatever the known cells say has empty coeffs: still a deduction
    undetermined = [p for p in pivots if any(a in free_set for a in pivots[p][0] if a != p)]
    free = sorted(free + undetermined, key=order.__getitem__)
    return constraints, free


def _sub(row: Row, src: frozenset[int], prow: Row, psrc: frozenset[int], factor: Fraction
         ) -> tuple[Row, frozenset[int]]:
    out = dict(row)
    for a, c in prow.items():
        v = out.get(a, Fraction(0)) - factor * c
        if v:
            out[a] = v
        else:
            out.pop(a, None)
    return out, src | psrc


@dataclass(slots=True, frozen=True)
class Solution:
    """New values of the changed cells (None: a family of values, not determined)."""

    new: dict[str, int] | None


def solve(system: TableSystem, changed: tuple[str, ...], target: frozenset[int]) -> Solution | None:
    """Values for the known cells ``changed`` (all others as read) such that every constraint
    holds — except the failing constraints outside ``target``, which must stay exactly as they are
    (another broken spot's business). None if there are none, or if one of ``changed`` would keep
    its value (a smaller set then does it)."""
    ks = sorted({n for a in changed for n in system.by_cell.get(a, ())})
    failing = set(system.failing)
    eqs: list[tuple[list[Fraction], Fraction]] = []
    ineq: list[int] = []
    for n in ks:
        k = system.constraints[n]
        if n in failing and n not in target:
            rhs = Fraction(0)  # stays as broken as it is
        else:
            if not k.is_equation:
                ineq.append(n)
                continue
            rhs = -system.sums[n]
        eqs.append(([k.coeffs.get(a, Fraction(0)) for a in changed], rhs))
    for n in target:
        if n not in ks:
            return None
    delta = _gauss(eqs, len(changed))
    if delta is None:
        return None
    if delta == "family":
        return Solution(None)
    new: dict[str, int] = {}
    for a, d in zip(changed, delta, strict=True):
        if d == 0 or d.denominator != 1 or system.values[a] + d < 0:
            return None
        new[a] = system.values[a] + int(d)
    for n in ineq:
        k = system.constraints[n]
        after = system.sums[n] + sum((k.coeffs[a] * d for a, d in zip(changed, delta, strict=True) if a in k.coeffs), Fraction(0))
        if not holds(k, after):
            return None
    return Solution(new)


def _gauss(eqs: list[tuple[list[Fraction], Fraction]], n: int) -> list[Fraction] | str | None:
    """The unique solution of the equations, ``"family"``, or None when inconsistent."""
    rows = [(list(c), r) for c, r in eqs]
    pivot_rows: list[tuple[int, list[Fraction], Fraction]] = []
    for col in range(n):
        pick = next((i for i, (c, _) in enumerate(rows) if c[col] != 0), None)
        if pick is None:
            continue
        pc, pr = rows.pop(pick)
        f = pc[col]
        pc, pr = [x / f for x in pc], pr / f
        rows = [([x - c[col] * y for x, y in zip(c, pc, strict=True)], r - c[col] * pr) for c, r in rows]
        pivot_rows = [(pcol, [x - prc[col] * y for x, y in zip(prc, pc, strict=True)], rr - prc[col] * pr)
                      for pcol, prc, rr in pivot_rows]
        pivot_rows.append((col, pc, pr))
    if any(r != 0 for _, r in rows):
        return None
    if len(pivot_rows) < n:
        return "family"
    out = [Fraction(0)] * n
    for col, _, r in pivot_rows:
        out[col] = r
    return out
