"""Beyond the exact search: spots with more wrong cells than it explores, one wrong cell at a time.

When a broken spot needs more than ``MAX_CELLS`` changes, the exact search gives nothing. Many such
spots are several wrong cells that do not share a rule: each one breaks its row and its column
rules by the same amount. A cell is a *candidate* when every rule it is in is broken and all of
them ask for the same change (a non-negative integer result). An explanation is a set of
candidates whose rules cover the broken rules of the spot exactly once each; it is checked by
``localise_system.solve``. This is not a smallest-set guarantee, so the caller never calls it
``certain``.
"""

from __future__ import annotations

from fractions import Fraction

from .search import Explanation
from .system import TableSystem, solve


def candidates(system: TableSystem, comp: frozenset[int]) -> dict[str, frozenset[int]]:
    """Cells each of whose equations is broken (in ``comp``) by the amount one change mends."""
    out: dict[str, frozenset[int]] = {}
    for a in sorted({a for n in comp for a in system.constraints[n].coeffs}):
        ns = [n for n in system.by_cell.get(a, ()) if system.constraints[n].is_equation]
        if len(ns) < 2 or any(n not in comp for n in ns):
            continue
        deltas = {-system.sums[n] / system.constraints[n].coeffs[a] for n in ns}
        if len(deltas) != 1:
            continue
        d: Fraction = deltas.pop()
        if d.denominator == 1 and system.values[a] + d >= 0:
            out[a] = frozenset(ns)
    return out


def cover(system: TableSystem, comp: frozenset[int], order: dict[str, int], limit: int = 30) -> list[Explanation]:
    """Every set of candidates that mends each broken equation of ``comp`` exactly once and makes
    all rules hold; empty if there are none or more than ``limit``."""
    if any(not system.constraints[n].is_equation for n in comp):
        return []
    cand = candidates(system, comp)
    by_rule: dict[int, list[str]] = {}
    for a in sorted(cand, key=order.__getitem__):
        for n in cand[a]:
            by_rule.setdefault(n, []).append(a)
    found: list[tuple[str, ...]] = []

    def search(left: frozenset[int], chosen: tuple[str, ...]) -> None:
        if len(found) > limit:
            return
        if not left:
            found.append(tuple(sorted(chosen, key=order.__getitem__)))
            return
        n = min(left, key=lambda m: (len(by_rule.get(m, ())), m))
        for a in by_rule.get(n, ()):
            if cand[a] <= left:
                search(left - cand[a], (*chosen, a))

    search(comp, ())
    if not found or len(found) > limit:
        return []
    out: list[Explanation] = []
    for cells in sorted(found, key=lambda c: [order[a] for a in c]):
        sol = solve(system, cells, comp)
        if sol is not None and sol.new is not None:
            out.append(Explanation(cells, sol.new))
    return out
