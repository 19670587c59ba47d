"""The main window: Agenda, Docket, Search and Trash on the left, the matter workspace beside.

"Today" is read once per refresh from the ``today`` callable (``date.today`` unless a test or
a screenshot fixes it) and passed down to what depends on the day. What the library warned about
at open (a risky location, a failed automatic backup) shows in a banner just after the first
paint. A restore closes the library and reopens it under the same window (`close_library`,
`reopen_library`). With ``daily_backup`` the window makes the day's backup as it closes.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QCloseEvent, QPaintEvent
from PySide6.QtWidgets import (
    QLabel,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.enums import MatterKind
from desktop_app.core.models import Matter
from desktop_app.core.services import MatterService, Saved
from desktop_app.errors import LibraryLockedError, UserError
from desktop_app.gui.agenda.columns import tab_for
from desktop_app.gui.backups import Backups
from desktop_app.gui.edit_actions import EditActions
from desktop_app.gui.errors import message_for
from desktop_app.gui.gateway import Gateway, Notice
from desktop_app.gui.list_loads import SETTINGS, ListLoads
from desktop_app.gui.list_pane import ListPane
from desktop_app.gui.menus import Controllers, build_menus, show_about
from desktop_app.gui.originals import OriginalCopies
from desktop_app.gui.report_dialog import ReportActions
from desktop_app.gui.retention_actions import RetentionActions
from desktop_app.gui.review_reads import ReviewReads
from desktop_app.gui.search.reveal import reveal_hit
from desktop_app.gui.search.view import SearchView
from desktop_app.gui.session import open_library
from desktop_app.gui.shell import Shell
from desktop_app.gui.tasks import report_failure
from desktop_app.gui.verify import LibraryCheck
from desktop_app.gui.views import SideViews
from desktop_app.gui.widgets.banner import Banner
from desktop_app.gui.widgets.form_state import fit_to_screen
from desktop_app.gui.window_state import restore_state, save_state
from desktop_app.i18n import _
from desktop_app.paths import LibraryPaths

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from desktop_app.core.agenda import AgendaRow
    from desktop_app.core.search_query import SearchHit
    from desktop_app.gui.matter.workspace import MatterWorkspace


class MainWindow(Shell):
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
        self.list_pane = ListPane(self.splitter, settings)
        self.banner = Banner()
        self.setCentralWidget(_stacked(self.banner, self.splitter))
        self.backups = Backups(self)
        self.check = LibraryCheck(gateway, self)
        self.retention = RetentionActions(self)
        self.review = ReviewReads(gateway, self.views.set_review)
        self._state_label = QLabel()
        self.statusBar().addPermanentWidget(self._state_label)
        self.edits = EditActions(self)
        self.reports = ReportActions(self)
        controllers = Controllers(
            self.backups, self.edits, self.retention, self.check, self.views, self.reports,
            self.list_pane,
        )  # fmt: skip
        self._actions = build_menus(self, controllers)
        self._connect()
        self._show_library_state()
        today = lambda: self.today()  # noqa: E731, PLW0108 - read late: "today" can be replaced
        self.lists = ListLoads(
            gateway, self.views, self.search, self.review, self.statusBar, today=today
        )
        self._first_paint_seen = False  # the lists are read just after the window first paints
        if not self._gateway.has_docket():
            self.views.setCurrentWidget(self.docket)  # it offers the sample matters
        self._restore_state()
        self.views.focus_front()
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
        """Reload every list and the open matter (the library was reopened, or restored)."""
        self.lists.refresh()
        if self.matter_id is not None:
            self.open_matter(self.matter_id)

    @property
    def agenda_loaded(self) -> bool:
        """True once the lists have been read (they are read after the window first paints)."""
        return self.lists.loaded

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        """Paint; after the first paint, fill the lists (the window appears without waiting)."""
        super().paintEvent(event)
        if not self._first_paint_seen:
            self._first_paint_seen = True
            QTimer.singleShot(0, self._after_first_paint)

    def _after_first_paint(self) -> None:
        if self._gateway.reader.closed:  # the window was closed before it got this far
            return
        if self._gateway.unchecked:
            self._gateway.check_library(self._library_checked)
        self.lists.start()
        self._gateway.follow_the_clock(self.today)
        self.show_warnings()

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
        self.list_pane.matter_shown()
        self._enable_actions()
        return True

    def _may_leave(self, matter_id: int) -> bool:
        if self._workspace is None or self.matter_id in (None, matter_id):
            return True
        return self._workspace.may_leave(lambda: self.open_matter(matter_id))

    def leave_matter(self) -> None:
        """Close the matter shown (it was moved to the trash, or the library was replaced).

        The docket's selection goes too, so choosing that matter again opens it.
        """
        self.matter_id = None
        self._centre.hide()
        self.list_pane.reveal()  # with no matter open, the lists are all there is
        self.docket.clear_selection()
        self._enable_actions()

    def _enable_actions(self) -> None:
        """Writes on only while the library can be written; the matter's only while one is open."""
        self.edits.update()
        writable, open_ = self._gateway.writable, self.matter_id is not None
        needs_matter = set(self._actions.matter)
        for action in {*self._actions.writes, *needs_matter}:
            action.setEnabled(
                (writable or action not in self._actions.writes)
                and (open_ or action not in needs_matter)
            )

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

    def _after_change(self, notice: Notice) -> None:
        result = notice.result
        saved = result.record if isinstance(result, Saved) else None
        if isinstance(saved, Matter):
            self.matter_id = saved.id
        self.lists.changed(notice.change)
        if self.matter_id is not None and (
            isinstance(saved, Matter)
            or notice.change.concerns(self.matter_id)
            or notice.change.touches(SETTINGS)
        ):
            self.open_matter(self.matter_id)
        if isinstance(result, Saved):
            if isinstance(saved, Matter):
                self.docket.select_matter(saved.id, quiet=True)
            if result.warnings:
                self.statusBar().showMessage(_("Saved. Note: ") + " ".join(result.warnings))
        if isinstance(result, list) and result and isinstance(result[0], Matter):
            self.docket.select_matter(result[0].id)

    def _show_error(self, error: BaseException) -> None:
        report_failure(self, _("Not saved"), error, self._gateway.reader.paths)

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
        self._enable_actions()
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
            fit_to_screen(self)  # a 1366×768 laptop shows the whole window, status bar included
            self.splitter.setSizes([470, 970])  # kept for the workspace while it is hidden
        self.list_pane.sync()

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
