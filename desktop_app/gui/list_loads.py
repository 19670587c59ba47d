"""The window's lists — docket, trash, agenda, review counts — read when a change needs them.

They are first read on the build worker just after the window paints (`start`). After that a
typed change notice (`Change`) says which kinds of record a write touched, and only the views
that show one of them are read again (docs/architecture.md, "How a change reaches the screen"):
a note saved on a matter re-reads neither the 10,000-row docket nor the agenda. A restore or a
reopened library reloads everything (`refresh`).
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QStatusBar

from desktop_app.core.authorizations import (
    ClockEvent,
    Condition,
    ConditionLog,
    License,
)
from desktop_app.core.changes import Change
from desktop_app.core.drafts import Setting
from desktop_app.core.models import Item, Matter, MatterSummary, Party
from desktop_app.core.retention import TrashEntry
from desktop_app.gui.gateway import Gateway
from desktop_app.gui.lists import AgendaRead, Lists, read_agenda, read_lists
from desktop_app.gui.review_reads import ReviewReads
from desktop_app.gui.search.view import SearchView
from desktop_app.gui.views import SideViews
from desktop_app.i18n import _
from desktop_app.storage.codec import TABLES
from desktop_app.storage.coverage_reads import FACT_KINDS, SCREENED

log = logging.getLogger(__name__)


def _kinds(*kinds: type) -> frozenset[str]:
    return frozenset(TABLES[kind] for kind in kinds)


DOCKET = _kinds(Matter, Party, Item, TrashEntry)
"""What a docket or trash row shows: the matter and its party and item counts."""
AGENDA = _kinds(
    Matter, Condition, ConditionLog, License, ClockEvent, TrashEntry, Setting, *SCREENED
)
"""What the agenda is worked out from (`queries.library_facts`), the holiday calendar included,
and its screening lines (a party's potential matches waiting for counsel's decision)."""
REVIEW = _kinds(Matter, TrashEntry, Setting, *FACT_KINDS, *SCREENED)
"""What the "needs review" counts are worked out from (`coverage_reads.coverage_facts`)."""
SETTINGS = _kinds(Setting)
"""Library-wide settings (holidays, paper) that change what an open matter shows."""


class ListLoads:
    """Reads the lists off the GUI thread and again after the changes that touch them."""

    def __init__(
        self,
        gateway: Gateway,
        views: SideViews,
        search: SearchView,
        review: ReviewReads,
        status: Callable[[], QStatusBar],
        *,
        today: Callable[[], date] = date.today,
    ) -> None:
        self._today = today
        self._gateway = gateway
        self._views = views
        self._search = search
        self._review = review
        self._status = status
        self._painted = False
        self.loaded = False
        """True once the lists have been read (they are read after the window first paints)."""
        self._docket_loads = 0  # a docket read still on its way is stale once this moves on
        self._agenda_loads = 0

    def start(self) -> None:
        """Read the docket, trash and agenda on the build worker (just after the first paint)."""
        self._painted = True
        docket, agenda = self._docket_loads, self._agenda_loads
        as_of, days = self._views.agenda.as_of_date(), self._views.agenda.days.value()
        self._status().showMessage(_("Reading the matters and the agenda…"))
        # The read allocates enough to set off full collections on the worker's thread; what
        # exists now (Qt wrappers among it) is kept out of them, to be freed on this thread.
        gc.freeze()
        self._gateway.build(
            lambda library: read_lists(library, as_of, days),
            lambda lists: self._lists_read(lists, docket, agenda),
            lambda error: self._lists_failed(error, docket),
        )

    def refresh(self) -> None:
        """Read every list again (the library was reopened, or a read off-thread failed).

        Before the window first paints this does nothing: `start` reads them then.
        """
        self.changed(Change.all())

    def changed(self, change: Change) -> None:
        """Read again the lists ``change`` touches; the search runs its query again."""
        if not self._painted:
            return
        if change.touches(DOCKET):
            self._docket_loads += 1
            self._show_docket(self._gateway.docket(), self._gateway.trashed())
            self._shown()
        else:
            self._search.library_changed()
        if change.touches(AGENDA):
            self.refresh_agenda()
        elif change.touches(REVIEW):
            self._review.read(self._views.agenda.as_of_date())

    def refresh_agenda(self) -> None:
        """Read the agenda again on the build worker; it shows when read."""
        if not self._painted:
            return
        self._agenda_loads += 1
        load = self._agenda_loads
        as_of, days = self._views.agenda.as_of_date(), self._views.agenda.days.value()
        self._gateway.build(
            lambda library: read_agenda(library, as_of, days),
            lambda read: self._agenda_read(read, load),
            lambda error: self._agenda_failed(error, load),
        )

    def _show_docket(self, matters: list[MatterSummary], trashed: list[MatterSummary]) -> None:
        self._views.docket.set_matters(matters)
        self._search.set_matters(matters)
        self._views.set_trash(trashed)
        self._search.library_changed()

    def _shown(self) -> None:
        """The lists are in place: say so the first time, and settle the heap."""
        if not self.loaded:
            self.loaded = True
            self._status().clearMessage()
        _settle_heap()

    def _agenda_read(self, read: AgendaRead, load: int) -> None:
        if load == self._agenda_loads and not self._gateway.reader.closed:
            self._views.agenda.show_agenda(read.facts, read.rows, read.as_of, read.days)
            self._docket_deadlines(read)
            self._review.read(read.as_of)  # the "needs review" counts follow, read off-thread

    def _docket_deadlines(self, read: AgendaRead) -> None:
        """The docket's Next deadline is for today, whatever day the agenda is set to show."""
        today = self._today()
        if read.as_of == today:
            self._views.docket.set_deadlines(read.rows, today, read.days)
            return
        days = read.days
        self._gateway.build(
            lambda library: read_agenda(library, today, days),
            lambda own: self._views.docket.set_deadlines(own.rows, own.as_of, own.days),
            lambda error: log.warning("the docket's deadlines: %s", type(error).__name__),
        )

    def _agenda_failed(self, error: BaseException, load: int) -> None:
        if load != self._agenda_loads or self._gateway.reader.closed:
            return
        log.warning("reading the agenda off the GUI thread failed: %s", type(error).__name__)
        self._views.agenda.set_facts(self._gateway.library_facts())  # here, then

    def _lists_read(self, lists: Lists, docket: int, agenda: int) -> None:
        if self._gateway.reader.closed:
            return
        if docket == self._docket_loads:  # else a change since has shown newer rows
            self._show_docket(lists.matters, lists.trashed)
        self._agenda_read(lists.agenda, agenda)
        self._shown()

    def _lists_failed(self, error: BaseException, docket: int) -> None:
        if docket != self._docket_loads or self._gateway.reader.closed:
            return
        log.warning("reading the lists off the GUI thread failed: %s", type(error).__name__)
        self.refresh()  # read them here instead; what fails again is reported as any read


def _settle_heap() -> None:
    """Collect young garbage, then leave everything alive out of later full collections.

    The lists just read (10,000 docket rows, 20,000 conditions) live until the next refresh;
    each full collection that walked them paused the window ~60 ms, as when a big matter
    opened. Frozen objects are still freed when no longer used; only a reference cycle that
    was frozen stays until the process ends, which the young collection first keeps small.
    """
    gc.collect(1)
    gc.freeze()
