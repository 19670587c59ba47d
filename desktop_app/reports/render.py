"""Lay a :class:`Memo` out as a PDF with reportlab: page template, legends, "Page X of Y", outline.

Letter or A4 pages with a wider left margin for binding; every page carries the running head (matter
number), the privilege legend and "Page X of Y" (the total is a form XObject filled in at the end,
so one pass suffices); tables repeat their header row; each section is an outline entry.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import inch
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    HRFlowable,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
)
from reportlab.platypus import Table as RlTable

from desktop_app.core.text import visible
from desktop_app.reports.escape import chunks
from desktop_app.reports.findings import finding_flowables
from desktop_app.reports.fonts import SANS, SANS_BOLD
from desktop_app.reports.model import Memo, Section, Signature
from desktop_app.reports.rich import block_flowables
from desktop_app.reports.styles import (
    BODY,
    CAPTION,
    HEADING,
    INK,
    LABEL,
    LEGEND,
    LEGEND_INK,
    RULE,
    TITLE,
    para,
)
from desktop_app.reports.tables import data_table

PAGES = {"letter": LETTER, "a4": A4}
LEFT, RIGHT, TOP, BOTTOM = 1.25 * inch, 0.85 * inch, 1.0 * inch, 0.9 * inch
TOTAL_FORM = "page-total"
Progress = Callable[[int, int], None]
KEEP = 1.4 * inch  # a heading starts a new page unless this much room is left under it


class Heading(Paragraph):
    """A section heading: also a bookmark and an outline entry."""

    def __init__(self, title: str, key: str, width: float) -> None:
        shown = para(title, HEADING, width)
        super().__init__(shown.text, shown.style)
        self.outline_title = visible(title)
        self.key = key


class MemoDocument(BaseDocTemplate):
    """A document whose pages carry the memo's running head, legend and page numbers."""

    def __init__(
        self, out: io.BytesIO, memo: Memo, invariant: bool, page: tuple[float, float]
    ) -> None:
        super().__init__(
            out,
            pagesize=page,
            leftMargin=LEFT,
            rightMargin=RIGHT,
            topMargin=TOP,
            bottomMargin=BOTTOM,
            title=visible(memo.title),
            author=visible(memo.author),
            subject=visible(memo.subject),
            creator="Compliance Desk",
            invariant=1 if invariant else 0,
            displayDocTitle=1,
            lang="en-US",
            initialFontName=SANS,
            initialFontSize=9.5,
        )
        self.memo = memo
        frame = Frame(LEFT, BOTTOM, self.width, self.height, id="body", leftPadding=0,
                      rightPadding=0, topPadding=0, bottomPadding=0)  # fmt: skip
        self.addPageTemplates([PageTemplate("memo", [frame], onPage=self._decorate)])

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 - reportlab's hook
        """Bookmark each section heading and list it in the outline."""
        if isinstance(flowable, Heading):
            self.canv.bookmarkPage(flowable.key)
            self.canv.addOutlineEntry(flowable.outline_title, flowable.key, level=0)

    def _decorate(self, canv: Canvas, doc: Any) -> None:
        width, height = self.pagesize
        canv.saveState()
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        top = height - 0.6 * inch
        head = visible(self.memo.running_head)[:40]
        canv.setFont(SANS_BOLD, 8)
        canv.drawString(LEFT, top, head)
        room = width - LEFT - RIGHT - canv.stringWidth(head, SANS_BOLD, 8) - 12
        legend, size = _fitted(visible(self.memo.legend)[:110], room)
        canv.setFillColor(LEGEND_INK)
        canv.setFont(SANS_BOLD, size)
        canv.drawRightString(width - RIGHT, top, legend)
        canv.line(LEFT, top - 4, width - RIGHT, top - 4)
        if self.memo.stamp:
            canv.setFont(SANS_BOLD, 7.5)
            canv.drawRightString(width - RIGHT, top - 14, visible(self.memo.stamp)[:90])
        bottom = 0.55 * inch
        canv.line(LEFT, bottom + 10, width - RIGHT, bottom + 10)
        canv.setFillColor(RULE)
        canv.setFont(SANS, 7.5)
        canv.drawString(LEFT, bottom, visible(self.memo.legend)[:120])
        label = f"Page {canv.getPageNumber()} of "
        x = width - RIGHT - canv.stringWidth(label + "0000", SANS, 7.5)
        canv.drawString(x, bottom, label)
        canv.translate(x + canv.stringWidth(label, SANS, 7.5), bottom)
        canv.doForm(TOTAL_FORM)
        canv.restoreState()


def _fitted(text: str, room: float) -> tuple[str, float]:
    """``text`` and a bold size (8 down to 6.5 points) it fits ``room`` in; cut with "…" if none."""
    for size in (8, 7.5, 7, 6.5):
        if stringWidth(text, SANS_BOLD, size) <= room:
            return text, size
    while text and stringWidth(text + "…", SANS_BOLD, 6.5) > room:
        text = text[:-1]
    return text + "…", 6.5


class TotalingCanvas(Canvas):
    """A canvas that fills in the "of Y" page total when the document is saved."""

    def save(self) -> None:
        """Define the page-total form (every page already refers to it), then save."""
        total = self.getPageNumber() - 1  # the last showPage already moved on
        self.beginForm(TOTAL_FORM)
        self.setFont(SANS, 7.5)
        self.setFillColor(RULE)
        self.drawString(0, 0, str(total))
        self.endForm()
        super().save()


def story(memo: Memo, page: tuple[float, float] = LETTER) -> list[Flowable]:
    """The flowables of a memo: header block, legend, then each section."""
    width = page[0] - LEFT - RIGHT
    flow: list[Flowable] = [para(memo.heading, TITLE)]
    shown = (memo.stamp, memo.legend, memo.marking)
    flow += [para(text, LEGEND, width) for text in shown if text]
    flow += [Spacer(1, 6), _header_block(memo, width)]
    flow.append(HRFlowable(width="100%", thickness=1.2, color=RULE, spaceBefore=6))
    for number, section in enumerate(memo.sections, start=1):
        flow += _section(section, number, width)
    return flow


def _header_block(memo: Memo, width: float) -> Flowable:
    h = memo.header
    lines = [
        ("To:", h.to),
        ("From:", h.sender),
        ("CC:", h.cc),
        ("Date:", h.date),
        ("Re:", h.re),
        ("Matter:", h.matter_number),
    ]
    style = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTNAME", (0, 0), (-1, -1), SANS),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ]
    label_width = 0.9 * inch
    data = [[para(label, LABEL), para(value, BODY, width - label_width)] for label, value in lines]
    return RlTable(data, colWidths=[label_width, None], style=style, hAlign="LEFT", splitInRow=1)


def _section(section: Section, number: int, width: float) -> list[Flowable]:
    flow: list[Flowable] = [
        CondPageBreak(KEEP),
        Heading(f"{number}. {section.title}", f"section-{number}", width),
    ]
    for text in section.paragraphs:
        flow += [para(piece, BODY, width) for piece in chunks(text)]
    for caption, blocks in section.writing:
        if caption:
            flow.append(para(caption, CAPTION, width))
        for block in blocks:
            flow += block_flowables(block, width)
    for caption, table in section.tables:
        if caption:
            flow += [CondPageBreak(KEEP), para(caption, CAPTION, width)]
        flow.append(data_table(table, width))
    for caption, findings in section.findings:
        if caption:
            flow += [CondPageBreak(KEEP), para(caption, CAPTION, width)]
        if not findings:
            flow.append(para("None recorded.", BODY, width))
        for finding in findings:
            flow += finding_flowables(finding, width)
    if section.signature is not None:
        flow.append(_signature_block(section.signature, width))
    return flow


def _signature_block(signature: Signature, width: float) -> Flowable:
    """A line to sign on, the signer's name and title, and the date (a line when undated)."""
    lines: list[Flowable] = [Spacer(1, 28), HRFlowable(width=3.2 * inch, thickness=0.6,
                             color=INK, hAlign="LEFT", spaceAfter=3)]  # fmt: skip
    lines += [para(text, BODY, width) for text in (signature.name, signature.title) if text]
    lines.append(para(f"Date: {signature.date or '____________________'}", BODY, width))
    return KeepTogether(lines)


def build(
    memo: Memo, invariant: bool = False, paper: str = "letter", progress: Progress | None = None
) -> bytes:
    """The PDF of ``memo`` on ``paper`` (letter or a4); ``invariant``: equal input, equal bytes.

    ``progress(done, total)`` hears how many of the story's flowables are laid out.
    """
    page = PAGES[paper]
    out = io.BytesIO()
    document = MemoDocument(out, memo, invariant, page)
    flowables = story(memo, page)
    if progress is not None:
        document.setProgressCallBack(_relay(progress, len(flowables)))
    document.build(flowables, canvasmaker=TotalingCanvas)
    return out.getvalue()


def _relay(progress: Progress, total: int) -> Callable[[str, int], None]:
    done = 0

    def heard(kind: str, value: int) -> None:
        # A split flowable (a table, a kept-together group) puts its parts back in the queue,
        # so reportlab's count can step back; a progress bar only moves forward.
        nonlocal done
        if kind == "PROGRESS" and value > done:
            done = min(value, total)
            progress(done, total)

    return heard
