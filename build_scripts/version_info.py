"""Windows version resource for the executables (Explorer → Properties → Details), from pyproject's version."""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

TEMPLATE = """# UTF-8
VSVersionInfo(
  ffi=FixedFileInfo(filevers={tup}, prodvers={tup}, mask=0x3f, flags=0x0, OS=0x40004, fileType=0x1,
                    subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('080404b0', [
      StringStruct('CompanyName', 'NianbaoCheck'),
      StringStruct('FileDescription', '年报校对 NianbaoCheck'),
      StringStruct('FileVersion', '{version}'),
      StringStruct('InternalName', 'nianbaocheck'),
      StringStruct('LegalCopyright', 'NianbaoCheck'),
      StringStruct('OriginalFilename', 'nianbaocheck.exe'),
      StringStruct('ProductName', '年报校对 NianbaoCheck'),
      StringStruct('ProductVersion', '{version}')])]),
    VarFileInfo([VarStruct('Translation', [2052, 1200])])
  ]
)
"""


def project_version() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def numeric_version(version: str) -> tuple[int, int, int, int]:
    """The four numbers Windows version resources hold: ``0.1.0rc1`` -> (0, 1, 0, 0), ``1.2`` -> (1, 2, 0, 0)."""
    release = re.match(r"\d+(?:\.\d+)*", version)
    parts = [int(p) for p in release.group(0).split(".")[:4]] if release else []
    return tuple(parts + [0] * (4 - len(parts)))  # type: ignore[return-value]


def write_version_file(path: Path, version: str | None = None) -> Path:
    """Write PyInstaller's version-resource file for ``version`` (default: pyproject's) to ``path``."""
    version = version or project_version()
    tup = numeric_version(version)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(TEMPLATE.format(tup=tup, version=version), encoding="utf-8")
    return path


if __name__ == "__main__":
    # version_info.py [--numeric]: pyproject's version, or its four numbers joined by dots (for NSIS)
    v = project_version()
    print(".".join(map(str, numeric_version(v))) if "--numeric" in sys.argv[1:] else v)
