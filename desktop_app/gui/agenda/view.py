"""The Agenda view: what is overdue and due within some days of a date, across every matter.

The window hands it the library's facts after every change; the view reads the agenda from
them for the date and the number of days chosen. Enter or a double-click opens a row's matter.
Below, the matters whose coverage answers need review open on their Parties or Activities tab.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QModelIndex, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.gui.agenda.columns import AGENDA_COLUMNS, LATE_STATES, row_key
from desktop_app.gui.agenda.review_list import ReviewList
from desktop_app.gui.widgets.record_table import RecordTable
from desktop_app.gui.widgets.table_model import ROW_ROLE
from desktop_app.i18n import _

if TYPE_CHECKING:
    from desktop_app.core.agenda import AgendaRow, LibraryFacts
    from desktop_app.gui.review import MatterReview, ReviewCounts

DEFAULT_DAYS = 30
MAX_DAYS = 3660


class AgendaView(QWidget):
    """The agenda table with its as-of date and look-ahead."""

    row_opened = Signal(object)
    """The person asked to open what a row is about: the AgendaRow."""

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._facts: LibraryFacts | None = None
        self.as_of = QDateEdit(QDate(today.year, today.month, today.day))
        self.as_of.setCalendarPopup(True)
        self.as_of.setDisplayFormat("yyyy-MM-dd")
        self.as_of.setToolTip(_("The day to read the agenda for"))
        self.days = QSpinBox()
        self.days.setRange(0, MAX_DAYS)
        self.days.setValue(DEFAULT_DAYS)
        self.days.setSuffix(_(" days"))
        self.days.setToolTip(_("How far ahead to look"))
        self.table: RecordTable[AgendaRow] = RecordTable(
            _("Agenda — overdue, due soon, expiring, waiting on BIS"),
            AGENDA_COLUMNS,
            key=row_key,
            editable=False,
        )
        self.table.table.setSortingEnabled(False)
        self.table.table.setTabKeyNavigation(False)  # Tab goes on to the review list below
        self.count_label = QLabel()
        self.count_label.setWordWrap(True)
        self.review = ReviewList()
        self._lay_out()
        self.as_of.dateChanged.connect(self._recompute)
        self.days.valueChanged.connect(self._recompute)
        self.table.table.activated.connect(self._open)
        self.review.matter_opened.connect(self._open_review)

    def _lay_out(self) -> None:
        controls = QHBoxLayout()
        as_of_label = QLabel(_("&As of"))
        as_of_label.setBuddy(self.as_of)
        ahead_label = QLabel(_("&looking ahead"))
        ahead_label.setBuddy(self.days)
        for widget in (as_of_label, self.as_of, ahead_label, self.days):
            controls.addWidget(widget)
        controls.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 0, 6)
        layout.addLayout(controls)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        layout.addWidget(self.review)

    def as_of_date(self) -> date:
        """The day the agenda is read for."""
        chosen = self.as_of.date()
        return date(chosen.year(), chosen.month(), chosen.day())

    def set_as_of(self, day: date) -> None:
        """Read the agenda for ``day``."""
        self.as_of.setDate(QDate(day.year, day.month, day.day))

    def set_facts(self, facts: LibraryFacts) -> None:
        """Show the agenda of these library facts."""
        self._facts = facts
        self._recompute()

    def show_agenda(
        self, facts: LibraryFacts, rows: list[AgendaRow], as_of: date, days: int
    ) -> None:
        """Show rows already worked out from ``facts`` for ``as_of`` and ``days``.

        When the date or the days were changed meanwhile, the rows are worked out again.
        """
        if as_of != self.as_of_date() or days != self.days.value():
            self.set_facts(facts)
            return
        self._facts = facts
        self._show_rows(rows)

    def set_review(self, counts: ReviewCounts) -> None:
        """Show the matters whose coverage answers need review (as of the counts' day)."""
        self.review.set_review(counts)

    def rows(self) -> list[AgendaRow]:
        """The rows shown, in order."""
        return self.table.model.rows()

    def _recompute(self) -> None:
        # The rules (and their libraries) load with the first agenda, after the first paint.
        from desktop_app.core.agenda import agenda  # noqa: PLC0415

        if self._facts is None:
            return
        self._show_rows(agenda(self._facts, self.as_of_date(), self.days.value()))

    def _show_rows(self, rows: list[AgendaRow]) -> None:
        self.table.set_rows(rows)
        late = sum(1 for r in rows if r.state in LATE_STATES)
        self.count_label.setText(
            _(
                "{late} overdue or passed, {rest} due within {days} days · Enter or double-click "
                "a row to open its matter"
            ).format(late=late, rest=len(rows) - late, days=self.days.value())
            if rows
            else _("Nothing overdue or due within {days} days.").format(days=self.days.value())
        )

    def _open(self, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE)
        if row is not None:
            self.row_opened.emit(row)

    def _open_review(self, matter: MatterReview) -> None:
        from desktop_app.core.agenda import AgendaRow  # noqa: PLC0415 - loaded with the agenda

        day = self.review.counts.as_of if self.review.counts else self.as_of_date()
        self.row_opened.emit(
            AgendaRow(
                kind="coverage",
                state="review",
                due=day,
                days_left=0,
                matter_id=matter.matter_id,
                matter_number=matter.number,
                matter_title=matter.title,
                title=_("Coverage that needs review"),
                detail="",
                ref_id=0,
            )
        )
