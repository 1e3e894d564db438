"""Package the one-folder bundle as a .deb a clerk installs by double-clicking (UOS, Kylin, Debian).

Layout: the UOS store layout, ``/opt/apps/<appid>/`` with ``info``, ``files/`` (the bundle) and
``entries/`` (desktop entry, icons), which UOS requires for its app store and its launcher. The
same desktop entry and icons are also installed under ``/usr/share`` (same file names, so the
launcher shows the app once), because Kylin and plain Debian do not look into ``/opt/apps``;
``/usr/bin/nianbaocheck`` and ``/usr/bin/nianbaocheck-cli`` are links for the command line.

Usage: python build_scripts/make_deb.py dist/nianbaocheck [--out dist] [--version 0.1.0]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import glibc_scan
import system_libs

ROOT = Path(__file__).resolve().parent.parent
APPID = "cn.nianbaocheck.app"
NAME = "nianbaocheck"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)
MIME_TYPES = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "text/plain",
    "application/pdf",
    "application/msword",  # .doc
    "application/vnd.ms-excel",  # .xls
    "application/vnd.oasis.opendocument.text",  # .odt
    "application/vnd.oasis.opendocument.spreadsheet",  # .ods
    "application/wps-office.wps",  # WPS Office for Linux's own types
    "application/wps-office.et",
)


def desktop_entry(exec_path: str) -> str:
    """The desktop entry: Chinese and untranslated keys, opens .docx/.xlsx/.txt/.pdf and .doc/.wps/.xls/.et/.odt/.ods ("open with")."""
    return "\n".join(
        [
            "[Desktop Entry]",
            "Type=Application",
            "Version=1.0",
            "Name=NianbaoCheck",
            "Name[zh_CN]=年报校对",
            "GenericName=Annual report checker",
            "GenericName[zh_CN]=政府信息公开年报校对",
            "Comment=Check the tables of government information-disclosure annual reports",
            "Comment[zh_CN]=检查政府信息公开工作年度报告的统计表格，指出错误并给出修改建议",
            f"Exec={exec_path} %F",
            f"Icon={APPID}",
            "Terminal=false",
            "Categories=Office;",
            f"MimeType={';'.join(MIME_TYPES)};",
            "Keywords=report;annual;check;年报;校对;政府信息公开;",
            "Keywords[zh_CN]=年报;校对;政府信息公开;统计表;",
            "StartupNotify=true",
            f"StartupWMClass={NAME}",
            "",
        ]
    )


def uos_info(version: str, arch: str) -> str:
    """The ``info`` file the UOS store layout requires."""
    info = {
        "appid": APPID,
        "name": "年报校对",
        "version": version,
        "arch": [arch],
        "permissions": {
            "autostart": False, "notification": False, "trayicon": False, "clipboard": True,
            "account": False, "bluetooth": False, "camera": False, "audio_record": False, "installed_apps": False,
        },
    }
    return json.dumps(info, ensure_ascii=False, indent=2) + "\n"


def min_glibc(bundle: Path) -> str:
    """The newest ``GLIBC_x.y`` symbol version any binary in the bundle needs (the package's floor)."""
    found = glibc_scan.scan(bundle)
    return glibc_scan.fmt(max((n.glibc for n in found.values()), default=(2, 17)))


def system_libraries(bundle: Path) -> set[str]:
    """Libraries the bundle's binaries link to (DT_NEEDED) that the bundle does not carry."""
    have = {p.name for p in bundle.rglob("*")}
    needed: set[str] = set()
    for p in glibc_scan.elf_files(bundle):
        needed.update(glibc_scan.needed_libraries(p))
    return needed - have


def control(version: str, arch: str, installed_kb: int, glibc: str, system: list[str]) -> str:
    depends = ", ".join((f"libc6 (>= {glibc})", *system))
    return "\n".join(
        [
            f"Package: {APPID}",
            f"Version: {version}",
            f"Architecture: {arch}",
            "Maintainer: NianbaoCheck <nianbaocheck@example.invalid>",
            f"Installed-Size: {installed_kb}",
            f"Depends: {depends}",
            "Section: office",
            "Priority: optional",
            "Description: 年报校对 NianbaoCheck: offline checker for annual disclosure reports",
            " 检查《政府信息公开工作年度报告》的三张统计表：勾稽关系、总计、空白，",
            " 指出最可能出错的单元格并给出修改建议。完全离线运行，不访问网络。",
            " Offline desktop tool that checks the statistical tables of Chinese government",
            " information-disclosure annual reports (.docx, .xlsx, .txt, .pdf).",
            "",
        ]
    )


def stage(bundle: Path, root: Path, version: str, arch: str) -> str:
    """Lay out the package tree under ``root``; return the glibc floor."""
    app = root / "opt" / "apps" / APPID
    shutil.copytree(bundle, app / "files", symlinks=True)
    (app / "info").write_text(uos_info(version, arch), encoding="utf-8")
    exec_path = f"/opt/apps/{APPID}/files/{NAME}"
    res = ROOT / "resources" / "app"
    for base in (app / "entries", root / "usr" / "share"):
        (base / "applications").mkdir(parents=True)
        (base / "applications" / f"{APPID}.desktop").write_text(desktop_entry(exec_path), encoding="utf-8")
        for s in ICON_SIZES:
            d = base / "icons" / "hicolor" / f"{s}x{s}" / "apps"
            d.mkdir(parents=True)
            shutil.copy(res / f"{NAME}-{s}.png", d / f"{APPID}.png")
        d = base / "icons" / "hicolor" / "scalable" / "apps"
        d.mkdir(parents=True)
        shutil.copy(res / f"{NAME}.svg", d / f"{APPID}.svg")
    (root / "usr" / "bin").mkdir(parents=True)
    for exe in (NAME, f"{NAME}-cli"):
        os.symlink(f"/opt/apps/{APPID}/files/{exe}", root / "usr" / "bin" / exe)
    glibc = min_glibc(bundle)
    outside = system_libraries(bundle)
    unknown = sorted(n for n in outside if not system_libs.is_system(n))
    if unknown:  # neither in the bundle nor provided by a declared package: the app would not start
        sys.exit(f"make_deb: the bundle links to {', '.join(unknown)}, which it neither carries nor declares")
    kb = sum(p.stat().st_size for p in root.rglob("*") if p.is_file() and not p.is_symlink()) // 1024
    (root / "DEBIAN").mkdir()
    (root / "DEBIAN" / "control").write_text(control(version, arch, kb, glibc, system_libs.depends(outside)), encoding="utf-8")
    for p in root.rglob("*"):  # dpkg wants sane modes whatever the umask was
        if not p.is_symlink():
            p.chmod(0o755 if p.is_dir() or os.access(p, os.X_OK) else 0o644)
    return glibc


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("bundle", type=Path, help="the PyInstaller one-folder output (dist/nianbaocheck)")
    ap.add_argument("--out", type=Path, default=ROOT / "dist")
    ap.add_argument("--version", default=tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"])
    ap.add_argument("--arch", default=subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True).stdout.strip())
    args = ap.parse_args(argv)
    if not (args.bundle / NAME).is_file():
        sys.exit(f"make_deb: {args.bundle / NAME} not found; build the bundle first")
    root = args.out / "deb-root"
    shutil.rmtree(root, ignore_errors=True)
    glibc = stage(args.bundle, root, args.version, args.arch)
    deb = args.out / f"{APPID}_{args.version}_{args.arch}.deb"
    subprocess.run(["dpkg-deb", "--root-owner-group", "-Zxz", "-z9", "--build", str(root), str(deb)], check=True,
                   stdout=subprocess.DEVNULL)
    shutil.rmtree(root)
    print(f"make_deb: {deb} ({deb.stat().st_size / 1e6:.1f} MB), needs glibc >= {glibc}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
