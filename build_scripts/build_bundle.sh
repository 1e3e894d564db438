#!/usr/bin/env bash
# The bundle and .deb from a given Python (build_linux.sh runs this inside the Debian 11 root).
# Usage: build_bundle.sh PYTHON WORKDIR
# The Python packages are the project's own pins (pyproject.toml: dependencies, gui and build extras),
# so the bundle ships the PySide6 the tests ran against.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=$1; WORK=$2
reqs=$(mktemp)
"$PY" build_scripts/requirements.py > "$reqs"
"$PY" -m pip install -q --disable-pip-version-check -r "$reqs"
rm -f "$reqs"

rm -rf dist/nianbaocheck "$WORK"
"$PY" -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath "$WORK" build_scripts/nianbaocheck.spec

# A broken bundle (missing hidden import, Qt plugin, font, translation, sample) stops the build here.
QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen} dist/nianbaocheck/nianbaocheck --self-test --expect-resources resources
dist/nianbaocheck/nianbaocheck-cli check --json resources/samples/*.txt > /dev/null || [ $? -eq 1 ]

"$PY" build_scripts/make_deb.py dist/nianbaocheck --out dist
echo "build_bundle: bundle $(du -sh dist/nianbaocheck | cut -f1) in dist/nianbaocheck"
