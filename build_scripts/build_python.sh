#!/usr/bin/env bash
# Compile CPython into /opt/python$1 inside the Debian 11 build root (called by debian_root.sh).
# Source: the upstream tarball inside Debian's python3.$x source package (apt-get source checks it
# against the signed archive). Linked against glibc 2.31 but bound to symbols glibc 2.28 has, so the
# bundle's libpython and extension modules run on UOS 20 (glibc 2.28):
#  - sem_clockwait (2.30) is not used: configure is told it is absent (Python falls back to
#    sem_timedwait, as on any older glibc);
#  - exp/exp2/log/log2/pow got new symbol versions in 2.29; a header force-included into every
#    compilation binds them to the old versions, which compute the same results.
set -euo pipefail
PYVER=${1:-3.11}
PREFIX=/opt/python$PYVER
COMPAT=/usr/local/include/nianbaocheck-glibc228.h
mkdir -p /usr/local/include
cat > "$COMPAT" <<'H'
/* Bind math functions to the symbol versions glibc 2.28 has (see build_python.sh). */
__asm__(".symver exp,exp@GLIBC_2.2.5");
__asm__(".symver exp2,exp2@GLIBC_2.2.5");
__asm__(".symver log,log@GLIBC_2.2.5");
__asm__(".symver log2,log2@GLIBC_2.2.5");
__asm__(".symver pow,pow@GLIBC_2.2.5");
H
work=$(mktemp -d /tmp/pybuild.XXXXXX)
cd "$work"
apt-get source --download-only -qq "python$PYVER" >/dev/null
tar xf python"$PYVER"_*.orig.tar.*
cd Python-"$PYVER".*/
start=$(date +%s)
./configure -q --prefix="$PREFIX" --enable-shared --with-ensurepip=install \
  LDFLAGS="-Wl,-rpath,$PREFIX/lib" CFLAGS_NODIST="-include $COMPAT" \
  ac_cv_func_sem_clockwait=no
make -s -j"$(nproc)" >/dev/null
make -s install >/dev/null
rm -rf "$PREFIX"/lib/python"$PYVER"/test "$PREFIX"/lib/python"$PYVER"/idlelib/idle_test
cd /; rm -rf "$work"
"$PREFIX/bin/python$PYVER" -c "import ssl, sqlite3, lzma, bz2, zlib, ctypes, uuid, math; print('built', __import__('sys').version)"
echo "build_python: CPython $PYVER compiled in $(( $(date +%s) - start )) s"
