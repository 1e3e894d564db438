"""Property tests of the readers (issue 9): random, truncated and mutated files always give a
report or a clean read error, never an internal error. Bounded in CI; NIANBAO_FUZZ_EXAMPLES raises it."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fuzz"))
from targets import KINDS, check, mutate_zip_member, seeds  # noqa: E402

EXAMPLES = int(os.environ.get("NIANBAO_FUZZ_EXAMPLES", "60"))
SEEDS = seeds()
WITH_SEEDS = [k for k in KINDS if SEEDS[k]]
"""Kinds with seeds (doc/xls/odt/ods need LibreOffice to make theirs)."""
FUZZ = settings(max_examples=EXAMPLES, deadline=5000, derandomize=True, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("kind", KINDS)
@FUZZ
@given(data=st.binary(max_size=4096))
def test_random_bytes(kind, data):
    check(data, kind)


@pytest.mark.parametrize("kind", WITH_SEEDS)
@FUZZ
@given(pick=st.integers(0, 10), cut=st.floats(0, 1))
def test_truncated(kind, pick, cut):
    seed = SEEDS[kind][pick % len(SEEDS[kind])]
    check(seed[: int(len(seed) * cut)], kind)


@pytest.mark.parametrize("kind", WITH_SEEDS)
@FUZZ
@given(pick=st.integers(0, 10), flips=st.lists(st.tuples(st.floats(0, 1), st.integers(0, 255)), min_size=1, max_size=16))
def test_flipped_bytes(kind, pick, flips):
    seed = bytearray(SEEDS[kind][pick % len(SEEDS[kind])])
    for where, byte in flips:
        seed[min(len(seed) - 1, int(len(seed) * where))] = byte
    check(bytes(seed), kind)


@pytest.mark.parametrize("kind", [k for k in ("docx", "xlsx", "odt", "ods") if k in WITH_SEEDS])
@FUZZ
@given(pick=st.integers(0, 10), member=st.integers(0, 30), where=st.floats(0, 1), span=st.integers(0, 400),
       insert=st.sampled_from([b"", b"<", b"<w:tbl>", b"<row r=\"0\">", b"&lt;", b"\x00\xff", b"<!DOCTYPE x>", b"]]>", b"<c r=\"ZZZ9999999\"><v>1</v></c>"]))
def test_mutated_xml_inside_the_package(kind, pick, member, where, span, insert):
    seed = SEEDS[kind][pick % len(SEEDS[kind])]

    def edit(body: bytes) -> bytes:
        at = int(len(body) * where)
        return body[:at] + insert + body[at + span:]

    check(mutate_zip_member(seed, member, edit), kind)


def test_huge_cell_and_deep_nesting():
    big = ("规章\t" + "9" * 200_000 + "\t0\t0\n").encode()
    check(big, "txt")
    deep = b"<w:tbl>" * 5000
    check(mutate_zip_member(SEEDS["docx"][0], 0, lambda b: b.replace(b"<w:body>", b"<w:body>" + deep)), "docx")
