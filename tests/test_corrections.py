"""Error localisation (issue 3): hand-made broken tables, keystroke evidence, deduced blanks,
ties, determinism, and the corrections in the command line's JSON."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, sample_path

from engine import formats
from engine.api import check_file
from engine.checking.rules import evaluate
from engine.model import INVALID, MISSING, CellReading
from engine.repair import synth
from engine.repair.corrections import localise, localise_spots, undetermined
from engine.repair.keystroke import keystroke, strength

SPEC = formats.load("2019")


def quiet(format_id: str = "2019") -> dict[str, int]:
    """A consistent report: all zeros but for a few hand-placed counts."""
    spec = formats.load(format_id)
    v = {c.address: 0 for c in spec.cells}
    return v


def put(v: dict, row: str, col: str, k: int) -> None:
    """Add ``k`` to a result-row leaf of table 三 and to everything that adds it up (row 1 takes
    it: 本年新收), so every hard rule still holds."""
    for a in (f"{row}/{col}", f"{row}/total", f"3.7/{col}", "3.7/total", f"1/{col}", "1/total"):
        v[f"requests/{a}"] += k


def put_appeals(v: dict, row: str, parts: tuple[int, int, int, int]) -> None:
    for col, x in zip(("upheld", "corrected", "other", "pending"), parts, strict=True):
        v[f"appeals/{row}/{col}"] = x
    v[f"appeals/{row}/total"] = sum(parts)


def base() -> dict:
    v = quiet()
    put(v, "3.1", "natural", 20)
    put(v, "3.1", "commercial", 3)
    put(v, "3.2", "natural", 5)
    put(v, "3.3.4", "natural", 14)
    put(v, "3.4.1", "natural", 7)
    put(v, "3.4.1", "legal", 2)
    put_appeals(v, "review", (12, 3, 0, 1))
    return v


def run(v: dict, spec=SPEC):
    cells = synth.readings(v)
    assert all(f.rule != "cell.invalid" for f in evaluate(spec, cells))
    return localise(spec, cells)


# -- keystroke evidence ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "true", "kind"),
    [(52, 25, "swap"), (57, 27, "substitute"), (12, 125, "drop"), (122, 12, "double"), (152, 12, "insert"),
     (7, 3, "substitute"), (5, 55, "drop"), (10, 1, "insert"), (11, 1, "double"), (25, 25, None), (25, 52 + 1, None),
     (123, 321, None), (1234, 1243, "swap"), (9, 10, None), (0, 10, "drop"), (-1, 1, None)],
)
def test_keystroke(typed: int, true: int, kind: str | None) -> None:
    assert keystroke(typed, true) == kind


def test_strength_orders_slips() -> None:
    assert strength(52, 25) == strength(12, 125) == strength(122, 12) == 3
    assert strength(57, 27) == strength(152, 12) == 2
    # weak: any change by less than 10 tends to alter the last digit only; 1 could be 10 or 19 …
    assert strength(7, 3) == strength(128, 125) == strength(1, 10) == 1
    assert strength(40, 25) == 0


# -- one broken spot ------------------------------------------------------------------------------


def test_reasons_in_english() -> None:
    from engine import messages

    v = base()
    v["requests/3.1/natural"] = 21
    v["requests/3.1/commercial"] = 4
    v["appeals/review/upheld"] = 21
    before = messages.language()
    messages.set_language("en")
    try:
        out = run(v)
    finally:
        messages.set_language(before)
    assert "together with Disclosed · Commercial enterprises (4→3)" in out[0].reason  # the form in English
    assert "two adjacent digits swapped" in out[2].reason and "most likely" in out[2].reason


def test_consistent_tables_have_no_corrections() -> None:
    assert run(base()) == []
    for fid in formats.FORMAT_IDS:
        for seed in range(30):
            assert run(synth.consistent(fid, seed), formats.load(fid)) == []


def test_one_wrong_leaf_is_certain() -> None:
    v = base()
    v["requests/3.3.4/natural"] = 41  # 14 typed with the digits swapped
    (c,) = run(v)
    assert (c.cell, c.from_, c.to, c.confidence, c.group) == ("requests/3.3.4/natural", 41, 14, "certain", 1)
    assert c.rules == ["requests.results_total", "requests.applicant_total"]
    assert "两条规则都指向此格" in c.reason and "由41改为14" in c.reason and "两位数字颠倒" in c.reason
    assert "仅此一种" in c.reason


def test_digit_swap_in_a_total() -> None:
    v = base()
    assert v["requests/3.7/total"] == 51
    v["requests/3.7/total"] = 15
    (c,) = run(v)
    assert (c.cell, c.from_, c.to, c.confidence) == ("requests/3.7/total", 15, 51, "certain")
    assert c.rules == ["requests.balance", "requests.results_total", "requests.applicant_total"]
    assert "三条规则都指向此格" in c.reason and "两位数字颠倒" in c.reason


def test_tie_broken_by_a_keystroke_is_likely_and_the_rest_listed() -> None:
    v = base()
    v["appeals/review/upheld"] = 21  # row: 21 + 3 + 0 + 1 = 25, total says 16
    out = run(v)
    first, *rest = out
    assert (first.cell, first.to, first.confidence, first.group) == ("appeals/review/upheld", 12, "likely", 1)
    assert "两位数字颠倒" in first.reason and "可能性最大" in first.reason
    # every other single cell that makes the row add up (counts stay >= 0): only the total
    assert [(c.cell, c.from_, c.to, c.confidence, c.group) for c in rest] == [
        ("appeals/review/total", 16, 25, "ambiguous", 2)
    ]


def test_ties_without_evidence_are_ambiguous_all_listed_total_first() -> None:
    v = base()
    put_appeals(v, "suit_direct", (31, 47, 0, 0))
    v["appeals/suit_direct/total"] = 95  # 78 + 17: no slip explains any single cell
    out = run(v)
    assert all(c.confidence == "ambiguous" for c in out)
    assert [(c.cell, c.to) for c in out] == [
        ("appeals/suit_direct/total", 78),  # a total is computed by hand: first
        ("appeals/suit_direct/upheld", 48),
        ("appeals/suit_direct/corrected", 64),
        ("appeals/suit_direct/other", 17),
        ("appeals/suit_direct/pending", 17),
    ]
    assert [c.group for c in out] == [1, 2, 3, 4, 5]
    assert "共5种（第1种）" in out[0].reason


def test_counts_stay_non_negative() -> None:
    v = base()
    v["appeals/review/total"] = 10  # parts add to 16: only a part with at least 6 can give
    out = run(v)
    assert {(c.cell, c.to) for c in out} == {("appeals/review/total", 16), ("appeals/review/upheld", 6)}


def test_tie_order_is_the_same_in_every_process() -> None:
    code = (
        "import json\nfrom engine import formats\nfrom engine.repair import synth\nfrom engine.repair.corrections import localise\n"
        "v = synth.consistent('2021', 7)\nd, _ = synth.inject(v, 3, 11)\n"
        "print(json.dumps([c.to_json() for c in localise(formats.load('2021'), synth.readings(d))], ensure_ascii=False))\n"
    )
    outs = set()
    for seed in ("0", "1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        outs.add(subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                                check=True).stdout)
    assert len(outs) == 1 and json.loads(outs.pop())


# -- several spots --------------------------------------------------------------------------------


def test_independent_spots_in_tables_three_and_four_are_separate_groups() -> None:
    v = base()
    v["requests/3.1/natural"] = 2  # 20 with a digit dropped
    v["appeals/review/pending"] = 11  # 1 doubled
    out = run(v)
    assert [(c.cell, c.to, c.confidence, c.group) for c in out[:1]] == [("requests/3.1/natural", 20, "certain", 1)]
    assert (out[1].cell, out[1].to, out[1].confidence, out[1].group) == ("appeals/review/pending", 1, "likely", 2)
    assert "多写了一位数字" in out[1].reason
    spots = localise_spots(SPEC, synth.readings(v))
    assert len(spots) == 2


def test_two_spots_in_one_table() -> None:
    v = base()
    v["requests/3.1/commercial"] = 8
    v["requests/3.4.1/legal"] = 22
    out = run(v)
    assert [(c.cell, c.to, c.confidence) for c in out] == [
        ("requests/3.1/commercial", 3, "certain"), ("requests/3.4.1/legal", 2, "certain")
    ]
    assert [c.group for c in out] == [1, 2]


def test_two_cells_wrong_together_one_group() -> None:
    v = base()
    v["requests/3.1/natural"] = 21  # row 3.1 off by 1 and 1, column 自然人 off, column 商业企业 off
    v["requests/3.1/commercial"] = 4
    out = run(v)
    assert [(c.cell, c.to, c.confidence, c.group) for c in out] == [
        ("requests/3.1/natural", 20, "certain", 1), ("requests/3.1/commercial", 3, "certain", 1)
    ]
    assert "并同时修改" in out[0].reason


def test_only_row_rules_fail_needs_a_column_pair() -> None:
    """Moving 5 from 予以公开 to 部分公开 in column 自然人 keeps every column rule; only the two row
    totals break. No single cell fixes one row without breaking its column: every explanation
    changes one cell of each row in the same column, and all equally small ones are listed."""
    v = base()
    v["requests/3.1/natural"] -= 5
    v["requests/3.2/natural"] += 5
    cells = synth.readings(v)
    broken = {f.rule for f in evaluate(SPEC, cells) if f.severity == "error"}
    assert broken == {"requests.applicant_total"}
    spots = localise_spots(SPEC, cells)
    assert len(spots) == 1
    groups = spots[0]
    assert all(len(g) == 2 and g[0].cell.split("/")[2] == g[1].cell.split("/")[2] for g in groups)
    pairs = [(g[0].cell, g[0].to, g[1].cell, g[1].to) for g in groups]
    assert ("requests/3.1/natural", 20, "requests/3.2/natural", 5) in pairs
    assert ("requests/3.1/total", 18, "requests/3.2/total", 10) in pairs
    # 3.2 has only 自然人 and 总计 non-zero, so no other column can give 5: two explanations
    assert len(groups) == 2
    assert all(c.confidence == "ambiguous" for g in groups for c in g)


# -- blanks ---------------------------------------------------------------------------------------


def test_blank_total_is_deduced() -> None:
    v = base()
    v["requests/3.7/total"] = None
    (c,) = run(v)
    assert (c.cell, c.from_, c.to, c.confidence) == ("requests/3.7/total", None, 51, "deduced")
    assert "空白" in c.reason and "51" in c.reason


def test_missing_and_invalid_cells_are_unknowns_too() -> None:
    v = base()
    cells = synth.readings(v)
    cells["appeals/review/total"] = CellReading("appeals/review/total", None, None, MISSING, None)
    cells["requests/3.1/commercial"] = CellReading("requests/3.1/commercial", None, "三", INVALID, "line 3")
    out = localise(SPEC, cells)
    assert {(c.cell, c.from_, c.to, c.confidence) for c in out} == {
        ("requests/3.1/commercial", None, 3, "deduced"), ("appeals/review/total", None, 16, "deduced")
    }


def test_blanks_the_rules_cannot_fix_get_no_correction() -> None:
    v = base()
    v["appeals/review/upheld"] = None
    v["appeals/review/corrected"] = None  # together 15, but which is which?
    cells = synth.readings(v)
    assert localise(SPEC, cells) == []
    left = undetermined(SPEC, cells)
    assert set(left) == {"appeals/review/upheld", "appeals/review/corrected"}
    assert "不能唯一确定" in left["appeals/review/upheld"]


def test_blank_and_a_wrong_cell_in_the_same_rules() -> None:
    v = base()
    v["requests/3.7/natural"] = None
    v["requests/3.3.4/natural"] = 41
    out = run(v)
    # the blank 3.7 自然人 is fixed by the row and by the column; only 41 → 14 makes them agree
    assert ("requests/3.3.4/natural", 14) in {(c.cell, c.to) for c in out}
    assert ("requests/3.7/natural", 46) in {(c.cell, c.to) for c in out}
    assert out[0].confidence == "certain"


def test_blank_that_would_be_negative_is_not_deduced() -> None:
    v = base()
    v["appeals/review/other"] = None
    v["appeals/review/total"] = 10  # 12 + 3 + ? + 1 = 10 would need ? = -6
    cells = synth.readings(v)
    spots = localise_spots(SPEC, cells)
    # the blank absorbs any change to the others, so no change is fixed: nothing to propose
    assert spots == []
    v["appeals/review/total"] = 16
    assert [(c.cell, c.to) for c in run(v)] == [("appeals/review/other", 0)]


def test_blanks_in_a_row_whose_total_is_reached_are_zero() -> None:
    v = base()
    v["appeals/suit_direct/upheld"] = None  # row of zeros, total 0
    put_appeals(v, "suit_after_review", (0, 0, 7, 0))
    v["appeals/suit_after_review/upheld"] = None
    v["appeals/suit_after_review/corrected"] = None  # total 7 = 其他结果 already: both blanks can only be 0
    out = run(v)
    assert [(c.cell, c.from_, c.to, c.confidence) for c in out] == [
        ("appeals/suit_direct/upheld", None, 0, "deduced"),
        ("appeals/suit_after_review/upheld", None, 0, "deduced"),
        ("appeals/suit_after_review/corrected", None, 0, "deduced"),
    ]
    assert "唯一确定其值为0" in out[0].reason  # one blank: the row alone fixes it
    assert "只能为0" in out[1].reason and out[1].rules == ["appeals.total"]
    assert undetermined(SPEC, synth.readings(v)) == {}


def test_zeros_open_the_way_for_further_deductions() -> None:
    v = base()
    v["requests/3.2/commercial"] = None  # row 3.2 = 5 = 自然人 already: 0
    v["requests/3.7/commercial"] = None  # then the 商业企业 column fixes it: 3
    out = run(v)
    assert {(c.cell, c.to) for c in out} == {("requests/3.2/commercial", 0), ("requests/3.7/commercial", 3)}
    assert all(c.confidence == "deduced" for c in out)


# -- documents ------------------------------------------------------------------------------------


def test_sample_002_table_three_is_consistent() -> None:
    report = check_file(sample_path("002_bfb1f788e4caebeb"))
    assert report.format == "2019"
    assert [c for c in report.corrections if c.cell.startswith("requests/")] == []


def test_sample_004_blanks_deduced_where_the_rules_fix_them() -> None:
    report = check_file(sample_path("004_d67fec3efbc2aac7"))
    spec = formats.load(report.format)
    for c in report.corrections:
        assert c.confidence == "deduced" and report.cells[c.cell].status != "ok"
    # 3.3.7 自然人/商业企业 (their columns fix them), 3.7 科研机构…其他, row 4 but its 总计
    assert {c.cell.split("/", 1)[1] for c in report.corrections} == {
        "3.3.7/natural", "3.3.7/commercial", *(f"3.7/{x}" for x in ("research", "nonprofit", "legal", "other")),
        *(f"4/{x}" for x in ("natural", "commercial", "research", "nonprofit", "legal", "other")),
    }
    # after filling in every deduction, no hard rule that can be checked is broken
    cells = dict(report.cells)
    for c in report.corrections:
        cells[c.cell] = CellReading(c.cell, c.to, str(c.to), "ok", None)
    assert not [f for f in evaluate(spec, cells) if f.severity == "error" and f.rule.startswith(("requests", "appeals"))]


def test_cli_json_carries_corrections(tmp_path: Path) -> None:
    import builders as b

    v = base()
    v["requests/3.3.4/natural"] = 41
    path = b.txt(tmp_path / "report.txt", "2019", {a: str(x) for a, x in v.items()}, title="2020年政府信息公开工作年度报告")
    proc = subprocess.run([sys.executable, "-m", "engine", "check", "--json", str(path)], cwd=ROOT,
                          capture_output=True, text=True)
    doc = json.loads(proc.stdout.splitlines()[0])
    assert doc["format"] == "2019"
    assert {"cell": "requests/3.3.4/natural", "from": 41, "to": 14, "confidence": "certain", "group": 1} .items() \
        <= doc["corrections"][0].items()
    assert "两位数字颠倒" in doc["corrections"][0]["reason"]


# -- soundness and exactness over many generated reports ------------------------------------------


def _apply(cells: dict[str, CellReading], corrections) -> dict[str, CellReading]:
    out = dict(cells)
    for c in corrections:
        out[c.cell] = CellReading(c.cell, c.to, str(c.to), "ok", None)
    return out


def _hard_errors(spec, cells) -> list[str]:
    return [f.rule for f in evaluate(spec, cells) if f.severity == "error" and f.rule.startswith(("requests", "appeals"))]


@pytest.mark.parametrize("format_id", formats.FORMAT_IDS)
def test_every_listed_explanation_makes_the_rules_hold(format_id: str) -> None:
    """Apply one explanation of one spot and the first of every other: no hard rule is broken,
    every count stays a non-negative integer, and an explanation changes only what it must."""
    spec = formats.load(format_id)
    checked = 0
    for seed in range(150):
        values = synth.consistent(format_id, seed)
        damaged, _ = synth.inject(values, 1 + seed % 3, seed)
        cells = synth.readings(damaged)
        spots = localise_spots(spec, cells)
        if not _hard_errors(spec, cells):
            assert all(c.confidence == "deduced" for s in spots for g in s for c in g)
        mended = _every_break_in_a_spot(spec, cells, spots)
        for i, spot in enumerate(spots):
            for group in spot:
                chosen = [c for j, s in enumerate(spots) for c in (group if j == i else s[0])]
                fixed = _apply(cells, chosen)
                assert all(isinstance(c.to, int) and c.to >= 0 for c in chosen)
                assert all(c.from_ is None or c.from_ != c.to for c in chosen)
                if mended:
                    assert _hard_errors(spec, fixed) == [], (seed, group)
                    checked += 1
    assert checked > 100


def _every_break_in_a_spot(spec, cells, spots) -> bool:
    """True if applying the first explanation of every spot mends every broken rule (else some
    spot needs more than three changes and has no explanation: then nothing can be asserted)."""
    return _hard_errors(spec, _apply(cells, [c for s in spots for c in s[0]])) == []


@pytest.mark.parametrize("format_id", formats.FORMAT_IDS)
def test_single_cell_explanations_are_exactly_the_cells_one_change_can_mend(format_id: str) -> None:
    """Brute force, independent of the search: a cell is a one-change explanation if setting it to
    the value one of its rules asks for leaves no hard rule broken."""
    spec = formats.load(format_id)
    ruled = synth.ruled_cells(spec)
    for seed in range(40):
        values = synth.consistent(format_id, seed)
        damaged, _ = synth.inject(values, 1, seed, kinds=("swap", "substitute", "drop", "double", "total_off"))
        cells = synth.readings(damaged)
        truth: set[tuple[str, int]] = set()
        for a in ruled:
            for rule in (r for r in spec.rules if a in r.cells):
                sign = 1 if a in rule.left else -1
                left = sum(damaged[x] for x in rule.left)
                right = sum(damaged[x] for x in rule.right)
                want = damaged[a] - sign * (left - right)
                if want >= 0 and want != damaged[a] and not _hard_errors(spec, _apply(cells, [_C(a, want)])):
                    truth.add((a, want))
        spots = localise_spots(spec, cells)
        single = {(g[0].cell, g[0].to) for s in spots for g in s if len(g) == 1 and g[0].from_ is not None}
        assert single == truth, seed


class _C:
    def __init__(self, cell: str, to: int) -> None:
        self.cell, self.to = cell, to


def test_a_spent_search_budget_gives_no_answer_rather_than_a_partial_one() -> None:
    from engine.repair.search import Budget, components, smallest
    from engine.repair.system import build

    v = base()
    v["requests/3.1/natural"] -= 5
    v["requests/3.2/natural"] += 5  # needs the joint two-cell search
    system = build(SPEC, synth.readings(v), "requests")
    order = {c.address: i for i, c in enumerate(SPEC.cells)}
    everything = frozenset(system.failing)
    assert len(components(system)) == 2
    assert len(smallest(system, everything, order, 3, Budget())) == 2
    assert smallest(system, everything, order, 3, Budget(5)) == []


def test_applying_the_sure_corrections_through_the_api_leaves_nothing_to_correct(tmp_path: Path) -> None:
    import builders as b

    from engine.api import apply_edits

    v = base()
    v["requests/3.3.4/natural"] = 41
    v["requests/3.7/total"] = None
    v["appeals/review/pending"] = 11
    path = b.txt(tmp_path / "r.txt", "2019", {a: "" if x is None else str(x) for a, x in v.items()},
                 title="2020年政府信息公开工作年度报告")
    report = check_file(path)
    sure = {c.cell: str(c.to) for c in report.corrections if c.confidence in ("certain", "likely", "deduced")}
    assert sure == {"requests/3.3.4/natural": "14", "requests/3.7/total": "51", "appeals/review/pending": "1"}
    again = apply_edits(report, sure)
    assert again.corrections == []
    assert not [f for f in again.findings if f.severity == "error"]


def test_nothing_is_deduced_from_a_spot_too_broken_to_explain() -> None:
    v = base()
    for a in ("1/natural", "1/total", "4/natural", "4/total"):
        v[f"requests/{a}"] += 5  # 5 carried over to next year
    assert run(v) == []
    for col in ("natural", "commercial", "research", "nonprofit", "legal", "other", "total"):
        v[f"requests/3.7/{col}"] += 1  # a whole row wrong: more than three cells to change
    v["requests/4/natural"] = None  # the 自然人 balance would give 4, from a wrong 3.7: not to be trusted
    v["appeals/review/other"] = None  # far from it: deduced as usual
    out = run(v)
    assert [(c.cell, c.to, c.confidence) for c in out] == [("appeals/review/other", 0, "deduced")]
    assert list(undetermined(SPEC, synth.readings(v))) == ["requests/4/natural"]


def test_every_injected_slip_is_recognised() -> None:
    import random

    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=300, derandomize=True, deadline=None)
    @given(st.integers(0, 100_000), st.sampled_from(["swap", "substitute", "drop", "double"]), st.integers(0, 10**6))
    def check(v: int, kind: str, seed: int) -> None:
        typed = synth.damage(v, kind, random.Random(seed))
        if typed is not None:
            assert keystroke(typed, v) == kind
            assert strength(typed, v) >= 1

    check()


# -- beyond the exact search ----------------------------------------------------------------------


def test_more_wrong_cells_than_the_search_explores() -> None:
    """Four wrong leaf cells in different rows and columns of table 三 (each breaking its row total
    and its column's 3.7 sum by the same amount) are more than the exact search tries; they are
    still found one at a time, proposed as ``likely`` (never ``certain``) with a reason saying so."""
    v = synth.consistent("2019", 7, busy=1.0)
    wrong = {"requests/3.1/natural": 3, "requests/3.4.1/commercial": 2, "requests/3.5.2/research": 4,
             "requests/3.3.6/nonprofit": 1}
    original = {a: v[a] for a in wrong}
    for a, d in wrong.items():
        v[a] += d
    spots = localise_spots(SPEC, synth.readings(v))
    proposed = {c.cell: (c.to, c.confidence, c.reason) for spot in spots for c in spot[0]}
    assert {a: p[0] for a, p in proposed.items()} == original
    assert all(p[1] == "likely" and "超出逐一穷举的范围" in p[2] for p in proposed.values())


def test_typing_the_missing_cells_clears_their_finding() -> None:
    """Sample 000's table 四 has 10 values for 15 cells (cell.missing); once the clerk types the
    missing cells the finding goes, and while some stay missing it names only those."""
    from engine.api import apply_edits

    report = check_file(sample_path("000_996cebfdf3cbf220"))
    [missing] = [f for f in report.findings if f.rule == "cell.missing"]
    assert len(missing.cells) >= 2
    half = apply_edits(report, {missing.cells[0]: "0"})
    [left] = [f for f in half.findings if f.rule == "cell.missing"]
    assert left.cells == missing.cells[1:]
    done = apply_edits(report, {a: "0" for a in missing.cells})
    assert not [f for f in done.findings if f.rule == "cell.missing"]
    assert [f for f in report.findings if f.rule == "cell.missing"] == [missing]  # the original is unchanged
