"""How the three coverage answers look: a word, a shape and a colour each, never colour alone.

"Covered" is a green disc with a tick, "Not covered" a red square with a cross, "Needs review"
an amber triangle with a question mark; the word is always written beside the shape, so the
answer reads the same printed in grey or seen by a colour-blind reader. A factor's pass, fail
and unknown use the same three shapes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TypeVar

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPen, QPixmap, QPolygonF

from desktop_app.core.coverage_model import Answer, Coverage, Outcome
from desktop_app.gui.widgets.table_model import Column
from desktop_app.i18n import _

R = TypeVar("R")

SIZE = 32
"""The icons' pixel size (Qt scales them down to the row height)."""


@dataclass(frozen=True)
class Look:
    """One answer's look: its symbol (for plain text), text colour and icon shape."""

    symbol: str
    colour: str
    shape: str


LOOKS: dict[Answer, Look] = {
    Answer.COVERED: Look("✔", "#1e6b30", "disc"),
    Answer.NOT_COVERED: Look("✘", "#b00020", "square"),
    Answer.NEEDS_REVIEW: Look("?", "#8a5a00", "triangle"),
}
"""The three answers' looks; the colours are the palette's ok, error and warning inks."""

OUTCOME_ANSWER: dict[Outcome, Answer] = {
    Outcome.PASS: Answer.COVERED,
    Outcome.FAIL: Answer.NOT_COVERED,
    Outcome.UNKNOWN: Answer.NEEDS_REVIEW,
}
"""Each factor outcome drawn as the answer it would give alone."""

_OUTCOME_WORDS = {Outcome.PASS: _("Pass"), Outcome.FAIL: _("Fail"), Outcome.UNKNOWN: _("Unknown")}


def answer_line(coverage: Coverage) -> str:
    """The table's one line: the answer's word, then its summary ("Covered — letter of …")."""
    word = coverage.answer.label
    summary = coverage.summary.strip()
    if summary.casefold().startswith(word.casefold()):
        summary = summary[len(word) :].lstrip(" :—-")
    return f"{word} — {summary}" if summary else word


def answer_plain(coverage: Coverage) -> str:
    """The answer with its symbol, for text that is copied or printed ("✔ Covered")."""
    return f"{LOOKS[coverage.answer].symbol} {coverage.answer.label}"


def outcome_text(outcome: Outcome) -> str:
    """A factor's outcome in a word ("Fail"); the table draws its shape beside it."""
    return _OUTCOME_WORDS[outcome]


def outcome_plain(outcome: Outcome) -> str:
    """A factor's outcome with its symbol, for copied text ("✘ Fail")."""
    return f"{LOOKS[OUTCOME_ANSWER[outcome]].symbol} {_OUTCOME_WORDS[outcome]}"


def colour_of(answer: Answer) -> str:
    """The text colour of an answer."""
    return LOOKS[answer].colour


@cache
def icon_of(answer: Answer) -> QIcon:
    """The answer's icon: its shape filled in its colour, with a white mark."""
    look = LOOKS[answer]
    pixmap = QPixmap(SIZE, SIZE)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(look.colour))
    _SHAPES[look.shape](painter)
    painter.end()
    return QIcon(pixmap)


def _disc(painter: QPainter) -> None:
    painter.drawEllipse(QRectF(2, 2, SIZE - 4, SIZE - 4))
    painter.setPen(_mark())
    painter.drawPolyline(QPolygonF([QPointF(9, 17), QPointF(14, 22), QPointF(23, 10)]))


def _square(painter: QPainter) -> None:
    painter.drawRoundedRect(QRectF(3, 3, SIZE - 6, SIZE - 6), 4, 4)
    painter.setPen(_mark())
    painter.drawLine(QPointF(10, 10), QPointF(22, 22))
    painter.drawLine(QPointF(22, 10), QPointF(10, 22))


def _triangle(painter: QPainter) -> None:
    painter.drawPolygon(QPolygonF([QPointF(16, 1), QPointF(31, 29), QPointF(1, 29)]))
    painter.setPen(QPen(QColor("white")))
    font = QFont()
    font.setBold(True)
    font.setPixelSize(17)
    painter.setFont(font)
    painter.drawText(QRectF(0, 9, SIZE, 20), Qt.AlignmentFlag.AlignCenter, "?")


def _mark() -> QPen:
    pen = QPen(QColor("white"), 3.5)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


_SHAPES = {"disc": _disc, "square": _square, "triangle": _triangle}


def coverage_column(
    header: str, answer: Callable[[R], Coverage | None], when: Callable[[R], str]
) -> Column[R]:
    """A coverage column: the answer's word and summary, its shape and colour, date in the tip.

    ``when`` says what the answer's date is ("today", "the activity's date").
    """

    def text(r: R) -> str:
        found = answer(r)
        return "" if found is None else answer_line(found)

    def tip(r: R) -> str:
        found = answer(r)
        if found is None:
            return ""
        dated = f"{answer_plain(found)} as of {found.as_of.isoformat()} ({when(r)})"
        return "\n".join(x for x in (dated, found.summary, found.basis) if x)

    def rank(r: R) -> str:
        found = answer(r)
        return "" if found is None else f"{_RANK[found.answer]}{found.summary.casefold()}"

    def colour(r: R) -> str | None:
        found = answer(r)
        return None if found is None else colour_of(found.answer)

    def icon(r: R) -> QIcon | None:
        found = answer(r)
        return None if found is None else icon_of(found.answer)

    return Column(
        header, text, rank, tooltip=tip, foreground=colour, max_width=420, decoration=icon
    )


_RANK = {Answer.NOT_COVERED: 0, Answer.NEEDS_REVIEW: 1, Answer.COVERED: 2}
