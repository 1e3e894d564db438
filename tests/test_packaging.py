"""Packaging: the self-test, the bundle filter, the .deb layout and desktop entry, the NSIS script.

Fast tests run always. The full PyInstaller build (about 2 minutes) runs only with
NIANBAO_BUILD_TESTS=1: it builds dist/nianbaocheck and the .deb, runs the frozen self-test (also
without network) and checks that a bundle missing a sample fails it.
"""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "build_scripts"
sys.path.insert(0, str(BUILD))

import bundle_filter  # noqa: E402
import glibc_scan  # noqa: E402
import make_deb  # noqa: E402
import system_libs  # noqa: E402
import version_info  # noqa: E402

BUILD_TESTS = os.environ.get("NIANBAO_BUILD_TESTS") == "1"


def _env() -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONUTF8": "1"}


# ---- self-test -----------------------------------------------------------------------------


def test_selftest_passes_from_source(tmp_path):
    out = tmp_path / "selftest.txt"
    p = subprocess.run(
        [sys.executable, "-m", "gui", "--self-test", "--out", str(out), "--expect-resources", str(ROOT / "resources")],
        cwd=ROOT, env=_env(), capture_output=True, text=True, timeout=120,
    )
    assert p.returncode == 0, p.stdout + p.stderr
    text = out.read_text(encoding="utf-8")
    assert "self-test passed" in text and "FAIL" not in text
    assert "sample-2020-xiangdu.txt" in text and "qtbase_zh_CN" in text


def test_selftest_fails_without_samples(qapp, tmp_path):
    from gui import selftest

    checks = selftest.run(tmp_path)
    failed = [msg for ok, msg in checks if not ok]
    assert any("no sample report" in m for m in failed)


def test_selftest_fails_on_broken_font_and_translation(qapp, tmp_path):
    from gui import selftest

    (tmp_path / "fonts").mkdir()
    (tmp_path / "fonts" / "broken.ttf").write_bytes(b"not a font")
    (tmp_path / "translations").mkdir()
    (tmp_path / "translations" / "nianbaocheck_zh_CN.qm").write_bytes(b"not a qm file")
    fonts = selftest.check_fonts(tmp_path)
    assert fonts and not all(ok for ok, _ in fonts)
    translations = selftest.check_translations(tmp_path)
    assert any(not ok and "nianbaocheck_zh_CN.qm" in msg for ok, msg in translations)


def test_selftest_reports_resources_missing_from_bundle(tmp_path):
    from gui import selftest

    source, bundle = tmp_path / "src", tmp_path / "bundle"
    (source / "fonts").mkdir(parents=True)
    (source / "fonts" / "a.ttf").write_bytes(b"x")
    bundle.mkdir()
    [(ok, msg)] = selftest.check_expected(bundle, source)
    assert not ok and "fonts/a.ttf" in msg.replace("\\", "/")
    (bundle / "fonts").mkdir()
    (bundle / "fonts" / "a.ttf").write_bytes(b"x")
    assert selftest.check_expected(bundle, source)[0][0]


def test_selftest_main_returns_1_and_writes_out_on_failure(qapp, tmp_path, monkeypatch):
    from gui import selftest

    monkeypatch.setattr(selftest, "resources_dir", lambda: tmp_path)
    out = tmp_path / "out.txt"
    assert selftest.main(["--out", str(out)]) == 1
    assert "self-test FAILED" in out.read_text(encoding="utf-8")


# ---- bundle filter ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "dest",
    [
        "PySide6/Qt/translations/qtbase_zh_CN.qm",
        "PySide6/Qt/translations/qt_zh_CN.qm",
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6/plugins/platforms/qwindows.dll",
        "PySide6/Qt/plugins/imageformats/libqsvg.so",
        "PySide6/Qt/plugins/styles/qmodernwindowsstyle.dll",
        "PySide6/Qt/lib/libQt6Widgets.so.6",
        "PySide6/Qt6Widgets.dll",
        "PySide6/Qt/lib/libQt6DBus.so.6",
        "engine/formats/format_2021.toml",
        "resources/translations/nianbaocheck_zh_CN.qm",
        "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
        "PySide6/plugins/printsupport/windowsprintersupport.dll",
    ],
)
def test_filter_keeps(dest):
    assert bundle_filter.keep(dest)


@pytest.mark.parametrize(
    "dest",
    [
        "PySide6/Qt/translations/qtbase_de.qm",
        "PySide6/Qt/translations/qtdeclarative_zh_CN.qm",
        "PySide6/Qt/plugins/platforms/libqwayland.so",
        "PySide6/Qt/plugins/platforms/libqwayland-egl.so",
        "PySide6/Qt/plugins/platforms/libqwayland-generic.so",
        "PySide6/Qt/plugins/platforms/libqvnc.so",
        "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
        "PySide6/Qt/plugins/imageformats/libqtiff.so",
        "PySide6/Qt/plugins/sqldrivers/libqsqlite.so",
        "PySide6/Qt/plugins/tls/libqopensslbackend.so",
        "PySide6/Qt/lib/libQt6Quick.so.6",
        "PySide6/Qt/lib/libQt6Network.so.6",
        "PySide6/Qt/lib/libQt6WaylandClient.so.6",
        "PySide6/Qt6Qml.dll",
        "PySide6/opengl32sw.dll",
        "PySide6/QtWidgets.pyi",
        "libcups.so.2",
    ],
)
def test_filter_drops(dest):
    assert not bundle_filter.keep(dest)


def test_prune_keeps_only_what_is_linked():
    toc = [
        ("PySide6/QtWidgets.abi3.so", "/src/QtWidgets.abi3.so", "EXTENSION"),
        ("PySide6/Qt/lib/libQt6Widgets.so.6", "/src/libQt6Widgets.so.6", "BINARY"),
        ("PySide6/Qt/lib/libQt6Gui.so.6", "/src/libQt6Gui.so.6", "BINARY"),
        ("libcairo.so.2", "/src/libcairo.so.2", "BINARY"),  # only the dropped GTK theme needed it
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/src/libqxcb.so", "BINARY"),
        ("libxcb-cursor.so.0", "/src/libxcb-cursor.so.0", "BINARY"),
        ("libpython3.11.so.1.0", "/src/libpython3.11.so.1.0", "BINARY"),  # loaded by the bootloader
    ]
    links = {
        "/src/QtWidgets.abi3.so": ["libQt6Widgets.so.6"],
        "/src/libQt6Widgets.so.6": ["libQt6Gui.so.6", "libc.so.6"],
        "/src/libqxcb.so": ["/some/where/libxcb-cursor.so.0"],
    }
    kept = {e[0] for e in bundle_filter.prune_unreachable(toc, lambda src: links.get(src, []))}
    assert kept == {d for d, _, _ in toc} - {"libcairo.so.2"}


def test_prune_keeps_top_level_extension_modules():
    # the Windows standard library: _socket.pyd sits next to the DLLs and nothing links to it
    toc = [("_socket.pyd", "C:/py/_socket.pyd", "EXTENSION"), ("libffi-8.dll", "C:/py/libffi-8.dll", "BINARY"),
           ("_ctypes.pyd", "C:/py/_ctypes.pyd", "EXTENSION"), ("unused.dll", "C:/py/unused.dll", "BINARY")]
    kept = bundle_filter.prune_unreachable(toc, lambda src: ["libffi-8.dll"] if src.endswith("_ctypes.pyd") else [])
    assert [e[0] for e in kept] == ["_socket.pyd", "libffi-8.dll", "_ctypes.pyd"]


def test_prune_matches_windows_names_case_insensitively():
    toc = [("PySide6/QtCore.pyd", "C:/s/QtCore.pyd", "EXTENSION"), ("PySide6/Qt6Core.dll", "C:/s/Qt6Core.dll", "BINARY"),
           ("PySide6/Qt6Quick.dll", "C:/s/Qt6Quick.dll", "BINARY")]
    kept = bundle_filter.prune_unreachable(toc, lambda src: ["QT6CORE.DLL"] if src.endswith("QtCore.pyd") else [])
    assert [e[0] for e in kept] == ["PySide6/QtCore.pyd", "PySide6/Qt6Core.dll"]


# ---- Linux package ---------------------------------------------------------------------------


def test_desktop_entry_has_chinese_and_untranslated_keys(tmp_path):
    text = make_deb.desktop_entry("/opt/apps/x/files/nianbaocheck")
    for key in ("Name=", "Name[zh_CN]=年报校对", "Comment=", "Comment[zh_CN]=", "GenericName[zh_CN]="):
        assert key in text
    mime = next(line for line in text.splitlines() if line.startswith("MimeType="))
    assert "wordprocessingml.document" in mime and "spreadsheetml.sheet" in mime and "text/plain" in mime
    assert "application/msword" in mime and "application/vnd.ms-excel" in mime and "opendocument.text" in mime
    assert "Exec=/opt/apps/x/files/nianbaocheck %F" in text


@pytest.mark.skipif(not shutil.which("desktop-file-validate"), reason="desktop-file-utils not installed")
def test_desktop_entry_validates(tmp_path):
    f = tmp_path / f"{make_deb.APPID}.desktop"
    f.write_text(make_deb.desktop_entry("/opt/apps/x/files/nianbaocheck"), encoding="utf-8")
    p = subprocess.run(["desktop-file-validate", str(f)], capture_output=True, text=True)
    assert p.returncode == 0 and not p.stdout.strip(), p.stdout + p.stderr


def _fake_bundle(tmp_path: Path) -> Path:
    bundle = tmp_path / "bundle"
    (bundle / "_internal").mkdir(parents=True)
    for exe in ("nianbaocheck", "nianbaocheck-cli"):
        shutil.copy("/bin/true", bundle / exe)
    return bundle


@pytest.mark.skipif(not (shutil.which("objdump") and Path("/bin/true").exists()), reason="needs binutils")
def test_deb_tree_has_uos_and_freedesktop_layout(tmp_path):
    root = tmp_path / "root"
    glibc = make_deb.stage(_fake_bundle(tmp_path), root, "1.2.3", "amd64")
    app = root / "opt" / "apps" / make_deb.APPID
    info = json.loads((app / "info").read_text(encoding="utf-8"))
    assert info["appid"] == make_deb.APPID and info["version"] == "1.2.3" and info["arch"] == ["amd64"]
    assert (app / "files" / "nianbaocheck").stat().st_mode & 0o111
    for base in (app / "entries", root / "usr" / "share"):
        assert (base / "applications" / f"{make_deb.APPID}.desktop").is_file()
        assert (base / "icons" / "hicolor" / "48x48" / "apps" / f"{make_deb.APPID}.png").is_file()
        assert (base / "icons" / "hicolor" / "scalable" / "apps" / f"{make_deb.APPID}.svg").is_file()
    assert os.readlink(root / "usr" / "bin" / "nianbaocheck") == f"/opt/apps/{make_deb.APPID}/files/nianbaocheck"
    control = (root / "DEBIAN" / "control").read_text(encoding="utf-8")
    assert f"Package: {make_deb.APPID}" in control and f"libc6 (>= {glibc})" in control
    assert tuple(int(x) for x in glibc.split(".")) >= (2, 17)


def test_icons_exist_at_every_size():
    res = ROOT / "resources" / "app"
    for s in make_deb.ICON_SIZES:
        data = (res / f"nianbaocheck-{s}.png").read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert int.from_bytes(data[16:20], "big") == s  # IHDR width
    ico = (res / "nianbaocheck.ico").read_bytes()
    assert ico[:4] == b"\0\0\1\0" and int.from_bytes(ico[4:6], "little") >= 5


# ---- glibc floor ------------------------------------------------------------------------------

_EXP = "#include <math.h>\n#include <stdlib.h>\nint main(int c, char **v) { return (int)exp(atof(v[c - 1])); }\n"


def _compile(tmp_path: Path, name: str, *flags: str) -> Path:
    (tmp_path / "exp.c").write_text(_EXP)
    out = tmp_path / "tree" / name
    out.parent.mkdir(exist_ok=True)
    subprocess.run(["gcc", "-O0", *flags, str(tmp_path / "exp.c"), "-o", str(out), "-lm"], check=True)
    return out


@pytest.mark.skipif(not (shutil.which("gcc") and shutil.which("objdump")), reason="needs gcc and binutils")
def test_glibc_scan_flags_new_symbols_and_the_compat_header_binds_old_ones(tmp_path, capsys):
    header = tmp_path / "compat.h"
    header.write_text(next(s for s in (BUILD / "build_python.sh").read_text().split("<<'H'\n")[1:]).split("\nH\n")[0])
    plain = _compile(tmp_path, "plain")
    old = _compile(tmp_path, "old", "-include", str(header))
    found = glibc_scan.scan(tmp_path / "tree")
    assert "exp" in found[Path("old")].culprits("GLIBC", (2, 2, 5))  # the version glibc 2.28 has
    assert not any("exp" in syms for (kind, v), syms in found[Path("old")].symbols.items() if v >= (2, 29))
    if found[Path("plain")].glibc >= (2, 29):  # built on glibc >= 2.29: the default exp is the new one
        assert "exp" in found[Path("plain")].culprits("GLIBC", (2, 29))
        assert glibc_scan.main([str(tmp_path / "tree"), "--floor", "2.28"]) == 1
        assert "TOO NEW" in capsys.readouterr().out
    for exe in (plain, old):  # both compute the same: int(exp(2)) == 7
        assert subprocess.run([str(exe), "2"]).returncode == 7
    assert glibc_scan.main([str(tmp_path / "tree"), "--floor", "9.0"]) == 0


def test_depends_come_from_the_libraries_linked():
    deps = system_libs.depends({"libc.so.6", "libm.so.6", "libxcb-icccm.so.4", "libxcb.so.1", "libGL.so.1", "libgcc_s.so.1"})
    assert deps == ["libgl1 | libgl1-mesa-glx", "libgcc-s1 | libgcc1", "libxcb-icccm4", "libxcb1"]
    assert system_libs.is_system("libxcb-render-util.so.0") and not system_libs.is_system("libssl.so.1.1")
    assert bundle_filter.keep("libssl.so.1.1") and not bundle_filter.keep("libstdc++.so.6")


def test_a_cached_debian_root_is_reused_not_remade(tmp_path):
    # a root whose stamp matches its recipe is used as it is: no debootstrap, no root rights needed
    recipe = next(line.split("=", 1)[1].strip('"') for line in (BUILD / "debian_root.sh").read_text().splitlines()
                  if line.startswith("BASE_RECIPE="))
    base = tmp_path / "bullseye-base"
    base.mkdir()
    (base / ".nianbaocheck-stamp").write_text(recipe + "\n")
    (base / "marker").write_text("cached")
    env = {**os.environ, "NIANBAO_CACHE": str(tmp_path), "PATH": "/usr/bin:/bin"}  # no debootstrap on PATH
    p = subprocess.run([str(BUILD / "debian_root.sh"), "base"], env=env, capture_output=True, text=True, timeout=60)
    assert p.returncode == 0 and p.stdout.strip() == str(base), p.stderr
    assert (base / "marker").read_text() == "cached"


# ---- Windows installer and version resource -------------------------------------------------


def _stub_bundle(tmp_path: Path) -> Path:
    stub = tmp_path / "nianbaocheck"
    (stub / "_internal").mkdir(parents=True)
    (stub / "nianbaocheck.exe").write_bytes(b"MZ stub")
    (stub / "nianbaocheck-cli.exe").write_bytes(b"MZ stub")
    (stub / "_internal" / "python311.dll").write_bytes(b"stub")
    return stub


def _makensis(tmp_path: Path, *args: str, version: str = "0.1.0", env: dict[str, str] | None = None):
    setup = tmp_path / f"NianbaoCheck-{version}-setup.exe"  # a bare "setup.exe" draws an NSIS warning
    numeric = ".".join(map(str, version_info.numeric_version(version)))
    p = subprocess.run(
        ["makensis", "-V2", "-WX", *args, f"-DVERSION={version}", f"-DVERSION_NUM={numeric}",
         f"-DBUNDLE={_stub_bundle(tmp_path)}", f"-DOUTFILE={setup}", str(BUILD / "nianbaocheck.nsi")],
        capture_output=True, text=True, timeout=120, env=env,
    )
    assert p.returncode == 0, p.stdout + p.stderr
    return setup.read_bytes()


@pytest.mark.skipif(not shutil.which("makensis"), reason="nsis not installed (apt-get install nsis)")
def test_nsis_script_compiles_against_a_stub_bundle(tmp_path):
    assert _makensis(tmp_path)[:2] == b"MZ"


@pytest.mark.skipif(not shutil.which("makensis"), reason="nsis not installed")
@pytest.mark.parametrize("codepage", [None, "CP936", "CP1252"])
def test_nsis_installer_holds_the_chinese_name_under_any_code_page(tmp_path, codepage):
    # LANG=C, and makensis told the script is in a Chinese or Western Windows code page, as it assumes
    # for a file without a BOM there: the BOM must win and the installer show 年报校对, not ????.
    env = {**os.environ, "LANG": "C", "LC_ALL": "C"}
    args = ["-DUNCOMPRESSED", *(["-INPUTCHARSET", codepage] if codepage else [])]
    data = _makensis(tmp_path, *args, env=env)
    for text in ("年报校对 0.1.0", "年报校对 安装程序", "现在运行年报校对"):
        assert text.encode("utf-16-le") in data, text
    assert "????".encode("utf-16-le") not in data


@pytest.mark.skipif(not shutil.which("makensis"), reason="nsis not installed")
def test_nsis_accepts_a_prerelease_version(tmp_path):
    data = _makensis(tmp_path, "-DUNCOMPRESSED", version="0.1.0rc1")
    assert "0.1.0rc1".encode("utf-16-le") in data


def test_numeric_version_for_windows_resources():
    assert version_info.numeric_version("0.1.0rc1") == (0, 1, 0, 0)
    assert version_info.numeric_version("1.2") == (1, 2, 0, 0)
    assert version_info.numeric_version("1.2.3.4.5") == (1, 2, 3, 4)
    assert version_info.numeric_version("2.0.dev3") == (2, 0, 0, 0)


@pytest.mark.skipif(not shutil.which("makensis"), reason="nsis not installed")
def test_nsis_script_refuses_a_build_without_bundle(tmp_path):
    p = subprocess.run(["makensis", "-V1", "-DVERSION=0.1.0", "-DVERSION_NUM=0.1.0.0", f"-DOUTFILE={tmp_path / 's.exe'}",
                        str(BUILD / "nianbaocheck.nsi")], capture_output=True, text=True, timeout=60)
    assert p.returncode != 0 and not (tmp_path / "s.exe").exists()


def test_nsis_script_never_asks_for_administrator_rights():
    text = (BUILD / "nianbaocheck.nsi").read_bytes()
    assert text.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: read as UTF-8 whatever the code page
    script = text.decode("utf-8-sig")
    levels = [line.split()[1].lower() for line in script.splitlines() if line.strip().startswith("RequestExecutionLevel")]
    assert levels == ["user"]
    assert "MULTIUSER_EXECUTIONLEVEL" not in script


def test_version_resource_is_a_python_expression_with_the_version(tmp_path):
    f = version_info.write_version_file(tmp_path / "v.txt", "2.3.4")
    text = f.read_text(encoding="utf-8")
    tree = ast.parse(text, mode="eval")
    assert isinstance(tree.body, ast.Call) and tree.body.func.id == "VSVersionInfo"
    assert "(2, 3, 4, 0)" in text and "'2.3.4'" in text


# ---- the real build (NIANBAO_BUILD_TESTS=1) --------------------------------------------------


@pytest.fixture(scope="module")
def built() -> Path:
    if not BUILD_TESTS:
        pytest.skip("set NIANBAO_BUILD_TESTS=1 to build the bundle and the .deb (about 2 minutes)")
    p = subprocess.run([str(BUILD / "build_linux.sh")], cwd=ROOT, env=_env(), capture_output=True, text=True, timeout=1800)
    assert p.returncode == 0, p.stdout[-4000:] + p.stderr[-4000:]
    return ROOT / "dist" / "nianbaocheck"


def test_bundle_self_test_passes_offline(built):
    cmd = [str(built / "nianbaocheck"), "--self-test", "--expect-resources", str(ROOT / "resources")]
    if shutil.which("unshare") and subprocess.run(["unshare", "-rn", "true"], capture_output=True).returncode == 0:
        cmd = ["unshare", "-rn", *cmd]  # no network at all, as on an intranet PC
    p = subprocess.run(cmd, env=_env(), capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stdout + p.stderr
    assert "self-test passed" in p.stdout


def test_bundle_without_sample_fails_self_test(built, tmp_path):
    broken = tmp_path / "nianbaocheck"
    shutil.copytree(built, broken, symlinks=True)
    for f in (broken / "_internal" / "resources" / "samples").glob("*.txt"):
        f.unlink()
    p = subprocess.run([str(broken / "nianbaocheck"), "--self-test"], env=_env(), capture_output=True, text=True, timeout=120)
    assert p.returncode == 1 and "FAIL" in p.stdout


def test_bundle_cli_checks_a_file(built):
    sample = ROOT / "resources" / "samples" / "sample-2020-xiangdu.txt"
    p = subprocess.run([str(built / "nianbaocheck-cli"), "check", "--json", str(sample)], capture_output=True, text=True, timeout=120)
    assert p.returncode in (0, 1), p.stderr
    assert json.loads(p.stdout.splitlines()[0])["format"] in ("2019", "2021")


def test_bundle_is_cut_down_and_self_contained(built):
    names = {p.name for p in built.rglob("*")}
    assert not {"libQt6Quick.so.6", "libQt6Qml.so.6", "libQt6Network.so.6", "libqwayland.so", "qtbase_de.qm"} & names
    outside = make_deb.system_libraries(built)
    assert all(system_libs.is_system(n) for n in outside), sorted(outside)
    # the system's C++ runtime, GL and X libraries are used, never copies from the build machine
    assert not {"libstdc++.so.6", "libgcc_s.so.1", "libGL.so.1", "libxcb.so.1", "libfontconfig.so.1"} & names


def test_deb_is_small_and_its_desktop_entry_validates(built, tmp_path):
    [deb] = sorted((ROOT / "dist").glob(f"{make_deb.APPID}_*.deb"))
    assert deb.stat().st_size <= 80 * 1024 * 1024
    subprocess.run(["dpkg-deb", "-x", str(deb), str(tmp_path)], check=True)
    desktop = tmp_path / "usr" / "share" / "applications" / f"{make_deb.APPID}.desktop"
    assert (tmp_path / "opt" / "apps" / make_deb.APPID / "entries" / "applications" / desktop.name).is_file()
    if shutil.which("desktop-file-validate"):
        assert subprocess.run(["desktop-file-validate", str(desktop)]).returncode == 0
    p = subprocess.run([str(tmp_path / "opt" / "apps" / make_deb.APPID / "files" / "nianbaocheck"), "--self-test"],
                       env=_env(), capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stdout + p.stderr


def test_every_elf_file_in_the_deb_is_within_the_glibc_floor(built, capsys):
    [deb] = sorted((ROOT / "dist").glob(f"{make_deb.APPID}_*.deb"))
    assert glibc_scan.main([str(deb), "--quiet"]) == 0, capsys.readouterr().out
    control = subprocess.run(["dpkg-deb", "-f", str(deb), "Depends"], capture_output=True, text=True, check=True).stdout
    libc = re.search(r"libc6 \(>= ([\d.]+)\)", control)
    assert libc and tuple(map(int, libc.group(1).split("."))) <= glibc_scan.FLOOR_GLIBC, control
    assert "libstdc++6" in control and "libxcb1" in control


# ---- the .deb in a Debian 11 system (glibc 2.31), as on Kylin V10 (NIANBAO_BUILD_TESTS=1, root) ------------

DEBIAN_ROOT = BUILD / "debian_root.sh"


@pytest.fixture(scope="module")
def debian11(built, tmp_path_factory) -> Path:
    if os.geteuid() != 0:
        pytest.skip("installing into a Debian 11 root needs root (chroot)")
    base = subprocess.run([str(DEBIAN_ROOT), "base"], capture_output=True, text=True, check=True, timeout=1800).stdout
    root = tmp_path_factory.mktemp("debian11") / "root"
    subprocess.run(["cp", "-a", base.strip(), str(root)], check=True)
    [deb] = sorted((ROOT / "dist").glob(f"{make_deb.APPID}_*.deb"))
    p = _in_root(root, "bash", "-c", f"apt-get update -qq && apt-get install -y -qq --no-install-recommends /src/dist/{deb.name}")
    assert p.returncode == 0, p.stdout[-3000:] + p.stderr[-3000:]
    yield root
    shutil.rmtree(root)


def _in_root(root: Path, *cmd: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(DEBIAN_ROOT), "run", str(root), *cmd], capture_output=True, text=True, timeout=900)


def test_deb_installed_in_debian11_passes_its_self_test(debian11):
    assert "2.31" in _in_root(debian11, "ldd", "--version").stdout  # the old glibc, not the host's
    p = _in_root(debian11, "env", "QT_QPA_PLATFORM=offscreen", "nianbaocheck", "--self-test")
    assert p.returncode == 0, p.stdout + p.stderr
    assert "self-test passed" in p.stdout


def test_deb_installed_in_debian11_checks_a_sample_from_the_command_line(debian11):
    p = _in_root(debian11, "nianbaocheck-cli", "check", "--json", "/src/resources/samples/sample-2020-xiangdu.txt")
    assert p.returncode in (0, 1), p.stderr
    assert json.loads(p.stdout.splitlines()[0])["format"] in ("2019", "2021")


def _pyside_pin() -> str:
    import tomllib

    gui = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]["gui"]
    return next(r for r in gui if r.startswith("PySide6"))


def test_bundles_are_built_from_the_pinned_pyside6():
    pin = _pyside_pin()
    out = subprocess.run([sys.executable, str(BUILD / "requirements.py")], capture_output=True, text=True, check=True).stdout
    assert pin in out.splitlines() and "==" in pin  # one exact version for tests, venv and both bundles
    assert "pyinstaller" in out.lower() and "pytest" not in out


def test_linux_bundle_ships_the_pinned_pyside6(built):
    pin = _pyside_pin()
    major_minor = ".".join(pin.split("==")[1].split(".")[:2])
    assert (built / "_internal" / f"libpyside6.abi3.so.{major_minor}").exists()
