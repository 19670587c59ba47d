"""A table cell cut short shows its whole text as a tooltip.

Cells do not wrap (a row stays one line), so a long party name or condition text ends in "…".
Hovering it (or the keyboard's tooltip request) shows the whole text; a cell that shows all of
its text shows nothing, and a cell whose model gives a tooltip of its own keeps that one.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QAbstractItemView, QStyle, QToolTip

PADDING = 12
"""Points a cell spends around its text (the style's margins, and a hair more)."""


class CutTips(QObject):
    """Watch ``view``'s cells for tooltip requests; answer those whose text is cut."""

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self._view = view
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """Show the whole text of a cut cell; let every other event through."""
        if event.type() != QEvent.Type.ToolTip or not isinstance(event, QHelpEvent):
            return False
        index = self._view.indexAt(event.pos())
        if not index.isValid() or index.data(Qt.ItemDataRole.ToolTipRole):
            return False  # nothing there, or the model's own tooltip shows as usual
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if text and self.is_cut(index.row(), index.column()):
            QToolTip.showText(event.globalPos(), str(text), self._view.viewport())
        else:
            QToolTip.hideText()
        return True

    def is_cut(self, row: int, column: int) -> bool:
        """Whether the cell at ``row``, ``column`` is too narrow for its text."""
        index = self._view.model().index(row, column)
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        needed = self._view.fontMetrics().horizontalAdvance(text) + PADDING
        if index.data(Qt.ItemDataRole.DecorationRole) is not None:
            needed += self._view.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize) + 4
        return needed > self._view.visualRect(index).width()
