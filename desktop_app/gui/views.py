"""The left side of the window: the Agenda (home), the Docket, Search and the Trash, a tab each."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QTabWidget, QWidget

from desktop_app.core.models import MatterSummary
from desktop_app.gui.agenda.view import AgendaView
from desktop_app.gui.docket.view import DocketView
from desktop_app.gui.review import ReviewCounts
from desktop_app.gui.search.view import SearchView
from desktop_app.gui.trash.view import TrashView
from desktop_app.i18n import _


class SideViews(QTabWidget):
    """Agenda first and shown at start, then the Docket, Search, and the Trash last."""

    def __init__(self, today: date, search: SearchView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.agenda = AgendaView(today)
        self.docket = DocketView()
        self.search = search
        self.trash = TrashView()
        self.addTab(self.agenda, _("A&genda"))
        self.addTab(self.docket, _("Doc&ket"))
        self.addTab(self.search, _("&Search"))
        self.addTab(self.trash, _("T&rash"))

    def set_trash(self, matters: list[MatterSummary]) -> None:
        """Show the trashed matters, their count in the tab's title."""
        self.trash.set_matters(matters)
        title = _("T&rash ({n})").format(n=len(matters)) if matters else _("T&rash")
        self.setTabText(self.indexOf(self.trash), title)

    def set_review(self, review: ReviewCounts) -> None:
        """Show how many coverage answers need review, per matter, in the agenda and docket."""
        self.agenda.set_review(review)
        self.docket.set_review(review)

    def show_trash(self) -> None:
        """Bring the Trash to the front, its table focused."""
        self.setCurrentWidget(self.trash)
        self.trash.table.table.setFocus()

    def focus_front(self) -> None:
        """Put the focus in the table of the view in front, not in a text field.

        In a text field Ctrl+D and Ctrl+K are editing keys and never reach the window's
        shortcuts (the Docket, Search).
        """
        if self.currentWidget() is self.agenda:
            self.agenda.table.table.setFocus()
        elif self.currentWidget() is self.docket:
            self.docket.table.setFocus()

    def show_agenda(self) -> None:
        """Bring the Agenda to the front, its table focused."""
        self.setCurrentWidget(self.agenda)
        self.agenda.table.table.setFocus()

    def show_docket(self) -> None:
        """Bring the Docket to the front, its table focused."""
        self.setCurrentWidget(self.docket)
        self.docket.table.setFocus()

    def focus_filter(self) -> None:
        """Put the cursor in the docket's filter box."""
        self.setCurrentWidget(self.docket)
        self.docket.filter_box.setFocus()
        self.docket.filter_box.selectAll()

    def show_search(self) -> None:
        """Bring Search to the front, the cursor in its box."""
        self.setCurrentWidget(self.search)
        self.search.focus_box()
