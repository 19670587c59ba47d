"""Fonts for the window where the system has none (a bare machine, a minimal container).

Qt draws text with the system's fonts (fontconfig on Linux). A packaged app may land on a
machine with no fonts at all, and then every label is a row of boxes. In that case, and only
then, the fonts shipped in resources/fonts (DejaVu Sans for Latin, Greek and Cyrillic; WenQuanYi
Micro Hei for CJK) are registered with Qt and DejaVu Sans becomes the window's font. Where the
system has fonts nothing changes. The check resolves the application font, which Qt does at the
first text it lays out anyway; registering costs about 5 ms, paid only on a machine without fonts.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QGuiApplication

from desktop_app.assets import asset

log = logging.getLogger(__name__)

SHIPPED = (
    "fonts/DejaVuSans.ttf",
    "fonts/DejaVuSans-Bold.ttf",
    "fonts/DejaVuSans-Oblique.ttf",
    "fonts/DejaVuSans-BoldOblique.ttf",
    "fonts/DejaVuSansMono.ttf",
    "fonts/wqy-microhei.ttc",
)
FAMILY = "DejaVu Sans"


def ensure_fonts(app: QGuiApplication, *, force: bool = False) -> bool:
    """Register the shipped fonts when the system offers none (or ``force``); True if it did."""
    if QFontInfo(app.font()).family() and not force:  # "" when no font can be had
        return False
    for name in SHIPPED:
        found = asset(name)
        if isinstance(found, Path):  # a file on disk (venv and bundle): Qt maps it
            loaded = QFontDatabase.addApplicationFont(str(found))
        else:  # e.g. inside a zip: Qt keeps a copy of the bytes
            loaded = QFontDatabase.addApplicationFontFromData(found.read_bytes())
        if loaded < 0:
            log.warning("Qt could not load the shipped font %s", name)
    font = QFont(FAMILY)
    font.setPointSizeF(app.font().pointSizeF())
    app.setFont(font)
    log.info("the system has no fonts: using the fonts shipped with the app")
    return True
