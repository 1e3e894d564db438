"""Which cell is wrong and what it should be (issue 3): exact error localisation with evidence.

For each table with hard rules (三, 四) the rules become a linear system (``localise_system``);
failing constraints that share no cell are independent broken spots, and for each one
``localise_search`` finds every smallest set of cells (up to ``MAX_CELLS``) whose change makes all
rules hold with non-negative integer counts. Spots that cannot be explained apart are then
explained together.

Ranking, best first: keystroke evidence (``localise_keystroke.strength`` summed over the changed
cells), then role (a 总计 cell or the （七）总计 row is computed by hand, so more often wrong than a
leaf), then form order. Confidence: ``certain`` when a spot has exactly one smallest explanation;
``likely`` for the first when its evidence beats every other one (the others follow as
``ambiguous``); ``ambiguous`` for all when still tied. A set of cells whose new values the rules
do not fix (a family) is not a usable correction: it is not listed, but it still counts as a
rival explanation. Blank, missing or invalid cells the rules determine get ``deduced``
corrections (``from`` null); those they do not determine are left alone (see ``undetermined``).
"""

from __future__ import annotations

from fractions import Fraction

from .. import messages
from ..checking.rules import along_name, cell_name
from ..formats import TABLE_IDS, FormatSpec, RuleSpec
from ..model import OK, CellReading, Correction
from .keystroke import keystroke, strength, typed_digits
from .peel import cover
from .search import Budget, Explanation, components, smallest
from .system import TableSystem, build, holds, solve, zeros

MAX_CELLS = 3
SEARCH_BUDGET = 50_000
"""Sets of cells the searches of one report may visit (about 0.5 s; the most seen in fuzzing is
10k). A spot left when they are spent gets no correction rather than one from a partial search."""
MAX_LISTED = 30
"""At most this many explanations of one spot are listed (the reason says how many there are)."""

CERTAIN, LIKELY, AMBIGUOUS, DEDUCED = "certain", "likely", "ambiguous", "deduced"

messages.register(
    {
        "fix.rule.requests.balance": ("“{name}”列勾稽关系", "the balance of column '{name}'"),
        "fix.rule.requests.results_total": ("“{name}”列（七）总计", "the (7) total of column '{name}'"),
        "fix.rule.requests.applicant_total": ("“{name}”行合计", "the total of row '{name}'"),
        "fix.rule.appeals.total": ("“{name}”总计", "the total of '{name}'"),
        "fix.and": ("与", " and "),
        "fix.points.1": ("{rules}指向此格", "{rules} points at this cell"),
        "fix.points.n": ("{rules}{n}条规则都指向此格", "{rules}: all {n} rules point at this cell"),
        "fix.compensate": ("此格所在的{rules}本来成立，须随同一起改动才能保持成立", "{rules}, which held, must stay balanced, so this cell changes too"),
        "fix.change.1": ("；由{a}改为{b}后全部规则成立", "; changing {a} to {b} makes every rule hold"),
        "fix.change.n": ("；由{a}改为{b}，并同时修改{others}后全部规则成立", "; changing {a} to {b}, together with {others}, makes every rule hold"),
        "fix.other": ("{name}（{a}→{b}）", "{name} ({a}→{b})"),
        "fix.ev.swap": ("，且{b}与{a}仅两位数字颠倒", ", and {a} is {b} with two adjacent digits swapped"),
        "fix.ev.substitute": ("，且{a}与{b}仅一位数字不同", ", and {a} differs from {b} in one digit"),
        "fix.ev.drop": ("，且{a}比{b}少写了一位数字", ", and {a} is {b} with one digit left out"),
        "fix.ev.double": ("，且{a}比{b}多写了一位数字", ", and {a} is {b} with one digit typed twice"),
        "fix.ev.insert": ("，且{a}比{b}多写了一位数字", ", and {a} is {b} with one extra digit"),
        "fix.conf.certain": ("；只改{n}格的改法仅此一种", "; no other change of {n} cell(s) does it"),
        "fix.conf.likely": (
            "；只改{n}格的改法共{k}种，此种有笔误迹象，可能性最大",
            "; {k} changes of {n} cell(s) do it, this one looks like a slip of the hand and is the most likely",
        ),
        "fix.conf.ambiguous": (
            "；只改{n}格的改法共{k}种（第{i}种），无法确定是哪一种，请核对原始记录",
            "; {k} changes of {n} cell(s) do it (this is no. {i}); the rules cannot tell which, check the records",
        ),
        "fix.conf.beyond": (
            "；出错的格子多于{n}个，超出逐一穷举的范围，按每格单独出错推断（共{k}种，第{i}种），请核对原始记录",
            "; more than {n} cells are wrong, beyond the exhaustive search: inferred one wrong cell at a time ({k} way(s), no. {i}); check the records",
        ),
        "fix.deduced": ("此格{state}；{rules}唯一确定其值为{b}", "This cell is {state}; {rules} fix its value at {b}"),
        "fix.zero": (
            "此格{state}；{rules}的其余各格已经相符，计数不能为负，此格只能为0",
            "This cell is {state}; the other cells of {rules} already agree and counts cannot be negative, so it is 0",
        ),
        "fix.deduced.after": (
            "此格{state}；按本组改正后，{rules}唯一确定其值为{b}",
            "This cell is {state}; after this group's changes {rules} fix its value at {b}",
        ),
        "fix.state.blank": ("空白", "blank"),
        "fix.state.missing": ("缺失", "missing"),
        "fix.state.invalid": ("无法识别", "unreadable"),
        "fix.undetermined": ("此格{state}，规则不能唯一确定其值，请按原始记录填写", "This cell is {state}; the rules do not fix its value, fill it in from the records"),
    }
)

_CN_COUNT = {2: "两", 3: "三", 4: "四", 5: "五", 6: "六"}


def localise(spec: FormatSpec, cells: dict[str, CellReading]) -> list[Correction]:
    """Corrections for the broken hard rules of ``spec`` over ``cells``: one group per
    explanation, best first within each broken spot, spots in form order."""
    out: list[Correction] = []
    number = 0
    for spot in localise_spots(spec, cells):
        for group in spot:
            number += 1
            for c in group:
                c.group = number
                out.append(c)
    return out


def localise_spots(spec: FormatSpec, cells: dict[str, CellReading]) -> list[list[list[Correction]]]:
    """The same corrections, structured: broken spots in form order (a deduced blank is a spot of
    its own), each a list of alternative explanations best first, each a list of corrections.
    ``group`` is left 0."""
    order = {c.address: i for i, c in enumerate(spec.cells)}
    totals = {a for r in spec.rules for a in r.left if len(r.left) == 1}
    spots: list[tuple[tuple[int, int], list[list[Correction]]]] = []
    budget = Budget(SEARCH_BUDGET)
    for t_index, table in enumerate(TABLE_IDS):
        if not any(r.table == table for r in spec.rules):
            continue
        system = build(spec, cells, table)
        explained = _explain(system, order, budget)
        changed = {a for _, ex, _ in explained for e in ex for a in e.cells}
        for comp, ex, exact in explained:
            anchor = min(order[a] for n in comp for a in system.constraints[n].coeffs)
            groups = _spot(spec, system, cells, comp, ex, order, totals, exact)
            if groups:
                spots.append(((t_index, anchor), groups))
        mended = {n for comp, _, _ in explained for n in comp}
        # cells of a spot left unexplained may be the wrong ones: deduce nothing from them
        doubtful = {a for n in system.failing if n not in mended for a in system.constraints[n].coeffs}
        for corr in _deductions(spec, cells, system, changed | doubtful):
            spots.append(((t_index, order[corr.cell]), [[corr]]))
    spots.sort(key=lambda s: s[0])
    return [groups for _, groups in spots]


def _deductions(spec: FormatSpec, cells: dict[str, CellReading], system: TableSystem, changed: set[str]
                ) -> list[Correction]:
    """Unknowns the rules fix whatever the explanations of the broken spots: linear deductions
    from cells no explanation changes, and zeros forced by non-negativity away from broken spots;
    each zero may let further deductions through."""
    near = changed | {a for n in system.failing for a in system.constraints[n].coeffs}
    out: list[Correction] = []
    done: set[str] = set()
    cur = cells
    while True:
        for n, k in enumerate(system.constraints):
            if k.unknown is None or k.unknown in done or n in system.failing or changed.intersection(k.coeffs):
                continue
            v = int(k.value(system.values))
            why = _one_rule(spec, cur, k.unknown, v) or sorted(k.rules)
            out.append(Correction(k.unknown, None, v, DEDUCED, 0, _rule_ids(spec, why),
                                  messages.text("fix.deduced", state=_state(cells, k.unknown),
                                                rules=_names(spec, why), b=v)))
            done.add(k.unknown)
        zero = {a: i for a, i in zeros(spec, {**cur, **_as_read(out)}, system.table, near).items() if a not in done}
        if not zero:
            return out
        for a, i in zero.items():
            out.append(Correction(a, None, 0, DEDUCED, 0, [spec.rules[i].id],
                                  messages.text("fix.zero", state=_state(cells, a), rules=_names(spec, [i]))))
            done.add(a)
        cur = {**cur, **_as_read(out)}
        system = build(spec, cur, system.table)


def _one_rule(spec: FormatSpec, cells: dict[str, CellReading], u: str, v: int) -> list[int]:
    """The first rule that fixes ``u`` at ``v`` on its own (its other cells all read), if any:
    the plainest reason to give."""
    for i, r in enumerate(spec.rules):
        if u in r.cells and all(a in cells and cells[a].status == OK for a in r.cells if a != u):
            side = sum(cells[a].value for a in r.left if a != u) - sum(cells[a].value for a in r.right if a != u)  # type: ignore[misc]
            if (-side if u in r.left else side) == v:
                return [i]
    return []


def _as_read(deduced: list[Correction]) -> dict[str, CellReading]:
    return {c.cell: CellReading(c.cell, c.to, str(c.to), OK, None) for c in deduced}


def undetermined(spec: FormatSpec, cells: dict[str, CellReading]) -> dict[str, str]:
    """Blank, missing or invalid cells of the ruled tables that the rules do not determine, so
    ``localise`` proposes nothing for them (address → a sentence saying so); cells of a wholly
    missing table are left out."""
    proposed = {c.cell for c in localise(spec, cells)}
    out: dict[str, str] = {}
    for table in TABLE_IDS:
        if any(r.table == table for r in spec.rules):
            system = build(spec, cells, table)
            unknown = set(system.free) | {k.unknown for k in system.constraints if k.unknown}
            for a in sorted(unknown, key=lambda a: spec.cells.index(spec.cell(a))):
                if a not in proposed:
                    out[a] = messages.text("fix.undetermined", state=_state(cells, a))
    return out


def _explain(system: TableSystem, order: dict[str, int], budget: Budget
             ) -> list[tuple[frozenset[int], list[Explanation], bool]]:
    """Broken spots and their explanations; the flag says whether they are the exact smallest
    ones (else found one wrong cell at a time by ``localise_peel``)."""
    spots = components(system)
    found = [(comp, smallest(system, comp, order, MAX_CELLS, budget)) for comp in spots]
    if len(spots) > 1 and (any(not ex for _, ex in found) or not _combine(system, [ex[0] for _, ex in found], order)):
        together = frozenset(system.failing)
        ex = smallest(system, together, order, MAX_CELLS, budget)
        if ex:
            return [(together, ex, True)]
    out: list[tuple[frozenset[int], list[Explanation], bool]] = []
    for comp, ex in found:
        exact = bool(ex)
        ex = ex or cover(system, comp, order, MAX_LISTED)
        out += [(part, pex, exact) for part, pex in (_split(system, comp, ex) if ex else [])]
    return out


def _combine(system: TableSystem, firsts: list[Explanation], order: dict[str, int]) -> bool:
    """True if the first explanations of separate spots also work together (they might not when
    they change the same cell or both feed one deduced blank)."""
    cells = tuple(sorted({a for e in firsts for a in e.cells}, key=order.__getitem__))
    if len(cells) < sum(len(e.cells) for e in firsts) or any(e.new is None for e in firsts):
        return False
    return solve(system, cells, frozenset(system.failing)) is not None


def _split(system: TableSystem, comp: frozenset[int], ex: list[Explanation]
           ) -> list[tuple[frozenset[int], list[Explanation]]]:
    """A spot whose explanations all fall apart the same way (cells sharing no constraint, each
    part mending its own failing constraints: one wrong cell in row 3.1, another in row 3.4.1) is
    several spots; otherwise it stays whole."""
    shape: set[frozenset[int]] | None = None
    parts: dict[frozenset[int], dict[tuple[str, ...], Explanation]] = {}
    for e in ex:
        groups: list[set[str]] = []
        for a in e.cells:
            near = set(system.by_cell.get(a, ()))
            linked = [g for g in groups if any(near.intersection(system.by_cell.get(b, ())) for b in g)]
            groups = [g for g in groups if g not in linked] + [{a}.union(*linked)]
        mended = []
        for g in groups:
            fixed = frozenset(n for a in g for n in system.by_cell.get(a, ()) if n in comp)
            if not fixed:
                return [(comp, ex)]
            cells = tuple(a for a in e.cells if a in g)
            new = {a: e.new[a] for a in cells} if e.new is not None else None
            parts.setdefault(fixed, {})[cells] = Explanation(cells, new)
            mended.append(fixed)
        if shape is None:
            shape = set(mended)
        if set(mended) != shape or len(mended) != len(shape) or frozenset().union(*mended) != comp:
            return [(comp, ex)]
    if shape is None or len(shape) < 2:
        return [(comp, ex)]
    return [(fixed, list(parts[fixed].values())) for fixed in sorted(shape, key=min)]


def _spot(spec: FormatSpec, system: TableSystem, cells: dict[str, CellReading], comp: frozenset[int],
          ex: list[Explanation], order: dict[str, int], totals: set[str], exact: bool = True) -> list[list[Correction]]:
    """The correction groups of one broken spot, best first (never ``certain`` unless ``exact``)."""
    def evidence(e: Explanation) -> int:
        return sum(strength(_typed(cells, system, a), e.new[a]) for a in e.cells) if e.new else -1

    def key(e: Explanation) -> tuple:
        return (-evidence(e), -sum(a in totals for a in e.cells), [order[a] for a in e.cells])

    ranked = sorted(ex, key=key)
    usable = [e for e in ranked if e.new is not None]
    if not usable:
        return []
    k, size = len(ranked), len(ranked[0].cells)
    if k == 1:
        conf = [CERTAIN if exact else LIKELY]
    elif evidence(usable[0]) > max(0, evidence(ranked[1])):
        conf = [LIKELY] + [AMBIGUOUS] * (len(usable) - 1)
    else:
        conf = [AMBIGUOUS] * len(usable)
    out: list[list[Correction]] = []
    for i, (e, c) in enumerate(zip(usable[:MAX_LISTED], conf, strict=False)):
        if not exact:
            tail = messages.text("fix.conf.beyond", n=MAX_CELLS, k=k, i=i + 1)
        elif c == CERTAIN:
            tail = messages.text("fix.conf.certain", n=size)
        elif c == LIKELY:
            tail = messages.text("fix.conf.likely", n=size, k=k)
        else:
            tail = messages.text("fix.conf.ambiguous", n=size, k=k, i=i + 1)
        group = [_change(spec, system, cells, comp, e, a, c, tail) for a in e.cells]
        group += _deduced_after(spec, system, cells, e, c)
        out.append(group)
    return out


def _typed(cells: dict[str, CellReading], system: TableSystem, a: str) -> int | str:
    """The cell's number as the clerk typed it (「02」), so slips are judged on the keystrokes."""
    value = system.values[a]
    return typed_digits(cells[a].raw, value) or value if a in cells else value


def _change(spec: FormatSpec, system: TableSystem, cells: dict[str, CellReading], comp: frozenset[int],
            e: Explanation, a: str, conf: str, tail: str) -> Correction:
    assert e.new is not None
    was, new = _typed(cells, system, a), e.new[a]
    pointing = sorted({i for n in comp if a in system.constraints[n].coeffs for i in system.constraints[n].rules
                       if a in spec.rules[i].cells})
    if pointing:
        n = len(pointing)
        head = messages.text("fix.points.1" if n == 1 else "fix.points.n", rules=_names(spec, pointing),
                             n=_CN_COUNT.get(n, n) if messages.language() == "zh" else n)
    else:
        others = set(e.cells) - {a}
        pointing = [i for i, r in enumerate(spec.rules) if a in r.cells and others.intersection(r.cells)]
        head = messages.text("fix.compensate", rules=_names(spec, pointing))
    others = [x for x in e.cells if x != a]
    if others:
        names = messages.join(messages.text("fix.other", name=cell_name(spec, x), a=_typed(cells, system, x), b=e.new[x])
                              for x in others)
        change = messages.text("fix.change.n", a=was, b=new, others=names)
    else:
        change = messages.text("fix.change.1", a=was, b=new)
    slip = keystroke(was, new)
    ev = messages.text(f"fix.ev.{slip}", a=was, b=new) if slip else ""
    return Correction(a, system.values[a], new, conf, 0, _rule_ids(spec, pointing), head + change + ev + tail,
                      typed=str(was) if str(was) != str(system.values[a]) else None)


def _deduced_after(spec: FormatSpec, system: TableSystem, cells: dict[str, CellReading], e: Explanation,
                   conf: str) -> list[Correction]:
    """Unknowns whose deduced value depends on the cells this explanation changes."""
    assert e.new is not None
    values = {**system.values, **e.new}
    out: list[Correction] = []
    for k in system.constraints:
        if k.unknown is None or not set(e.cells).intersection(k.coeffs):
            continue
        v: Fraction = k.value(values)
        if holds(k, v):
            out.append(Correction(k.unknown, None, int(v), DEDUCED if conf == CERTAIN else conf, 0,
                                  _rule_ids(spec, k.rules),
                                  messages.text("fix.deduced.after", state=_state(cells, k.unknown),
                                                rules=_names(spec, sorted(k.rules)), b=int(v))))
    return out


def _rule_name(spec: FormatSpec, rule: RuleSpec) -> str:
    return messages.text(f"fix.rule.{rule.id}", name=along_name(spec, rule))


def _names(spec: FormatSpec, rules: list[int]) -> str:
    names = [_rule_name(spec, spec.rules[i]) for i in rules]
    if len(names) <= 1:
        return "".join(names)
    return messages.join(names[:-1]) + messages.text("fix.and") + names[-1]


def _rule_ids(spec: FormatSpec, rules) -> list[str]:
    out: list[str] = []
    for i in sorted(rules):
        if spec.rules[i].id not in out:
            out.append(spec.rules[i].id)
    return out


def _state(cells: dict[str, CellReading], a: str) -> str:
    status = cells[a].status if a in cells else "missing"
    return messages.text(f"fix.state.{status}" if status in ("blank", "missing", "invalid") else "fix.state.blank")
