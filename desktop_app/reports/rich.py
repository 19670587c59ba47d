"""Counsel's marked-up text as reportlab paragraphs: runs escaped first, then our own tags added.

Each run's characters go through :func:`paragraph_text` (so a typed ``<b>`` prints as ``<b>``);
only afterwards do ``<b>``/``<i>`` tags of our own wrap the run. Long blocks are cut into pieces
of about :data:`CHUNK` characters so a 1 MB draft paginates.
"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

from desktop_app.core.markup import Block, Run
from desktop_app.reports.escape import CHUNK, chunks, has_cjk, paragraph_text
from desktop_app.reports.fonts import CJK, SANS
from desktop_app.reports.rtl import has_rtl
from desktop_app.reports.styles import BODY, para

BULLET = ParagraphStyle(
    "bullet", parent=BODY, leftIndent=16, bulletIndent=5, spaceAfter=3, bulletFontName=SANS
)


def run_markup(run: Run) -> str:
    """One run as escaped paragraph markup, wrapped in bold or italic tags of our own."""
    markup = paragraph_text(run.text, CJK if has_cjk(run.text) else "")
    if run.italic:
        markup = f"<i>{markup}</i>"
    if run.bold:
        markup = f"<b>{markup}</b>"
    return markup


def pieces(block: Block) -> list[tuple[Run, ...]]:
    """The block's runs regrouped into paragraph-sized pieces (long runs split at spaces)."""
    groups: list[list[Run]] = [[]]
    size = 0
    for run in block.runs:
        for text in chunks(run.text) if len(run.text) > CHUNK else [run.text]:
            if size + len(text) > CHUNK and groups[-1]:
                groups.append([])
                size = 0
            groups[-1].append(Run(text, run.bold, run.italic))
            size += len(text)
    return [tuple(group) for group in groups if group]


def block_flowables(block: Block, width: float) -> list[Flowable]:
    """The paragraphs of one block; a bullet's marker goes on its first piece only.

    A plain (unformatted, not bulleted) block with right-to-left text is set by :func:`para`,
    which puts each line in visual order at ``width``.
    """
    if not block.bullet and has_rtl(block.text) and all(r == Run(r.text) for r in block.runs):
        return [para(piece, BODY, width) for piece in chunks(block.text)]
    flow: list[Flowable] = []
    for index, runs in enumerate(pieces(block)):
        markup = "".join(run_markup(run) for run in runs)
        if block.bullet:
            flow.append(Paragraph(markup, BULLET, bulletText="•" if index == 0 else None))
        else:
            flow.append(Paragraph(markup, BODY))
    return flow
