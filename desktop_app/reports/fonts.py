"""Register the TrueType fonts shipped in resources/fonts with reportlab, once per process.

DejaVu Sans (bold, italic and bold-italic mapped so ``<b>``/``<i>`` pick the right face) sets Latin,
Greek and Cyrillic; DejaVu Sans Mono sets hashes; WenQuanYi Micro Hei (subfont 0 of its .ttc, glyf
outlines) sets CJK. Both are embedded as subsets; the base-14 and CID fonts are never used
(docs/development.md#reportlab).
"""

from __future__ import annotations

import io
import threading

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from desktop_app.assets import read_bytes

SANS = "DejaVuSans"
SANS_BOLD = "DejaVuSans-Bold"
SANS_ITALIC = "DejaVuSans-Oblique"
SANS_BOLD_ITALIC = "DejaVuSans-BoldOblique"
CJK = "WenQuanYiMicroHei"
MONO = "DejaVuSansMono"

_FACES = {
    SANS: ("fonts/DejaVuSans.ttf", 0),
    SANS_BOLD: ("fonts/DejaVuSans-Bold.ttf", 0),
    SANS_ITALIC: ("fonts/DejaVuSans-Oblique.ttf", 0),
    SANS_BOLD_ITALIC: ("fonts/DejaVuSans-BoldOblique.ttf", 0),
    CJK: ("fonts/wqy-microhei.ttc", 0),
    MONO: ("fonts/DejaVuSansMono.ttf", 0),
}
_lock = threading.Lock()
_done = False


def register_fonts() -> None:
    """Register every shipped face and the DejaVu family mapping (idempotent, thread-safe)."""
    global _done  # noqa: PLW0603 - a process-wide "registered once" flag
    with _lock:
        if _done:
            return
        for name, (asset_name, index) in _FACES.items():
            data = io.BytesIO(read_bytes(asset_name))
            pdfmetrics.registerFont(TTFont(name, data, subfontIndex=index))
        addMapping(SANS, 0, 0, SANS)
        addMapping(SANS, 1, 0, SANS_BOLD)
        addMapping(SANS, 0, 1, SANS_ITALIC)
        addMapping(SANS, 1, 1, SANS_BOLD_ITALIC)
        for bold in (0, 1):
            for italic in (0, 1):
                addMapping(CJK, bold, italic, CJK)
        _done = True
