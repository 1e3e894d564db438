"""engine must stay importable and usable without Qt."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_engine_does_not_import_qt():
    code = (
        "import sys, pkgutil, importlib, engine\n"
        "for m in pkgutil.walk_packages(engine.__path__, 'engine.'):\n"
        "    if m.name.endswith('__main__'): continue\n"
        "    importlib.import_module(m.name)\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6','PyQt5','PyQt6','shiboken6')]\n"
        "print(','.join(bad)); sys.exit(1 if bad else 0)\n"
    )
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, f"engine imported Qt: {r.stdout} {r.stderr}"


def test_no_qt_import_statement_in_engine_sources():
    offenders = [
        str(p) for p in (ROOT / "engine").rglob("*.py")
        if any(s in p.read_text(encoding="utf-8") for s in ("import PySide6", "from PySide6", "import shiboken6"))
    ]
    assert offenders == []
