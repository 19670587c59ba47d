"""The workspace tabs whose rows carry coverage answers: the table above, its "Why" pane below.

The pane follows the table's current row, by mouse or arrow keys. F6 (or Shift+F6) moves the
keyboard focus from the table into the pane's factors and back. `CoveragePages` holds the
Parties and Activities tabs and the answers they show.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QSplitter, QVBoxLayout, QWidget

from desktop_app.core.coverage_model import Answer, Coverage
from desktop_app.core.models import Activity, Item, MatterRecord, Party
from desktop_app.gui.matter.columns import activity_columns, activity_when, party_columns
from desktop_app.gui.matter.why_pane import Why, WhyPane
from desktop_app.gui.widgets.record_table import RecordTable
from desktop_app.gui.widgets.table_model import ROW_ROLE
from desktop_app.i18n import _

T = TypeVar("T")
FOCUS_KEYS = ("F6", "Shift+F6")
"""The keys that move the focus between the table and its Why pane."""


class CoverageTab(QWidget, Generic[T]):
    """A table of records and, below it, why the current record's coverage answer is what it is.

    ``explain(record)`` gives what the pane shows for a record (None: nothing to explain).
    """

    def __init__(
        self,
        table: RecordTable[T],
        explain: Callable[[T], Why | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.table = table
        self._explain = explain
        self.why = WhyPane()
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(table)
        self.splitter.addWidget(self.why)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([600, 400])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        table.table.selectionModel().currentRowChanged.connect(self._follow)
        for keys in FOCUS_KEYS:
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.switch_focus)

    def current(self) -> T | None:
        """The record of the table's current row, if any."""
        index = self.table.table.currentIndex()
        record: T | None = index.data(ROW_ROLE) if index.isValid() else None
        return record

    def refresh(self) -> None:
        """Explain the current row again (its answer may have changed)."""
        record = self.current()
        self.why.show_why(None if record is None else self._explain(record))

    def switch_focus(self) -> None:
        """Move the focus into the Why pane's factors, or from the pane back to the table."""
        focused = QApplication.focusWidget()
        if focused is not None and self.why.isAncestorOf(focused):
            self.table.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        else:
            self.why.factors.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _follow(self, current: QModelIndex, _previous: QModelIndex) -> None:
        record = current.data(ROW_ROLE) if current.isValid() else None
        self.why.show_why(None if record is None else self._explain(record))


class CoveragePages:
    """The Parties and Activities tabs: their tables, their answers and their Why panes.

    Parties are answered as of the day the workspace shows (their row question); activities as
    of their own date. ``parties`` and ``items`` name the records the columns point at; the
    workspace keeps them current.
    """

    def __init__(self, parties: dict[int, Party], items: dict[int, Item]) -> None:
        self.party_answers: dict[int, Coverage] = {}
        self.activity_answers: dict[int, Coverage] = {}
        self._parties = parties
        self.parties: RecordTable[Party] = RecordTable(
            _("Parties"), party_columns(parties, self.party_answers), _key
        )
        self.activities: RecordTable[Activity] = RecordTable(
            _("Activities"), activity_columns(parties, items, self.activity_answers), _key
        )
        self.parties_page = CoverageTab(self.parties, self._why_party)
        self.activities_page = CoverageTab(self.activities, self._why_activity)

    def show(
        self,
        record: MatterRecord,
        party_answers: dict[int, Coverage],
        activity_answers: dict[int, Coverage],
    ) -> None:
        """Show a matter's parties and activities with these answers."""
        self.party_answers.clear()
        self.party_answers.update(party_answers)
        self.activity_answers.clear()
        self.activity_answers.update(activity_answers)
        self.parties.set_rows(record.parties)
        self.activities.set_rows(record.activities)
        for page in (self.parties_page, self.activities_page):
            page.table.model.redraw()
            page.refresh()

    def reveal_review(self) -> str | None:
        """Select the first party, else activity, whose answer needs review.

        Returns the name of the tab it is on, or None when no answer needs review.
        """
        for name, table, answers in (
            ("parties", self.parties, self.party_answers),
            ("activities", self.activities, self.activity_answers),
        ):
            for position in range(table.proxy.rowCount()):
                record = table.proxy.index(position, 0).data(ROW_ROLE)
                found = answers.get(_key(record))
                if found is not None and found.answer is Answer.NEEDS_REVIEW:
                    table.table.selectRow(position)
                    return name
        return None

    def _why_party(self, party: Party) -> Why | None:
        found = self.party_answers.get(party.id)
        return None if found is None else Why(party.name, found, _("today"))

    def _why_activity(self, activity: Activity) -> Why | None:
        found = self.activity_answers.get(activity.id)
        if found is None:
            return None
        to = self._parties.get(activity.party_id or 0)
        subject = f"{activity.type.label} — {to.name if to else _('no recipient')}"
        return Why(subject, found, activity_when(activity))


def _key(record: Party | Activity) -> int:
    return record.id
