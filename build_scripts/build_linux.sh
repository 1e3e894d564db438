#!/usr/bin/env bash
# Build the Linux bundle (dist/nianbaocheck/), run its self-test, and package it as a .deb.
# Needs: the venv with the `gui` and `build` extras, objdump (binutils), dpkg-deb.
# Prints the bundle size, the .deb size and the glibc the package needs.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
"$PY" -c "import PyInstaller" 2>/dev/null || "$PY" -m pip install -q -e ".[gui,build]"

rm -rf dist/nianbaocheck build/pyinstaller
"$PY" -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
  build_scripts/nianbaocheck.spec

# A broken bundle (missing hidden import, Qt plugin, font, translation, sample) stops the build here.
# Run it under a display if there is one (checks the real xcb plugin), else offscreen.
dist/nianbaocheck/nianbaocheck --self-test --expect-resources resources
dist/nianbaocheck/nianbaocheck-cli check --json resources/samples/*.txt > /dev/null || [ $? -eq 1 ]

if command -v dpkg-deb >/dev/null; then
  "$PY" build_scripts/make_deb.py dist/nianbaocheck --out dist
else
  echo "build_linux: dpkg-deb not found; no .deb built" >&2
fi
echo "build_linux: bundle $(du -sh dist/nianbaocheck | cut -f1) in dist/nianbaocheck"
