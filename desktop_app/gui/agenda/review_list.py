"""Under the agenda: the matters whose coverage answers need review, each a row that opens it.

The counts follow each agenda read (`gui.review_reads`, on the build worker). While no answer
needs review only its title shows, saying so.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from desktop_app.gui.agenda.columns import REVIEW_COLUMNS
from desktop_app.gui.review import MatterReview, ReviewCounts, review_text
from desktop_app.gui.widgets.record_table import RecordTable
from desktop_app.gui.widgets.table_model import ROW_ROLE
from desktop_app.i18n import _

ROWS_SHOWN = 4
"""How many matters the list shows before it scrolls."""


class ReviewList(QWidget):
    """The matters with answers that need review; Enter or a double-click opens one."""

    matter_opened = Signal(object)
    """The person asked to open a matter to review its coverage: the MatterReview."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.counts: ReviewCounts | None = None
        self.table: RecordTable[MatterReview] = RecordTable(
            "", REVIEW_COLUMNS, key=lambda m: m.matter_id, editable=False
        )
        view = self.table.table
        view.setAccessibleName(_("Matters whose coverage needs review"))
        view.setTabKeyNavigation(False)
        view.activated.connect(self._open)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        self.hide()

    def set_review(self, counts: ReviewCounts) -> None:
        """Show the matters of ``counts`` that have answers needing review."""
        self.counts = counts
        self.table.title.setText(f"<b>{escape(review_text(counts))}</b>")
        self.table.set_rows(counts.needing)
        view = self.table.table
        rows = min(ROWS_SHOWN, max(1, len(counts.needing)))
        header = view.horizontalHeader().height()
        view.setFixedHeight(header + rows * view.verticalHeader().defaultSectionSize() + 4)
        view.setVisible(bool(counts.needing))  # with none, the title alone says so
        self.show()

    def rows(self) -> list[MatterReview]:
        """The matters listed, in order."""
        return self.table.model.rows()

    def _open(self, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE)
        if row is not None:
            self.matter_opened.emit(row)
