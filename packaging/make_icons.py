"""Render the application icon for every platform from packaging/icons/compliance-desk.svg.

Usage: .venv/bin/python packaging/make_icons.py
Writes (and the repository keeps) the results, so a build never needs an SVG renderer:

- packaging/icons/hicolor/<N>x<N>/apps/<APP_ID>.png  N = 16 24 32 48 64 128 256 512 (Linux)
- packaging/icons/compliance-desk.ico                16-256 (Windows, via Pillow)
- packaging/icons/compliance-desk.iconset/           the macOS iconset (iconutil's input)
- packaging/icons/compliance-desk.icns               (macOS, via Pillow)
- resources/icons/compliance-desk.png                256 px, the window icon at run time

The SVG is drawn with Qt's own renderer (QSvgRenderer, PySide6-Essentials), offscreen.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image  # noqa: E402 - after the platform is chosen
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
APP_ID = "org.compliancedesk.ComplianceDesk"
SVG = HERE / "icons" / "compliance-desk.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICONSET = {  # iconutil's names
    "icon_16x16.png": 16,
    "icon_16x16@2x.png": 32,
    "icon_32x32.png": 32,
    "icon_32x32@2x.png": 64,
    "icon_128x128.png": 128,
    "icon_128x128@2x.png": 256,
    "icon_256x256.png": 256,
    "icon_256x256@2x.png": 512,
    "icon_512x512.png": 512,
}


def render(renderer: QSvgRenderer, size: int, out: Path) -> None:
    """Draw the SVG at ``size`` x ``size`` pixels into the PNG ``out``."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(out), "PNG"):
        raise SystemExit(f"could not write {out}")


def main() -> int:
    """Render every size and container format."""
    app = QGuiApplication(sys.argv[:1])  # noqa: F841 - QImage text/paint needs an application
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"{SVG} is not a valid SVG")
    pngs: dict[int, Path] = {}
    for size in SIZES:
        out = HERE / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        render(renderer, size, out)
        pngs[size] = out
    iconset = HERE / "icons" / "compliance-desk.iconset"
    shutil.rmtree(iconset, ignore_errors=True)
    iconset.mkdir()
    for name, size in ICONSET.items():
        shutil.copyfile(pngs[size], iconset / name)
    largest = Image.open(pngs[512])
    largest.save(
        HERE / "icons" / "compliance-desk.ico",
        sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)],
    )
    big = HERE / "icons" / ".icon-1024.png"  # the 512@2x entry of the .icns
    render(renderer, 1024, big)
    Image.open(big).save(HERE / "icons" / "compliance-desk.icns")
    big.unlink()
    runtime = ROOT / "resources" / "icons" / "compliance-desk.png"
    runtime.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(pngs[256], runtime)
    for path in sorted((HERE / "icons").rglob("*")):
        if path.is_file():
            print(f"{path.stat().st_size:>8}  {path.relative_to(ROOT)}")
    print(f"{runtime.stat().st_size:>8}  {runtime.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
