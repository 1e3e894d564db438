"""Print the project's pinned requirements for a bundle: dependencies plus the gui and build extras.

The bundles are built from exactly these (pyproject.toml), so they ship the PySide6 the tests ran against.
Usage: python build_scripts/requirements.py > requirements.txt
"""

import tomllib
from pathlib import Path

project = tomllib.loads((Path(__file__).resolve().parent.parent / "pyproject.toml").read_text(encoding="utf-8"))["project"]
extras = project["optional-dependencies"]
print("\n".join(project["dependencies"] + extras["gui"] + extras["build"]))
