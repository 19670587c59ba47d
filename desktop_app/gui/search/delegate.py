"""Draws a snippet cell with its matched words in bold on a soft yellow background."""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QPainter,
    QPalette,
    QTextCharFormat,
    QTextLayout,
    QTextLine,
    QTextOption,
)
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from desktop_app.gui.search.model import SPANS_ROLE

HIGHLIGHT = "#fff0a0"
"""The background behind a matched word."""
INK = "#1a1a1a"
"""The colour of a matched word (dark on the yellow, even in a selected row)."""
MARGIN = 4
LEAD = 0.25
"""Where a match that would be cut off is drawn instead: this far into the cell."""


def highlight_format() -> QTextCharFormat:
    """How a matched word is drawn: bold, dark, on soft yellow."""
    fmt = QTextCharFormat()
    fmt.setFontWeight(QFont.Weight.Bold)
    fmt.setBackground(QColor(HIGHLIGHT))
    fmt.setForeground(QColor(INK))
    return fmt


class SnippetDelegate(QStyledItemDelegate):
    """Paints the cell's text as plain text, its `SPANS_ROLE` stretches highlighted."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        """The cell's background as usual, then the text on one line with the matches marked."""
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = opt.text
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        layout = QTextLayout(text, opt.font)
        layout.setTextOption(QTextOption(Qt.AlignmentFlag.AlignLeft))
        spans = utf16_spans(text, index.data(SPANS_ROLE) or ())
        layout.setFormats(_ranges(spans))
        layout.beginLayout()
        line = layout.createLine()
        if line.isValid():
            line.setLineWidth(1_000_000)
        layout.endLayout()
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        painter.setClipRect(rect)
        painter.setPen(opt.palette.color(role))
        top = rect.top() + (rect.height() - line.height()) / 2 if line.isValid() else rect.top()
        shift = _shift(line, spans, rect.width() - 2 * MARGIN) if line.isValid() else 0.0
        layout.draw(painter, QPointF(rect.left() + MARGIN - shift, top))
        painter.restore()


def _shift(line: QTextLine, spans: object, width: float) -> float:
    """How far to move the text left so its first match shows in a cell ``width`` wide."""
    if not isinstance(spans, (tuple, list)) or not spans or width <= 0:
        return 0.0
    start, end = (int(offset) for offset in spans[0])
    left, right = _x(line, start), _x(line, end)
    if right <= width:
        return 0.0
    return max(0.0, min(left - width * LEAD, line.naturalTextWidth() - width))


def _x(line: QTextLine, position: int) -> float:
    """Where in the line the character at ``position`` starts (PySide returns (x, position))."""
    found = cast("tuple[float, int]", line.cursorToX(position))
    return float(found[0])


def utf16_spans(text: str, spans: object) -> list[tuple[int, int]]:
    """``spans`` (offsets in characters) as offsets in UTF-16 units, which Qt counts in.

    A character outside the Basic Multilingual Plane (an emoji, a rare CJK ideograph) is two
    UTF-16 units, so every match after one moves.
    """
    if not isinstance(spans, (tuple, list)):
        return []
    if text.isascii() or all(ord(c) < 0x10000 for c in text):
        return [(int(a), int(b)) for a, b in spans]
    units = [0]
    for ch in text:
        units.append(units[-1] + (2 if ord(ch) >= 0x10000 else 1))
    last = len(text)
    return [(units[min(int(a), last)], units[min(int(b), last)]) for a, b in spans]


def _ranges(spans: object) -> list[QTextLayout.FormatRange]:
    fmt = highlight_format()
    ranges = []
    for start, end in spans if isinstance(spans, (tuple, list)) else ():
        piece = QTextLayout.FormatRange()
        piece.start, piece.length, piece.format = int(start), int(end) - int(start), fmt
        ranges.append(piece)
    return ranges
