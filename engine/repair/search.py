"""Fellegi–Holt error localisation: every smallest set of cells whose change makes the rules hold.

Exact and deterministic. A set ``S`` of changed cells can only work if it touches every failing
constraint (else that one stays broken) and touches no holding equation exactly once (a single
change breaks it). The search grows ``S`` one cell at a time from the cells of the first
constraint that ``S`` does not yet satisfy in this sense (covering), by iterative deepening, and
asks ``localise_system.solve`` for the values. When ``S`` passes both tests but the values do not
work out (a count would turn negative, a deduction would not be an integer …), it is grown from
the cells of the constraints it touches: the smallest set still contains one of those (a part
sharing no constraint with ``S`` could be dropped), so no explanation of at most ``max_size``
cells is missed.
"""

from __future__ import annotations

from dataclasses import dataclass

from .system import Solution, TableSystem, solve

visited = 0
"""Sets visited by all ``smallest`` calls so far (for benchmarks)."""


@dataclass(slots=True, frozen=True)
class Explanation:
    cells: tuple[str, ...]
    """Changed known cells, in form order."""
    new: dict[str, int] | None
    """Their new values; None when the rules leave a family of values (not a usable correction)."""


def components(system: TableSystem) -> list[frozenset[int]]:
    """The failing constraints split into groups that share no cell, in order of first failure."""
    out: list[set[int]] = []
    for n in system.failing:
        cells = set(system.constraints[n].coeffs)
        joined = [g for g in out if any(cells & set(system.constraints[m].coeffs) for m in g)]
        merged = {n}.union(*joined)
        out = [g for g in out if g not in joined] + [merged]
    out.sort(key=min)
    return [frozenset(g) for g in out]


@dataclass(slots=True)
class Budget:
    """Sets the searches of one report may still visit; when none are left they give up."""

    left: int = 60_000


def smallest(system: TableSystem, target: frozenset[int], order: dict[str, int], max_size: int = 3,
             budget: Budget | None = None) -> list[Explanation]:
    """Every smallest explanation (at most ``max_size`` cells) of the failing constraints
    ``target``; the other failing constraints must stay as they are. Empty if none is that small,
    or if ``budget`` runs out (then it gives up rather than answer from a partial search)."""
    failing = set(system.failing)
    budget = budget if budget is not None else Budget()
    global visited
    for size in range(1, max_size + 1):
        found: dict[tuple[str, ...], Solution] = {}
        seen: set[frozenset[str]] = set()

        def grow(s: tuple[str, ...], size: int = size, found: dict = found, seen: set = seen) -> None:
            key = frozenset(s)
            if key in seen or budget.left <= 0:
                return
            seen.add(key)
            budget.left -= 1
            if len(s) + _disjoint_uncovered(system, key, target) > size:
                return
            branch = _unresolved(system, s, target, failing)
            if branch is None:
                cells = tuple(sorted(s, key=order.__getitem__))
                sol = solve(system, cells, target)
                if sol is not None:
                    if len(s) == size:
                        found[cells] = sol
                    return
                if len(s) >= size:
                    return
                branch = sorted({a for x in s for n in system.by_cell.get(x, ()) for a in system.constraints[n].coeffs}
                                - set(s), key=order.__getitem__)
            if len(s) >= size:
                return
            for a in branch:
                grow((*s, a))

        before = budget.left
        grow(())
        visited += before - budget.left
        if budget.left <= 0:
            return []
        if found:
            return [Explanation(c, found[c].new) for c in sorted(found, key=lambda c: [order[a] for a in c])]
    return []


def _disjoint_uncovered(system: TableSystem, s: frozenset[str], target: frozenset[int]) -> int:
    """A lower bound on the cells still to add: failing constraints untouched by ``s`` that share
    no cell with one another each need their own."""
    taken: set[str] = set()
    count = 0
    for n in sorted(target):
        cells = system.constraints[n].coeffs.keys()
        if s.isdisjoint(cells) and taken.isdisjoint(cells):
            taken.update(cells)
            count += 1
    return count


def _unresolved(system: TableSystem, s: tuple[str, ...], target: frozenset[int], failing: set[int]
                ) -> list[str] | None:
    """Cells to grow ``s`` from: those of the smallest constraint ``s`` cannot leave as it is;
    None if there is none."""
    best: list[str] | None = None
    inside = set(s)
    for n in target:
        cells = system.constraints[n].coeffs
        if not inside.intersection(cells):
            cand = list(cells)
            if best is None or len(cand) < len(best):
                best = cand
    touched: dict[int, int] = {}
    for a in s:
        for n in system.by_cell.get(a, ()):
            touched[n] = touched.get(n, 0) + 1
    for n, count in touched.items():
        k = system.constraints[n]
        if count == 1 and k.is_equation and (n not in failing or n not in target):
            cand = [a for a in k.coeffs if a not in inside]
            if best is None or len(cand) < len(best):
                best = cand
    return best
