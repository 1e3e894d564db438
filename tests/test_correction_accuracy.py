"""Accuracy of error localisation on synthetic reports (a small, deterministic version of
bench/bench_corrections.py): single injected errors are found, and correct tables get nothing."""

from __future__ import annotations

import pytest

from engine import formats
from engine.checking.rules import evaluate
from engine.repair import synth
from engine.repair.corrections import localise_spots


@pytest.mark.parametrize("format_id", formats.FORMAT_IDS)
def test_generated_reports_are_consistent(format_id: str) -> None:
    spec = formats.load(format_id)
    for seed in range(20):
        values = synth.consistent(format_id, seed)
        assert set(values) == set(spec.by_address)
        assert not [f for f in evaluate(spec, synth.readings(values)) if f.severity == "error"]


def test_injection_changes_exactly_the_cells_it_names() -> None:
    kinds_seen = set()
    for seed in range(200):
        values = synth.consistent("2021", seed)
        damaged, done = synth.inject(values, 3, seed)
        assert len({a for a, _ in done}) == 3
        assert {a for a in values if damaged[a] != values[a]} == {a for a, _ in done}
        kinds_seen.update(k for _, k in done)
        for a, kind in done:
            assert a.startswith(("requests/", "appeals/"))
            assert (damaged[a] is None) == (kind == "blank")
    assert kinds_seen == set(synth.KINDS)
    assert synth.inject(synth.consistent("2019", 5), 2, 9) == synth.inject(synth.consistent("2019", 5), 2, 9)


@pytest.mark.parametrize("format_id", formats.FORMAT_IDS)
def test_single_errors_are_found(format_id: str) -> None:
    spec = formats.load(format_id)
    n, top, listed, wrong = 200, 0, 0, 0
    for seed in range(n):
        values = synth.consistent(format_id, seed)
        damaged, done = synth.inject(values, 1, seed)
        verdict = synth.judge(localise_spots(spec, synth.readings(damaged)), values, done)
        top += verdict.top
        listed += verdict.listed
        wrong += verdict.wrong_sure
    assert top / n >= 0.90
    assert listed / n >= 0.99
    assert wrong == 0


@pytest.mark.parametrize("format_id", formats.FORMAT_IDS)
def test_no_correction_on_correct_tables(format_id: str) -> None:
    spec = formats.load(format_id)
    for seed in range(1000, 1100):
        assert localise_spots(spec, synth.readings(synth.consistent(format_id, seed))) == []


def test_judge_tells_right_from_wrong() -> None:
    spec = formats.load("2019")
    values = synth.consistent("2019", 3)
    damaged, done = synth.inject(values, 1, 4, kinds=("substitute",))
    spots = localise_spots(spec, synth.readings(damaged))
    assert synth.judge(spots, values, done).top
    (address, _), = done
    other = {**values, address: values[address] + 1}  # a truth the corrections do not restore
    assert not synth.judge(spots, other, done).top
    assert not synth.judge(spots, other, done).listed
    assert synth.judge(spots, values, [*done, ("requests/1/total", "swap")]).listed is False
    assert not synth.judge([], values, done).top
