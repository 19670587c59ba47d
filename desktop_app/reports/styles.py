"""Paragraph styles and the paragraph factory: every user string enters reportlab here, escaped."""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from desktop_app.reports.escape import has_cjk, markup_lines, paragraph_text
from desktop_app.reports.fonts import (
    CJK,
    MONO,
    SANS,
    SANS_BOLD,
    SANS_BOLD_ITALIC,
    SANS_ITALIC,
    register_fonts,
)
from desktop_app.reports.rtl import (
    has_rtl,
    needs_shaping,
    prepare_shaping,
    starts_rtl,
    visual_lines,
)

INK = colors.HexColor("#1a1a1a")
RULE = colors.HexColor("#7a7a7a")
SHADE = colors.HexColor("#e6e9ee")
LEGEND_INK = colors.HexColor("#8b0000")


def _style(name: str, font: str, size: float, **extra: Any) -> ParagraphStyle:
    settings: dict[str, Any] = {"leading": size * 1.3, "textColor": INK, **extra}
    return ParagraphStyle(name, fontName=font, fontSize=size, **settings)


register_fonts()
BODY = _style("body", SANS, 9.5, spaceAfter=5)
TITLE = _style("title", SANS_BOLD, 17, spaceAfter=4, leading=21)
LEGEND = _style("legend", SANS_BOLD, 8.5, textColor=LEGEND_INK, spaceAfter=2)
HEADING = _style("heading", SANS_BOLD, 11.5, spaceBefore=12, spaceAfter=5)
CAPTION = _style("caption", SANS_BOLD, 9, spaceBefore=4, spaceAfter=3)
CELL = _style("cell", SANS, 7.8)
HEAD_CELL = _style("head-cell", SANS_BOLD, 7.8)
LABEL = _style("label", SANS_BOLD, 9.5)
HASH = _style("hash", MONO, 6.8, textColor=RULE)
MONO_CELL = _style("mono-cell", MONO, 6.5)


def para(text: str, style: ParagraphStyle = BODY, width: float | None = None) -> Paragraph:
    """A paragraph showing ``text`` literally (escaped); CJK runs are set in the CJK font.

    Text with right-to-left characters is broken into lines ``width`` points wide (the width the
    paragraph will be set at, e.g. the frame or the cell), each line put in visual order and
    shaped; right-aligned when the text starts right to left. Without ``width`` such a text is
    reordered as one line.
    """
    if has_rtl(text):
        return _rtl_para(text, style, width)
    if has_cjk(text):
        style = ParagraphStyle(f"{style.name}-cjk", parent=style, wordWrap="CJK")
        return Paragraph(paragraph_text(text, CJK), style)
    return Paragraph(paragraph_text(text), style)


def _rtl_para(text: str, style: ParagraphStyle, width: float | None) -> Paragraph:
    """A paragraph whose lines are already broken and in visual order (see :mod:`rtl`)."""
    available = None if width is None else width - style.leftIndent - style.rightIndent
    rtl, shaped = starts_rtl(text), needs_shaping(text)

    def lay_out(line: str) -> list[str]:
        return visual_lines(
            line, style.fontName, style.fontSize, available, right_to_left=rtl, shaped=shaped
        )

    markup = markup_lines(text, lay_out, CJK if has_cjk(text) else "")
    if shaped:
        prepare_shaping((SANS, SANS_BOLD, SANS_ITALIC, SANS_BOLD_ITALIC, CJK, MONO))
    align = TA_RIGHT if rtl else style.alignment
    settings = ParagraphStyle(
        f"{style.name}-rtl", parent=style, shaping=1 if shaped else 0, alignment=align
    )
    return Paragraph(markup, settings)
