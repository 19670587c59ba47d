"""Coverage answers on the page: who and what, the answer boxed, the factor table, the gaps.

The three answers must read apart on a black-and-white printout, so each is set as a bold,
boxed label with its own mark and fill: "✓ COVERED" on white, "? NEEDS REVIEW" on grey,
"✗ NOT COVERED" reversed out of black. Every word a person typed reaches the page through
:func:`para` (escaped); the factor table is an ordinary data table, so long sources wrap inside
their column and the table never runs past the margin.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer
from reportlab.platypus import Table as RlTable

from desktop_app.core.coverage_model import Answer
from desktop_app.reports.fonts import SANS
from desktop_app.reports.model import Finding
from desktop_app.reports.styles import BODY, CAPTION, CELL, INK, RULE, para
from desktop_app.reports.tables import PAD, data_table

LABEL_WIDTH = 1.45 * inch
KEEP = 1.2 * inch  # a finding starts a new page unless its heading and box fit
REVIEW_FILL = colors.HexColor("#c9c9c9")

_MARK = {Answer.COVERED: "✓", Answer.NEEDS_REVIEW: "?", Answer.NOT_COVERED: "✗"}
_FILL = {Answer.COVERED: colors.white, Answer.NEEDS_REVIEW: REVIEW_FILL, Answer.NOT_COVERED: INK}
SUBJECT = ParagraphStyle("finding-subject", parent=CAPTION, spaceBefore=8, spaceAfter=3)
ANSWER = ParagraphStyle("finding-answer", parent=CAPTION, fontSize=9, spaceBefore=0, spaceAfter=0)
REVERSED = ParagraphStyle("finding-answer-reversed", parent=ANSWER, textColor=colors.white)
BOX_TEXT = ParagraphStyle("finding-box", parent=BODY, fontSize=8.5, leading=11, spaceAfter=1)
LIST_HEAD = ParagraphStyle("finding-list", parent=CELL, fontName=CAPTION.fontName, spaceBefore=3)
LIST_ITEM = ParagraphStyle("finding-item", parent=CELL, leftIndent=12, firstLineIndent=-8)


def answer_label(answer: Answer) -> str:
    """The answer as printed: its mark and its label in capitals (``✗ NOT COVERED``)."""
    return f"{_MARK[answer]} {answer.label.upper()}"


def finding_flowables(finding: Finding, width: float) -> list[Flowable]:
    """One answer: its subject, the boxed answer with day, basis and summary, then the factors.

    The missing facts and caveats follow as short lists; a finding without either prints none.
    """
    head = KeepTogether([para(finding.subject, SUBJECT, width), _answer_box(finding, width)])
    flow: list[Flowable] = [CondPageBreak(KEEP), head, Spacer(1, 3)]
    flow.append(data_table(finding.factors, width))
    flow += _listed("Missing facts", finding.missing, width)
    flow += _listed("Caveats", finding.caveats, width)
    return flow


def _answer_box(finding: Finding, width: float) -> Flowable:
    """A one-row table: the label cell (boxed, filled by answer) beside what it rests on."""
    text_width = width - LABEL_WIDTH - 4 * PAD
    style = REVERSED if finding.answer is Answer.NOT_COVERED else ANSWER
    said = [para(finding.as_of, BOX_TEXT, text_width)]
    if finding.basis:
        said.append(para(f"Basis: {finding.basis}", BOX_TEXT, text_width))
    if finding.summary:
        said.append(para(finding.summary, BOX_TEXT, text_width))
    label = para(answer_label(finding.answer), style, LABEL_WIDTH - 2 * PAD)
    commands: list[Any] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTNAME", (0, 0), (-1, -1), SANS),
        ("BOX", (0, 0), (0, 0), 1.2, INK),
        ("BACKGROUND", (0, 0), (0, 0), _FILL[finding.answer]),
        ("LINEBELOW", (1, 0), (1, 0), 0.5, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (1, 0), (1, 0), 3 * PAD),
    ]
    return RlTable(
        [[label, said]],
        colWidths=[LABEL_WIDTH, width - LABEL_WIDTH],
        style=commands,
        hAlign="LEFT",
    )


def _listed(title: str, values: tuple[str, ...], width: float) -> list[Flowable]:
    """A short titled list (missing facts, caveats), kept on one page; nothing when empty."""
    if not values:
        return []
    inner = width - LIST_ITEM.leftIndent
    items = [para(f"• {value}", LIST_ITEM, inner) for value in values]
    return [KeepTogether([para(f"{title}:", LIST_HEAD, width), *items])]
