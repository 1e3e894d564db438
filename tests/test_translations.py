"""The English translation of the app covers every string the GUI code marks for translation."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import ROOT

TS = ROOT / "resources" / "translations" / "nianbaocheck_en.ts"
LUPDATE = Path(ROOT / ".venv" / "bin" / "pyside6-lupdate")


def _messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(ts).getroot()
    return {(c.findtext("name"), m.findtext("source")): m.find("translation")
            for c in root.iter("context") for m in c.iter("message")}


def test_committed_translation_is_finished_and_compiled() -> None:
    msgs = _messages(TS)
    assert len(msgs) > 100
    def done(t: ET.Element | None) -> bool:
        forms = [f.text for f in t.iter("numerusform")] if t is not None else []
        return t is not None and t.get("type") != "unfinished" and all(x and x.strip() for x in forms or [t.text])

    unfinished = [src for (_, src), t in msgs.items() if not done(t)]
    assert not unfinished
    qm = TS.with_suffix(".qm")
    assert qm.stat().st_size > 1000


def test_every_marked_string_is_translated(tmp_path) -> None:
    exe = str(LUPDATE) if LUPDATE.exists() else shutil.which("pyside6-lupdate")
    if not exe:
        pytest.skip("pyside6-lupdate not installed")
    sources = [str(p) for p in sorted((ROOT / "gui").rglob("*.py"))
               if p.stem not in ("selftest", "crash", "__init__", "__main__")]
    fresh = tmp_path / "fresh.ts"
    subprocess.run([exe, *sources, "-ts", str(fresh), "-source-language", "zh_CN", "-target-language", "en"],
                   check=True, capture_output=True)
    have = _messages(TS)
    missing = sorted(k for k in _messages(fresh) if k not in have)
    assert not missing, f"run scripts/translations.sh and translate: {missing[:10]}"
