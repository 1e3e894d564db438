#!/usr/bin/env bash
# Packaging times and sizes (issue 14): the Linux old-base build and the Windows build under Wine,
# cold (empty cache: debootstrap, CPython compile, Wine prefix, downloads) and warm (cache reused).
# Usage: sudo bench/bench_packaging.sh [--cold]   (--cold uses a fresh cache folder, removed after)
# Prints seconds per step, the .deb and installer sizes and the glibc floor reached.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = --cold ]; then
  export NIANBAO_CACHE=$(mktemp -d /var/tmp/nianbaocheck-cold.XXXXXX)
  trap 'rm -rf "$NIANBAO_CACHE"' EXIT
fi
t() { local s; s=$(date +%s); "$@" > /tmp/bench_packaging.log 2>&1 || { tail -20 /tmp/bench_packaging.log; exit 1; }
      echo "$(( $(date +%s) - s )) s  $*"; }
t build_scripts/build_linux.sh
t build_scripts/build_windows_wine.sh
deb=$(ls dist/cn.nianbaocheck.app_*_amd64.deb)
echo ".deb $(( $(stat -c %s "$deb") / 1000000 )) MB; $(python3 build_scripts/glibc_scan.py --quiet "$deb" | tail -1)"
echo "installer $(( $(stat -c %s dist/NianbaoCheck-*-setup.exe) / 1000000 )) MB"
