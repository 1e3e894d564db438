#!/usr/bin/env bash
# Debian 11 (bullseye, glibc 2.31) roots for the old-base Linux build, made from Debian's own packages
# and cached under $NIANBAO_CACHE (default /var/cache/nianbaocheck) so a second build reuses them:
#   base   bullseye-base/   debootstrap --variant=minbase: the pristine system a .deb is installed into
#   build  bullseye-root/   base + compilers, -dev packages and Qt's runtime libraries, plus CPython 3.11
#                           compiled there into /opt/python3.11 (from the upstream tarball Debian ships
#                           in its python3.11 source package, fetched and verified by apt-get source)
# Each root carries a stamp naming its recipe; a root without the current stamp is rebuilt.
# Needs root (debootstrap, chroot, mounts) and the Debian archive (see MIRROR) while a root is made.
#
# Usage: debian_root.sh base|build          make the root if absent, print its path
#        debian_root.sh run ROOT CMD...     run CMD inside ROOT (private /proc, /dev, /tmp; the
#                                           worktree at /src; pip's cache shared with the host)
set -euo pipefail
CACHE=${NIANBAO_CACHE:-/var/cache/nianbaocheck}
# The Debian archive: NIANBAO_DEBIAN_MIRROR, else the one this machine's apt already uses (an office's
# own mirror on an intranet build machine works the same way).
host_mirror() {
  cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null \
    | grep -v '^[[:space:]]*#' | grep -oE 'https?://[^[:space:]]+/debian/?([[:space:]]|$)' \
    | tr -d '[:space:]' | sed 's:/$::' | head -1 || true
}
MIRROR=${NIANBAO_DEBIAN_MIRROR:-$(host_mirror)}
[ -n "$MIRROR" ] || { echo "debian_root.sh: no Debian archive in /etc/apt; set NIANBAO_DEBIAN_MIRROR" >&2; exit 1; }
SRC=$(cd "$(dirname "$0")/.." && pwd)
BASE=$CACHE/bullseye-base
BUILD=$CACHE/bullseye-root
PYVER=3.11
# A root whose stamp differs from its recipe is remade: bump a number, or change build_python.sh or the
# package list (their checksum is part of the build recipe).
BASE_RECIPE="minbase bullseye 1"

# Compilers and headers for CPython; Qt's runtime libraries (PyInstaller collects what PySide6 links
# to from here, and the bundle's self-test runs here); dpkg-dev/binutils for the .deb and the scan.
BUILD_PACKAGES=(
  build-essential pkg-config dpkg-dev binutils ca-certificates xz-utils file
  libssl-dev zlib1g-dev libbz2-dev libffi-dev liblzma-dev libsqlite3-dev uuid-dev libexpat1-dev
  libgl1 libegl1 libopengl0 libfontconfig1 libfreetype6 libglib2.0-0 libdbus-1-3 libcups2
  libxkbcommon0 libxkbcommon-x11-0 libx11-6 libx11-xcb1 libxcb1 libxcb-cursor0 libxcb-icccm4
  libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0
  libxcb-xkb1 libxcb-sync1 libxcb-xfixes0 libxcb-shm0 libxcb-render0 libxcb-util1 libsm6 libice6
)

BUILD_RECIPE="$BASE_RECIPE; build 1; python $PYVER; $(cat "$SRC/build_scripts/build_python.sh" <(echo "${BUILD_PACKAGES[*]}") | sha256sum | cut -c1-16)"

log() { echo "debian_root: $*" >&2; }

# Run a command in a root inside a private mount namespace: the mounts vanish with the command.
run_in() {
  local root=$1; shift
  cp -L /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
  mkdir -p "$root/src" "$root/root/.cache/pip" /root/.cache/pip
  # the host's CA bundle, for pip behind a proxy that re-signs TLS (the root's own bundle lacks its CA)
  local ca=${SSL_CERT_FILE:-/etc/ssl/certs/ca-certificates.crt}
  [ -f "$ca" ] || ca=""
  touch "$root/etc/host-ca.crt"
  unshare --mount --propagation private -- bash -c '
    set -e; r=$1; src=$2; ca=$3; shift 3
    [ -z "$ca" ] || mount --bind "$ca" "$r/etc/host-ca.crt"
    mount -t proc proc "$r/proc"
    mount --rbind /dev "$r/dev"
    mount -t tmpfs -o size=4g tmpfs "$r/tmp"
    mount --bind "$src" "$r/src"
    mount --bind /root/.cache/pip "$r/root/.cache/pip"
    cert=(); [ -z "$ca" ] || cert=(PIP_CERT=/etc/host-ca.crt SSL_CERT_FILE=/etc/host-ca.crt)
    exec chroot "$r" /usr/bin/env -i HOME=/root PATH=/opt/python3.11/bin:/usr/sbin:/usr/bin:/sbin:/bin \
      LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_ROOT_USER_ACTION=ignore "${cert[@]}" \
      ${http_proxy:+http_proxy=$http_proxy} ${https_proxy:+https_proxy=$https_proxy} "$@"
  ' _ "$root" "$SRC" "$ca" "$@"
}

stamped() { [ -f "$1/.nianbaocheck-stamp" ] && [ "$(cat "$1/.nianbaocheck-stamp")" = "$2" ]; }

make_base() {
  stamped "$BASE" "$BASE_RECIPE" && return
  log "debootstrap --variant=minbase bullseye into $BASE (a few minutes)"
  rm -rf "$BASE.tmp"
  mkdir -p "$CACHE"
  debootstrap --variant=minbase bullseye "$BASE.tmp" "$MIRROR" >&2
  printf 'deb %s bullseye main\ndeb %s bullseye-updates main\ndeb %s-security bullseye-security main\n' \
    "$MIRROR" "$MIRROR" "$MIRROR" > "$BASE.tmp/etc/apt/sources.list"
  rm -rf "$BASE.tmp/var/cache/apt/archives/"*.deb
  echo "$BASE_RECIPE" > "$BASE.tmp/.nianbaocheck-stamp"
  rm -rf "$BASE"; mv "$BASE.tmp" "$BASE"
}

make_build() {
  stamped "$BUILD" "$BUILD_RECIPE" && return
  make_base
  log "build root $BUILD: packages, then CPython $PYVER compiled from Debian's source package"
  rm -rf "$BUILD.tmp"
  cp -a "$BASE" "$BUILD.tmp"
  # Debian 11 has no python3.11; bookworm's source package carries the upstream 3.11 tarball.
  echo "deb-src $MIRROR bookworm main" > "$BUILD.tmp/etc/apt/sources.list.d/bookworm-src.list"
  run_in "$BUILD.tmp" apt-get update -qq
  run_in "$BUILD.tmp" apt-get install -y -qq --no-install-recommends "${BUILD_PACKAGES[@]}" >/dev/null
  run_in "$BUILD.tmp" bash /src/build_scripts/build_python.sh "$PYVER" >&2
  run_in "$BUILD.tmp" apt-get clean
  echo "$BUILD_RECIPE" > "$BUILD.tmp/.nianbaocheck-stamp"
  rm -rf "$BUILD"; mv "$BUILD.tmp" "$BUILD"
}

case "${1:-}" in
  base) make_base; echo "$BASE" ;;
  build) make_build; echo "$BUILD" ;;
  run) shift; root=$1; shift; run_in "$root" "$@" ;;
  *) echo "usage: $0 base|build|run ROOT CMD..." >&2; exit 2 ;;
esac
