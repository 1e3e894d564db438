#!/usr/bin/env bash
# Set up (first time only) and open the app on a bundled sample report.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh
exec .venv/bin/python -m gui "${@:-resources/samples/sample-2020-xiangdu.txt}"
