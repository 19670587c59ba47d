"""The left side of the window: the Agenda (home), the Docket and Search, one tab each."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QTabWidget, QWidget

from desktop_app.gui.agenda.view import AgendaView
from desktop_app.gui.docket.view import DocketView
from desktop_app.gui.search.view import SearchView
from desktop_app.i18n import _


class SideViews(QTabWidget):
    """Agenda first and shown at start, then the Docket, then Search."""

    def __init__(self, today: date, search: SearchView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.agenda = AgendaView(today)
        self.docket = DocketView()
        self.search = search
        self.addTab(self.agenda, _("A&genda"))
        self.addTab(self.docket, _("Doc&ket"))
        self.addTab(self.search, _("&Search"))

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
