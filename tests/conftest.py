"""Shared fixtures: where the shared samples and corpus are, expected tables of the samples."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SAMPLES = SHARED / "samples"
CORPUS = SHARED / "corpus"
EXPECTED = Path(__file__).parent / "expected"
SAMPLE_IDS = sorted(p.stem for p in EXPECTED.glob("0*.json"))


def expected(sample_id: str) -> dict:
    """The expected reading of a sample, written once and checked by eye against its text."""
    return json.loads((EXPECTED / f"{sample_id}.json").read_text(encoding="utf-8"))


def sample_values(sample_id: str) -> dict[str, str]:
    """The sample's cells as typed (blank for a blank cell; missing cells left out), to build a draft of
    another file type holding the same tables."""
    return {a: (c["raw"] or "") for a, c in expected(sample_id)["cells"].items() if c["status"] != "missing"}


def sample_path(sample_id: str) -> Path:
    return SAMPLES / f"{sample_id}.txt"


@pytest.fixture(params=SAMPLE_IDS)
def sample_id(request) -> str:
    return request.param


@pytest.fixture
def unwritable(tmp_path) -> Path:
    """A folder that really refuses new files: read-only for a normal user; for root (who ignores
    permissions) /sys, which the kernel refuses to create files in."""
    if os.name == "posix" and os.geteuid() != 0:
        d = tmp_path / "只读 文件夹"
        d.mkdir()
        d.chmod(0o555)
        yield d
        d.chmod(0o755)
        return
    if Path("/sys/kernel").is_dir():
        try:
            fd, name = tempfile.mkstemp(dir="/sys/kernel")
        except OSError:
            yield Path("/sys/kernel")
            return
        os.close(fd)
        os.unlink(name)
    pytest.skip("no folder here refuses writes to this user")
