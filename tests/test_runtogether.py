"""Splitting digits that ran together, by the rules alone."""

from engine.locating.runtogether import cut_line, row_candidates, splits


def test_splits_respect_leading_zeros_and_given_cuts():
    assert list(splits("000", 3)) == [[0, 0, 0]]
    assert list(splits("100", 2)) == [[10, 0]]
    assert sorted(splits("350", 2)) == [[3, 50], [35, 0]]
    assert list(splits("500000 5", 7)) == [[5, 0, 0, 0, 0, 0, 5]]
    assert list(splits("12", 3)) == []


def test_row_rule_picks_the_only_split():
    assert row_candidates("640020470", 7, 1) == [[64, 0, 0, 2, 0, 4, 70]]
    assert sorted(row_candidates("270020130", 7, 1)) == [[2, 7, 0, 0, 20, 1, 30], [27, 0, 0, 2, 0, 1, 30]]
    assert row_candidates("000000000000000", 15, 3) == [[0] * 15]


def test_cut_line_strips_the_next_labels_numbering():
    tokens = cut_line("(三)不予公开1.属于国家秘密00000002.其他法律行政法规禁止公开0000000", ["属于国家秘密", "其他法律行政法规禁止公开", "其他"])
    assert tokens == [("不予公开", True), ("属于国家秘密", True), ("0000000", False), ("其他法律行政法规禁止公开", True), ("0000000", False)]
