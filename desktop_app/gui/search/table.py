"""The results table: the snippet column highlighted, the columns fitted to the room there is.

Beside an open matter the left side is narrow: the Kind and Date columns step aside there so
the snippet keeps room (the title's tooltip still names the kind).
"""

from __future__ import annotations

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from desktop_app.gui.search.columns import DATE_COLUMN, KIND_COLUMN, SNIPPET_COLUMN
from desktop_app.gui.search.delegate import SnippetDelegate
from desktop_app.gui.search.model import HitsModel

NARROW = 900
"""Below this width (pixels) the table is narrow."""
WIDE_WIDTHS = (110, 100, 260, 90)
"""Starting widths of the columns before the snippet (which takes the rest)."""
NARROW_WIDTHS = (100, 0, 150, 0)
"""The same when narrow (0: hidden)."""


class ResultsTable(QTableView):
    """Search results, one row each, ranked; not sortable (the order is the ranking)."""

    def __init__(self, model: HitsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setItemDelegateForColumn(SNIPPET_COLUMN, SnippetDelegate(self))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)  # Tab leaves the results; Up and Down choose a hit
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.narrow: bool | None = None
        self.fit_columns()

    def fit_columns(self) -> None:
        """Size the columns for the width there is (only when it crosses `NARROW`)."""
        narrow = self.viewport().width() < NARROW
        if narrow == self.narrow:
            return
        self.narrow = narrow
        for column, width in enumerate(NARROW_WIDTHS if narrow else WIDE_WIDTHS):
            hidden = width == 0 and column in (KIND_COLUMN, DATE_COLUMN)
            self.setColumnHidden(column, hidden)
            if not hidden:
                self.horizontalHeader().resizeSection(column, width)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        """Refit the columns when the table narrows or widens past `NARROW`."""
        super().resizeEvent(event)
        self.fit_columns()
