"""The matter workspace: a header and a tab for each part of the matter file.

The tabs are Overview, Parties, Items, Activities, Correspondence, Determinations, Conditions,
Memos and History. It opens the dialogs for its own records and saves through the gateway; after any
change the main window reloads it with `show_matter`, as of the day it passes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.documents import Direction, Document
from desktop_app.core.history_text import record_names
from desktop_app.core.matter_deadlines import deadline_lines, letter_lines, matter_deadlines
from desktop_app.core.models import Activity, AuditEntry, Item, MatterRecord, Party
from desktop_app.core.people import names
from desktop_app.core.text import visible
from desktop_app.core.withdrawal import in_force
from desktop_app.gui.gateway import Gateway
from desktop_app.gui.matter import TAB_LABELS, TABS
from desktop_app.gui.matter.columns import ITEM_COLUMNS, history_columns
from desktop_app.gui.matter.conditions import ConditionsTab
from desktop_app.gui.matter.correspondence import CorrespondenceTab
from desktop_app.gui.matter.coverage_tab import CoveragePages
from desktop_app.gui.matter.decision_columns import license_rows
from desktop_app.gui.matter.determinations import DeterminationsTab
from desktop_app.gui.matter.document_actions import DocumentActions, local_paths
from desktop_app.gui.matter.memos import MemosTab
from desktop_app.gui.matter.overview import OverviewTab
from desktop_app.gui.matter.record_dialogs import MatterDialogs
from desktop_app.gui.matter.recordkeeping import recordkeeping_line
from desktop_app.gui.matter.screening_tab import ScreeningTab
from desktop_app.gui.matter.withdraw_dialog import Withdrawing
from desktop_app.gui.originals import OriginalCopies
from desktop_app.gui.widgets.form_state import first_field
from desktop_app.gui.widgets.record_table import RecordTable
from desktop_app.i18n import _


class MatterWorkspace(MatterDialogs):
    """One matter, tab by tab."""

    import_finished = Signal(str)
    """An import ended: a one-sentence summary."""

    def __init__(
        self, gateway: Gateway, copies: OriginalCopies, parent: QWidget | None = None
    ) -> None:
        super().__init__(gateway, parent)
        self.copies = copies
        self.header = QLabel()
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        self.header.setWordWrap(True)
        self.header.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.subheader = QLabel()
        self.subheader.setTextFormat(Qt.TextFormat.PlainText)
        self.overview = OverviewTab()
        self._party_names: dict[int, Party] = {}
        self._item_names: dict[int, Item] = {}
        self.coverage = CoveragePages(self._party_names, self._item_names)
        self.parties = self.coverage.parties
        self.items: RecordTable[Item] = RecordTable(_("Items"), ITEM_COLUMNS, _key)
        self.activities = self.coverage.activities
        self._history_pending: Callable[[], list[AuditEntry]] | None = None
        self._people: dict[str, str] = {}
        self._names: dict[str, dict[int, str]] = {}
        self._history: RecordTable[AuditEntry] = RecordTable(
            _("History — every change to this matter, from the audit chain"),
            history_columns(self._people, self._names),
            key=lambda e: e.seq,
            editable=False,
        )
        self.correspondence = CorrespondenceTab(gateway)
        self.determinations = DeterminationsTab(gateway, self.open_dialog)
        self.conditions = ConditionsTab(gateway, self.open_dialog)
        self.memos = MemosTab(gateway)
        self.screening = ScreeningTab(gateway, self.open_dialog)
        self.documents = DocumentActions(
            gateway,
            copies,
            self,
            lambda: self.record.matter.id if self.record else None,
            self.show_tab,
            direction=lambda: self.correspondence.direction.value() or Direction.UNKNOWN,
        )
        self.withdrawing = Withdrawing(
            gateway, self.open_dialog, self, lambda: self.determinations.today
        )
        self._withdrawable()
        self.tabs = QTabWidget()
        pages: dict[str, QWidget] = {
            "parties": self.coverage.parties_page,
            "activities": self.coverage.activities_page,
        }
        for name in TABS:
            self.tabs.addTab(pages.get(name) or getattr(self, name), TAB_LABELS[name])
        self.tabs.currentChanged.connect(self._on_tab_shown)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.subheader)
        layout.addWidget(self.tabs, 1)
        self._connect()

    def _withdrawable(self) -> None:
        """Each table of a withdrawable kind gets Withdraw… / Put back in force (and Delete)."""
        tables: tuple[tuple[RecordTable[Any], Callable[[Any], Any]], ...] = (
            (self.determinations.determinations, lambda d: d),
            (self.determinations.licenses, lambda r: r.license),
            (self.determinations.letters, lambda x: x),
            (self.conditions.register, lambda r: r.condition),
            (self.correspondence.chronology, lambda r: r.document),
        )
        for table, record_of in tables:
            self.withdrawing.attach(table, record_of)

    def _connect(self) -> None:
        tab = self.correspondence
        tab.attach_requested.connect(self.documents.attach_files)
        tab.edit_requested.connect(self.edit_document)
        tab.save_requested.connect(self.save_original)
        tab.open_requested.connect(self.open_original)
        self.documents.import_finished.connect(self.import_finished)
        self.setAcceptDrops(True)
        self.overview.edit_requested.connect(self.edit_matter)
        self.overview.notes.add_requested.connect(self.add_note)
        self.overview.notes.edit_requested.connect(self.edit_note)
        self.overview.notes.remove_requested.connect(self.remove_record)
        for table, edit in (
            (self.parties, self.edit_party),
            (self.items, self.edit_item),
            (self.activities, self.edit_activity),
        ):
            table.add_requested.connect(lambda e=edit: e(None))
            table.edit_requested.connect(edit)
            table.remove_requested.connect(self.remove_record)

    @property
    def history(self) -> RecordTable[AuditEntry]:
        """The History tab, its rows read when it is first shown or looked at."""
        self._fill_history()
        return self._history

    def _fill_history(self) -> None:
        pending, self._history_pending = self._history_pending, None
        if pending is not None:
            self._set_history(pending())

    def _set_history(self, entries: list[AuditEntry]) -> None:
        self._people.clear()
        self._people.update(names(self._gateway.people()))
        self._names.clear()
        if self.record is not None:
            self._names.update(record_names(self.record))
        self._history.set_rows(entries)

    def _on_tab_shown(self, index: int) -> None:
        if self.tabs.widget(index) is self._history:
            self._fill_history()

    def show_matter(
        self,
        record: MatterRecord,
        history: list[AuditEntry] | Callable[[], list[AuditEntry]],
        today: date,
    ) -> None:
        """Fill every tab with this matter, as of ``today``.

        ``history`` may be a function that reads the matter's audit entries: it is then called
        only when the History tab is shown or read (a large matter's history is thousands of
        rows, not worth reading for a tab that is not in front).
        """
        self.record = record
        m = record.matter
        self.header.setText(visible(f"{m.number}  {m.title}"))
        self.subheader.setText(
            f"{m.kind.label} · {m.status.label} · {m.agency.label} · {m.privilege.label}"
        )
        kept = recordkeeping_line(self._gateway.retention_state(m.id), today)
        licenses = license_rows(
            in_force(record.decisions.licenses), {}, today, self._gateway.calendar()
        )
        calendar = self._gateway.calendar()
        deadlines = deadline_lines(matter_deadlines(record, today, calendar))
        self.overview.show_matter(
            m,
            list(record.notes),
            recordkeeping=kept,
            licenses=licenses,
            letters=letter_lines(record),
            deadlines=deadlines,
        )
        self._party_names.clear()
        self._party_names.update({p.id: p for p in record.parties})
        self._item_names.clear()
        self._item_names.update({i.id: i for i in record.items})
        self.coverage.show(
            record,
            self._gateway.coverage(record, today),
            self._gateway.activity_coverage(record, today),
        )
        self.items.set_rows(record.items)
        self.screening.show_matter(record)
        self.correspondence.show_documents(record.documents, record.quarantined)
        self.determinations.show_record(record, today)
        self.conditions.show_record(record, today)
        self.memos.show_record(record, today)
        if callable(history):
            self._history_pending = history
            if self.tabs.currentWidget() is self._history:
                self._fill_history()
        else:
            self._history_pending = None
            self._set_history(history)
        self.set_editable(self._gateway.writable)

    def set_editable(self, editable: bool) -> None:
        """Allow or forbid changes (a read-only library forbids them)."""
        self.overview.edit_button.setEnabled(editable)
        for table in (self.overview.notes, self.parties, self.items, self.activities):
            table.set_editable(editable)
        self.correspondence.set_editable(editable)
        self.determinations.set_editable(editable)
        self.conditions.set_editable(editable)
        self.memos.set_editable(editable)
        self.setAcceptDrops(editable)

    def may_leave(self, then: Callable[[], object]) -> bool:
        """True when leaving this matter loses nothing; else ask (Save calls ``then`` after)."""
        return self.record is None or self.memos.may_leave(then)

    def show_tab(self, name: str) -> None:
        """Bring a tab to the front by name (one of `TABS`), the keys with it.

        The focus goes to the tab's first table (else its first field), so Ctrl+7 then Down
        walks the conditions: never left behind in the docket or in a tab no longer shown.
        """
        self.tabs.setCurrentIndex(TABS.index(name))
        if self.isVisible():
            self._focus_page()

    def _focus_page(self) -> None:
        """Focus the tab's first table with rows (else its first table or field), a row chosen.

        With a row selected, Return, Edit… and Delete act at once.
        """
        page = self.tabs.currentWidget()
        views = _tables_in_tab_order(self.window(), page)
        filled = [v for v in views if v.model() is not None and v.model().rowCount() > 0]
        chosen = filled or views
        target = chosen[0] if chosen else first_field(self.window(), page)
        if target is None:
            return
        target.setFocus(Qt.FocusReason.TabFocusReason)
        if isinstance(target, QTableView) and not target.selectionModel().hasSelection():
            target.selectRow(0)

    def reveal(self, kind: str, ref_id: int) -> None:
        """Select what an agenda row points at: a condition, a license, or coverage to review.

        For "coverage" it is the first party, else activity, whose answer needs review.
        """
        if kind == "obligation":
            self.conditions.select_condition(ref_id)
        elif kind == "license":
            self.determinations.select(self.determinations.licenses, ref_id)
        elif kind == "coverage":
            shown = self.coverage.reveal_review()
            if shown is not None:
                self.show_tab(shown)
                table = self.parties if shown == "parties" else self.activities
                table.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def save_original(self, document: Document) -> None:
        """Save a copy of a document's original where the person chooses."""
        self.documents.save_original(document)

    def open_original(self, document: Document) -> None:
        """Open a private copy of a document's original in the system viewer."""
        self.documents.open_original(document)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        """Accept files dragged from a file manager when a matter is open."""
        if self.record is not None and local_paths(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        """File the dropped files and folders on the open matter."""
        paths = local_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.documents.import_paths(paths)


def _key(record: Party | Item | Activity) -> int:
    return record.id


def _tables_in_tab_order(window: QWidget, page: QWidget) -> list[QAbstractItemView]:
    """The tables and lists under ``page`` that Tab reaches, in the order it reaches them."""
    found: list[QAbstractItemView] = []
    current: QWidget | None = window.nextInFocusChain()
    while current is not None and current is not window:
        takes_tab = bool(current.focusPolicy() & Qt.FocusPolicy.TabFocus)
        shown = current.isVisibleTo(window) and current.isEnabled()
        inside = takes_tab and shown and page.isAncestorOf(current)
        if isinstance(current, QAbstractItemView) and inside and current not in found:
            found.append(current)
        current = current.nextInFocusChain()
    return found
