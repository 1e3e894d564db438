#!/usr/bin/env bash
# Set up (first time only) and run the whole test suite, then ruff.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
.venv/bin/python -m ruff check .
exec .venv/bin/python -m pytest "$@"
