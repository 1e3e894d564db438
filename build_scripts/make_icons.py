"""Draw the app icon once: resources/app/nianbaocheck.svg, PNGs at 16…256 and a Windows .ico.

The character 年 is stored as an outline path (taken from an installed CJK font through Qt), so
the SVG renders the same everywhere without that font. Run: python build_scripts/make_icons.py
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "resources" / "app"
SIZES = (16, 24, 32, 48, 64, 128, 256)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)

TEMPLATE = """<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">
  <title>年报校对</title>
  <path d="M52 14 H160 L212 66 V226 a16 16 0 0 1 -16 16 H52 a16 16 0 0 1 -16 -16 V30 a16 16 0 0 1 16 -16 Z"
        fill="#ffffff" stroke="#1d4f91" stroke-width="10" stroke-linejoin="round"/>
  <path d="M160 14 V54 a12 12 0 0 0 12 12 H212" fill="#dbe6f5" stroke="#1d4f91" stroke-width="10" stroke-linejoin="round"/>
  <path fill="#c0392b" d="{glyph}"/>
  <circle cx="182" cy="196" r="54" fill="#2e8b47" stroke="#ffffff" stroke-width="8"/>
  <path d="M153 197 L174 218 L213 174" fill="none" stroke="#ffffff" stroke-width="16"
        stroke-linecap="round" stroke-linejoin="round"/>
</svg>
"""


def glyph_path(char: str = "年", box: tuple[float, float, float, float] = (46, 52, 118, 118)) -> str:
    """SVG path data of ``char`` from a CJK font, scaled into ``box`` (x, y, w, h)."""
    from PySide6.QtGui import QFont, QFontDatabase, QPainterPath

    families = [f for f in QFontDatabase.families() if QFontDatabase.writingSystems(f)
                and QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(f)]
    if not families:
        sys.exit("make_icons: no CJK font installed (apt-get install fonts-wqy-microhei)")
    font = QFont(families[0])
    font.setPixelSize(200)
    font.setBold(True)
    p = QPainterPath()
    p.addText(0, 0, font, char)
    r = p.boundingRect()
    s = min(box[2] / r.width(), box[3] / r.height())
    dx = box[0] + (box[2] - r.width() * s) / 2 - r.x() * s
    dy = box[1] + (box[3] - r.height() * s) / 2 - r.y() * s
    out, i = [], 0
    n = p.elementCount()
    while i < n:
        e = p.elementAt(i)
        x, y = e.x * s + dx, e.y * s + dy
        if e.type == QPainterPath.ElementType.MoveToElement:
            out.append(f"M{x:.1f} {y:.1f}")
        elif e.type == QPainterPath.ElementType.LineToElement:
            out.append(f"L{x:.1f} {y:.1f}")
        else:  # CurveToElement followed by two CurveToDataElements
            c2, c3 = p.elementAt(i + 1), p.elementAt(i + 2)
            out.append(f"C{x:.1f} {y:.1f} {c2.x * s + dx:.1f} {c2.y * s + dy:.1f} {c3.x * s + dx:.1f} {c3.y * s + dy:.1f}")
            i += 2
        i += 1
    return " ".join(out) + " Z"


def render_png(svg: Path, size: int) -> bytes:
    """The SVG rendered to a square PNG of ``size`` pixels."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    img = QImage(size, size, QImage.Format.Format_ARGB32)
    img.fill(Qt.GlobalColor.transparent)
    painter = QPainter(img)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(svg)).render(painter)
    painter.end()
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    img.save(buf, "PNG")
    return bytes(data.data())


def write_ico(path: Path, pngs: dict[int, bytes]) -> None:
    """A .ico holding PNG-compressed images (Windows Vista and later read these)."""
    sizes = [s for s in ICO_SIZES if s in pngs]
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = 6 + 16 * len(sizes)
    entries, blobs = b"", b""
    for s in sizes:
        blob = pngs[s]
        entries += struct.pack("<BBBBHHII", s % 256, s % 256, 0, 0, 1, 32, len(blob), offset)
        offset += len(blob)
        blobs += blob
    path.write_bytes(header + entries + blobs)


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    QGuiApplication([])
    OUT.mkdir(parents=True, exist_ok=True)
    svg = OUT / "nianbaocheck.svg"
    svg.write_text(TEMPLATE.format(glyph=glyph_path()), encoding="utf-8")
    pngs = {s: render_png(svg, s) for s in SIZES}
    for s, blob in pngs.items():
        (OUT / f"nianbaocheck-{s}.png").write_bytes(blob)
    write_ico(OUT / "nianbaocheck.ico", pngs)
    print(f"make_icons: wrote {svg.name}, {len(pngs)} PNGs and nianbaocheck.ico to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
