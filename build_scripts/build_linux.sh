#!/usr/bin/env bash
# Build the Linux release: bundle dist/nianbaocheck/ and dist/cn.nianbaocheck.app_<version>_amd64.deb,
# inside a Debian 11 root (glibc 2.31) with CPython 3.11 compiled there, so the package runs on the
# old-glibc desktops clerks have (UOS 20: 2.28; Kylin V10, Debian 11, Ubuntu 20.04: 2.31).
# The roots are cached under /var/cache/nianbaocheck (build_scripts/debian_root.sh): the first build
# makes them (debootstrap + CPython compile, about 10 minutes), later builds reuse them.
# Needs root (debootstrap, chroot), the Debian archive this machine's apt uses, and PyPI while building.
# Steps: PyInstaller → the bundle's self-test and command line → .deb → glibc scan of every ELF file
# in the .deb (build_scripts/glibc_scan.py; fails above the floor).
#
# NIANBAO_HOST_BUILD=1 builds with the host's .venv instead (quick, for development; the .deb then
# needs the host's glibc and the scan is not run).
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)

if [ "${NIANBAO_HOST_BUILD:-}" = 1 ]; then
  PY=.venv/bin/python
  bash build_scripts/build_bundle.sh "$PY" build/pyinstaller
  exit 0
fi

[ "$(id -u)" = 0 ] || { echo "build_linux: needs root (debootstrap, chroot); run with sudo" >&2; exit 1; }
ROOTFS=$(build_scripts/debian_root.sh build)
echo "build_linux: Debian 11 build root ready ($ROOTFS) after $(( $(date +%s) - start )) s"
build_scripts/debian_root.sh run "$ROOTFS" bash /src/build_scripts/build_bundle.sh /opt/python3.11/bin/python3.11 /tmp/pyinstaller
python3 build_scripts/glibc_scan.py --quiet dist/cn.nianbaocheck.app_*_amd64.deb
echo "build_linux: done in $(( $(date +%s) - start )) s"
