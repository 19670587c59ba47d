"""The main window: Agenda, Docket, Search and Trash on the left, the matter workspace beside.

"Today" is read once per refresh from the ``today`` callable (``date.today`` unless a test or
a screenshot fixes it) and passed down to what depends on the day. What the library warned about
at open (a risky location, a failed automatic backup) shows in a banner just after the first
paint. A restore closes the library and reopens it under the same window (`close_library`,
`reopen_library`). With ``daily_backup`` the window makes the day's backup as it closes.
"""

from __future__ import annotations

import gc
import logging
import sqlite3
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QCloseEvent, QPaintEvent
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.enums import MatterKind
from desktop_app.core.models import Matter, MatterSummary
from desktop_app.core.services import MatterService, Saved
from desktop_app.errors import LibraryLockedError, UserError
from desktop_app.gui.agenda.columns import tab_for
from desktop_app.gui.backups import Backups
from desktop_app.gui.errors import message_for
from desktop_app.gui.gateway import Gateway
from desktop_app.gui.lists import AgendaRead, Lists, read_agenda, read_lists
from desktop_app.gui.menus import build_menus, show_about
from desktop_app.gui.originals import OriginalCopies
from desktop_app.gui.retention_actions import RetentionActions
from desktop_app.gui.review_reads import ReviewReads
from desktop_app.gui.search.reveal import reveal_hit
from desktop_app.gui.search.view import SearchView
from desktop_app.gui.session import open_library
from desktop_app.gui.verify import LibraryCheck
from desktop_app.gui.views import SideViews
from desktop_app.gui.widgets.banner import Banner
from desktop_app.gui.window_state import restore_state, save_state
from desktop_app.i18n import _
from desktop_app.paths import LibraryPaths

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from desktop_app.core.agenda import AgendaRow
    from desktop_app.core.search_query import SearchHit
    from desktop_app.gui.matter.workspace import MatterWorkspace


class MainWindow(QMainWindow):
    """Agenda and docket beside the workspace."""

    def __init__(
        self,
        gateway: Gateway,
        settings: QSettings | None = None,
        today: Callable[[], date] = date.today,
        *,
        daily_backup: bool = False,
    ) -> None:
        super().__init__()
        self._gateway = gateway
        self._settings = settings
        self.today = today
        self._daily_backup = daily_backup
        self.matter_id: int | None = None
        self.setWindowTitle(_("Compliance Desk"))
        self.search = SearchView(gateway)
        self.views = SideViews(today(), self.search)
        self.agenda = self.views.agenda
        self.docket = self.views.docket
        self.copies = OriginalCopies(gateway.reader.paths.root / "opened")
        self._workspace: MatterWorkspace | None = None
        self._centre = QStackedWidget()
        self._centre.hide()  # until a matter opens, the agenda or docket has the whole width
        self.splitter = QSplitter()
        self.splitter.addWidget(self.views)
        self.splitter.addWidget(self._centre)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.banner = Banner()
        self.setCentralWidget(_stacked(self.banner, self.splitter))
        self.backups = Backups(self)
        self.check = LibraryCheck(gateway, self)
        self.retention = RetentionActions(self)
        self.review = ReviewReads(gateway, self.views.set_review)
        self._state_label = QLabel()
        self.statusBar().addPermanentWidget(self._state_label)
        self._write_actions = build_menus(self)
        self._connect()
        self._show_library_state()
        self._painted = False  # the lists are read just after the window first paints
        self._lists_loaded = False
        self._loads = 0
        self._agenda_queued = False
        if not self._gateway.has_docket():
            self.views.setCurrentWidget(self.docket)  # it offers the sample matters
        self._restore_state()
        self.copies.clean()

    def _connect(self) -> None:
        self.agenda.row_opened.connect(self.open_agenda_row)
        self.docket.matter_chosen.connect(self.open_matter)
        self.docket.sample_requested.connect(self.add_sample_matters)
        self.docket.new_matter_requested.connect(self.new_matter)
        self.search.hit_opened.connect(self.open_search_hit)
        self.views.trash.restore_requested.connect(self.retention.restore)
        self.views.trash.purge_requested.connect(self.retention.purge)
        self._gateway.library_changed.connect(self._after_change)
        self._gateway.write_failed.connect(self._show_error)

    @property
    def gateway(self) -> Gateway:
        """The window's way to the library."""
        return self._gateway

    @property
    def library_paths(self) -> LibraryPaths:
        """Where the window's library lives."""
        return self._gateway.reader.paths

    @property
    def workspace(self) -> MatterWorkspace:
        """The matter workspace, built when first needed (a window opens faster without it)."""
        if self._workspace is None:
            from desktop_app.gui.matter.workspace import MatterWorkspace  # noqa: PLC0415

            self._workspace = MatterWorkspace(self._gateway, self.copies)
            self._centre.addWidget(self._workspace)
        return self._workspace

    def workspace_action(self, act: Callable[[MatterWorkspace], object]) -> Callable[[], None]:
        """A menu slot that calls ``act`` on the workspace (built when first needed)."""

        def slot() -> None:
            act(self.workspace)

        return slot

    def refresh(self) -> None:
        """Reload the agenda, the docket, the search results and the open matter.

        Before the window first paints this does nothing: reading 10,000 matters is most of a
        big library's start-up; just after the first paint the lists are read on the build
        worker instead (`_load_lists`), and a refresh meanwhile makes that read moot. The
        agenda is read on the build worker each time (`refresh_agenda`): at 20,000 conditions
        working it out takes a second the window would otherwise freeze for.
        """
        if not self._painted:
            return
        self._loads += 1  # a list still being read off the GUI thread is out of date now
        self._show_lists(self._gateway.docket(), self._gateway.trashed())
        self.refresh_agenda()
        self._lists_shown()

    def _show_lists(self, matters: list[MatterSummary], trashed: list[MatterSummary]) -> None:
        self.docket.set_matters(matters)
        self.search.set_matters(matters)
        self.views.set_trash(trashed)
        self.search.library_changed()

    def _lists_shown(self) -> None:
        """The lists are in place: say so, settle the heap, show the open matter again."""
        if not self._lists_loaded:
            self._lists_loaded = True
            self.statusBar().clearMessage()
        _settle_heap()
        if self.matter_id is not None:
            self.open_matter(self.matter_id)

    def refresh_agenda(self) -> None:
        """Read the agenda again on the build worker; it shows when read (`_agenda_read`)."""
        if not self._painted:
            return
        load, as_of, days = self._loads, self.agenda.as_of_date(), self.agenda.days.value()
        self._gateway.build(
            lambda library: read_agenda(library, as_of, days),
            lambda read: self._agenda_read(read, load),
            lambda error: self._agenda_failed(error, load),
        )

    def _agenda_read(self, read: AgendaRead, load: int) -> None:
        if load == self._loads and not self._gateway.reader.closed:
            self.agenda.show_agenda(read.facts, read.rows, read.as_of, read.days)
            self.review.read(read.as_of)  # the "needs review" counts follow, read off-thread

    def _agenda_failed(self, error: BaseException, load: int) -> None:
        if load != self._loads or self._gateway.reader.closed:
            return
        log.warning("reading the agenda off the GUI thread failed: %s", type(error).__name__)
        self.agenda.set_facts(self._gateway.library_facts())  # here, then; fails as any read

    @property
    def agenda_loaded(self) -> bool:
        """True once the lists have been read (they are read after the window first paints)."""
        return self._lists_loaded

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        """Paint; after the first paint, fill the lists (the window appears without waiting)."""
        super().paintEvent(event)
        if not self._painted and not self._agenda_queued:
            self._agenda_queued = True
            QTimer.singleShot(0, self._first_agenda)

    def _first_agenda(self) -> None:
        if self._gateway.reader.closed:  # the window was closed before it got this far
            return
        self._painted = True
        if self._gateway.unchecked:
            self._gateway.check_library(self._library_checked)
        self._load_lists()
        self._gateway.follow_the_clock(self.today)
        self.show_warnings()

    def _load_lists(self) -> None:
        """Read the docket, trash and agenda on the build worker; `_lists_read` shows them."""
        load, as_of, days = self._loads, self.agenda.as_of_date(), self.agenda.days.value()
        self.statusBar().showMessage(_("Reading the matters and the agenda…"))
        # The read allocates enough to set off full collections on the worker's thread; what
        # exists now (Qt wrappers among it) is kept out of them, to be freed on this thread.
        gc.freeze()
        self._gateway.build(
            lambda library: read_lists(library, as_of, days),
            lambda lists: self._lists_read(lists, load),
            lambda error: self._lists_failed(error, load),
        )

    def _lists_read(self, lists: Lists, load: int) -> None:
        if load != self._loads or self._gateway.reader.closed:
            return  # a refresh since has shown newer lists, or the library closed
        self._show_lists(lists.matters, lists.trashed)
        self._agenda_read(lists.agenda, load)
        self._lists_shown()

    def _lists_failed(self, error: BaseException, load: int) -> None:
        if load != self._loads or self._gateway.reader.closed:
            return
        log.warning("reading the lists off the GUI thread failed: %s", type(error).__name__)
        self.refresh()  # read them here instead; what fails again is reported as any read

    def _library_checked(self, problem: str | None) -> None:
        """The check deferred past the first paint ended; a failing library goes read-only."""
        if problem is None or self._gateway.reader.closed:
            return
        QMessageBox.warning(
            self,
            _("Compliance Desk"),
            _(
                "The library failed its integrity check ({problem}). It is open read-only: "
                "nothing can be changed. Run Tools → Verify library for details, and restore "
                "it from a backup (File → Restore from a backup…)."
            ).format(problem=problem),
        )
        self.close_library()
        reader, worker = open_library(self.library_paths, write=False)
        reader.problem = reader.problem or problem
        self._gateway.attach(reader, worker)
        self._show_library_state()
        self.refresh()

    def show_warnings(self) -> None:
        """Show what the library warned about at open (location, automatic backup), if any."""
        warnings = self._gateway.warnings
        if warnings:
            self.banner.show_text("\n".join(warnings))
            self.statusBar().showMessage(_("Warning: ") + warnings[0], 15000)

    def open_matter(self, matter_id: int) -> bool:
        """Show a matter in the workspace, as of today; False if the person stayed on another.

        Leaving a matter whose memo draft has unsaved edits asks first (Save, Discard, Cancel).
        """
        if not self._may_leave(matter_id):
            if self.matter_id is not None:
                self.docket.select_matter(self.matter_id, quiet=True)
            return False
        self.matter_id = matter_id
        gateway = self._gateway
        self.workspace.show_matter(
            gateway.record(matter_id), lambda: gateway.history(matter_id), self.today()
        )
        self._centre.setCurrentWidget(self.workspace)
        self._centre.show()
        return True

    def _may_leave(self, matter_id: int) -> bool:
        if self._workspace is None or self.matter_id in (None, matter_id):
            return True
        return self._workspace.may_leave(lambda: self.open_matter(matter_id))

    def leave_matter(self) -> None:
        """Close the matter shown (it was moved to the trash, or the library was replaced)."""
        self.matter_id = None
        self._centre.hide()

    def open_agenda_row(self, row: AgendaRow) -> None:
        """Open the matter of an agenda row on the tab that shows what the row is about."""
        self.docket.select_matter(row.matter_id, quiet=True)
        if not self.open_matter(row.matter_id):
            return
        self.show_tab(tab_for(row))
        self.workspace.reveal(row.kind, row.ref_id)

    def open_search_hit(self, hit: SearchHit) -> None:
        """Open a search result's matter on the tab that shows the record, the record selected."""
        if hit.matter_id is None:
            return
        self.docket.select_matter(hit.matter_id, quiet=True)
        if self.open_matter(hit.matter_id):
            reveal_hit(self.workspace, hit, self.search.words())

    def open_case(self, number: str) -> None:
        """Select and show the matter with this number; NotFoundError if there is none."""
        matter = self._gateway.find_matter(number)
        self.docket.select_matter(matter.id, quiet=True)
        self.open_matter(matter.id)

    def show_tab(self, name: str) -> None:
        """Bring a workspace tab to the front."""
        self.workspace.show_tab(name)

    def new_matter(self) -> None:
        """Open the dialog for a new matter."""
        from desktop_app.gui.matter.matter_dialog import MatterDialog  # noqa: PLC0415 - on demand

        self.workspace.open_dialog(
            MatterDialog(
                Matter(title="", kind=MatterKind.LICENSE_APPLICATION),
                self._gateway.submitter(MatterService.create_matter),
                self,
            )
        )

    def add_sample_matters(self) -> None:
        """Add the illustrative sample matters (those not yet present)."""
        from desktop_app.samples import add_sample_matters  # noqa: PLC0415 - readers on demand

        self._gateway.run(add_sample_matters, self._samples_added)

    def _samples_added(self, added: list[Matter]) -> None:
        text = (
            _("Added {n} sample matters.").format(n=len(added))
            if added
            else _("The sample matters are already in the library.")
        )
        self.statusBar().showMessage(text, 8000)

    def _after_change(self, result: object) -> None:
        saved = result.record if isinstance(result, Saved) else None
        if isinstance(saved, Matter):
            self.matter_id = saved.id
        self.refresh()
        if isinstance(result, Saved):
            if isinstance(saved, Matter):
                self.docket.select_matter(saved.id, quiet=True)
            if result.warnings:
                self.statusBar().showMessage(_("Saved. Note: ") + " ".join(result.warnings))
        if isinstance(result, list) and result and isinstance(result[0], Matter):
            self.docket.select_matter(result[0].id)

    def _show_error(self, error: BaseException) -> None:
        message = message_for(error, self._gateway.reader.paths)
        if message is None:
            raise error
        QMessageBox.warning(self, _("Not saved"), message)

    def about(self) -> None:
        """Version, library folder and reference-data edition."""
        show_about(self, self._gateway)

    def _show_library_state(self) -> None:
        writable = self._gateway.writable
        state = str(self._gateway.reader.paths.root)
        if not writable:
            state += _("  —  read-only")
        title = _("Compliance Desk") if writable else _("Compliance Desk — read-only")
        self.setWindowTitle(title)
        for action in self._write_actions:
            action.setEnabled(writable)
        self.docket.sample_button.setEnabled(writable)
        self.docket.new_button.setEnabled(writable)
        self.views.trash.set_editable(writable)
        self._state_label.setText(state)

    def may_close_library(self) -> bool:
        """True when closing the library loses nothing (else ask about unsaved memo edits)."""
        return self._workspace is None or self._workspace.may_leave(lambda: None)

    def close_library(self) -> None:
        """Finish pending work and close every connection (before a restore)."""
        self.search.timer.stop()
        self.leave_matter()
        self._gateway.release()

    def reopen_library(self) -> bool:
        """Open the library again after `close_library` and show it; False if it cannot be.

        A library another process took meanwhile opens read-only; one that cannot be opened at
        all is explained and the window closes.
        """
        paths = self.library_paths
        try:
            try:
                reader, worker = open_library(paths, write=True)
            except LibraryLockedError:
                reader, worker = open_library(paths, write=False)
        except (UserError, sqlite3.Error) as exc:
            QMessageBox.critical(self, _("Compliance Desk"), message_for(exc, paths) or str(exc))
            self.close()
            return False
        self._gateway.attach(reader, worker)
        self._show_library_state()
        self.refresh()
        self.show_warnings()
        return True

    def _restore_state(self) -> None:
        if not restore_state(self, self.splitter, self._settings):
            self.resize(1440, 860)
            self.splitter.setSizes([470, 970])  # kept for the workspace while it is hidden

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        """Remember the window's geometry and splitter; remove private copies of originals.

        Unsaved memo edits are not dropped: the window asks first, and stays open on Cancel.
        With ``daily_backup``, a due daily backup is made first (the window closes after it).
        """
        if self.backups.restoring:
            event.ignore()
            return
        if self._workspace is not None and not self._workspace.may_leave(self.close):
            event.ignore()
            return
        if self._daily_backup:
            self._daily_backup = False  # once: the backup's end closes the window again
            if self.backups.daily_backup(self.close):
                event.ignore()
                return
        self.search.timer.stop()  # no search starts after the window (and its library) closed
        self.copies.clean()
        save_state(self, self.splitter, self._settings)
        super().closeEvent(event)


def _stacked(banner: QWidget, body: QWidget) -> QWidget:
    """The banner above the body, as the window's central widget."""
    central = QWidget()
    layout = QVBoxLayout(central)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(4)
    layout.addWidget(banner)
    layout.addWidget(body, 1)
    return central


def _settle_heap() -> None:
    """Collect young garbage, then leave everything alive out of later full collections.

    The lists just read (10,000 docket rows, 20,000 conditions) live until the next refresh;
    each full collection that walked them paused the window ~60 ms, as when a big matter
    opened. Frozen objects are still freed when no longer used; only a reference cycle that
    was frozen stays until the process ends, which the young collection first keeps small.
    """
    gc.collect(1)
    gc.freeze()
